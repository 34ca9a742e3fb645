"""Statements to propositions: normalised keys, readable labels, and which keys fit which."""

from __future__ import annotations

import csv
import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, NamedTuple

__all__ = ["PropositionKey", "Predicate", "statement_key", "proposition_id", "proposition_label",
           "fits", "best_fit", "country_of"]

# Six letters: a country and a role (IRNGOV, PRKMIL); shorter codes are countries or bodies.
_ROLE_CODE = re.compile(r"^[A-Z]{6}$")


def _actor_names() -> dict[str, str]:
    from ..analyze import actor_names  # here: the analyze stage loads spaCy, which reading a store does not need

    return actor_names()


def _counted_units() -> dict[str, str]:
    from ..analyze import counted_units

    return counted_units()


class PropositionKey(NamedTuple):
    """Who does what to whom, at country level: IRN supply RUS. Parts may be unknown (None)."""

    subject: str | None
    predicate: str | None
    object: str | None

    @property
    def complete(self) -> bool:
        """True when subject and predicate are known: enough to start a proposition."""
        return self.subject is not None and self.predicate is not None


@dataclass(frozen=True, slots=True)
class Predicate:
    """A class of verbs that report one kind of claim, and how its label reads."""

    name: str
    phrase: str


@cache
def _predicates() -> dict[str, Predicate]:
    text = resources.files("claimwatch.track").joinpath("data/predicates.tsv").read_text("utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return {row["lemma"]: Predicate(row["class"], row["phrase"]) for row in csv.DictReader(lines, delimiter="\t")}


def predicate_of(lemma: str | None) -> Predicate | None:
    """The claim class of a verb; None for verbs that only report speech."""
    if not lemma:
        return None
    known = _predicates().get(lemma.lower())
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


def statement_key(statement: dict[str, Any], places: dict[str, str]) -> tuple[PropositionKey, str | None]:
    """A statement's key and place; places maps place names in the article to their country."""
    proposition = statement.get("proposition") or {}
    location = proposition.get("location")
    place_country = places.get(location.lower()) if location else None
    subject = country_of(proposition.get("subject"))
    predicate = predicate_of(proposition.get("predicate"))
    # Whom a speech verb is addressed to ("responded to remarks by the US") is not what the claim is about.
    obj = country_of(proposition.get("object")) if predicate or not proposition.get("predicate") else None
    if obj is None and place_country is not None and place_country != subject:
        # "Iran sent drones to Moscow": the place stands for the recipient.
        obj = place_country
    if obj == subject:
        obj = None
    return PropositionKey(subject, predicate.name if predicate else None, obj), location


def proposition_id(key: PropositionKey) -> str:
    """A stable id for a complete key: the same claim gets the same id in every store."""
    digest = hashlib.sha256("|".join(part or "" for part in key).encode()).hexdigest()
    return "p" + digest[:11]


def fits(partial: PropositionKey, full: PropositionKey) -> bool:
    """True when every part the partial key knows agrees with the full key."""
    return all(part is None or part == other for part, other in zip(partial, full))


def best_fit(key: PropositionKey, candidates: list[tuple[PropositionKey, str, int]],
             mentioned: frozenset[str] = frozenset()) -> str | None:
    """The id of the best-supported candidate (key, id, statements) the key fits, or None.

    A key without a predicate ("Tehran denied it") fits a claim only when its
    sentence also names the claim's object, so that a subject alone does not
    pull in everything said about that country; a key must name a subject or
    two parts to fit at all.
    """
    known = sum(part is not None for part in key)
    if known == 0 or (known == 1 and key.subject is None):
        return None
    fitting = [(n, pid) for full, pid, n in candidates if fits(key, full)
               and (key.predicate is not None or full.object is None or full.object in mentioned)]
    return max(fitting)[1] if fitting else None


def proposition_label(key: PropositionKey, sentence: str, location_country: str | None = None) -> str:
    """A readable label: "Iran sends drones to Russia"."""
    names = _actor_names()
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
    for predicate in _predicates().values():
        by_class.setdefault(predicate.name, predicate)
    return by_class


def _counted_thing(sentence: str) -> str | None:
    units = _counted_units()
    found = Counter(units[w] for w in re.findall(r"[A-Za-z]+", sentence.lower()) if w in units)
    return found.most_common(1)[0][0] if found else None
