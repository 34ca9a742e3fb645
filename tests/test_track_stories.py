"""Articles into stories as they arrive, statements into propositions, and the user's merges and splits."""

import pytest

from claimwatch.errors import TrackingError
from claimwatch.records import ArticlePlacement
from claimwatch.track import merge_stories, proposition_timeline, split_story, story_with_propositions
from tests.track_helpers import figure, report, statement, track

# The store behaviour these tests specify holds on both backends.
pytestmark = pytest.mark.backends("sqlite", "postgresql")

TROOPS = ("The soldiers are thought to be training at bases in the far east of Russia before moving to the front "
          "near Kursk. North Korea and Russia signed a mutual defence treaty in June, and Ukraine says the troops "
          "could reach the fighting within weeks.")
STRIKE = ("Dock workers at Valparaiso walked out over pay, leaving container ships waiting offshore. Exporters of "
          "copper and fruit warned of losses as the strike at the port in Chile entered its third day.")


def spy_agency(article_id="nk-1", published="2024-10-18", outlet="seoul-daily.example.com", **extra):
    return report(article_id, published, outlet, statement(
        "South Korea's spy agency said North Korea had sent 1,500 special forces to Russia.",
        kind="intelligence_agency", source="South Korea's spy agency", actor="KORSPY", country="KOR",
        subject="PRK", predicate="send", object="RUS"),
        title="North Korea sends special forces to Russia, Seoul's spies say", background=TROOPS, **extra)


def kremlin_denial(article_id="nk-2", published="2024-10-19"):
    return report(article_id, published, "wire.example.com", statement(
        "The Kremlin denied that North Korea had deployed troops to Russia.", stance="denies",
        kind="government_body", source="Kremlin", actor="RUSGOV", country="RUS", cue="denied",
        subject="PRKMIL", predicate="deploy", object="RUS"),
        title="Kremlin denies North Korean troops are in Russia", background=TROOPS)


def pentagon(article_id="nk-3", published="2024-10-23"):
    return report(article_id, published, "post.example.org", statement(
        "North Korea has provided soldiers to Russia, the Pentagon confirmed.", stance="confirms",
        kind="government_body", source="Pentagon", actor="USAMIL", country="USA", cue="confirmed",
        subject="PRKGOV", predicate="provide", object="RUS"),
        title="Pentagon confirms North Korean soldiers in Russia", background=TROOPS)


def port_strike(article_id="port-1", published="2024-10-20"):
    return report(article_id, published, "andes.example.cl", statement(
        "The dockers' union said the strike at Valparaiso would last at least a week.", kind="unattributed",
        source="the dockers' union"), title="Dockers strike at Chile's biggest port", background=STRIKE)


def articles_of(store, story_id):
    return store.get_story(story_id).articles


# Joining stories.

def test_articles_sharing_actors_claims_and_words_within_the_window_join_one_story(store):
    first = track(store, *spy_agency())
    assert track(store, *kremlin_denial()) == first
    assert track(store, *pentagon()) == first
    assert articles_of(store, first) == ["nk-1", "nk-2", "nk-3"]


def test_an_unrelated_article_starts_another_story(store):
    troops = track(store, *spy_agency())
    strike = track(store, *port_strike())
    assert strike != troops
    assert articles_of(store, strike) == ["port-1"]
    assert [s.id for s in store.stories()] == [strike, troops]


@pytest.mark.parametrize("published", ["2025-06-01", "2024-03-01"])
def test_an_article_far_outside_the_window_starts_a_new_story(store, published):
    first = track(store, *spy_agency())
    assert track(store, *pentagon("nk-9", published=published)) != first


def test_a_near_duplicate_joins_its_originals_story_even_when_republished_after_the_window(store):
    first = track(store, *spy_agency())
    track(store, *port_strike())
    copy = spy_agency("nk-1-copy", published="2025-03-01", outlet="aggregator.example.net", duplicate_of="nk-1")
    assert track(store, *copy) == first


def test_tracking_the_same_article_twice_changes_nothing(store):
    first = track(store, *spy_agency())
    assert track(store, *spy_agency()) == first
    assert articles_of(store, first) == ["nk-1"]
    [claim] = story_with_propositions(store, first).propositions
    assert len(claim.statements) == 1
    assert store.term_counts([])[1] == 1


