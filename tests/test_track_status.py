"""A claim's arc: the status ladder, denials beside it, sources counted by origin, contradictions, figures."""

import pytest

from claimwatch.records import Proposition, Statement
from claimwatch.track import status_at
from claimwatch.track.origins import origin_and_chain
from claimwatch.track.propositions import PropositionKey
from claimwatch.track.report import story_with_propositions
from claimwatch.track.status import contradictions, figure_summary, independent_sources, status_changes
from tests.track_helpers import evidence, report, reported_figure, statement, track

# The store behaviour these tests specify holds on both backends.
pytestmark = pytest.mark.backends("sqlite", "postgresql")


def statuses(*items, subject="PRK"):
    return [change.status for change in status_changes(list(items), subject)]


# The ladder: speculated → reported → confirmed → acknowledged.

@pytest.mark.parametrize("stance", ["speculates", "unverified"])
def test_a_hedged_statement_makes_the_claim_speculated(stance):
    assert statuses(evidence(stance, "government_body", country="USA")) == ["speculated"]


@pytest.mark.parametrize("kind", ["media_outlet", "anonymous_official", "unattributed", "expert"])
def test_an_outlet_an_expert_or_an_unnamed_official_asserting_makes_it_reported(kind):
    assert statuses(evidence("asserts", kind)) == ["reported"]


def test_an_intelligence_agency_only_reports_even_when_it_confirms():
    assert statuses(evidence("confirms", "intelligence_agency", country="KOR")) == ["reported"]


@pytest.mark.parametrize("kind", ["named_official", "government_body"])
def test_a_named_official_or_a_government_of_another_country_confirming_confirms(kind):
    assert statuses(evidence("confirms", kind, country="USA")) == ["confirmed"]


@pytest.mark.parametrize("kind", ["named_official", "government_body"])
def test_a_government_of_another_country_only_asserting_reports(kind):
    # Saying so is no confirmation: that takes "confirmed" or the evidence shown.
    assert statuses(evidence("asserts", kind, country="USA")) == ["reported"]


def test_the_subjects_own_government_admitting_the_claim_acknowledges_it():
    assert statuses(evidence("confirms", "government_body", country="PRK")) == ["acknowledged"]


def test_the_subjects_named_official_stating_the_claim_acknowledges_it():
    assert statuses(evidence("asserts", "named_official", country="PRK")) == ["acknowledged"]


def test_acknowledged_needs_the_country_the_claim_is_about():
    # Russia receiving the troops is not North Korea admitting it sent them.
    assert statuses(evidence("confirms", "government_body", country="RUS")) == ["confirmed"]


def test_the_subjects_own_words_that_neither_admit_nor_state_the_claim_acknowledge_nothing():
    # "Pyongyang said its cooperation with Moscow was lawful": the subject speaks, but not the claim.
    assert statuses(evidence("asserts", "named_official", country="PRK", claim=PropositionKey("PRK", None, None))) == []
    # A release from the subject's government reporting the claim is no admission either.
    assert statuses(evidence("asserts", "government_body", country="PRK")) == []
    assert statuses(evidence("confirms", "government_body", country="PRK",
                             claim=PropositionKey("PRK", None, None))) == ["acknowledged"]


def test_the_ladder_is_climbed_in_order_and_never_descends():
    changes = status_changes([
        evidence("speculates", "anonymous_official", date="2024-10-10"),
        evidence("asserts", "intelligence_agency", country="KOR", date="2024-10-18"),
        evidence("confirms", "government_body", country="USA", date="2024-10-23"),
        evidence("asserts", "media_outlet", date="2024-10-25"),
        evidence("confirms", "government_body", country="PRK", date="2025-04-28"),
    ], "PRK")
    assert [(c.date, c.status) for c in changes] == [
        ("2024-10-10", "speculated"), ("2024-10-18", "reported"), ("2024-10-23", "confirmed"),
        ("2025-04-28", "acknowledged")]


def test_a_denial_is_recorded_once_beside_the_status():
    changes = status_changes([
        evidence("asserts", "intelligence_agency", country="KOR", date="2024-10-18"),
        evidence("denies", "government_body", country="RUS", date="2024-10-19", source="Kremlin"),
        evidence("denies", "government_body", country="PRK", date="2024-10-21", source="Pyongyang"),
    ], "PRK")
    assert [(c.status, c.source) for c in changes] == [("reported", None), ("denied", "Kremlin")]
    assert status_at(changes) == ("reported", True)


def test_status_at_a_day_gives_the_status_as_it_stood_then():
    changes = status_changes([
        evidence("asserts", "media_outlet", date="2024-10-18"),
        evidence("denies", "government_body", country="RUS", date="2024-10-19"),
        evidence("confirms", "government_body", country="USA", date="2024-10-23"),
    ], "PRK")
    assert status_at(changes, "2024-10-17") == (None, False)
    assert status_at(changes, "2024-10-18") == ("reported", False)
    assert status_at(changes, "2024-10-22") == ("reported", True)
    assert status_at(changes, "2024-10-23") == ("confirmed", True)


