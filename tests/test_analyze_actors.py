"""Actors: countries, capitals, bodies, forces, agencies and people as CAMEO-style codes."""

import pytest

from tests.analysis_helpers import PIPELINES, analyse


def codes(analysis):
    return [(a.text, a.code) for a in analysis.actors]


@pytest.mark.parametrize("pipeline", PIPELINES)
@pytest.mark.parametrize(("sentence", "mention", "code"), [
    ("North Korean soldiers have been seen near the front.", "North Korean soldiers", "PRKMIL"),
    ("Moscow denied the report on Tuesday.", "Moscow", "RUSGOV"),
    ("The Kremlin rejected the claim.", "Kremlin", "RUSGOV"),
    ("The Pentagon would not comment.", "Pentagon", "USAMIL"),
    ("Ukraine's military intelligence said the units had moved.", "Ukraine's military intelligence", "UKRSPY"),
    ("South Korean officials criticised the treaty.", "South Korean officials", "KORGOV"),
    ("NATO said it was watching closely.", "NATO", "NATO"),
    ("Iranian drones struck the port of Odesa.", "Iranian", "IRN"),
])
def test_actor_mentions_get_their_codes(pipeline, sentence, mention, code):
    assert (mention, code) in codes(analyse(sentence, pipeline))


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_capital_after_a_preposition_is_a_place_not_a_government(pipeline):
    actors = analyse("The delegation arrived in Moscow on Monday.", pipeline).actors
    assert [(a.text, a.code, a.kind) for a in actors] == [("Moscow", "RUS", "place")]


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_countries_lists_every_country_mentioned_once(pipeline):
    analysis = analyse("Seoul said Pyongyang had sent troops to Russia. The Russian army and Russia's "
                       "government said nothing; Washington said it was checking.", pipeline)
    assert analysis.countries == ["KOR", "PRK", "RUS", "USA"]


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_person_takes_role_and_country_from_title_and_appositive(pipeline):
    text = ("Major General Pat Ryder, the Pentagon press secretary, told reporters the troops had moved. "
            "Ryder said more would follow.")
    people = [a for a in analyse(text, pipeline).actors if a.kind == "person"]
    assert people and people[0].code == "USAMIL" and people[0].country == "USA"
    assert all(p.country == "USA" for p in people)


def test_person_title_with_a_possessive_country():
    text = "Ukraine's defence intelligence chief Kyrylo Budanov said the first units had arrived."
    people = [a for a in analyse(text).actors if a.kind == "person"]
    assert [(p.text, p.code) for p in people] == [("Kyrylo Budanov", "UKRSPY")]


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_public_figures_are_known_by_name_and_later_by_surname(pipeline):
    text = "Dmitry Peskov rejected the report. Later, Peskov said talks would go on."
    people = [(a.text, a.code) for a in analyse(text, pipeline).actors if a.kind == "person"]
    assert people == [("Dmitry Peskov", "RUSGOV"), ("Peskov", "RUSGOV")]