def test_the_story_is_named_by_its_earliest_articles_title(store):
    story = track(store, *kremlin_denial())
    track(store, *spy_agency())
    assert store.get_story(story).title == "North Korea sends special forces to Russia, Seoul's spies say"
    assert store.get_story(story).first_published == "2024-10-18"


# Statements into propositions.

def test_on_one_day_the_original_moves_the_status_before_its_copy(store):
    story = track(store, *spy_agency("nk-spy"))
    track(store, *spy_agency("nk-copy", outlet="aggregator.example.net", duplicate_of="nk-spy"))
    [claim] = story_with_propositions(store, story).propositions
    assert [e.article_id for e in claim.statements] == ["nk-spy", "nk-copy"]
    assert claim.status_changes[0].article_id == "nk-spy"


def test_one_claim_told_with_other_verbs_and_speakers_is_one_proposition(store):
    story = track(store, *spy_agency())
    track(store, *kremlin_denial())
    track(store, *pentagon())
    [claim] = story_with_propositions(store, story).propositions
    # Its label is what one of them says, without who says it.
    assert claim.label in ("North Korea had sent 1,500 special forces to Russia",
                           "North Korea had deployed troops to Russia", "North Korea has provided soldiers to Russia")
    assert [(e.article_id, e.stance) for e in claim.statements] == [
        ("nk-1", "asserts"), ("nk-2", "denies"), ("nk-3", "confirms")]
    assert (claim.status, claim.denied, claim.independent_sources) == ("confirmed", True, 2)


def test_a_denial_that_says_too_little_joins_no_claim(store):
    story = track(store, *spy_agency())
    track(store, *report("nk-0", "2024-10-19", "wire.example.com", statement(
        "Pyongyang denied it.", stance="denies", kind="government_body", source="Pyongyang", actor="PRKGOV",
        country="PRK", subject="PRKGOV"), title="North Korea rejects reports of its soldiers in Russia",
        background=TROOPS))
    [claim] = story_with_propositions(store, story).propositions
    assert [e.article_id for e in claim.statements] == ["nk-1"]


def test_a_claim_keeps_its_id_as_statements_join_it(store):
    story = track(store, *spy_agency())
    [first] = story_with_propositions(store, story).propositions
    track(store, *kremlin_denial())
    track(store, *pentagon())
    [claim] = story_with_propositions(store, story).propositions
    assert claim.id == first.id and len(claim.statements) == 3


def test_statements_on_another_matter_found_a_claim_of_their_own(store):
    story = track(store, *report("nk-5", "2024-10-20", "wire.example.com", statement(
        "South Korea's spy agency said North Korea had sent 1,500 special forces to Russia.",
        kind="intelligence_agency", source="South Korea's spy agency", actor="KORSPY", country="KOR"),
        statement("The agency said heavy rain had flooded rice fields across the southern provinces.",
                  kind="intelligence_agency", source="The agency", actor="KORSPY", country="KOR"),
        title="North Korea sends special forces to Russia", background=TROOPS))
    claims = story_with_propositions(store, story).propositions
    assert sorted(len(c.statements) for c in claims) == [1, 1]


def test_a_claims_figures_are_those_its_articles_give_about_its_actors(store):
    article, analysis = spy_agency(figures=[
        figure(1500, "troops", "PRKMIL", "1,500 special forces"),
        figure(3, "ships", "CHL", "three Chilean ships"),
    ])
    story = track(store, article, analysis)
    track(store, *kremlin_denial())
    [claim] = story_with_propositions(store, story).propositions
    assert [(f.value, f.unit, f.article_id, f.outlet) for f in claim.figures] == [
        (1500, "troops", "nk-1", "seoul-daily.example.com")]
    assert claim.figure_summary["troops"]["by_source"] == {"seoul-daily.example.com": [1500]}


# The user's merges and splits.

def test_merge_moves_every_article_and_the_old_id_leads_to_the_merged_story(store):
    early = track(store, *spy_agency())
    late = track(store, *pentagon("nk-9", published="2025-06-01"))
    assert merge_stories(store, early, late) == early
    assert articles_of(store, early) == ["nk-1", "nk-9"]
    assert store.resolve_story(late) == early and store.get_story(late).id == early
    assert story_with_propositions(store, late).id == early
    assert [s.id for s in store.stories()] == [early]
    assert store.story_of("nk-9") == early


