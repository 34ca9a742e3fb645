"""Statements to propositions: normalised keys, readable labels, and which keys fit which."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from functools import cache

from ..lexicon import Predicate, actor_names, predicates, units
from ..records import PropositionKey, Statement

__all__ = ["PropositionKey", "Predicate", "statement_key", "proposition_id", "proposition_label",
           "fits", "best_fit", "country_of"]

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


def proposition_id(key: PropositionKey) -> str:
    """A stable id for a complete key: the same claim gets the same id in every store."""
    digest = hashlib.sha256("|".join(part or "" for part in key.parts).encode()).hexdigest()
    return "p" + digest[:11]


def fits(partial: PropositionKey, full: PropositionKey) -> bool:
    """True when every part the partial key knows agrees with the full key."""
    return all(part is None or part == other for part, other in zip(partial.parts, full.parts))


def best_fit(key: PropositionKey, candidates: list[tuple[PropositionKey, str, int]],
             mentioned: frozenset[str] = frozenset()) -> str | None:
    """The id of the best-supported candidate (key, id, statements) the key fits, or None.

    A key without a predicate ("Tehran denied it") fits a claim only when its
    sentence also names the claim's object, so that a subject alone does not
    pull in everything said about that country; a key must name a subject or
    two parts to fit at all.
    """
    known = sum(part is not None for part in key.parts)
    if known == 0 or (known == 1 and key.subject is None):
        return None
    fitting = [(n, pid) for full, pid, n in candidates if fits(key, full)
               and (key.predicate is not None or full.object is None or full.object in mentioned)]
    return max(fitting)[1] if fitting else None


def proposition_label(key: PropositionKey, sentence: str, location_country: str | None = None) -> str:
    """A readable label: "Iran sends drones to Russia"."""
    names = actor_names()
    subject = names.get(key.subject or "", key.subject or "someone")
    predicate = _predicates_by_class().get(key.predicate or "")
    phrase = predicate.phrase if predicate else f"{key.predicate}s"
    if "{what}" in phrase:
        phrase = phrase.replace("{what}", _counted_thing(sentence) or "military aid")
    label = f"{subject} {phrase}"
    if key.object:
        label += f" {names.get(key.object, key.object)}"
    elif phrase.endswith(" to"):
        label = label[:-3]
    if location_country and location_country not in (key.subject, key.object):
        label += f" (in {names.get(location_country, location_country)})"
    return label


@cache
def _predicates_by_class() -> dict[str, Predicate]:
    by_class: dict[str, Predicate] = {}
    for predicate in predicates().values():
        by_class.setdefault(predicate.name, predicate)
    return by_class


def _counted_thing(sentence: str) -> str | None:
    counted = units()
    found = Counter(counted[w] for w in re.findall(r"[A-Za-z]+", sentence.lower()) if w in counted)
    return found.most_common(1)[0][0] if found else None
