"""Sources: who a statement comes from, of what kind and country, as the article itself tells."""

import pytest

from claimwatch.analyze import installed_model
from tests.analysis_helpers import analyse

# Behaviours that need the parse (appositives, heads of phrases, pronouns' antecedents).
full_only = pytest.mark.skipif(installed_model() is None, reason="en_core_web_sm is not installed")


def described(statement):
    return statement.source_kind, statement.source_country


def statement_from(text, sentence_start, pipeline="full"):
    """The statement whose sentence starts with these words."""
    return next(s for s in analyse(text, pipeline).statements if s.sentence.startswith(sentence_start))


@full_only
def test_a_pronoun_is_the_person_named_before_not_the_body_heard_last():
    text = ("Chilean Foreign Minister Ana Torres said the vessel had left port. "
            "Peru's navy said it had not seen the ship. She added that the crew was safe.")
    statement = statement_from(text, "She added")
    assert (statement.source, *described(statement)) == ("She", "named_official", "CHL")


@full_only
def test_a_surname_alone_is_the_person_named_in_full_earlier():
    text = ("Ana Torres, Chile's foreign minister, flew to Lima on Monday. "
            "The talks went well, Torres said on Tuesday.")
    assert described(statement_from(text, "The talks went well")) == ("named_official", "CHL")


@full_only
def test_an_appositive_gives_an_unlisted_person_role_and_country():
    text = "Lars Holm, a spokesman for the Norwegian foreign ministry, said the tanker had been inspected."
    [statement] = analyse(text).statements
    assert described(statement) == ("named_official", "NOR")


@full_only
def test_a_spokeswoman_of_someone_named_is_no_anonymous_source():
    text = "Brazilian senator Paulo Reis fell ill on a flight on Tuesday, his spokeswoman said."
    analysis = analyse(text)
    assert described(analysis.statements[0]) == ("named_official", "BRA")
    assert analysis.anonymous_source is False


@full_only
def test_the_countrys_minister_belongs_to_the_country_named_last():
    text = ("Portugal has sent two frigates to the area. "
            "The country's defence minister said on Monday that they would stay a month.")
    assert described(statement_from(text, "The country's")) == ("named_official", "PRT")


@full_only
def test_doctors_are_experts_of_the_country_they_work_in():
    text = "Doctors at a hospital in Lisbon said the patient had been poisoned."
    [statement] = analyse(text).statements
    assert described(statement) == ("expert", "PRT")


@full_only
def test_an_official_of_an_international_body_has_no_country():
    text = "NATO spokeswoman Ingrid Falk said the exercises would go ahead as planned."
    [statement] = analyse(text).statements
    assert described(statement) == ("named_official", None)


@full_only
def test_a_watchdog_the_text_places_nowhere_is_an_expert_of_no_country():
    text = "Samples from the site showed traces of the agent, the global nuclear watchdog said on Friday."
    [statement] = analyse(text).statements
    assert described(statement) == ("expert", None)


@full_only
def test_a_dateline_is_not_part_of_the_source():
    text = "LIMA (Agency) - Peru's government said on Monday that the tanker had been seized."
    [statement] = analyse(text).statements
    assert statement.source == "Peru's government" and described(statement) == ("government_body", "PER")


@full_only
def test_an_unnamed_origin_an_outlet_cites_is_the_source():
    text = "The Harbour Gazette reported that the ship had been sold, citing people familiar with the deal."
    analysis = analyse(text)
    [statement] = analysis.statements
    assert (statement.source, statement.source_kind) == ("people familiar with the deal", "anonymous_official")
    assert analysis.anonymous_source is True


@full_only
def test_the_newspaper_is_the_outlet_named_before():
    text = ("The Harbour Gazette first reported the sale on Friday. "
            "The newspaper said the buyer was a shipping firm.")
    assert statement_from(text, "The newspaper").source_kind == "media_outlet"


@full_only
def test_the_court_is_the_court_named_before():
    text = ("A Chilean court ruled on the extradition on Tuesday. "
            "The court said the request was unfounded.")
    assert described(statement_from(text, "The court said")) == ("government_body", "CHL")


@full_only
def test_a_sentence_passing_on_hearsay_leans_on_the_source_just_quoted():
    text = ("The Harbour Gazette reported that the plan was approved in May. "
            "The plan is said to have been drawn up by two engineers.")
    assert statement_from(text, "The plan is said").source_kind == "media_outlet"


@full_only
def test_officials_of_two_sides_have_no_one_country():
    text = "Chilean and Western officials said the ship had been sold to a private buyer."
    [statement] = analyse(text).statements
    assert described(statement) == ("anonymous_official", None)


@full_only
def test_a_person_the_text_places_nowhere_speaks_for_the_side_just_heard():
    text = ("Chile's navy said the ship had sunk near the coast. "
            "Rafael Soto, who was on board, said the crew had been rescued.")
    assert described(statement_from(text, "Rafael Soto")) == ("named_official", "CHL")


@full_only
def test_words_that_name_no_one_are_no_source():
    text = "This revelation suggests the pipeline was damaged on purpose."
    assert analyse(text).statements[0].source_kind == "unattributed"


@full_only
def test_a_relative_clause_does_not_describe_the_source():
    text = ("The Harbour Gazette reported the sale on Friday. "
            "The newspaper, which called the captain a Chilean officer, said the ship had left.")
    statement = statement_from(text, "The newspaper")
    assert statement.source_kind == "media_outlet" and statement.source_country != "CHL"
