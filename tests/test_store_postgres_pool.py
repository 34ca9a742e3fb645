"""What is PostgreSQL's own in the store: a pool of connections shared by a process's threads, what a restart
does to it, and text PostgreSQL cannot hold."""

import threading

import psycopg
import pytest

from claimwatch.errors import StoreError
from claimwatch.records import Alert
from claimwatch.settings import POSTGRES_POOL_SIZE
from claimwatch.store import open_store


@pytest.fixture
def url(postgres_server):
    location = postgres_server.new_database()
    yield location
    postgres_server.drop_database(location)


def connections_of(url):
    with psycopg.connect(url, autocommit=True) as conn:
        return conn.execute("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'claimwatch' "
                            "AND datname = current_database()").fetchone()[0]


def test_one_store_serves_many_threads_at_once_and_counts_every_reaction(url):
    threads, reactions_each = 24, 10
    with open_store(url) as store:
        assert store.shared_between_threads
        failures = []

        def react(reader):
            try:
                for i in range(reactions_each):
                    with store.transaction():
                        store.react("story", f"s{i}", reader, "like")
                    assert store.reaction_counts("story", f"s{i}")["like"] >= 1
            except Exception as exc:  # noqa: BLE001 - reported below
                failures.append(exc)

        workers = [threading.Thread(target=react, args=(f"reader-{n}",)) for n in range(threads)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        assert failures == []
        assert [store.reaction_counts("story", f"s{i}")["like"] for i in range(reactions_each)] == [threads] * reactions_each
        assert connections_of(url) <= POSTGRES_POOL_SIZE


def test_a_transaction_runs_on_one_connection_even_while_other_threads_borrow(url):
    with open_store(url) as store:
        other_thread_read = threading.Event()

        def read_elsewhere():
            store.reaction_counts("story", "s")
            other_thread_read.set()

        with pytest.raises(RuntimeError, match="undo"):
            with store.transaction():
                store.react("story", "s", "reader", "wow")
                reader = threading.Thread(target=read_elsewhere)
                reader.start()
                reader.join()
                raise RuntimeError("undo")
        assert other_thread_read.is_set()
        assert store.reaction_counts("story", "s").get("wow", 0) == 0


def test_a_store_whose_server_restarted_writes_again_on_a_fresh_connection(postgres_server, url):
    with open_store(url) as store:
        with store.transaction():
            store.react("story", "s", "first", "love")
        postgres_server.restart()
        with pytest.raises(StoreError, match="lost the connection to PostgreSQL"):
            with store.transaction():
                store.react("story", "s", "second", "love")
        with store.transaction():
            store.react("story", "s", "second", "love")
        assert store.reaction_counts("story", "s")["love"] == 2


def test_a_nul_in_stored_text_is_dropped_and_the_row_kept(url):
    with open_store(url) as store:
        with store.transaction():
            assert store.add_alert(Alert("ports", "statement", "statement:nul", "Port\x00 talks resume", None, None,
                                         "a1", "Talks resumed\x00.", "https://port.example/a\x00b"))
        [alert] = store.alerts()
    assert (alert.summary, alert.sentence, alert.article_url) == (
        "Port talks resume", "Talks resumed.", "https://port.example/ab")
