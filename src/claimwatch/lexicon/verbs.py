"""Verbs: CAMEO event codes, the claim classes the tracker files predicates under, and inflected forms."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .tables import alternatives, rows

__all__ = ["CameoVerb", "Predicate", "cameo_verbs", "cameo_forms", "predicates", "verb_forms"]


@dataclass(frozen=True, slots=True)
class CameoVerb:
    """A verb's CAMEO event code, name, Goldstein value and second-actor role."""

    code: str
    name: str
    goldstein: float
    object: str


@dataclass(frozen=True, slots=True)
class Predicate:
    """A class of verbs that report one kind of claim, and how its label reads."""

    name: str
    phrase: str


@cache
def cameo_verbs() -> dict[str, CameoVerb]:
    """Verb lemma (or verb + particle) to its CAMEO event."""
    verbs = {}
    for row in rows("cameo.tsv"):
        verbs.setdefault(row["lemma"].lower(), CameoVerb(row["code"], row["name"], float(row["goldstein"]),
                                                          row["object"] or "none"))
    return verbs


@cache
def predicates() -> dict[str, Predicate]:
    """Verb lemma to the claim class it reports ("provide" → supply); class "-" for verbs of speech only."""
    return {row["lemma"]: Predicate(row["class"], row["phrase"]) for row in rows("predicates.tsv")}


@cache
def _irregular() -> dict[str, list[str]]:
    return {r["lemma"]: alternatives(r["forms"]) for r in rows("irregular_verbs.tsv")}


def verb_forms(lemma: str) -> set[str]:
    """The inflected forms of a verb lemma (or verb + particle), for pipelines without a lemmatizer."""
    verb, _, rest = lemma.partition(" ")
    tail = f" {rest}" if rest else ""
    forms = {verb}
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        forms |= {verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"}
    elif verb.endswith("e"):
        forms |= {verb + "s", verb + "d", verb[:-1] + "ing"}
    elif verb.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {verb + "es", verb + "ed", verb + "ing"}
    else:
        forms |= {verb + "s", verb + "ed", verb + "ing"}
        if re.search(r"[^aeiou][aeiou][bdgklmnprt]$", verb):
            forms |= {verb + verb[-1] + "ed", verb + verb[-1] + "ing"}
    forms |= set(_irregular().get(verb, []))
    return {f + tail for f in forms} | set(_irregular().get(lemma, []))


@cache
def cameo_forms() -> dict[str, str]:
    """Every inflected form of a CAMEO verb ("sent", "deploying") to its lemma."""
    return {form: lemma for lemma in cameo_verbs() for form in verb_forms(lemma)}
