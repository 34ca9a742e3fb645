"""The SQLite store: schema, migrations, transactions and full-text search."""

import sqlite3

import pytest

from claimwatch.errors import SchemaError, StoreError
from claimwatch.ingest import normalize_draft
from claimwatch.ingest.dedup import fingerprint, normalized_text
from claimwatch.ingest.draft import Draft
from claimwatch.store import SQLiteStore, open_store
from claimwatch.store.migrations import available_migrations


def article(id_, text, **fields):
    return normalize_draft(Draft(text=text, input=id_, source="test", id=id_, **fields))


def insert(store, item):
    signature = fingerprint(normalized_text(item.text))
    store.insert_article(item, signature.minhash, signature.band_keys)


def test_new_store_uses_wal_and_foreign_keys(store):
    assert store._conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store._conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_new_store_records_every_shipped_migration(store):
    versions = [row[0] for row in store._conn.execute("SELECT version FROM _claimwatch_migrations")]
    assert versions == [step.version for step in available_migrations("sqlite")]
    assert store.schema_version == versions[-1]


def test_reopening_a_store_applies_nothing_twice(db_path):
    SQLiteStore(db_path).close()
    with SQLiteStore(db_path) as again:
        assert again._conn.execute("SELECT count(*) FROM _claimwatch_migrations").fetchone()[0] == len(
            available_migrations("sqlite"))


def test_store_with_a_newer_schema_is_refused(db_path):
    SQLiteStore(db_path).close()
    with sqlite3.connect(db_path) as conn:
        conn.execute("INSERT INTO _claimwatch_migrations VALUES (9999, 'future', '2030-01-01')")
    with pytest.raises(SchemaError, match="newer than this claimwatch knows"):
        SQLiteStore(db_path)


def test_a_file_that_is_not_a_database_is_a_store_error(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("just some notes, not SQLite " * 100)
    with pytest.raises(StoreError, match="notes.db: cannot open as a claimwatch store"):
        SQLiteStore(path)


def test_store_in_a_missing_folder_is_a_store_error(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        SQLiteStore(tmp_path / "no" / "such" / "claimwatch.db")


def test_postgresql_url_gets_a_clear_error_until_that_backend_exists():
    with pytest.raises(StoreError, match="use a SQLite file path"):
        open_store("postgresql://localhost/claimwatch")


def test_failed_transaction_leaves_nothing_behind(store):
    with pytest.raises(RuntimeError), store.transaction():
        insert(store, article("a", "Ships were seen near the cable on Sunday evening."))
        raise RuntimeError("crash in the middle of a batch")
    assert store.count_articles() == 0
    assert store._conn.execute("SELECT count(*) FROM near_duplicate_bands").fetchone()[0] == 0


def test_article_round_trips_with_every_field(store):
    original = article("a", "Ships were seen near the cable.", title="Ships", url="https://x.example.com/a",
                       published="2024-11-18", authors=["Ana Lind"], extra={"section": "world", "n": [1, 2]})
    with store.transaction():
        insert(store, original)
    loaded = store.get_article("a")
    assert loaded.to_dict() == {**original.to_dict(), "ingested_at": loaded.ingested_at}


def test_search_finds_words_in_titles_and_texts_with_stemming(store):
    with store.transaction():
        insert(store, article("a", "Investigators boarded the tanker at dawn.", title="Tanker held"))
        insert(store, article("b", "The navy escorted a ferry.", title="Escort duty"))
    assert [hit.article.id for hit in store.search("tankers")] == ["a"]
    assert [hit.article.id for hit in store.search("escort")] == ["b"]
    assert "[tanker]" in store.search("tanker")[0].marked("[", "]").lower()


@pytest.mark.parametrize("query", ['"unbalanced', "U.S.", "AND", "tanker OR", "*"])
def test_search_accepts_text_that_is_not_valid_fts_syntax(store, query):
    with store.transaction():
        insert(store, article("a", "U.S. officials said the tanker was held.", title="Tanker"))
    store.search(query)


def test_articles_filter_by_date_and_outlet(store):
    with store.transaction():
        insert(store, article("old", "An early report on the cable.", published="2024-11-01",
                              url="https://a.example.com/1"))
        insert(store, article("new", "A later report on the anchor.", published="2024-12-26",
                              url="https://b.example.org/2"))
    assert [a.id for a in store.articles(since="2024-12-01")] == ["new"]
    assert [a.id for a in store.articles(outlet="example.com")] == ["old"]
    assert [a.id for a in store.articles(limit=1)] == ["old"]
