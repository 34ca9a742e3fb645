"""Watches and their alerts: what fires when a watched claim moves, and that nothing fires twice."""

from __future__ import annotations

import json

import pytest

from claimwatch.errors import ClaimwatchError
from claimwatch.records import Watch
from claimwatch.store import open_store
from claimwatch.watch import fire_alerts, resolve_actor, watch_from_options

pytestmark = pytest.mark.backends("sqlite", "postgresql")


@pytest.fixture
def watched(sample_store_location):
    """A copy of the tracked sample store, and a function that runs the alert hook over all its articles."""
    store = open_store(sample_store_location)

    def fire(*watches: Watch) -> list:
        with store.transaction():
            for watch in watches:
                store.save_watch(watch)
            fire_alerts(store, store, list(store.articles()))
        return store.alerts()

    yield store, fire
    store.close()


def options(**given):
    base = {"actors": [], "keywords": [], "proposition": None, "story": None, "stances": [], "source_kinds": []}
    return {**base, **given}


def test_an_actor_may_be_given_by_code_or_by_name():
    assert resolve_actor("RUSGOV") == "RUSGOV"
    assert resolve_actor("Russia") == "RUS"
    assert resolve_actor("north korea") == "PRK"


def test_an_unknown_actor_name_is_refused_with_what_to_give():
    with pytest.raises(ClaimwatchError, match="--actor 'Atlantis'.*give a code"):
        resolve_actor("Atlantis")


@pytest.mark.parametrize("given, option", [({"stances": ["sure"]}, "--stance"),
                                           ({"source_kinds": ["blogger"]}, "--source-kind")])
def test_a_bad_stance_or_source_kind_is_refused_naming_the_option(given, option):
    with pytest.raises(ClaimwatchError, match=option):
        watch_from_options("w", **options(actors=["RUS"], **given))


def test_a_watch_must_say_what_it_watches():
    with pytest.raises(ClaimwatchError, match="say what to watch"):
        watch_from_options("w", **options(stances=["denies"]))


def test_a_claims_status_changes_alert_in_order_with_their_evidence(watched):
    store, fire = watched
    alerts = fire(Watch("nk", actors=["PRK"]))
    moves = [a for a in alerts if a.kind == "status" and "Pyongyang planned to send" in a.summary]
    # The first article both speculates and reports: its alert gives where the claim stood after it.
    assert [m.summary.split(": now ")[1].split(" ")[0] for m in moves] == ["reported", "denied", "confirmed"]
    for move in moves:
        assert move.watch == "nk" and move.sentence and store.get_article(move.article_id) is not None


def test_a_denial_watch_fires_only_on_denials_by_that_actor(watched):
    _, fire = watched
    alerts = fire(Watch("kremlin-denies", actors=["RUSGOV"], stances=["denies"]))
    statements = [a for a in alerts if a.kind == "statement"]
    assert statements and all(" denies: " in a.summary for a in statements)
    assert all("Kremlin" in a.sentence or "Moscow" in a.sentence or "Russia" in a.sentence for a in statements)


def test_new_independent_sources_and_figures_outside_the_range_alert(watched):
    _, fire = watched
    kinds = {a.kind for a in fire(Watch("nk", actors=["PRK"]))}
    assert {"statement", "status", "source", "figure"} <= kinds


def test_the_same_event_never_alerts_twice(watched):
    store, fire = watched
    first = fire(Watch("nk", actors=["PRK"]))
    again = fire()
    assert len(again) == len(first)
    assert len({(a.watch, a.event_key) for a in again}) == len(again)


def test_a_watch_on_one_story_ignores_the_others(watched):
    store, fire = watched
    story = store.stories()[-1]
    alerts = fire(Watch("one-story", story=story.id))
    assert alerts and {a.story_id for a in alerts} == {story.id}


def test_the_cli_adds_lists_and_removes_watches(cli):
    assert cli("watch", "add", "kremlin", "--actor", "Russia", "--stance", "denies").exit_code == 0
    listed = json.loads(cli("watch", "list", "--format", "json").stdout)["watches"]
    assert listed == [{"name": "kremlin", "actors": ["RUS"], "keywords": [], "proposition": None, "story": None,
                       "stances": ["denies"], "source_kinds": []}]
    assert cli("watch", "remove", "kremlin").exit_code == 0
    assert json.loads(cli("watch", "list", "--format", "json").stdout)["watches"] == []


def test_removing_a_missing_watch_says_so(cli):
    result = cli("watch", "remove", "nothing")
    assert result.exit_code == 1 and "no such watch" in result.stderr


def test_alerts_of_an_unknown_watch_is_an_error_naming_it(cli):
    cli("watch", "add", "kremlin", "--actor", "RUS")
    result = cli("alerts", "--watch", "nope")
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert "watch nope: no such watch" in line and "claimwatch watch list" in line


def test_alerts_of_a_removed_watch_are_still_listed(watched, cli):
    store, fire = watched
    alerts = fire(Watch("nk", actors=["PRK"]))
    with store.transaction():
        store.remove_watch("nk")
    result = cli("alerts", "--db", str(store.location), "--watch", "nk", "--format", "json", db=False)
    assert result.exit_code == 0, result.stderr
    assert len(json.loads(result.stdout)["alerts"]) == len(alerts)


def test_a_bad_watch_is_refused_by_the_cli_with_one_line(cli):
    result = cli("watch", "add", "w", "--actor", "RUS", "--stance", "sure")
    assert result.exit_code == 2 and "--stance 'sure'" in result.stderr


def test_alerts_print_as_json_lines_after_a_given_id(watched, cli):
    store, fire = watched
    alerts = fire(Watch("nk", actors=["PRK"]))
    result = cli("alerts", "--db", str(store.location), "--format", "jsonl", "--since", str(alerts[9].id), db=False)
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["id"] for line in lines] == [a.id for a in alerts[10:]]
    assert {"watch", "kind", "summary", "sentence", "article_id", "article_url", "proposition_id"} <= lines[0].keys()


def test_the_web_app_serves_alerts_as_an_atom_feed(watched, tmp_path):
    import xml.etree.ElementTree as ET

    import httpx
    from web_helpers import Served

    store, fire = watched
    alerts = fire(Watch("nk", actors=["PRK"]))
    served = Served(store.location, log=tmp_path / "serve.log")
    try:
        response = httpx.get(served.url("/alerts.atom?watch=nk"))
    finally:
        served.close()
    assert response.headers["content-type"].startswith("application/atom+xml")
    atom = "{http://www.w3.org/2005/Atom}"
    entries = ET.fromstring(response.content).findall(f"{atom}entry")
    assert len(entries) == min(100, len(alerts))
    newest = entries[0]
    assert newest.find(f"{atom}id").text == f"tag:claimwatch,alert:{alerts[-1].id}"
    assert newest.find(f"{atom}link").get("href").startswith(served.base + "/articles/")
    assert newest.find(f"{atom}content").text
