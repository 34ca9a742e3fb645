"""The store: schema, migrations, transactions, full-text search, and stores that cannot be written."""

import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
from contextlib import contextmanager

import pytest
from web_helpers import write_lock_held

from claimwatch.errors import SchemaError, StoreBusyError, StoreError
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


@pytest.mark.backends("sqlite", "postgresql")
def test_new_store_records_every_shipped_migration(store, backend):
    versions = sorted(row[0] for row in store._conn.execute("SELECT version FROM _claimwatch_migrations"))
    assert versions == [step.version for step in available_migrations(backend)]
    assert store.schema_version == versions[-1]


@pytest.mark.backends("sqlite", "postgresql")
def test_reopening_a_store_applies_nothing_twice(store_location, backend):
    open_store(store_location).close()
    with open_store(store_location) as again:
        assert again._conn.execute("SELECT count(*) FROM _claimwatch_migrations").fetchone()[0] == len(
            available_migrations(backend))


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


def test_an_unreachable_postgresql_server_is_a_store_error_naming_the_host_without_the_password():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(StoreError) as refused:
        open_store(f"postgresql://analyst:s3cret-word@127.0.0.1:{port}/claimwatch")
    message = str(refused.value)
    assert f"127.0.0.1:{port}" in message and "check that the server runs" in message
    assert "s3cret-word" not in message and "\n" not in message


@pytest.mark.backends("sqlite", "postgresql")
def test_failed_transaction_leaves_nothing_behind(store):
    with pytest.raises(RuntimeError), store.transaction():
        insert(store, article("a", "Ships were seen near the cable on Sunday evening."))
        raise RuntimeError("crash in the middle of a batch")
    assert store.count_articles() == 0
    assert store._conn.execute("SELECT count(*) FROM near_duplicate_bands").fetchone()[0] == 0


@pytest.mark.backends("sqlite", "postgresql")
def test_a_batch_learns_which_of_its_ids_and_texts_are_stored_in_one_call(store):
    stored = article("a", "Ships were seen near the cable on Sunday evening.")
    with store.transaction():
        insert(store, stored)
    other = article("b", "A ferry was delayed by fog in the strait.")
    assert store.stored_among(["a", "b", "a"], [other.text_hash, stored.text_hash]) == ({"a"}, {stored.text_hash})
    assert store.stored_among([], []) == (set(), set())
    assert store.stored_among(["b"], []) == (set(), set())


@pytest.mark.backends("sqlite", "postgresql")
def test_a_list_of_articles_comes_back_in_the_order_asked_without_the_unknown_ones(store):
    with store.transaction():
        for name in "abc":
            insert(store, article(name, f"Report {name}: ships were seen near the cable on Sunday."))
    assert [a.id for a in store.get_articles(["c", "x", "a", "c", "b"])] == ["c", "a", "b"]
    assert store.get_articles([]) == []


@pytest.mark.backends("sqlite", "postgresql")
def test_article_round_trips_with_every_field(store):
    original = article("a", "Ships were seen near the cable.", title="Ships", url="https://x.example.com/a",
                       published="2024-11-18", authors=["Ana Lind"], extra={"section": "world", "n": [1, 2]})
    with store.transaction():
        insert(store, original)
    loaded = store.get_article("a")
    assert loaded.to_dict() == {**original.to_dict(), "ingested_at": loaded.ingested_at}


@pytest.mark.backends("sqlite", "postgresql")
def test_search_finds_words_in_titles_and_texts_with_stemming(store):
    with store.transaction():
        insert(store, article("a", "Investigators boarded the tanker at dawn.", title="Tanker held"))
        insert(store, article("b", "The navy escorted a ferry.", title="Escort duty"))
    assert [hit.article.id for hit in store.search("tankers")] == ["a"]
    assert [hit.article.id for hit in store.search("escort")] == ["b"]
    assert "[tanker]" in store.search("tanker")[0].marked("[", "]").lower()


@pytest.mark.backends("sqlite", "postgresql")
@pytest.mark.parametrize("query", ['"unbalanced', "U.S.", "AND", "tanker OR", "*"])
def test_search_accepts_text_that_is_not_valid_fts_syntax(store, query):
    with store.transaction():
        insert(store, article("a", "U.S. officials said the tanker was held.", title="Tanker"))
    store.search(query)


