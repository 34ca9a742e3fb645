"""`claimwatch claim add|list|remove`: a claim named in words, every statement judged toward it."""

import json

import httpx
import pytest

from claimwatch.store import open_store
from claimwatch.track import story_with_propositions, tracked_proposition

# The store behaviour these tests specify holds on both backends.
pytestmark = pytest.mark.backends("sqlite", "postgresql")

SPY_SHIP = "The seized trawler was a spy ship"
RESEARCH = "The trawler was a research vessel that lost its way in fog"


def record(article_id, published, title, text):
    return {"id": article_id, "url": f"https://harbour.example.org/{article_id}", "outlet": "harbour.example.org",
            "published": published, "title": title, "text": text}


RECORDS = [
    record("ship-seized", "2025-03-03", "Navy seizes a trawler off the northern cape",
           "Coast guard officials said the trawler seized off the northern cape was a spy ship carrying "
           "listening equipment. The navy said the crew of twelve had been detained in the port."),
    record("ship-embassy", "2025-03-04", "Embassy says the seized trawler was doing research",
           "The embassy said the trawler was a research vessel that had lost its way in thick fog. "
           "The navy said the crew of twelve had been detained in the port."),
    record("ship-fishing", "2025-03-05", "Fishing season opens as the trawler stays in port",
           "The fishing season opened in the southern bays on Tuesday, the fishermen's union said. "
           "The navy said the crew of twelve had been detained in the port."),
]
LATER = record("ship-ministry", "2025-03-07", "Ministry shows the trawler's antennas",
               "The defence ministry confirmed that the seized trawler was a spy ship, and showed photographs of "
               "its antennas. The navy said the crew of twelve had been detained in the port.")


@pytest.fixture
def ingested(cli, tmp_path):
    path = tmp_path / "ships.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in RECORDS))
    result = cli("ingest", str(path), "--pipeline", "fast")
    assert result.exit_code == 0, result.stderr
    return tmp_path


