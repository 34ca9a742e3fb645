"""Two `claimwatch run` daemons on one store: a source or a delivery target is taken by one of them at a time."""

from __future__ import annotations

import subprocess
import sys
from contextlib import contextmanager

import pytest

from claimwatch.flow import run_rounds
from claimwatch.records import Alert, Delivery, Source, Watch
from claimwatch.watch import deliver_pending
from feed_helpers import FeedServer

pytestmark = pytest.mark.backends("sqlite", "postgresql")

_HOLDER = """
import sys
from claimwatch.store import open_store
with open_store(sys.argv[1]) as store, store.exclusive(sys.argv[2]) as ours:
    print("held" if ours else "busy", flush=True)
    sys.stdin.readline()
"""


@contextmanager
def held_by_another_process(location: str, name: str):
    """Another process holding the named lock on the store until the block ends."""
    holder = subprocess.Popen([sys.executable, "-c", _HOLDER, location, name], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        yield
    finally:
        holder.stdin.write("\n")
        holder.stdin.flush()
        holder.wait(timeout=30)


@pytest.fixture
def feed():
    running = FeedServer()
    yield running
    running.close()


def test_a_lock_another_process_holds_is_refused_until_it_lets_go(store, store_location):
    with held_by_another_process(store_location, "source wire"):
        with store.exclusive("source wire") as ours:
            assert not ours
        with store.exclusive("source desk") as ours:
            assert ours
    with store.exclusive("source wire") as ours:
        assert ours


def test_a_source_another_daemon_is_polling_is_left_to_it(store, store_location, feed):
    with store.transaction():
        store.save_source(Source("wire", feed.url))
    with held_by_another_process(store_location, "source wire"):
        assert run_rounds(store, after_batch=None, once=True, allow_private=True, log=lambda _: None) == []
        assert feed.requests == []
    results = run_rounds(store, after_batch=None, once=True, allow_private=True, log=lambda _: None)
    assert [r.source for r in results] == ["wire"] and len(feed.requests) == 1


def test_a_delivery_target_another_daemon_is_sending_to_is_left_to_it(store, store_location, tmp_path):
    out = tmp_path / "alerts.jsonl"
    with store.transaction():
        store.save_watch(Watch("nk", actors=["PRK"]))
        store.add_alert(Alert("nk", "statement", "a:1", "Troops were seen", None, None, None, None))
        delivery = store.save_delivery(Delivery("jsonl", str(out)))
    with held_by_another_process(store_location, f"delivery {delivery}"):
        assert deliver_pending(store, store) == []
        assert not out.exists()
    assert [r.delivered for r in deliver_pending(store, store)] == [1]
    assert len(out.read_text().splitlines()) == 1
