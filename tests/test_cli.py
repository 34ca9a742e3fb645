"""The commands that read the store (articles, search, show, export), their tables and help, and their start-up."""

import csv
import io
import json
import subprocess
import sys

import pyarrow.parquet as pq
import pytest

RECORDS = [
    {"id": "balloon-1", "url": "https://skywatch.example.com/2023/02/02/balloon", "outlet": "skywatch.example.com",
     "published": "2023-02-02", "title": "Balloon seen over Montana",
     "text": "The Pentagon said a high-altitude surveillance balloon was flying over Montana, and that China "
             "had sent it. Beijing said the airship was a civilian weather balloon blown off course.",
     "section": "world"},
    {"id": "balloon-2", "url": "https://coastpost.example.org/2023/02/04/shot-down", "outlet": "coastpost.example.org",
     "published": "2023-02-04", "title": "Fighter jet shoots down balloon off Carolina coast",
     "text": "An F-22 fighter shot the balloon down over the Atlantic off South Carolina on Saturday, "
             "officials said, and navy divers began recovering the debris from shallow water."},
]


@pytest.fixture
def filled(cli, tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in RECORDS))
    assert cli("ingest", str(path)).exit_code == 0


def test_articles_json_lists_every_article_without_its_text(cli, filled):
    listed = json.loads(cli("articles", "--format", "json").stdout)["articles"]
    assert [a["id"] for a in listed] == ["balloon-1", "balloon-2"]
    assert "text" not in listed[0] and listed[0]["words"] > 20
    assert listed[0]["extra"] == {"section": "world"}


def test_articles_filters_by_date_and_outlet(cli, filled):
    since = [json.loads(line)["id"] for line in cli("articles", "--since", "2023-02-03", "--format", "jsonl").stdout.splitlines()]
    assert since == ["balloon-2"]
    by_outlet = json.loads(cli("articles", "--outlet", "skywatch.example.com", "--format", "json").stdout)
    assert [a["id"] for a in by_outlet["articles"]] == ["balloon-1"]


def test_articles_csv_has_a_header_and_one_row_per_article(cli, filled):
    rows = list(csv.DictReader(io.StringIO(cli("articles", "--format", "csv").stdout)))
    assert [r["id"] for r in rows] == ["balloon-1", "balloon-2"]


def test_articles_table_shows_whole_ids_and_whole_titles(cli, filled):
    table = cli("articles").stdout
    assert "balloon-1" in table and "balloon-2" in table
    assert RECORDS[1]["title"] in table


def test_a_terminal_table_wraps_long_titles_within_its_width_instead_of_cutting_them(monkeypatch):
    from rich.console import Console

    from claimwatch.cli import output

    screen = Console(file=io.StringIO(), force_terminal=True, color_system=None, width=120)
    monkeypatch.setattr(output, "stdout", screen)
    title = ("Navy divers bring up the last pieces of the balloon's payload from shallow water off the coast "
             "of South Carolina, and the debris goes to the FBI laboratory in Virginia")
    row = {"id": "s39b06bcf4c8", "last_published": "2023-02-17", "articles": 8, "status": "confirmed",
           "main_proposition": "United States shoots down the balloon", "title": title}
    output.print_rows([row], "table", key="stories", title="1 stories",
                      columns=("id", "last_published", "articles", "status", "main_proposition", "title"))
    shown = screen.file.getvalue()
    assert max(len(line) for line in shown.splitlines()) <= 120
    assert "…" not in shown
    assert all(word in shown for word in title.split())


def test_search_finds_stored_words(cli, filled):
    results = json.loads(cli("search", "divers", "--format", "json").stdout)["results"]
    assert [r["id"] for r in results] == ["balloon-2"]
    assert "[divers]" in results[0]["snippet"]


def test_show_prints_the_whole_article(cli, filled):
    shown = cli("show", "balloon-1").stdout
    assert "Balloon seen over Montana" in shown and RECORDS[0]["text"] in shown.replace("\n", " ")
    assert json.loads(cli("show", "balloon-1", "--format", "json").stdout)["text"] == RECORDS[0]["text"]