@pytest.mark.backends("sqlite", "postgresql")
def test_articles_filter_by_date_and_outlet(store):
    with store.transaction():
        insert(store, article("old", "An early report on the cable.", published="2024-11-01",
                              url="https://a.example.com/1"))
        insert(store, article("new", "A later report on the anchor.", published="2024-12-26",
                              url="https://b.example.org/2"))
    assert [a.id for a in store.articles(since="2024-12-01")] == ["new"]
    assert [a.id for a in store.articles(outlet="example.com")] == ["old"]
    assert [a.id for a in store.articles(limit=1)] == ["old"]


@pytest.fixture
def stored_once(store_location):
    """A store holding one article, closed."""
    with open_store(store_location) as store, store.transaction():
        insert(store, article("a", "Ships were seen near the cable on Sunday evening.", title="Ships seen"))
    return store_location


@pytest.mark.backends("sqlite", "postgresql")
def test_store_opened_read_only_is_read_as_it_is(stored_once):
    with open_store(str(stored_once), read_only=True) as store:
        assert store.read_only
        assert [a.id for a in store.articles()] == ["a"]
        assert [hit.article.id for hit in store.search("cable")] == ["a"]


@pytest.mark.backends("sqlite", "postgresql")
def test_write_to_a_read_only_store_is_a_store_error_saying_what_to_do(stored_once):
    with open_store(str(stored_once), read_only=True) as store:
        with pytest.raises(StoreError, match=r"the store is read-only \(it was opened read-only.*\); to change it"):
            with store.transaction():
                insert(store, article("b", "A second ship was seen near the pipeline."))
        assert store.count_articles() == 1


@pytest.mark.backends("sqlite", "postgresql")
def test_web_setting_of_a_read_only_store_is_its_default_without_storing_it(stored_once):
    with open_store(str(stored_once), read_only=True) as store:
        assert store.web_setting("reader_secret", "first") == "first"
        assert store.web_setting("reader_secret", "second") == "second"


def test_read_only_store_that_needs_a_migration_is_refused_with_what_to_do(stored_once):
    with sqlite3.connect(stored_once) as conn:
        conn.execute("DELETE FROM _claimwatch_migrations WHERE version = (SELECT max(version) FROM "
                     "_claimwatch_migrations)")
    with pytest.raises(SchemaError, match="open it once with write permission"):
        open_store(str(stored_once), read_only=True)


def test_reading_a_missing_store_read_only_is_a_store_error(tmp_path):
    with pytest.raises(StoreError, match="no store there to read"):
        open_store(str(tmp_path / "missing.db"), read_only=True)


