"""Stance cues and the words that leave a source anonymous."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .tables import rows
from .verbs import verb_forms

__all__ = ["Cue", "VERB_KINDS", "cues", "cue_verb_forms", "anonymity_words", "anonymity_phrases"]

# Cue kinds matched in every inflected form: reporting verbs, and speech acts ("urge", "praise") that are also
# CAMEO events, so that the events component keeps them while statements read them as cues.
VERB_KINDS = ("verb", "act")


@dataclass(frozen=True, slots=True)
class Cue:
    """A word or phrase that carries a stance, and how strongly."""

    cue: str
    stance: str
    kind: str
    strength: int


@cache
def cues() -> tuple[Cue, ...]:
    """Stance cues: reporting verbs (lemmas), hedges, phrases, denial adjectives."""
    return tuple(Cue(r["cue"].lower(), r["stance"], r["kind"], int(r["strength"] or 1)) for r in rows("cues.tsv"))


@cache
def cue_verb_forms() -> frozenset[str]:
    """Every inflected form of a reporting verb of the cue lexicon."""
    return frozenset(form for cue in cues() if cue.kind in VERB_KINDS for form in verb_forms(cue.cue))


@cache
def anonymity_words() -> frozenset[str]:
    """Nouns that leave a source unnamed when no name stands beside them."""
    return frozenset(r["phrase"] for r in rows("anonymity.tsv") if r["where"] == "source")


@cache
def anonymity_phrases() -> tuple[str, ...]:
    """Phrases that make a sentence's source anonymous wherever they stand."""
    return tuple(r["phrase"] for r in rows("anonymity.tsv") if r["where"] == "sentence")
