"""Stance cues and the words that leave a source anonymous."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .tables import rows
from .verbs import verb_forms

__all__ = ["Cue", "cues", "cue_verb_forms", "anonymity_words", "anonymity_phrases"]


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
    return frozenset(form for cue in cues() if cue.kind == "verb" for form in verb_forms(cue.cue))


@cache
def anonymity_words() -> frozenset[str]:
    """Nouns that leave a source unnamed when no name stands beside them."""
    return frozenset(r["phrase"] for r in rows("anonymity.tsv") if r["where"] == "source")


@cache
def anonymity_phrases() -> tuple[str, ...]:
    """Phrases that make a sentence's source anonymous wherever they stand."""
    return tuple(r["phrase"] for r in rows("anonymity.tsv") if r["where"] == "sentence")
