"""Sources polled unattended: conditional requests, folders read once, bad and hanging sources, restarts."""

from __future__ import annotations

import json
import time
from datetime import datetime

import pytest

from claimwatch.flow import Flow, run_rounds
from claimwatch.records import Source, Watch
from feed_helpers import ITEMS, FeedServer

# The store behaviour these tests specify holds on both backends.
pytestmark = pytest.mark.backends("sqlite", "postgresql")

@pytest.fixture
def feed():
    running = FeedServer()
    yield running
    running.close()


@pytest.fixture(scope="module")
def hook():
    return Flow.loaded("fast")


def once(store, hook, **options):
    lines: list[str] = []
    results = run_rounds(store, after_batch=hook, once=True, allow_private=True, log=lines.append, **options)
    return results, lines


def add_source(store, name, location, every=900.0):
    with store.transaction():
        store.save_source(Source(name=name, location=location, every=every))


def test_a_feed_is_ingested_and_then_asked_for_only_if_changed(store, feed, hook):
    add_source(store, "feed", feed.url)
    [first], lines = once(store, hook)
    assert first.added == 1 and lines[0].startswith("poll feed: 1 new articles")
    [second], _ = once(store, hook)
    assert second.not_modified and feed.requests[-1]["If-None-Match"] == '"v1"'
    feed.publish(ITEMS, '"v2"')
    [third], _ = once(store, hook)
    assert third.added == 1 and store.count_articles() == 2


def test_new_entries_fire_the_watches_alerts_once(store, feed, hook):
    with store.transaction():
        store.save_watch(Watch("nk", actors=["PRK"]))
    add_source(store, "feed", feed.url)
    once(store, hook)
    feed.publish(ITEMS, '"v2"')
    once(store, hook)
    count = len(store.alerts())
    feed.etag = '"v3"'  # same entries, new validator: fetched again, nothing new
    [again], _ = once(store, hook)
    assert count > 0 and again.added == 0 and len(store.alerts()) == count


def test_a_source_answering_garbage_is_logged_backed_off_and_the_others_go_on(store, feed, hook, tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "one.txt").write_text("Talks resume\nChile and Peru resumed fisheries talks on Monday, officials said.")
    feed.mode = "garbage"
    add_source(store, "bad", feed.url, every=60)
    add_source(store, "inbox", str(folder))
    results, lines = once(store, hook)
    by_name = {r.source: r for r in results}
    assert by_name["bad"].error and by_name["inbox"].added == 1
    assert any(line.startswith("poll bad: failed") for line in lines)
    bad = next(s for s in store.sources() if s.name == "bad")
    assert bad.failures == 1 and bad.next_poll_at - time.time() > 60


def test_a_hanging_source_is_cut_off_by_the_timeout(store, feed, hook):
    feed.mode = "hang"
    add_source(store, "slow", feed.url)
    started = time.monotonic()
    [result], _ = once(store, hook, timeout=0.5)
    assert result.error and "timed out" in result.error and time.monotonic() - started < 3


def test_a_folder_source_reads_each_file_once(store, hook, tmp_path):
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "a.txt").write_text("Port reopens\nThe port of Valparaiso reopened on Tuesday, the navy said.")
    add_source(store, "drop", str(folder))
    [first], _ = once(store, hook)
    [second], _ = once(store, hook)
    (folder / "b.txt").write_text("Strike ends\nDock workers in Callao ended their strike, the union said.")
    [third], _ = once(store, hook)
    assert (first.added, second.added, third.added) == (1, 0, 1)


def test_the_cli_adds_pauses_and_removes_sources(cli, tmp_path):
    assert cli("source", "add", str(tmp_path), "--every", "2h", "--name", "here").exit_code == 0
    [listed] = json.loads(cli("source", "list", "--format", "json").stdout)["sources"]
    assert listed["name"] == "here" and listed["every"] == 7200 and not listed["paused"]
    cli("source", "pause", "here")
    assert json.loads(cli("source", "list", "--format", "json").stdout)["sources"][0]["paused"]
    assert cli("source", "remove", "here").exit_code == 0
    assert cli("source", "remove", "here").exit_code == 1


