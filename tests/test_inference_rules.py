"""Inference rules: what the analysis and tracking read into a text beyond its words, one test per rule.

Each test here fails when its rule is switched off; the rules other test
files already hold to account (capitals as governments, demonyms, told-outlet
chains, the acknowledged rung, speech verbs...) are not repeated. Sentences
are invented.
"""

import pytest

from claimwatch.lexicon import cameo_verbs, predicates
from claimwatch.track import story_with_propositions
from tests.analysis_helpers import PIPELINES, analyse
from tests.track_helpers import report, statement, track

# Rules that need the parse or the entity model of the full pipeline.
FULL = PIPELINES[1:]


def only_statement(text, pipeline):
    statements = analyse(text, pipeline).statements
    assert len(statements) == 1, statements
    return statements[0]


def people(text, pipeline):
    return [(a.text, a.code) for a in analyse(text, pipeline).actors if a.kind == "person"]


def proposition(text, pipeline):
    said = only_statement(text, pipeline).proposition
    return said.subject, said.predicate, said.object


# Actors.

@pytest.mark.parametrize("pipeline", PIPELINES)
def test_a_country_with_a_possessive_group_noun_is_that_countrys_body(pipeline):
    actors = analyse("Poland's army said the convoy had crossed into Belarus.", pipeline).actors
    assert [(a.text, a.code) for a in actors][0] == ("Poland's army", "POLMIL")


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_a_seat_of_government_is_a_government_body(pipeline):
    [seat] = analyse("The White House said the convoy had crossed.", pipeline).actors
    assert (seat.code, seat.kind) == ("USAGOV", "government_body")


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_a_bare_surname_is_the_person_named_in_full_before(pipeline):
    text = "Estonian Defence Minister Lars Holm said the convoy had crossed. Holm said more would follow."
    assert people(text, pipeline) == [("Lars Holm", "ESTMIL"), ("Holm", "ESTMIL")]


@pytest.mark.parametrize("pipeline", FULL)
def test_a_person_named_bare_first_takes_the_title_given_later(pipeline):
    text = "Lars Holm said the convoy had crossed. Estonian Defence Minister Lars Holm added that more would follow."
    assert people(text, pipeline) == [("Lars Holm", "ESTMIL"), ("Lars Holm", "ESTMIL")]


@pytest.mark.parametrize("pipeline", FULL)
@pytest.mark.parametrize("text", [
    "The Defence Minister of Estonia, Lars Holm, said the convoy had crossed.",  # the title before a comma
    "Lars Holm, the Estonian defence minister, said the convoy had crossed.",   # the appositive after the name
])
def test_a_person_takes_role_and_country_from_a_title_set_off_by_commas(pipeline, text):
    assert people(text, pipeline) == [("Lars Holm", "ESTMIL")]


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_a_person_titled_by_a_body_takes_the_bodys_role(pipeline):
    assert people("Latvia's army head Lars Holm said the convoy had crossed.", pipeline) == [("Lars Holm", "LVAMIL")]


@pytest.mark.parametrize("pipeline", PIPELINES)
@pytest.mark.parametrize("text", ["Talks were held in Vilnius on Monday.", "Reuters reported that the talks had ended."])
def test_the_country_of_a_place_or_an_outlet_is_not_a_country_mentioned(pipeline, text):
    assert analyse(text, pipeline).countries == []


# Stance cues.

@pytest.mark.parametrize("pipeline", PIPELINES)
@pytest.mark.parametrize(("sentence", "stance"), [
    # A condition vouches for nothing: "if confirmed" confirms nothing.
    ("If confirmed, the transfer would break the embargo, a Latvian official said.", "asserts"),
    # "May" in the middle of a sentence is the month, not a hedge.
    ("The Latvian ministry said in May that the convoy had crossed.", "asserts"),
    # A negated denial vouches for nothing either way.
    ("Oslo did not deny that the convoy had crossed.", "unverified"),
    # A stronger cue outranks a weaker one whatever their stances.
    ("Oslo admitted it had played down the incident.", "confirms"),
    # The longest cue wins where cues overlap: "claimed responsibility", not "claimed".
    ("A militant group claimed responsibility for the blast.", "confirms"),
])
def test_stance_where_cues_are_conditional_negated_or_compete(pipeline, sentence, stance):
    assert only_statement(sentence, pipeline).stance == stance


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_a_modal_alone_makes_no_statement(pipeline):
    assert analyse("The convoy may cross the border soon.", pipeline).statements == []


@pytest.mark.parametrize("pipeline", FULL)
def test_a_cue_verb_used_as_a_noun_is_no_cue(pipeline):
    assert analyse("A trade dispute delayed the convoy at the border.", pipeline).statements == []