def test_a_claim_only_ever_denied_has_the_status_denied(store):
    article, analysis = report("deny-1", "2024-10-19", "wire.example.com", statement(
        "Pyongyang denied sending troops to Russia.", stance="denies", kind="government_body",
        source="Pyongyang", actor="PRKGOV", country="PRK", subject="PRKGOV", predicate="send", object="RUS"))
    story_id = track(store, article, analysis)
    [claim] = story_with_propositions(store, story_id).propositions
    assert (claim.status, claim.denied) == ("denied", True)


def test_undated_statements_sort_last_and_count_only_for_now(store):
    sent = dict(subject="PRK", predicate="send", object="RUS")
    undated = report("undated", None, "blog.example.com", statement(
        "North Korea sent troops to Russia, the Pentagon confirmed.", stance="confirms", kind="government_body",
        source="Pentagon", actor="USAMIL", country="USA", cue="confirmed", **sent), title="Troops sent")
    dated = report("dated", "2024-10-18", "wire.example.com", statement(
        "North Korea sent troops to Russia, a source said.", kind="anonymous_official", source="a source",
        **sent), title="Troops sent")
    # The undated one comes last: an article of unknown day joins whichever story it fits.
    story = track(store, *dated)
    assert track(store, *undated) == story
    [claim] = story_with_propositions(store, story).propositions
    assert [e.article_id for e in claim.statements] == ["dated", "undated"]
    assert [(c.date, c.status) for c in claim.status_changes] == [("2024-10-18", "reported"), (None, "confirmed")]
    assert status_at(claim.status_changes, "2030-01-01") == ("reported", False)
    assert claim.status == "confirmed"


# Independent sources and contradictions.

def test_independent_sources_counts_distinct_origins_of_supporting_statements_only():
    items = [
        evidence("asserts", "anonymous_official", origin="outlet:seoul-daily.example.com"),
        # A rewrite of the same anonymous report elsewhere: the same origin.
        evidence("asserts", "anonymous_official", origin="outlet:seoul-daily.example.com", outlet="copy.example.com"),
        evidence("confirms", "government_body", country="USA", origin="source:USAMIL"),
        evidence("denies", "government_body", country="RUS", origin="source:RUSGOV"),
        evidence("speculates", "expert", origin="source::lee"),
        evidence("unverified", "government_body", country="USA", origin="source:USAGOV"),
    ]
    assert independent_sources(items) == 2


def test_contradictions_set_each_denier_against_the_official_sources_it_denies():
    items = [
        evidence("asserts", "media_outlet", source="TV Chosun", origin="outlet:tv chosun"),
        evidence("asserts", "intelligence_agency", country="KOR", source="NIS", origin="source:KORSPY"),
        evidence("confirms", "government_body", country="USA", source="Pentagon", origin="source:USAMIL",
                 date="2024-10-23"),
        evidence("denies", "government_body", country="RUS", source="Kremlin", origin="source:RUSGOV",
                 article_id="k1", sentence="The Kremlin denied it."),
        evidence("denies", "government_body", country="RUS", source="Kremlin", origin="source:RUSGOV"),
    ]
    [conflict] = contradictions(items)
    assert conflict["denied_by"] == {"source": "Kremlin", "source_country": "RUS", "source_kind": "government_body",
                                     "date": "2024-10-18", "article_id": "k1", "sentence": "The Kremlin denied it."}
    assert [c["source"] for c in conflict["against"]] == ["NIS", "Pentagon"]


def test_contradictions_gather_each_partys_denials_and_each_opposing_partys_sources():
    items = [
        evidence("confirms", "government_body", country="USA", source="Pentagon", origin="source:USAMIL"),
        evidence("asserts", "named_official", country="USA", source="Austin", origin="source:USAMIL:austin"),
        evidence("denies", "government_body", country="RUS", source="Kremlin", origin="source:RUSGOV",
                 date="2024-10-19", article_id="k1"),
        evidence("denies", "named_official", country="RUS", source="Peskov", origin="source:RUSGOV:peskov",
                 date="2024-10-21", article_id="k2"),
        evidence("denies", "named_official", country="RUS", source="Kremlin", origin="source:RUSGOV",
                 date="2024-10-22", article_id="k3"),
    ]
    [conflict] = contradictions(items)
    assert (conflict["party"], conflict["denials"], conflict["sources"]) == ("RUS", 3, ["Kremlin", "Peskov"])
    assert conflict["denied_by"]["article_id"] == "k1"
    assert [(c["party"], c["sources"]) for c in conflict["against"]] == [("USA", ["Pentagon", "Austin"])]


