"""Every kind of source the ingest command takes, stored with normalised metadata."""

import json

from claimwatch.store import SQLiteStore
from tests.conftest import news_page

STORY = ("Sweden's navy said on Monday it had sent ships to watch a Chinese bulk carrier anchored "
         "near a severed data cable in the Baltic Sea, while Beijing said it was ready to cooperate.")


def stored(db_path):
    with SQLiteStore(db_path) as store:
        return list(store.articles())


def test_text_file_first_line_is_the_title(cli, db_path, tmp_path):
    (tmp_path / "note.txt").write_text("Carrier watched near cut cable\n\n" + STORY + "\n")
    result = cli("ingest", str(tmp_path / "note.txt"))
    assert result.exit_code == 0, result.stderr
    [article] = stored(db_path)
    assert article.title == "Carrier watched near cut cable"
    assert article.text == STORY
    assert article.language == "en"


def test_jsonl_records_keep_their_ids_dates_and_unknown_fields(cli, db_path, tmp_path):
    record = {"id": "baltic-1", "url": "https://www.nordicwire.co.uk/2024/11/20/carrier?utm_source=rss",
              "outlet": "nordicwire.co.uk", "published": "2024-11", "title": "Carrier watched",
              "text": STORY, "date_basis": "url", "section": "world"}
    (tmp_path / "batch.jsonl").write_text(json.dumps(record) + "\n")
    assert cli("ingest", str(tmp_path / "batch.jsonl")).exit_code == 0
    [article] = stored(db_path)
    assert (article.id, article.published, article.outlet) == ("baltic-1", "2024-11", "nordicwire.co.uk")
    assert article.url == "https://www.nordicwire.co.uk/2024/11/20/carrier"
    assert article.extra == {"date_basis": "url", "section": "world"}


def test_json_file_may_hold_a_list_of_records(cli, db_path, tmp_path):
    records = [{"id": f"r{i}", "title": f"Item {i}", "text": f"Report number {i}. " + STORY * (i + 1)}
               for i in range(3)]
    (tmp_path / "list.json").write_text(json.dumps({"articles": records}))
    assert cli("ingest", str(tmp_path / "list.json")).exit_code == 0
    assert sorted(a.id for a in stored(db_path)) == ["r0", "r1", "r2"]


def test_html_file_outlet_and_date_come_from_its_metadata(cli, db_path, tmp_path):
    page = news_page("Carrier watched near cut cable", [STORY, "A second paragraph about the inquiry and "
                     "the ship's route through the Danish straits last week."],
                     canonical="https://www.nordicwire.co.uk/world/carrier?utm_campaign=x")
    (tmp_path / "page.html").write_text(page)
    assert cli("ingest", str(tmp_path / "page.html")).exit_code == 0
    [article] = stored(db_path)
    assert article.outlet == "nordicwire.co.uk"
    assert article.url == "https://www.nordicwire.co.uk/world/carrier"
    assert article.published == "2024-11-04"
    assert article.authors == ["Mira Kovacs"]
    assert article.site_name == "Harbour Gazette"


def test_html_date_falls_back_to_the_url_path(cli, db_path, tmp_path):
    page = news_page("Carrier watched", [STORY, "More on the inquiry into the damaged cable and the ship."],
                     published=None, canonical="https://nordicwire.com/2024/11/21/carrier-watched")
    (tmp_path / "page.html").write_text(page)
    cli("ingest", str(tmp_path / "page.html"))
    assert stored(db_path)[0].published == "2024-11-21"


def test_folders_are_read_recursively_and_other_files_skipped(cli, db_path, tmp_path):
    (tmp_path / "in" / "deeper").mkdir(parents=True)
    (tmp_path / "in" / "a.txt").write_text("First\n" + STORY)
    (tmp_path / "in" / "deeper" / "b.txt").write_text("Second\nA different story: " + STORY[::-1])
    (tmp_path / "in" / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "in" / ".hidden.txt").write_text("Hidden\nnot to be read")
    result = cli("ingest", str(tmp_path / "in"))
    assert result.exit_code == 0, result.stderr
    assert sorted(a.title for a in stored(db_path)) == ["First", "Second"]


def test_stdin_takes_json_lines(cli, db_path):
    line = json.dumps({"id": "stdin-1", "title": "From a pipe", "text": STORY})
    assert cli("ingest", "-", input=line + "\n").exit_code == 0
    assert [a.id for a in stored(db_path)] == ["stdin-1"]


def test_url_page_is_fetched_and_stored(cli, db_path, server):
    url = server.serve("/2024/11/20/carrier.html", news_page("Carrier watched", [STORY, STORY.upper()]))
    result = cli("ingest", url, "--allow-private")
    assert result.exit_code == 0, result.stderr
    [article] = stored(db_path)
    assert article.url == url
    assert article.source == url


def test_summary_counts_each_outcome(cli, tmp_path):
    (tmp_path / "a.txt").write_text("Title\n" + STORY)
    (tmp_path / "b.txt").write_text("Other title\n" + STORY)
    result = cli("ingest", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), str(tmp_path / "missing.txt"))
    assert result.exit_code == 1
    assert "added 1, exact duplicates 1, already stored 0, failed 1" in result.stdout


def test_summary_says_how_many_of_the_added_are_near_duplicates(cli, tmp_path):
    (tmp_path / "a.txt").write_text("Carrier watched\n" + STORY)
    (tmp_path / "b.txt").write_text("Carrier watched, Beijing ready to help\nSTOCKHOLM (Wire) - " + STORY)
    result = cli("ingest", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--no-analyze")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("added 2 (1 of them near-duplicates), exact duplicates 0, already stored 0")
