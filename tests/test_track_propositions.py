"""Statements to propositions: one key for one claim however it is worded, which keys fit, readable labels."""

import pytest

from claimwatch.records import Proposition, Statement
from claimwatch.track.propositions import PropositionKey, best_fit, fits, proposition_id, proposition_label, \
    statement_key

SENT = PropositionKey("PRK", "supply", "RUS")
ATTACKS = PropositionKey("PRK", "attack", "UKR")


def key_of(subject, predicate, obj=None, location=None, places=None):
    said = Statement("", 0, 0, None, None, None, "unattributed", "asserts", None,
                     Proposition(subject, predicate, obj, location))
    return statement_key(said, places or {})[0]


@pytest.mark.parametrize(("subject", "verb"), [
    ("PRK", "send"),          # North Korea sent troops to Russia
    ("PRKMIL", "deploy"),     # North Korean soldiers were deployed to Russia
    ("PRKGOV", "provide"),    # Pyongyang provided drones to Russia
    ("PRK", "dispatch"),
])
def test_one_claim_worded_with_other_verbs_and_role_codes_has_one_key_and_one_id(subject, verb):
    key = key_of(subject, verb, "RUSGOV" if verb == "provide" else "RUS")
    assert key == SENT
    assert proposition_id(key) == proposition_id(SENT)


def test_the_id_is_stable_and_differs_between_claims():
    assert proposition_id(SENT) == proposition_id(PropositionKey("PRK", "supply", "RUS"))
    assert proposition_id(SENT).startswith("p") and len(proposition_id(SENT)) == 12
    assert proposition_id(SENT) != proposition_id(ATTACKS)


@pytest.mark.parametrize("verb", ["say", "announce", "comment"])
def test_a_speech_verb_gives_no_predicate_and_drops_whom_it_addresses(verb):
    assert key_of("RUSGOV", verb, "USA") == PropositionKey("RUS", None, None)


def test_a_place_stands_for_the_recipient_when_no_object_is_named():
    assert key_of("PRK", "send", None, "Kursk", {"kursk": "RUS"}) == SENT


def test_an_object_that_is_the_subject_itself_is_dropped():
    assert key_of("PRKGOV", "send", "PRK") == PropositionKey("PRK", "supply", None)


def test_a_partial_key_fits_a_full_one_when_every_part_it_knows_agrees():
    assert fits(PropositionKey("PRK", None, None), SENT)
    assert fits(PropositionKey("PRK", "supply", None), SENT)
    assert not fits(PropositionKey("PRK", "attack", None), SENT)
    assert not fits(PropositionKey("RUS", None, None), SENT)


def test_a_subject_only_key_fits_only_a_claim_whose_object_its_sentence_names():
    candidates = [(SENT, "p-sent", 3)]
    denial = PropositionKey("PRK", None, None)
    assert best_fit(denial, candidates, frozenset({"PRK", "RUS"})) == "p-sent"
    assert best_fit(denial, candidates, frozenset({"PRK"})) is None


def test_a_key_with_a_predicate_needs_no_object_named():
    assert best_fit(PropositionKey("PRK", "supply", None), [(SENT, "p-sent", 1)]) == "p-sent"


def test_the_best_supported_fitting_claim_wins():
    candidates = [(SENT, "p-sent", 2), (ATTACKS, "p-attacks", 5), (PropositionKey("RUS", "attack", "UKR"), "p-r", 9)]
    assert best_fit(PropositionKey("PRK", None, None), candidates, frozenset({"RUS", "UKR"})) == "p-attacks"


@pytest.mark.parametrize("key", [PropositionKey(None, None, None), PropositionKey(None, None, "RUS")])
def test_a_key_knowing_nothing_or_only_an_object_fits_nothing(key):
    assert best_fit(key, [(SENT, "p-sent", 4)], frozenset({"PRK", "RUS"})) is None


def test_no_candidate_fits_gives_none():
    assert best_fit(PropositionKey("IRN", "supply", None), [(SENT, "p-sent", 4)]) is None


def test_the_label_reads_as_a_sentence_naming_what_is_sent():
    assert proposition_label(SENT, "North Korea sent 1,500 soldiers to Russia.") == \
        "North Korea sends troops to Russia"
    assert proposition_label(SENT, "Pyongyang provided 40 drones to Moscow.") == "North Korea sends drones to Russia"


def test_the_label_says_military_aid_when_nothing_counted_is_named():
    assert proposition_label(SENT, "North Korea is helping Russia.") == "North Korea sends military aid to Russia"


def test_the_label_leaves_out_a_missing_recipient_and_adds_a_third_place():
    assert proposition_label(PropositionKey("PRK", "supply", None), "North Korea sent troops.") == \
        "North Korea sends troops"
    assert proposition_label(ATTACKS, "North Korean troops attacked Ukrainian positions.", "RUS") == \
        "North Korea attacks Ukraine (in Russia)"
