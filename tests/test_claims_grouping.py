"""Statements into claims in words: the sentence encoder, what a statement says, grouping and labels."""

import numpy as np
import pytest

from claimwatch.claims.embedding import DIMENSIONS, sentence_encoder
from claimwatch.claims.grouping import join_claims, statement_content, statement_label
from claimwatch.records import Proposition, PropositionKey, Statement

NO_KEY = PropositionKey(None, None, None)


def said(sentence: str, source: str, cue: str = "said", stance: str = "asserts") -> Statement:
    """A statement whose source and reporting cue stand where the sentence has them."""
    source_at, cue_at = sentence.index(source), sentence.index(cue)
    return Statement(sentence=sentence, start=0, end=len(sentence), source=source, source_actor=None,
                     source_country=None, source_kind="named_official", stance=stance, cue=cue,
                     proposition=Proposition(None, None, None, None), source_start=source_at,
                     source_end=source_at + len(source), attribution_cue=cue, attribution_cue_start=cue_at,
                     attribution_cue_end=cue_at + len(cue))


def test_the_encoder_gives_the_vectors_of_the_pinned_model():
    # Golden values: a changed model file, tokenizer or pooling shows here first.
    [vector] = sentence_encoder().encode(["Troops crossed the border at dawn, the ministry said."])
    assert vector.shape == (DIMENSIONS,) and vector.dtype == np.float32
    assert np.allclose(vector[:8], [0.00097, 0.09432, -0.01446, 0.05821, 0.03749, -0.04712, 0.06716, 0.00117],
                       atol=2e-4)
    assert abs(float(np.linalg.norm(vector)) - 1.0) < 1e-5


def test_paraphrases_lie_nearer_than_other_news():
    claim, paraphrase, other = sentence_encoder().encode([
        "Foreign troops are in the region", "Soldiers from abroad have been deployed to the area",
        "The central bank raised interest rates"])
    assert float(claim @ paraphrase) > 0.5 > float(claim @ other)


def test_no_texts_give_no_vectors():
    assert sentence_encoder().encode([]).shape == (0, DIMENSIONS)


def test_what_a_statement_says_leaves_out_who_says_it():
    statement = said("The harbour master said the freighter had been carrying grain.", "The harbour master")
    assert statement_content(statement) == "the freighter had been carrying grain."


def test_a_label_is_the_clause_a_reporting_frame_holds():
    assert statement_label(said("The harbour master told reporters on Monday that the freighter carried grain.",
                                "The harbour master", cue="told")) == "The freighter carried grain"
    assert statement_label(said("The freighter carried grain, the harbour master said.",
                                "the harbour master")) == "The freighter carried grain"


def _join(statements, claims, article="a-1"):
    vectors = sentence_encoder().encode([statement_content(s) for s in statements])
    return join_claims("s-1", article, statements, vectors, claims, [NO_KEY] * len(statements))


def test_restatements_join_one_claim_and_another_matter_founds_its_own():
    claims = []
    first = _join([said("The coast guard said the tanker had spilled oil near the reef.", "The coast guard")],
                  claims)
    second = _join([said("Oil leaked from the tanker close to the reef, a diver said.", "a diver"),
                    said("The city said the marathon would start an hour later.", "The city")], claims, "a-2")
    assert second.claims[0] is first.claims[0]
    assert second.claims[1] is not first.claims[0]
    assert [c.members for c in claims] == [2, 1]


def test_a_statement_saying_too_little_joins_no_claim():
    joining = _join([said("The ministry said so.", "The ministry")], [])
    assert joining.claims == [None]


@pytest.mark.parametrize("article", ["a-1", "a-2"])
def test_the_same_founding_statement_gives_the_same_claim_id_in_any_store(article):
    claims = []
    joining = _join([said("The coast guard said the tanker had spilled oil near the reef.", "The coast guard")],
                    claims, article)
    again = []
    assert _join([said("The coast guard said the tanker had spilled oil near the reef.", "The coast guard")],
                 again, article).claims[0].id == joining.claims[0].id


def test_a_sentence_encodes_alike_alone_and_among_longer_and_repeated_ones():
    sentence = "The minister denied that any soldiers had crossed the river."
    others = ["A much longer sentence about harvests, rainfall, fuel prices and the weather in the north " * 3,
              "Short one.", sentence]
    [alone] = sentence_encoder().encode([sentence])
    together = sentence_encoder().encode([sentence, *others])
    assert together.shape == (4, DIMENSIONS)
    assert np.allclose(together[0], alone, atol=1e-5) and np.allclose(together[3], alone, atol=1e-5)


def test_a_label_cut_before_its_frame_drops_the_word_that_led_into_it():
    statement = said("The crew was taken to the port hospital, where doctors said two sailors had burns.", "doctors")
    assert statement_label(statement) == "The crew was taken to the port hospital"


def test_the_label_fit_is_measured_against_the_centre_as_it_is_now():
    claims = []
    _join([said("The coast guard said the tanker had spilled oil near the reef.", "The coast guard")], claims)
    [claim] = claims
    alone = claim.label_fit
    _join([said("Oil leaked from the tanker close to the reef, a diver said.", "a diver")], claims, "a-2")
    # The centre moved toward the diver's words: whichever label it kept fits the new centre less.
    assert claim.members == 2 and claim.label_fit < alone - 0.01
    assert claim.label_fit == pytest.approx(float(claim.centre @ claim.label_vector) - claim.label_penalty)
