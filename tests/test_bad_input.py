"""Bad input: one clear line naming the input, the rest of the batch goes on, nothing lost."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from claimwatch.store import SQLiteStore
from tests.conftest import news_page

GOOD_TEXT = ("Estonia's defence minister said on Wednesday that the navy would escort ships near the "
             "Estlink 2 power cable, which stopped working on Christmas Day after a suspected anchor drag.")


@pytest.fixture
def good_file(tmp_path):
    path = tmp_path / "good.txt"
    path.write_text("Navy to escort ships near cable\n" + GOOD_TEXT)
    return str(path)


def stored_titles(db_path):
    with SQLiteStore(db_path) as store:
        return [a.title for a in store.articles()]


def assert_failed_but_good_stored(result, db_path, *needles):
    assert result.exit_code == 1
    assert "failed 1" in result.stdout
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 1, result.stderr
    for needle in needles:
        assert needle in errors[0], errors[0]
    assert stored_titles(db_path) == ["Navy to escort ships near cable"]


def test_missing_file(cli, db_path, good_file, tmp_path):
    missing = str(tmp_path / "nowhere.html")
    result = cli("ingest", missing, good_file)
    assert_failed_but_good_stored(result, db_path, missing, "no such file")


def test_folder_with_nothing_to_ingest(cli, db_path, good_file, tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    result = cli("ingest", str(tmp_path / "empty"), good_file)
    assert_failed_but_good_stored(result, db_path, "empty", "nothing to ingest")


def test_binary_file(cli, db_path, good_file, tmp_path):
    binary = tmp_path / "archive.html"
    binary.write_bytes(bytes(range(256)) * 20)
    result = cli("ingest", str(binary), good_file)
    assert_failed_but_good_stored(result, db_path, "archive.html", "binary")


def test_html_with_no_article_text(cli, db_path, good_file, tmp_path):
    page = tmp_path / "index.html"
    page.write_text("<html><head><title>Home</title></head><body><nav><a href='/'>Home</a>"
                    "<a href='/world'>World</a></nav><footer>About us</footer></body></html>")
    result = cli("ingest", str(page), good_file)
    assert_failed_but_good_stored(result, db_path, "index.html", "no article text")


def test_invalid_json_line_names_its_line_number(cli, db_path, tmp_path):
    lines = [json.dumps({"id": "a", "title": "Navy to escort ships near cable", "text": GOOD_TEXT}),
             '{"id": "b", "title": "broken", "text": "unterminated',
             json.dumps({"id": "c", "title": "Third", "text": "Another report on the cable: " + GOOD_TEXT[::-1]})]
    (tmp_path / "batch.jsonl").write_text("\n".join(lines) + "\n")
    result = cli("ingest", str(tmp_path / "batch.jsonl"))
    assert result.exit_code == 1
    assert f"{tmp_path / 'batch.jsonl'}:2: invalid JSON" in result.stderr
    assert sorted(stored_titles(db_path)) == ["Navy to escort ships near cable", "Third"]


def test_a_line_nested_too_deeply_is_one_error_and_the_lines_after_it_are_read(cli, db_path, tmp_path):
    lines = [json.dumps({"id": "a", "title": "Navy to escort ships near cable", "text": GOOD_TEXT}),
             "[" * 200_000,
             json.dumps({"id": "c", "title": "Third", "text": "Another report on the cable: " + GOOD_TEXT[::-1]})]
    (tmp_path / "deep.jsonl").write_text("\n".join(lines) + "\n")
    result = cli("ingest", str(tmp_path / "deep.jsonl"), "--no-analyze")
    assert result.exit_code == 1
    [error] = [line for line in result.stderr.splitlines() if line.strip()]
    assert f"{tmp_path / 'deep.jsonl'}:2: JSON nested too deeply" in error
    assert sorted(stored_titles(db_path)) == ["Navy to escort ships near cable", "Third"]


def test_a_json_document_nested_too_deeply_is_one_error_line(cli, db_path, good_file, tmp_path):
    (tmp_path / "deep.json").write_text("[" * 200_000)
    result = cli("ingest", str(tmp_path / "deep.json"), good_file, "--no-analyze")
    assert_failed_but_good_stored(result, db_path, "deep.json", "nested too deeply")


@pytest.mark.parametrize("name", ["empty.jsonl", "empty.txt", "empty.html", "blank.jsonl"])
def test_an_empty_file_is_one_error_line_saying_it_holds_no_articles(cli, db_path, good_file, tmp_path, name):
    (tmp_path / name).write_text("\n\n" if name.startswith("blank") else "")
    result = cli("ingest", str(tmp_path / name), good_file, "--no-analyze")
    assert_failed_but_good_stored(result, db_path, str(tmp_path / name), "holds no articles")


def test_record_without_text(cli, db_path, good_file, tmp_path):
    (tmp_path / "empty.jsonl").write_text(json.dumps({"id": "x", "title": "No body", "text": "  "}) + "\n")
    result = cli("ingest", str(tmp_path / "empty.jsonl"), good_file)
    assert_failed_but_good_stored(result, db_path, "empty.jsonl:1", "no 'text'")


def test_malformed_feed(cli, db_path, good_file, tmp_path):
    (tmp_path / "feed.xml").write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
                                       "<item><title>Broken <link>")
    result = cli("ingest", str(tmp_path / "feed.xml"), good_file)
    assert_failed_but_good_stored(result, db_path, "feed.xml", "malformed feed")


@pytest.mark.parametrize(("status", "reason"), [(404, "HTTP 404"), (500, "HTTP 500")])
def test_http_error_status(cli, db_path, good_file, server, status, reason):
    url = server.serve("/story", "<html>gone</html>", status=status)
    result = cli("ingest", url, good_file, "--allow-private")
    assert_failed_but_good_stored(result, db_path, url, reason)


def test_http_time_out(cli, db_path, good_file, server):
    url = server.serve("/slow", news_page("Slow", [GOOD_TEXT]), delay=3)
    started = time.monotonic()
    result = cli("ingest", url, good_file, "--allow-private", "--timeout", "0.5")
    assert time.monotonic() - started < 3
    assert_failed_but_good_stored(result, db_path, url, "timed out")


def test_oversize_response(cli, db_path, good_file, server):
    url = server.serve("/huge", "<html><body>" + "<p>word word word</p>" * 100_000 + "</body></html>")
    result = cli("ingest", url, good_file, "--allow-private", "--max-size", "0.5")
    assert_failed_but_good_stored(result, db_path, url, "limit")


@pytest.mark.parametrize("encoding", ["cp1251", "latin-1"])
def test_pages_in_legacy_encodings_are_decoded(cli, db_path, server, tmp_path, encoding):
    words = {"cp1251": "Финская полиция задержала танкер «Игл С» после повреждения кабеля Estlink 2 в "
                       "Финском заливе; следователи изучают якорь судна.",
             "latin-1": "La police finlandaise a arrêté le pétrolier « Eagle S » après l'avarie du câble "
                        "Estlink 2 ; les enquêteurs examinent l'ancre du navire à Porvoo."}[encoding]
    html = news_page("Танкер" if encoding == "cp1251" else "Pétrolier", [words, words], charset=encoding)
    (tmp_path / "page.html").write_bytes(html.encode(encoding))
    url = server.serve("/page", html.encode(encoding), content_type=f"text/html; charset={encoding}")
    result = cli("ingest", str(tmp_path / "page.html"), url, "--allow-private")
    assert result.exit_code == 0, result.stderr
    with SQLiteStore(db_path) as store:
        [article] = list(store.articles())
    assert words in article.text
    assert article.language == ("ru" if encoding == "cp1251" else "fr")
    assert "exact duplicates 1" in result.stdout


def test_duplicate_id_with_other_text_is_refused(cli, db_path, tmp_path):
    first = {"id": "same", "title": "Navy to escort ships near cable", "text": GOOD_TEXT}
    second = {"id": "same", "title": "Impostor", "text": "Something else entirely about a different event."}
    (tmp_path / "a.jsonl").write_text(json.dumps(first) + "\n" + json.dumps(second) + "\n")
    result = cli("ingest", str(tmp_path / "a.jsonl"))
    assert result.exit_code == 1
    assert f"{tmp_path / 'a.jsonl'}:2: id 'same' is already used by another article" in result.stderr
    assert stored_titles(db_path) == ["Navy to escort ships near cable"]


def test_killed_ingest_completes_on_rerun_without_duplicates(db_path, tmp_path):
    count = 4000
    with (tmp_path / "big.jsonl").open("w") as out:
        for i in range(count):
            words = [f"w{(i * 7919 + j * 104729) % 50021}" for j in range(120)]
            text = f"Report {i}. " + " ".join(words)
            out.write(json.dumps({"id": f"k{i}", "title": f"Report {i}", "text": text}) + "\n")
    command = [sys.executable, "-m", "claimwatch", "ingest", str(tmp_path / "big.jsonl"), "--db", str(db_path),
               "--no-analyze"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    committed = 0
    while committed == 0 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
        if db_path.exists():
            try:
                with sqlite3.connect(db_path, timeout=1) as conn:
                    committed = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            except sqlite3.OperationalError:
                pass
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert 0 < committed < count, "the ingest should be killed part-way"
    rerun = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
        assert conn.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone() == (count, count)