# Sources.

@pytest.mark.parametrize("pipeline", FULL)
@pytest.mark.parametrize(("sentence", "source"), [
    # A participle cue takes the subject of the verb it hangs from.
    ("Latvia responded to the remarks, saying the convoy had crossed.", "Latvia"),
    # A passive cue without a subject: the agent speaks.
    ("The convoy crossed at dawn, as confirmed by Latvia's defence ministry.", "Latvia's defence ministry"),
])
def test_the_speaker_of_a_participle_or_passive_cue(pipeline, sentence, source):
    assert only_statement(sentence, pipeline).source == source


@pytest.mark.parametrize("pipeline", PIPELINES)
@pytest.mark.parametrize(("sentence", "kind"), [
    ("The spy agency said the convoy had crossed.", "intelligence_agency"),
    ("Latvian government spokesperson for defence Ilze Kalnina said the convoy had crossed.", "named_official"),
    ("Officials at Baltic Rail said the convoy had crossed.", "named_official"),
])
def test_source_kind_of_unnamed_agencies_titled_names_and_named_employers(pipeline, sentence, kind):
    assert only_statement(sentence, pipeline).source_kind == kind


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_speaking_on_condition_of_anonymity_makes_any_source_anonymous(pipeline):
    analysis = analyse("Latvia's defence ministry said on condition of anonymity that the convoy had crossed.", pipeline)
    assert analysis.statements[0].source_kind == "anonymous_official" and analysis.anonymous_source


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_we_inside_a_quotation_is_the_quotations_speaker(pipeline):
    text = '"The convoy crossed at dawn," the Latvian minister said on Monday, "and it is heading north. We believe ' \
           'more will follow."'
    # The full pipeline's source keeps its article ("the Latvian minister"), as PolNeAR's sources do.
    sources = [s.source.removeprefix("the ") for s in analyse(text, pipeline).statements]
    assert sources == ["Latvian minister", "Latvian minister"]


# Propositions.

@pytest.mark.parametrize("pipeline", PIPELINES)
@pytest.mark.parametrize(("sentence", "claim"), [
    ("Ukraine's air force said it had destroyed an Iranian-made drone flown by Russia.", ("IRN", "supply", "RUS")),
    ("Kyiv said it had downed Iranian-built drones used by Russia.", ("IRN", "supply", "RUS")),
    ("Poland's army said it had found the wreck of a Russian-made drone used by Belarus.", ("RUS", "supply", "BLR")),
])
def test_a_country_named_before_weapons_it_made_is_their_supplier(pipeline, sentence, claim):
    assert proposition(sentence, pipeline) == claim


@pytest.mark.parametrize("pipeline", PIPELINES)
@pytest.mark.parametrize(("sentence", "claim"), [
    # The subject's own troops are not whom it sends them to.
    ("Latvia said Russia had sent Russian troops to Belarus.", ("RUS", "send", "BLR")),
    # A person is neither who does it nor to whom.
    ("Norway said Russia had sent envoy Lars Holm to Latvia.", ("RUS", "send", "LVA")),
])
def test_the_object_is_another_countrys_actor_and_never_a_person(pipeline, sentence, claim):
    assert proposition(sentence, pipeline) == claim


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_a_place_is_where_it_happened_not_to_whom(pipeline):
    said = only_statement("Latvia said Russia had sent troops to Minsk.", pipeline).proposition
    assert (said.object, said.location) == (None, "Minsk")


@pytest.mark.parametrize("pipeline", FULL)
def test_a_place_the_model_names_is_where_it_happened(pipeline):
    said = only_statement("Norway said Russia had sent its navy into the Barents Sea.", pipeline).proposition
    assert said.location == "the Barents Sea"


def test_every_verb_the_claim_classes_list_is_one_a_statement_can_report():
    # A statement's verb is one token of cameo.tsv's one-word lemmas ("supply" also comes from made-in weapons).
    assert set(predicates()) <= {lemma for lemma in cameo_verbs() if " " not in lemma}


# Events and figures.

@pytest.mark.parametrize("pipeline", FULL)
def test_an_event_verb_used_as_a_noun_is_no_event(pipeline):
    assert analyse("Russia's attack on Ukraine continued.", pipeline).events == []


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_the_second_actor_of_an_event_is_another_actor(pipeline):
    [event] = analyse("North Korea launched missiles from North Korea toward Japan.", pipeline).events
    assert (event.actor1, event.actor2) == ("PRK", "JPN")


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_a_place_named_in_the_sentence_is_where_an_event_happened(pipeline):
    [event] = analyse("Russia attacked the power grid in Kyiv.", pipeline).events
    assert event.location == "Kyiv"


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_a_place_before_a_figure_is_not_whose_it_is(pipeline):
    [figure] = analyse("In Kyiv, officials counted 40 drones.", pipeline).figures
    assert figure.subject is None


