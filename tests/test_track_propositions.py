"""A statement's facets: one key for one claim however it is worded."""

import pytest

from claimwatch.records import Proposition, Statement
from claimwatch.track.propositions import PropositionKey, statement_key

SENT = PropositionKey("PRK", "supply", "RUS")


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
def test_one_claim_worded_with_other_verbs_and_role_codes_has_one_key(subject, verb):
    assert key_of(subject, verb, "RUSGOV" if verb == "provide" else "RUS") == SENT


@pytest.mark.parametrize("verb", ["say", "announce", "comment"])
def test_a_speech_verb_gives_no_predicate_and_drops_whom_it_addresses(verb):
    assert key_of("RUSGOV", verb, "USA") == PropositionKey("RUS", None, None)


def test_a_place_stands_for_the_recipient_when_no_object_is_named():
    assert key_of("PRK", "send", None, "Kursk", {"kursk": "RUS"}) == SENT


def test_an_object_that_is_the_subject_itself_is_dropped():
    assert key_of("PRKGOV", "send", "PRK") == PropositionKey("PRK", "supply", None)