def test_contradictions_fall_back_to_any_supporter_and_need_one():
    outlet = evidence("asserts", "media_outlet", source="TV Chosun", origin="outlet:tv chosun")
    denial = evidence("denies", "government_body", country="RUS", source="Kremlin", origin="source:RUSGOV")
    assert [c["source"] for c in contradictions([outlet, denial])[0]["against"]] == ["TV Chosun"]
    assert contradictions([denial]) == []


def test_figure_summary_gives_lowest_highest_latest_and_each_outlets_figures():
    summary = figure_summary([
        reported_figure(1500, "seoul-daily.example.com", "2024-10-18"),
        reported_figure(3000, "wire.example.com", "2024-10-23"),
        reported_figure(10000, "seoul-daily.example.com", "2024-10-30", high=12000),
        reported_figure(11000, "wire.example.com", "2024-11-05"),
        reported_figure(40, "wire.example.com", "2024-11-05", unit="drones"),
    ])
    troops = summary["troops"]
    assert troops["reports"] == 4
    assert (troops["lowest"]["value"], troops["lowest"]["date"]) == (1500, "2024-10-18")
    assert (troops["highest"]["value"], troops["highest"]["high"]) == (10000, 12000)
    assert (troops["latest"]["value"], troops["latest"]["outlet"]) == (11000, "wire.example.com")
    assert troops["by_source"] == {"seoul-daily.example.com": [1500, 12000], "wire.example.com": [3000, 11000]}
    assert summary["drones"]["reports"] == 1


# Origins: copies and citations of one source count once.

def said(sentence, source=None, kind="anonymous_official", actor=None, cited=None):
    return Statement(sentence, 0, len(sentence), source, actor, None, kind, "asserts", None,
                     Proposition(None, None, None, None), cited)


def test_the_same_named_speaker_in_two_outlets_is_one_origin():
    first, _ = origin_and_chain(said("Jake Sullivan said the troops had crossed.", "Jake Sullivan",
                                     "named_official", "USAGOV"), "wire.example.com", None)
    second, _ = origin_and_chain(said("Sullivan told reporters the troops had crossed.", "Sullivan",
                                      "named_official", "USAGOV"), "post.example.org", None)
    assert first == second


def test_an_anonymous_claim_in_a_near_duplicate_counts_as_its_originals_outlet():
    claim = said("The troops had crossed, a source said.", "a source")
    copy_origin, chain = origin_and_chain(claim, "copy.example.com", "seoul-daily.example.com")
    original_origin, _ = origin_and_chain(claim, "seoul-daily.example.com", None)
    assert copy_origin == original_origin == "outlet:seoul-daily.example.com"
    assert chain == ["copy.example.com", "seoul-daily.example.com", "a source"]


def test_an_outlet_cited_for_an_unnamed_claim_is_its_origin_and_in_the_chain():
    claim = said("Officials said, according to TV Chosun, that the troops had crossed.", "Officials",
                 cited="TV Chosun")
    origin, chain = origin_and_chain(claim, "wire.example.com", None)
    assert origin == "outlet:tv chosun"
    assert chain == ["wire.example.com", "TV Chosun", "Officials"]


def test_an_outlet_told_the_claim_is_its_origin():
    claim = said("A senior official told Reuters that the troops had crossed.", "A senior official")
    origin, chain = origin_and_chain(claim, "post.example.org", None, frozenset({"reuters"}))
    assert origin == "outlet:reuters" and "Reuters" in chain


def test_unnamed_people_cited_are_no_outlet():
    claim = said("The troops had crossed, according to sources familiar with the matter.", None,
                 cited="sources familiar with the matter")
    assert origin_and_chain(claim, "post.example.org", None)[0] == "outlet:post.example.org"


def test_the_chain_runs_outlet_then_cited_outlet_then_source():
    claim = said("The NIS told Reuters that North Korea had sent troops.", "the NIS", "intelligence_agency",
                 "KORSPY")
    origin, chain = origin_and_chain(claim, "post.example.org", None, frozenset({"reuters"}))
    assert chain == ["post.example.org", "Reuters", "the NIS"]
    assert origin == "source:KORSPY"


def test_an_official_who_told_lawmakers_cites_no_outlet():
    claim = said("North Korea has sent troops to Russia, an intelligence official told South Korean lawmakers.",
                 "an intelligence official")
    origin, chain = origin_and_chain(claim, "seoul-daily.example.com", None)
    assert origin == "outlet:seoul-daily.example.com"
    assert chain == ["seoul-daily.example.com", "an intelligence official"]


def test_a_government_named_by_its_country_or_its_capital_is_one_origin():
    by_country, _ = origin_and_chain(said("Russia denied that the troops had arrived.", "Russia", "government_body",
                                          "RUS"), "wire.example.com", None)
    by_capital, _ = origin_and_chain(said("Moscow denied that the troops had arrived.", "Moscow", "government_body",
                                          "RUSGOV"), "post.example.org", None)
    assert by_country == by_capital