# Tracking: hand-made analyses, so that only the tracker's rules are at work.

BACKGROUND = ("Satellite images show barracks near the border filling up, and analysts expect more convoys "
              "to cross before the winter sets in.")


def troops_sent(sentence="North Korea has sent troops to Russia, the Pentagon said.", **parts):
    """A statement that North Korea sends troops to Russia, the Pentagon speaking unless parts say otherwise."""
    said = dict(kind="government_body", source="Pentagon", actor="USAMIL", country="USA", subject="PRK",
                predicate="send", object="RUS")
    return statement(sentence, **(said | parts))


def article(article_id, *statements, outlet="wire.example.com", published="2024-10-21"):
    return report(article_id, published, outlet, *statements, title="North Korean troops head to Russia",
                  background=BACKGROUND)


def claims(store, story_id):
    return {(c.subject, c.predicate, c.object): c for c in story_with_propositions(store, story_id).propositions}


def test_an_article_telling_a_storys_claim_in_other_words_joins_the_story(store):
    story = track(store, *article("t-1", troops_sent()))
    other_news = ("Elsewhere, Chile signed a fishing accord after farmers complained about prices and a storm "
                  "closed mountain roads.")
    retold = report("t-2", "2024-10-22", "post.example.org", statement(
        "Pyongyang has dispatched soldiers to Russia.", subject="PRKGOV", predicate="dispatch", object="RUS"),
        title="Fishing accord signed", background=other_news)
    assert track(store, *retold) == story


def test_a_statement_naming_too_little_joins_the_claim_it_fits_when_its_sentence_names_the_object(store):
    story = track(store, *article("t-1", troops_sent()))
    denial = dict(stance="denies", kind="government_body", source="Pyongyang", actor="PRKGOV", country="PRK",
                  subject="PRKGOV", predicate=None, object=None)
    track(store, *article("t-2", statement("Pyongyang called the reports about its troops in Russia lies.", **denial),
                          statement("Pyongyang said its troops only train at home.", **denial), published="2024-10-22"))
    sent = claims(store, story)[("PRK", "supply", "RUS")]
    assert [(e.article_id, e.stance) for e in sent.statements] == [("t-1", "asserts"), ("t-2", "denies")]


def test_a_place_in_the_article_stands_for_its_country_as_the_recipient(store):
    story = track(store, *article("t-1", troops_sent("North Korea sent troops to Kursk, the Pentagon said.",
                                                     object=None, location="Kursk")))
    assert list(claims(store, story)) == [("PRK", "supply", "RUS")]


def test_an_outlet_speaking_in_two_articles_is_one_source(store):
    outlet = dict(kind="media_outlet", source="Baltic Wire", actor=None, country=None)
    for article_id, published in (("t-1", "2024-10-21"), ("t-2", "2024-10-22")):
        story = track(store, *article(article_id, troops_sent(
            "Baltic Wire reported that North Korea had sent troops to Russia.", **outlet),
            outlet=f"{article_id}.example.com", published=published))
    assert claims(store, story)[("PRK", "supply", "RUS")].independent_sources == 1


def test_an_outlet_the_analysis_names_in_the_sentence_is_who_was_told(store):
    sentence = "A senior official told Baltic Wire that North Korea had sent troops to Russia."
    anonymous = dict(kind="anonymous_official", source="A senior official", actor=None, country=None)
    for article_id, published in (("t-1", "2024-10-21"), ("t-2", "2024-10-22")):
        told, analysis = article(article_id, troops_sent(sentence, **anonymous), outlet=f"{article_id}.example.com",
                                 published=published)
        start = told.text.index("Baltic Wire")
        analysis["actors"].append({"text": "Baltic Wire", "code": "LVAMED", "country": "LVA", "kind": "media_outlet",
                                   "start": start, "end": start + len("Baltic Wire")})
        story = track(store, told, analysis)
    assert claims(store, story)[("PRK", "supply", "RUS")].independent_sources == 1


def test_a_country_confirming_what_it_had_denied_is_no_contradiction(store):
    pyongyang = dict(kind="government_body", source="Pyongyang", actor="PRKGOV", country="PRK", subject="PRKGOV")
    story = track(store, *article(
        "t-1", troops_sent("Pyongyang denied sending troops to Russia.", stance="denies", **pyongyang),
        troops_sent("Pyongyang later confirmed it had sent troops to Russia.", stance="confirms", **pyongyang)))
    sent = claims(store, story)[("PRK", "supply", "RUS")]
    assert (sent.status, sent.contradictions) == ("acknowledged", [])