def test_split_moves_the_given_articles_to_a_new_story_with_their_statements(store):
    story = track(store, *spy_agency())
    track(store, *kremlin_denial())
    track(store, *pentagon())
    new = split_story(store, story, ["nk-3"])
    assert new != story
    assert articles_of(store, story) == ["nk-1", "nk-2"] and articles_of(store, new) == ["nk-3"]
    assert store.get_story(new).title == "Pentagon confirms North Korean soldiers in Russia"
    [moved] = story_with_propositions(store, new).propositions
    assert [e.article_id for e in moved.statements] == ["nk-3"]
    [kept] = story_with_propositions(store, story).propositions
    assert [e.article_id for e in kept.statements] == ["nk-1", "nk-2"]


def test_a_merge_holds_through_later_articles(store):
    early = track(store, *spy_agency())
    late = track(store, *pentagon("nk-9", published="2025-06-01"))
    merge_stories(store, early, late)
    assert track(store, *kremlin_denial("nk-10", published="2025-06-03")) == early
    assert track(store, *pentagon("nk-9", published="2025-06-01")) == early
    assert articles_of(store, early) == ["nk-1", "nk-9", "nk-10"]


def test_split_articles_stay_where_the_user_put_them_through_later_articles(store):
    story = track(store, *spy_agency())
    track(store, *kremlin_denial())
    track(store, *pentagon())
    new = split_story(store, story, ["nk-2", "nk-3"])
    track(store, *spy_agency("nk-4", published="2024-10-24", outlet="post.example.org"))
    track(store, *pentagon())
    copy = kremlin_denial("nk-2-copy", published="2024-10-25")
    copy[0].duplicate_of = "nk-2"
    assert track(store, *copy) == new
    assert store.story_of("nk-2") == new and store.story_of("nk-3") == new
    assert "nk-1" in articles_of(store, story)


# What cannot be done.

def test_an_unknown_story_is_refused_by_name(store):
    known = track(store, *spy_agency())
    for attempt in (lambda: merge_stories(store, known, "s-missing"), lambda: merge_stories(store, "s-missing", known),
                    lambda: split_story(store, "s-missing", ["nk-1"]),
                    lambda: story_with_propositions(store, "s-missing")):
        with pytest.raises(TrackingError, match="story s-missing: no such story"):
            attempt()


def test_an_unknown_proposition_is_refused_by_name(store):
    with pytest.raises(TrackingError, match="proposition p-missing: no such proposition"):
        proposition_timeline(store, "p-missing")


def test_a_story_cannot_be_merged_with_itself_even_by_its_old_id(store):
    early = track(store, *spy_agency())
    late = track(store, *pentagon("nk-9", published="2025-06-01"))
    with pytest.raises(TrackingError, match=f"stories {early} and {early} are already one story"):
        merge_stories(store, early, early)
    merge_stories(store, early, late)
    with pytest.raises(TrackingError, match=f"{early}.*already one story"):
        merge_stories(store, late, early)


@pytest.mark.parametrize("moving", [[], ["nk-1", "nk-2"], ["nk-1", "nk-2", "nk-1"]])
def test_a_split_must_move_some_but_not_all_of_a_storys_articles(store, moving):
    story = track(store, *spy_agency())
    track(store, *kremlin_denial())
    with pytest.raises(TrackingError, match=f"story {story}: give some of its articles, not none or all"):
        split_story(store, story, moving)
    assert articles_of(store, story) == ["nk-1", "nk-2"]


def test_a_split_refuses_articles_of_other_stories_by_name(store):
    story = track(store, *spy_agency())
    track(store, *kremlin_denial())
    track(store, *port_strike())
    with pytest.raises(TrackingError, match=f"story {story}: articles port-1, nowhere are not in it"):
        split_story(store, story, ["nk-2", "port-1", "nowhere"])
    assert articles_of(store, story) == ["nk-1", "nk-2"]


def test_a_merge_renames_the_absorbed_claim_in_earlier_placements():
    earlier = ArticlePlacement("a-1", "s-1", ("c-old", None, "c-other"))
    assert earlier.with_merged((("c-old", "c-kept"),)).proposition_ids == ("c-kept", None, "c-other")
