"""claimwatch.claims: which sentences bear on a claim, and their stance toward it, not toward their own verb."""

import pytest

from claimwatch.analyze import Analyzer
from claimwatch.claims import Claim, judge, read_article
from claimwatch.claims.judge import passage_stance
from claimwatch.claims.words import content_stems, stem
from claimwatch.records import Article


@pytest.fixture(scope="module")
def analyzer():
    return Analyzer("fast")


def reading_of(analyzer, text, title=None):
    analysis = analyzer.analyze(Article(id="a", text=text, title=title))
    return read_article(text, title, analysis)


@pytest.mark.parametrize(("sentence", "claim", "stance"), [
    ("The ministry denied that its soldiers had crossed the river.", "Soldiers crossed the river", "denies"),
    ("Officials dismissed the story about the poisoned well as baseless.", "The well was poisoned", "denies"),
    ("There is no evidence that the dam was sabotaged.", "The dam was sabotaged", "denies"),
    ("The old bridge did not collapse, engineers said.", "The old bridge collapsed", "denies"),
    ("Police could not confirm that the old bridge collapsed.", "The old bridge collapsed", "unverified"),
    ("It is unclear whether the old bridge collapsed.", "The old bridge collapsed", "unverified"),
    ("The old bridge may have collapsed overnight.", "The old bridge collapsed", "speculates"),
    ("The old bridge reportedly collapsed overnight.", "The old bridge collapsed", "speculates"),
    ("Engineers confirmed that the old bridge collapsed.", "The old bridge collapsed", "confirms"),
    ("Video footage shows the old bridge collapsing into the water.", "The old bridge collapsed", "confirms"),
    ("The old bridge collapsed overnight, residents said.", "The old bridge collapsed", "asserts"),
    ("The bakery denied the merger on Monday.", "The bakery denies the merger", "asserts"),
])
def test_a_sentence_takes_a_stance_toward_the_claim(analyzer, sentence, claim, stance):
    [passage] = reading_of(analyzer, sentence).passages
    assert passage_stance(Claim.of(claim), passage) == stance


def test_inflections_and_synonyms_are_one_word():
    assert stem("denied") == stem("denies") == stem("deny")
    assert stem("killed") == stem("dead")
    assert content_stems("The ships were sunk") == ["ship", "sunk"]


def test_names_and_numbers_weigh_more_in_a_claim():
    claim = Claim.of("Harbour workers found 40 crates in Lisbon")
    assert claim.weights["lisbon"] == claim.weights["40"] == 2.0 and claim.weights[stem("crates")] == 1.0


def test_an_article_about_another_matter_is_unrelated(analyzer):
    reading = reading_of(analyzer, "The city council approved a new budget for public libraries on Tuesday. "
                                   "Opening hours will be extended in the winter months.", "Libraries get more money")
    result = judge(Claim.of("A volcano erupted near the northern coast"), reading)
    assert result.stance == "unrelated" and result.statements == []


def test_an_article_that_rejects_the_claim_denies_it(analyzer):
    text = ("Rumours spread online that the mayor had resigned. The mayor's office denied that the mayor resigned "
            "and called the reports fake. The mayor was at work on Monday, aides said.")
    result = judge(Claim.of("The mayor resigned"), reading_of(analyzer, text, "Mayor's office denies resignation"))
    assert result.stance == "denies"
    assert result.statements and all(s.stance == "denies" for s in result.statements)


def test_carrying_statements_are_spans_of_the_text(analyzer):
    text = "The mayor may resign next week, two aides said. The city council meets on Friday."
    result = judge(Claim.of("The mayor will resign"), reading_of(analyzer, text))
    assert result.statements
    for statement in result.statements:
        assert text[statement.start:statement.end] == statement.sentence
        assert statement.cue is None or statement.cue in statement.sentence


def test_the_shipped_model_reads_the_features_the_code_computes():
    from claimwatch.claims.judge import FEATURES
    from claimwatch.claims.model import load_model

    assert load_model().features == FEATURES
