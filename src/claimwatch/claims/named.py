"""Claims a user names in words, and the stance each statement takes toward one.

A statement bears on a named claim when what it says (its content vector) lies near the
claim's words, or near one of its counter-claims ("a research ship that lost its way"
against "the vessel was a spy ship"). Near the claim, its stance is its own; near a
counter-claim, stating the counter denies the claim, and denying the counter asserts it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np

from ..errors import ClaimwatchError
from ..lexicon.gazetteer import actor_entries, demonyms
from ..records import Statement
from ..settings import NAMED_CLAIM_BEARING
from .embedding import DIMENSIONS, sentence_encoder
from .judge import statement_stance
from .words import content_stems

__all__ = ["NamedClaim", "claim_countries", "may_bear", "name_claim", "stance_toward"]

# Fewer content words than this name no state of affairs ("it happened").
_MIN_WORDS = 2
# A statement's stance toward a counter-claim, as its stance toward the claim: stating the counter
# denies the claim, hedging it leaves the claim open, denying the counter supports the claim.
_FROM_COUNTER = {"asserts": "denies", "confirms": "denies", "speculates": "unverified", "unverified": "unverified",
                 "denies": "asserts"}


@dataclass(frozen=True, slots=True)
class NamedClaim:
    """A claim in the user's words, its counter-claims, and their vectors."""

    id: str
    text: str
    story_id: str | None
    counters: tuple[str, ...]
    vector: np.ndarray
    counter_vectors: np.ndarray  # one row per counter-claim
    # The first two countries its words name, in order ("North Korean troops are in Russia": PRK, RUS):
    # who it is about (whose own word acknowledges it) and who else.
    subject: str | None = None
    object: str | None = None

    @classmethod
    def from_bytes(cls, id: str, text: str, story_id: str | None, counters: tuple[str, ...], vector: bytes,
                   counter_vectors: bytes, subject: str | None, object: str | None) -> NamedClaim:
        """A stored named claim, its vectors read back from float32 bytes."""
        return cls(id, text, story_id, counters, np.frombuffer(vector, dtype="<f4"),
                   np.frombuffer(counter_vectors, dtype="<f4").reshape(-1, DIMENSIONS), subject, object)


def name_claim(text: str, story_id: str | None = None, counters: list[str] | tuple[str, ...] = ()) -> NamedClaim:
    """The claim the words name, encoded; ClaimwatchError when they or a counter-claim name nothing."""
    text = " ".join(text.split())
    counters = tuple(" ".join(c.split()) for c in counters)
    for words in (text, *counters):
        if len(content_stems(words)) < _MIN_WORDS:
            raise ClaimwatchError(f"claim {words!r}: too few words to name a state of affairs; "
                                  'say who or what, and what of it ("troops are in the region")')
    vectors = sentence_encoder().encode([text, *counters])
    claim_id = "n" + hashlib.sha256(f"{text.casefold()}|{story_id or ''}".encode()).hexdigest()[:11]
    return NamedClaim(claim_id, text, story_id, counters, vectors[0], vectors[1:].reshape(-1, DIMENSIONS),
                      *claim_countries(text))


def claim_countries(text: str) -> tuple[str | None, str | None]:
    """The first two countries the words name, by name, capital, body or demonym, in order of mention."""
    found: list[str] = []
    for match in _country_names().finditer(text):
        country = _country_of_name()[match.group(0)]
        if country not in found:
            found.append(country)
    return (found + [None, None])[0], (found + [None, None])[1]


@cache
def _country_of_name() -> dict[str, str]:
    names = {entry.phrase: entry.country for entry in actor_entries() if entry.country}
    names.update(demonyms())
    return names


@cache
def _country_names() -> re.Pattern[str]:
    # Longest first, so that "North Korean" is read before "Korean" could be.
    names = sorted(_country_of_name(), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b")


def may_bear(claim: NamedClaim, statement: Statement) -> bool:
    """Whether the statement shares a content word with the claim or a counter-claim: else it cannot bear on it.

    A cheap gate before encoding, so that judging a store's statements encodes only candidates.
    """
    return not _words(claim).isdisjoint(content_stems(statement.sentence or ""))


def stance_toward(claim: NamedClaim, statement: Statement, vector: np.ndarray) -> str | None:
    """The statement's stance toward the claim, or None when it does not bear on it."""
    if not may_bear(claim, statement):
        return None
    support = float(claim.vector @ vector)
    counter_similarities = claim.counter_vectors @ vector
    counter = float(counter_similarities.max()) if len(counter_similarities) else -1.0
    if max(support, counter) < NAMED_CLAIM_BEARING:
        return None
    # The statement's own stance (doubt cues aside), read from its words by the analysis, measured
    # better toward a named claim than the claim-word cues the stance command reads whole articles by.
    own = statement_stance(statement)
    return _FROM_COUNTER.get(own, "denies") if counter > support else own


@lru_cache(maxsize=256)
def _claim_words(text: str, counters: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w for words in (text, *counters) for w in content_stems(words))


def _words(claim: NamedClaim) -> frozenset[str]:
    return _claim_words(claim.text, claim.counters)