def test_show_unknown_id_says_how_to_find_ids(cli, filled):
    result = cli("show", "nope")
    assert result.exit_code == 1
    assert "no article with id 'nope'" in result.stderr and "claimwatch articles" in result.stderr


def test_export_jsonl_holds_every_field(cli, filled):
    exported = [json.loads(line) for line in cli("export", "--format", "jsonl").stdout.splitlines()]
    assert [e["text"] for e in exported] == [r["text"] for r in RECORDS]
    assert exported[0]["extra"] == {"section": "world"}


def test_export_csv_and_parquet_files(cli, filled, tmp_path):
    assert cli("export", "--format", "csv", "--output", str(tmp_path / "a.csv")).exit_code == 0
    assert len(list(csv.DictReader((tmp_path / "a.csv").open()))) == 2
    assert cli("export", "--format", "parquet", "--output", str(tmp_path / "a.parquet")).exit_code == 0
    table = pq.read_table(tmp_path / "a.parquet")
    assert table.num_rows == 2 and table.column("id").to_pylist() == ["balloon-1", "balloon-2"]


def test_export_parquet_needs_an_output_file(cli, filled):
    result = cli("export", "--format", "parquet")
    assert result.exit_code == 2 and "--output" in result.stderr


def test_db_comes_from_the_environment_when_not_given(cli, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from claimwatch.cli import app

    monkeypatch.setenv("CLAIMWATCH_DB", str(tmp_path / "env.db"))
    (tmp_path / "a.txt").write_text("Title\nA short article about the balloon debris recovered by navy divers.")
    assert CliRunner().invoke(app, ["ingest", str(tmp_path / "a.txt")]).exit_code == 0
    assert (tmp_path / "env.db").exists()


def test_bad_store_path_is_one_clear_line(cli, tmp_path):
    result = cli("articles", "--db", str(tmp_path / "missing" / "x.db"), db=False)
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


def test_articles_since_takes_any_common_date_form(cli, filled):
    listed = cli("articles", "--since", "Feb 3, 2023", "--format", "json").stdout
    assert [a["id"] for a in json.loads(listed)["articles"]] == ["balloon-2"]


def test_articles_since_refuses_what_is_not_a_date(cli, filled):
    result = cli("articles", "--since", "soon")
    assert result.exit_code == 2 and "--since 'soon' is not a date" in result.stderr


def test_help_offers_a_sqlite_file_or_a_postgresql_url_for_the_store(cli):
    shown = " ".join(cli("articles", "--help", db=False).stdout.split())
    assert "SQLite file" in shown
    assert "postgresql://" in shown


def test_importing_the_command_line_does_not_load_spacy():
    found = subprocess.run([sys.executable, "-c", "import sys, claimwatch.cli; print('spacy' in sys.modules)"],
                           capture_output=True, text=True, timeout=120)
    assert found.stdout.strip() == "False", found.stderr


@pytest.mark.parametrize("args", [("ingest", "MISSING"), ("analyze", "MISSING"), ("articles",), ("track",)],
                         ids=["ingest-missing-file", "analyze-missing-file", "articles", "track-nothing"])
def test_commands_with_nothing_to_analyse_never_load_spacy(tmp_path, args):
    command = [a.replace("MISSING", str(tmp_path / "missing.txt")) for a in args]
    if command[0] != "analyze":
        command += ["--db", str(tmp_path / "x.db")]
    # -X importtime lists every module the command imported, on standard error.
    ran = subprocess.run([sys.executable, "-X", "importtime", "-m", "claimwatch", *command],
                         capture_output=True, text=True, timeout=120)
    imported = {line.rsplit("|", 1)[-1].strip() for line in ran.stderr.splitlines() if line.startswith("import time")}
    assert "claimwatch.cli" in imported
    assert "spacy" not in imported
    assert ran.returncode == (1 if args[0] in ("ingest", "analyze") else 0), ran.stderr
