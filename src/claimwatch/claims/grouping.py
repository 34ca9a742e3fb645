"""Statements into claims: each statement joins the story's claim whose meaning its content shares, or founds one.

A claim is the running sum of its statements' content vectors (sentence
embeddings of what is said, without who says it): a statement joins the claim
whose mean direction lies nearest, when near enough. Claims only grow, or merge
when their centres meet, so an id given once stays with its claim (or leads to
the claim it merged into) as articles arrive. The label is the member
content that sits nearest the claim's centre, preferring short ones.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache

import numpy as np

from ..lexicon.cues import cue_verb_forms, cues
from ..records import PropositionKey, Statement
from ..settings import CLAIM_JOIN_SIMILARITY, CLAIM_LABEL_WORDS, CLAIM_MERGE_SIMILARITY
from .words import content_stems

__all__ = ["ClaimGroup", "Joining", "claim_id", "join_claims", "statement_content", "statement_label"]

# Content of fewer content words than this says too little to found or join a claim ("he said so").
_MIN_CONTENT_WORDS = 3
# Label fit lost per word beyond CLAIM_LABEL_WORDS: a crisp restatement beats a long report.
_LENGTH_PENALTY = 0.02
# A denial or a hedge makes a poor label: the claim is what it answers, not what it says.
_STATING = frozenset({"asserts", "confirms"})
_ANSWER_PENALTY = 0.1
_THAT = re.compile(r"\bthat\b", re.IGNORECASE)
# Words the rest of a reporting frame ("told reporters in Brussels on Monday") may run to.
_FRAME_WORDS = 12
_LEADING_JUNK = re.compile(r"^[\s,;:.\-–—\"“”'‘’(]*(?:(?:that|and|but|as|which|while)\b[\s,]*)?", re.IGNORECASE)
_TRAILING_JUNK = re.compile(r"[\s,;:\-–—\"“”'‘’(]+$")
# A clause cut before its frame may end in the word that led into it ("…to the hospital, where",
# "…to Russia, the [ministry said]").
_TRAILING_LINKS = frozenset({"where", "which", "who", "when", "while", "and", "but", "the", "a", "an"})


@dataclass(slots=True)
class ClaimGroup:
    """A claim as grouping sees it: the sum of its members' vectors, and its label with how well it fits."""

    id: str
    vector_sum: np.ndarray
    members: int
    label: str
    label_fit: float
    # Who does what to whom, where the label's statement says it: the claim's structured facets.
    key: PropositionKey = PropositionKey(None, None, None)
    changed: bool = False  # grew, merged or changed label now, so to be stored
    # The label's content vector and what its length and stance cost it: its fit is measured
    # against the centre as it is now, not as it was when the label was chosen.
    label_vector: np.ndarray | None = None
    label_penalty: float = 0.0

    @property
    def centre(self) -> np.ndarray:
        """The claim's mean direction, as a unit vector."""
        norm = float(np.linalg.norm(self.vector_sum))
        return self.vector_sum / norm if norm else self.vector_sum

    def current_fit(self) -> float:
        """How well the label fits the claim's centre now (as stored, for a label without its vector)."""
        if self.label_vector is None:
            return self.label_fit
        return float(self.centre @ self.label_vector) - self.label_penalty


def statement_content(statement: Statement) -> str:
    """What the statement says, without who says it: its sentence less the source and the attribution cue.

    Only a reporting cue ("said", "according to", a headline colon) sets the source apart; the doer
    of any other act ("workers walked out") is part of what is said.
    """
    chars = list(statement.sentence or "")
    for start, end in _reporting_frame(statement):
        chars[max(start, 0):max(end, 0)] = " " * len(chars[max(start, 0):max(end, 0)])
    return " ".join("".join(chars).split())


def _reporting_frame(statement: Statement) -> list[tuple[int, int]]:
    """Where the source and the reporting cue stand in the sentence; none when the cue is no reporting word."""
    if (statement.attribution_cue or "").strip().lower() not in _reporting_cues():
        return []
    return [(start - statement.start, end - statement.start)
            for start, end in ((statement.source_start, statement.source_end),
                               (statement.attribution_cue_start, statement.attribution_cue_end))
            if start is not None and end is not None]


@cache
def _reporting_cues() -> frozenset[str]:
    return frozenset({":", *cue_verb_forms(), *(cue.cue for cue in cues())})


def statement_label(statement: Statement) -> str:
    """What the statement says as a claim's label: the clause its source and reporting cue frame.

    "X said that Y happened" gives "Y happened", "Y happened, X said" too; a sentence framed
    otherwise is kept whole, since cutting words out of its middle leaves no sentence.
    """
    sentence = statement.sentence or ""
    frame = _reporting_frame(statement)
    if frame:
        first, last = min(a for a, _ in frame), max(b for _, b in frame)
        before, after = sentence[:first], sentence[last:]
        # "told reporters in Brussels that Y": the clause starts after the "that" of the frame.
        complement = _THAT.search(after)
        if complement is not None and len(after[:complement.start()].split()) <= _FRAME_WORDS:
            after = after[complement.end():]
        clause = after if len(after.split()) >= len(before.split()) else before
        if len(clause.split()) >= _MIN_CONTENT_WORDS:
            sentence = clause
    return _tidied(sentence)


