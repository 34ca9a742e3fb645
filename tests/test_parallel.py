"""Reading files in worker processes: same articles, same order, same errors as reading inline."""

from claimwatch.ingest import ingest_sources
from claimwatch.store import SQLiteStore
from tests.conftest import news_page


def make_folder(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    for i in range(12):
        paragraphs = [f"Report {i}: the coast guard of country {i} said patrol boat {i * 17} found debris "
                      f"{i * 3} nautical miles from harbour {i * 11}.", f"Divers from unit {i * 7} will search "
                      f"sector {i * 5} on day {i + 2}, officials said, while navy ship {i * 13} keeps watch."]
        (folder / f"page-{i:02d}.html").write_text(news_page(f"Debris report {i}", paragraphs))
    (folder / "page-05b.html").write_text("<html><body><nav>Home</nav></body></html>")
    (folder / "note.txt").write_text("A note\nThe harbour master said the channel would reopen at noon.")
    return folder


def ingest_with(tmp_path, name, folder, workers):
    """The report and the stored (title, text) pairs in the order they were stored."""
    with SQLiteStore(tmp_path / f"{name}.db") as store:
        report = ingest_sources(store, [str(folder)], workers=workers)
        rows = store._conn.execute("SELECT title, text FROM articles ORDER BY seq").fetchall()
        return report, [tuple(row) for row in rows]


def test_workers_store_the_same_articles_in_the_same_order(tmp_path):
    folder = make_folder(tmp_path)
    inline_report, inline = ingest_with(tmp_path, "inline", folder, 0)
    pooled_report, pooled = ingest_with(tmp_path, "pooled", folder, 2)
    assert pooled == inline
    assert (pooled_report.added, pooled_report.failed) == (inline_report.added, inline_report.failed) == (13, 1)
    assert pooled_report.errors == inline_report.errors
    assert "page-05b.html: no article text" in pooled_report.errors[0]
