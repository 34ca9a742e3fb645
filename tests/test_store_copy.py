"""`claimwatch store copy`: a whole store moved between SQLite and PostgreSQL, table for table, and resumed."""

from __future__ import annotations

import json
import shutil

import pytest

from claimwatch.errors import StoreError
from claimwatch.records import Source
from claimwatch.store import open_store
from claimwatch.store.copying import TABLES, copy_store
from claimwatch.track import stories_report


def stories_of(location):
    with open_store(location) as store:
        return json.dumps(stories_report(store), sort_keys=True)


@pytest.fixture
def database(postgres_server):
    url = postgres_server.new_database()
    yield url
    postgres_server.drop_database(url)


@pytest.fixture
def sample_copy(sample_db, tmp_path):
    """A copy of the session's sample store that this test may change."""
    return str(shutil.copyfile(sample_db, tmp_path / "sample.db"))


def test_a_store_copied_to_postgresql_and_back_is_the_same_table_for_table(sample_copy, database, tmp_path):
    back = str(tmp_path / "back.db")
    with open_store(sample_copy) as origin, open_store(database) as target:
        there = copy_store(origin, target)
    with open_store(database) as origin, open_store(back) as target:
        again = copy_store(origin, target)
    assert [c.table for c in there] == list(TABLES)
    assert all(check.same for check in there + again)
    assert next(c for c in there if c.table == "tracked_statements").source_rows > 0
    assert stories_of(sample_copy) == stories_of(database) == stories_of(back)


def test_a_copy_cut_short_and_run_again_ends_the_same_without_duplicates(sample_copy, database):
    def cut_short(table, rows):
        if table == "story_articles":
            raise KeyboardInterrupt

    with open_store(sample_copy) as origin, open_store(database) as target:
        with pytest.raises(KeyboardInterrupt):
            copy_store(origin, target, on_table=cut_short, batch=7)
        checks = copy_store(origin, target, batch=7)
    assert all(check.same for check in checks)


def test_a_copy_into_a_store_holding_other_articles_is_refused_naming_one(sample_copy, cli, db_path):
    other = cli("ingest", "-", "--no-analyze",
                input='{"id": "own-1", "text": "A ferry ran aground off the cape at dawn today."}\n')
    assert other.exit_code == 0, other.stderr
    with open_store(sample_copy) as origin, open_store(str(db_path)) as target:
        with pytest.raises(StoreError, match="'own-1'.*copy into a new, empty store"):
            copy_store(origin, target)


def test_ids_handed_out_after_a_copy_follow_the_copied_ones(sample_copy, database):
    with open_store(sample_copy) as origin:
        with origin.transaction():
            first = origin.save_source(Source("wire", "https://wire.example.com/feed.xml"))
        with open_store(database) as target:
            copy_store(origin, target)
    with open_store(database) as target, target.transaction():
        assert target.save_source(Source("desk", "https://desk.example.com/feed.xml")) > first


def test_a_copy_into_postgresql_leaves_the_planner_statistics_of_every_table(sample_copy, database):
    with open_store(sample_copy) as origin, open_store(database) as target:
        copy_store(origin, target)
        rows = target._conn.execute("SELECT relname FROM pg_stat_user_tables WHERE last_analyze IS NULL").fetchall()
    assert {row[0] for row in rows}.isdisjoint(TABLES)


def test_the_cli_copies_lists_every_table_and_says_it_checks_out(sample_copy, database, cli):
    result = cli("store", "copy", "--from", sample_copy, "--to", database, db=False)
    assert result.exit_code == 0, result.stderr
    assert all(table in result.stdout for table in TABLES)
    assert "every table checks out" in result.stdout
    assert "copied articles:" in result.stderr


def test_the_cli_refuses_to_copy_a_store_onto_itself(sample_copy, cli):
    result = cli("store", "copy", "--from", sample_copy, "--to", sample_copy, db=False)
    assert result.exit_code == 2
    assert "name the same store" in result.stderr