def _tidied(content: str) -> str:
    """The content as a label: without leading "that" or stray punctuation, first letter capital."""
    text = _TRAILING_JUNK.sub("", _LEADING_JUNK.sub("", " ".join(content.split())))
    head, _, last = text.rpartition(" ")
    if head and last.lower() in _TRAILING_LINKS:
        text = _TRAILING_JUNK.sub("", head)
    text = text.rstrip(".")
    return text[:1].upper() + text[1:] if text else text


def claim_id(story_id: str, article_id: str, position: int) -> str:
    """The id of a claim founded by one statement of a story: stable for as long as the story lasts."""
    return "c" + hashlib.sha256(f"{story_id}|{article_id}|{position}".encode()).hexdigest()[:11]


@dataclass(slots=True)
class Joining:
    """Where one article's statements went: the claim of each (None: it says too little), and claims merged."""

    claims: list[ClaimGroup | None]
    merged: list[tuple[str, str]]  # (absorbed claim id, the claim it went into)


def join_claims(story_id: str, article_id: str, statements: list[Statement], vectors: np.ndarray,
                claims: list[ClaimGroup], keys: list[PropositionKey],
                threshold: float = CLAIM_JOIN_SIMILARITY) -> Joining:
    """The claim each statement joins; claims grows, changes and merges in place.

    keys are the statements' own facets; a claim takes those of the statement that labels it.
    Two claims whose centres come within CLAIM_MERGE_SIMILARITY become one, under the id of the
    one with more statements: restatements founded apart before either had many members.
    """
    joined: list[ClaimGroup | None] = []
    merged: list[tuple[str, str]] = []
    for position, (statement, vector, key) in enumerate(zip(statements, vectors, keys)):
        content = statement_content(statement)
        if len(content_stems(content)) < _MIN_CONTENT_WORDS:
            joined.append(None)
            continue
        claim = _nearest(vector, claims, threshold)
        if claim is None:
            claim = ClaimGroup(claim_id(story_id, article_id, position), np.zeros_like(vector), 0, "", -1.0)
            claims.append(claim)
        claim.vector_sum = claim.vector_sum + vector
        claim.members += 1
        claim.changed = True
        _relabel(claim, statement, vector, key)
        joined.append(claim)
        merged.extend(_absorb_near(claim, claims))
    into = dict(merged)
    return Joining([_final(claim, into, claims) for claim in joined], merged)


def _absorb_near(claim: ClaimGroup, claims: list[ClaimGroup]) -> list[tuple[str, str]]:
    """Merge into one every claim whose centre lies near this one's; returns (absorbed, kept) ids."""
    merges = []
    for other in list(claims):
        if other is claim or other not in claims or float(claim.centre @ other.centre) < CLAIM_MERGE_SIMILARITY:
            continue
        kept, absorbed = (claim, other) if claim.members > other.members else (other, claim)
        kept.vector_sum = kept.vector_sum + absorbed.vector_sum
        kept.members += absorbed.members
        kept.changed = True
        if absorbed.current_fit() > kept.current_fit():
            kept.label, kept.key = absorbed.label, absorbed.key
            kept.label_vector, kept.label_penalty = absorbed.label_vector, absorbed.label_penalty
        kept.label_fit = kept.current_fit()
        claims.remove(absorbed)
        merges.append((absorbed.id, kept.id))
        claim = kept
    return merges


def _final(claim: ClaimGroup | None, into: dict[str, str], claims: list[ClaimGroup]) -> ClaimGroup | None:
    """The claim a statement ends in once merges are followed."""
    if claim is None or claim.id not in into:
        return claim
    target = claim.id
    while target in into:
        target = into[target]
    return next(c for c in claims if c.id == target)


def _nearest(vector: np.ndarray, claims: list[ClaimGroup], threshold: float) -> ClaimGroup | None:
    best, best_similarity = None, threshold
    for claim in claims:
        similarity = float(claim.centre @ vector)
        if similarity >= best_similarity:
            best, best_similarity = claim, similarity
    return best


def _relabel(claim: ClaimGroup, statement: Statement, vector: np.ndarray, key: PropositionKey) -> None:
    label = statement_label(statement)
    penalty = _LENGTH_PENALTY * max(0, len(label.split()) - CLAIM_LABEL_WORDS)
    if statement.stance not in _STATING:
        penalty += _ANSWER_PENALTY
    if label and float(claim.centre @ vector) - penalty > claim.current_fit():
        claim.label, claim.key, claim.label_vector, claim.label_penalty = label, key, vector, penalty
    claim.label_fit = claim.current_fit()