@contextmanager
def unwritable(path):
    """A command prefix under which path (a file or a folder) cannot be written, as a user without the permission."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield []
        finally:
            path.chmod(mode)
        return
    # Root writes whatever the mode says; a read-only bind mount, in a mount namespace of its own, stops it.
    prefix = ["unshare", "--mount", "sh", "-c",
              'mount --bind "$0" "$0" && mount -o remount,ro,bind "$0" "$0" && exec "$@"', str(path)]
    probe = [sys.executable, "-c", "import os, sys; sys.exit(os.access(sys.argv[1], os.W_OK))", str(path)]
    try:
        taken = subprocess.run(prefix + probe, capture_output=True, timeout=30).returncode == 0
    except OSError:
        taken = False
    if not taken:
        pytest.skip("running as root, and no read-only bind mount can be made here to take write permission away")
    yield prefix


def claimwatch(prefix, *args):
    return subprocess.run([*prefix, sys.executable, "-m", "claimwatch", *args], capture_output=True, text=True,
                          timeout=120)


@pytest.mark.parametrize("what", ["file", "folder"])
def test_store_without_write_permission_is_listed_and_refuses_writes(tmp_path, what):
    folder = tmp_path / "stores"
    folder.mkdir()
    db = folder / "claimwatch.db"
    with SQLiteStore(db) as store, store.transaction():
        insert(store, article("a", "Ships were seen near the cable on Sunday evening.", title="Ships seen"))
    feed = tmp_path / "more.jsonl"
    feed.write_text("")
    with unwritable(db if what == "file" else folder) as prefix:
        listed = claimwatch(prefix, "articles", "--format", "json", "--db", str(db))
        stories = claimwatch(prefix, "stories", "--format", "json", "--db", str(db))
        written = claimwatch(prefix, "source", "add", str(feed), "--db", str(db))
    assert listed.returncode == 0, listed.stderr
    assert [a["id"] for a in json.loads(listed.stdout)["articles"]] == ["a"]
    assert stories.returncode == 0, stories.stderr
    assert written.returncode != 0
    assert "the store is read-only" in written.stderr and "writable" in written.stderr


@pytest.mark.backends("sqlite", "postgresql")
def test_a_write_kept_waiting_past_its_wait_is_a_store_busy_error_naming_the_store(store, store_location):
    with write_lock_held(store_location):
        started = time.monotonic()
        with pytest.raises(StoreBusyError, match=re.escape(store.location)), store.transaction(wait=0.5):
            pass
        waited = time.monotonic() - started
    assert 0.5 <= waited < 5
    with store.transaction(wait=0.5):
        insert(store, article("a", "The lock is free again, and this write goes through at once."))
    assert store.get_article("a") is not None


@pytest.mark.backends("sqlite", "postgresql")
def test_a_write_waits_for_another_writer_and_goes_ahead_once_it_finishes(store, store_location, caplog):
    with write_lock_held(store_location, release_after=0.5):
        started = time.monotonic()
        with store.transaction(wait=30):
            insert(store, article("a", "Written once the other writer had committed its batch."))
        waited = time.monotonic() - started
    assert 0.4 <= waited < 25
    assert store.get_article("a") is not None
    waiting = [r.getMessage() for r in caplog.records if "waiting up to 30 s" in r.getMessage()]
    assert waiting == [f"{store.location}: another writer is storing; waiting up to 30 s for it to finish"]


@pytest.mark.backends("sqlite", "postgresql")
def test_reads_go_on_while_another_writer_holds_the_store(store, store_location):
    with store.transaction():
        insert(store, article("a", "The lighthouse keeper logged three tankers passing the point at dawn."))
    with write_lock_held(store_location):
        started = time.monotonic()
        assert [a.id for a in store.articles()] == ["a"]
        assert [hit.article.id for hit in store.search("lighthouse")] == ["a"]
        assert store.get_article("a") is not None
        assert time.monotonic() - started < 5  # not the 10 s of SQLite's busy timeout


def test_a_postgresql_restart_mid_ingest_loses_nothing_committed_and_the_rerun_completes(postgres_server, tmp_path):
    url = postgres_server.new_database()
    try:
        first = [article(f"r{i}", f"Ferry number {i} was delayed by fog in the northern strait today.")
                 for i in range(6)]
        with open_store(url) as store:
            with store.transaction():
                for item in first[:3]:
                    insert(store, item)
            postgres_server.restart()
            with pytest.raises(StoreError, match="lost the connection to PostgreSQL.*run the same command again"):
                with store.transaction():
                    insert(store, first[3])
        with open_store(url) as again:
            assert again.count_articles() == 3
            with again.transaction():
                for item in first[3:]:
                    insert(again, item)
            assert sorted(a.id for a in again.articles()) == [f"r{i}" for i in range(6)]
    finally:
        postgres_server.drop_database(url)


def test_an_empty_postgresql_database_opened_read_only_is_refused_as_not_a_store(postgres_server):
    url = postgres_server.new_database()
    try:
        with pytest.raises(SchemaError, match="not a claimwatch store, and it is read-only"):
            open_store(url, read_only=True)
        open_store(url).close()
        with open_store(url, read_only=True) as store:
            assert store.count_articles() == 0
    finally:
        postgres_server.drop_database(url)


@pytest.mark.backends("sqlite", "postgresql")
def test_a_token_bucket_in_the_store_allows_its_rate_and_refills_with_time(store):
    takes = [store.take_token("reader", "r1", 3, 1000.0) for _ in range(4)]
    assert [allowed for allowed, _ in takes] == [True, True, True, False]
    assert takes[-1][1] == pytest.approx(0.0)
    # Three a minute: one more token every 20 s; another key has its own bucket.
    assert store.take_token("reader", "r1", 3, 1010.0)[0] is False
    assert store.take_token("reader", "r1", 3, 1021.0)[0] is True
    assert store.take_token("reader", "r2", 3, 1021.0) == (True, pytest.approx(2.0))
    assert store.take_token("address", "r1", 3, 1021.0)[0] is True
