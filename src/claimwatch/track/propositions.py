"""A statement's facets: who does what to whom, at country level (IRN supply RUS), however it is worded."""

from __future__ import annotations

import re

from ..lexicon import Predicate, predicates
from ..records import PropositionKey, Statement

__all__ = ["PropositionKey", "Predicate", "statement_key", "country_of"]

# Six letters: a country and a role (IRNGOV, PRKMIL); shorter codes are countries or bodies.
_ROLE_CODE = re.compile(r"^[A-Z]{6}$")


def predicate_of(lemma: str | None) -> Predicate | None:
    """The claim class of a verb; None for verbs that only report speech."""
    if not lemma:
        return None
    known = predicates().get(lemma.lower())
    if known is None:
        return Predicate(lemma.lower(), lemma.lower() + "s")
    return None if known.name == "-" else known


def country_of(code: str | None) -> str | None:
    """The country part of an actor code (IRNGOV → IRN); international bodies keep their code."""
    if not code:
        return None
    if _ROLE_CODE.match(code):
        return code[:3]
    return code


def statement_key(statement: Statement, places: dict[str, str]) -> tuple[PropositionKey, str | None]:
    """A statement's key and place; places maps place names in the article to their country."""
    proposition = statement.proposition
    location = proposition.location
    place_country = places.get(location.lower()) if location else None
    subject = country_of(proposition.subject)
    predicate = predicate_of(proposition.predicate)
    # Whom a speech verb is addressed to ("responded to remarks by the US") is not what the claim is about.
    obj = country_of(proposition.object) if predicate or not proposition.predicate else None
    if obj is None and place_country is not None and place_country != subject:
        # "Iran sent drones to Moscow": the place stands for the recipient.
        obj = place_country
    if obj == subject:
        obj = None
    return PropositionKey(subject, predicate.name if predicate else None, obj), location