def added(cli, *args):
    result = cli("claim", "add", *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout.split()[1].rstrip(":")


def judged(cli, claim_id):
    timeline = json.loads(cli("timeline", claim_id, "--format", "json").stdout)
    return {(s["article_id"], s["stance"]) for s in timeline["statements"]}, timeline


def test_a_named_claim_gathers_the_stored_statements_that_bear_on_it_with_their_stance(cli, ingested):
    claim_id = added(cli, SPY_SHIP, "--counter", RESEARCH)
    statements, timeline = judged(cli, claim_id)
    # Stating the counter-claim denies the claim; the fishing season and the detained crew bear on neither.
    assert statements == {("ship-seized", "asserts"), ("ship-embassy", "denies")}
    assert timeline["label"] == SPY_SHIP and timeline["named"] is True
    assert timeline["denied"] is True


def test_an_article_ingested_later_is_judged_toward_the_named_claim_and_fires_its_watch(cli, ingested):
    claim_id = added(cli, SPY_SHIP, "--counter", RESEARCH)
    assert cli("watch", "add", "spy-ship", "--claim", claim_id).exit_code == 0
    path = ingested / "later.jsonl"
    path.write_text(json.dumps(LATER) + "\n")
    assert cli("ingest", str(path), "--pipeline", "fast").exit_code == 0
    statements, timeline = judged(cli, claim_id)
    assert ("ship-ministry", "confirms") in statements
    assert timeline["status"] == "confirmed"
    alerts = json.loads(cli("alerts", "--watch", "spy-ship", "--format", "json").stdout)["alerts"]
    assert any(a["article_id"] == "ship-ministry" and a["proposition_id"] == claim_id for a in alerts)


def test_the_story_shows_the_named_claim_before_the_discovered_ones(cli, ingested, store_location):
    claim_id = added(cli, SPY_SHIP, "--counter", RESEARCH)
    with open_store(store_location) as store:
        story = story_with_propositions(store, store.story_of("ship-seized"))
    assert story.propositions[0].id == claim_id and story.propositions[0].named
    assert all(not p.named for p in story.propositions[1:]) and len(story.propositions) > 1


def test_a_storys_propositions_read_together_are_those_read_one_by_one(cli, ingested, store_location):
    claim_id = added(cli, SPY_SHIP, "--counter", RESEARCH)
    with open_store(store_location) as store:
        story = story_with_propositions(store, store.story_of("ship-seized"))
        alone = [tracked_proposition(store, store.get_proposition(p.id), story.id, named=p.named).to_dict()
                 for p in story.propositions]
    assert [p.to_dict() for p in story.propositions] == alone
    assert story.propositions[0].id == claim_id and {s.stance for s in story.propositions[0].statements} == {
        "asserts", "denies"}


def test_a_claim_named_for_one_story_judges_only_that_story(cli, ingested, store_location):
    with open_store(store_location) as store:
        other = store.story_of("ship-fishing")
        assert other != store.story_of("ship-seized")
    statements, _ = judged(cli, added(cli, SPY_SHIP, "--story", other))
    assert statements == set()


def test_claim_list_shows_each_named_claim_with_its_counters_and_count(cli, ingested):
    claim_id = added(cli, SPY_SHIP, "--counter", RESEARCH)
    [row] = json.loads(cli("claim", "list", "--format", "json").stdout)["claims"]
    assert (row["id"], row["text"], row["counters"], row["statements"], row["story"]) == (
        claim_id, SPY_SHIP, [RESEARCH], 2, "every story")


def test_naming_a_claim_again_replaces_it_under_the_same_id(cli, ingested):
    first = added(cli, SPY_SHIP)
    assert added(cli, SPY_SHIP, "--counter", RESEARCH) == first
    assert judged(cli, first)[0] == {("ship-seized", "asserts"), ("ship-embassy", "denies")}
    assert len(json.loads(cli("claim", "list", "--format", "json").stdout)["claims"]) == 1


def test_claim_remove_forgets_the_claim_and_leaves_the_statements(cli, ingested):
    claim_id = added(cli, SPY_SHIP)
    result = cli("claim", "remove", claim_id)
    assert result.exit_code == 0 and claim_id in result.stdout
    assert json.loads(cli("claim", "list", "--format", "json").stdout)["claims"] == []
    assert cli("timeline", claim_id).exit_code != 0
    assert any(p["statements"] for s in json.loads(cli("stories", "--format", "json").stdout)["stories"]
               for p in s["propositions"])


def test_a_claim_of_too_few_words_is_refused_with_what_to_do(cli, ingested):
    result = cli("claim", "add", "it happened")
    assert result.exit_code == 2
    assert "too few words" in result.stderr and "troops are in the region" in result.stderr


def test_a_claim_for_an_unknown_story_is_refused(cli, ingested):
    result = cli("claim", "add", SPY_SHIP, "--story", "s-nothing")
    assert result.exit_code == 1 and "no such story" in result.stderr


def test_removing_an_unknown_claim_says_how_to_find_one(cli, ingested):
    result = cli("claim", "remove", "n-nothing")
    assert result.exit_code == 1 and "claimwatch claim list" in result.stderr


def test_the_story_page_shows_the_named_claim_marked_as_yours(cli, ingested, store_location, tmp_path):
    from web_helpers import Served

    claim_id = added(cli, SPY_SHIP, "--counter", RESEARCH)
    with open_store(store_location) as store:
        story_id = store.story_of("ship-seized")
    served = Served(store_location, log=tmp_path / "serve.log")
    try:
        page = httpx.get(served.url(f"/stories/{story_id}")).text
    finally:
        served.close()
    section = page[page.index(f'id="claim-{claim_id}"'):]
    assert SPY_SHIP in section[:600] and "your claim" in section[:600]
    # The embassy's counter-claim, set against the coast guard's report.
    assert "Who denies it" in section and "1 denial by embassy" in section


def test_a_named_claim_is_about_the_countries_its_words_name_first(cli, ingested):
    claim_id = added(cli, "North Korean troops are fighting for Russia in Kursk")
    timeline = json.loads(cli("timeline", claim_id, "--format", "json").stdout)
    # Its subject is whose own word would acknowledge it; no statement of the ship story bears on it.
    assert (timeline["subject"], timeline["object"], timeline["statements"]) == ("PRK", "RUS", [])