def test_a_bad_interval_is_refused_with_examples(cli, tmp_path):
    result = cli("source", "add", str(tmp_path), "--every", "often")
    assert result.exit_code == 2 and "15m" in result.stderr


@pytest.mark.parametrize("every", ["99999999999d", "31d", "0.5s"])
def test_an_interval_out_of_range_is_refused_with_the_range(cli, tmp_path, every):
    result = cli("source", "add", str(tmp_path), "--every", every)
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert f"--every {every!r}" in line and "1s to 30d" in line
    assert json.loads(cli("source", "list", "--format", "json").stdout)["sources"] == []


@pytest.mark.parametrize(("every", "seconds"), [("1s", 1), ("30d", 30 * 86400)])
def test_the_interval_bounds_themselves_are_accepted(cli, tmp_path, every, seconds):
    assert cli("source", "add", str(tmp_path), "--every", every).exit_code == 0
    assert json.loads(cli("source", "list", "--format", "json").stdout)["sources"][0]["every"] == seconds


def test_run_starts_each_log_line_with_an_iso_timestamp(cli, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "one.txt").write_text("Troops sent\n" + ITEMS[0][2])
    (folder / "broken.json").write_text("{not json")
    cli("source", "add", str(folder), "--name", "in")
    result = cli("run", "--once", "--pipeline", "fast")
    lines = result.stderr.splitlines()
    assert any("poll in: 1 new articles" in line for line in lines), result.stderr
    assert any("broken.json" in line for line in lines), result.stderr
    for line in lines:
        stamp = line.split(" ", 1)[0]
        assert datetime.fromisoformat(stamp).tzinfo is not None, line


def test_run_once_resumes_after_a_restart_without_repeating_alerts(cli, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    cli("watch", "add", "nk", "--actor", "PRK")
    cli("source", "add", str(folder), "--name", "in")
    (folder / "one.txt").write_text("Troops sent\n" + ITEMS[0][2])
    assert cli("run", "--once", "--pipeline", "fast").exit_code == 0
    first = json.loads(cli("alerts", "--format", "json").stdout)["alerts"]
    assert cli("run", "--once", "--pipeline", "fast").exit_code == 0
    (folder / "two.txt").write_text("Deployment confirmed\n" + ITEMS[1][2])
    assert cli("run", "--once", "--pipeline", "fast").exit_code == 0
    after = json.loads(cli("alerts", "--format", "json").stdout)["alerts"]
    assert first and after[:len(first)] == first
    assert len({a["event_key"] for a in after}) == len(after)
    assert len(after) > len(first)  # the new article fired alerts of its own


def test_the_daemon_polls_each_source_on_its_schedule_until_stopped(store, hook, tmp_path):
    folder = tmp_path / "quiet"
    folder.mkdir()
    add_source(store, "quiet", str(folder), every=0.2)
    lines: list[str] = []
    deadline = time.monotonic() + 1.1
    run_rounds(store, after_batch=hook, log=lines.append, should_stop=lambda: time.monotonic() > deadline)
    polls = [line for line in lines if line.startswith("poll quiet:")]
    assert 4 <= len(polls) <= 7


def test_a_poll_that_fails_while_storing_reads_the_same_files_again(store, hook, tmp_path):
    from claimwatch.errors import StoreError

    folder = tmp_path / "again"
    folder.mkdir()
    (folder / "a.txt").write_text("Port reopens\nThe port of Valparaiso reopened on Tuesday, the navy said.")
    add_source(store, "again", str(folder))
    calls = []

    def failing_once(store_, articles):
        calls.append(len(articles))
        if len(calls) == 1:
            raise StoreError("disk full")
        hook.save(store_, articles, None)

    [first], _ = once(store, failing_once)
    [second], _ = once(store, failing_once)
    assert first.error and "disk full" in first.error
    assert second.added == 1 and store.count_articles() == 1
