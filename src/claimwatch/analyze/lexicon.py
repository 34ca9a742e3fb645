"""The analysis stage's data files, loaded once: gazetteers, cue lexicons, CAMEO verbs.

Everything a rule looks up lives in data/*.tsv (tab-separated, a header
line, "#" for comments, "|" between alternatives); this module only reads
and indexes them.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = [
    "ActorEntry", "Cue", "Role", "CameoVerb",
    "actor_entries", "actor_names", "materiel_words", "people", "demonyms", "group_roles", "roles", "cues", "units", "cameo_verbs",
    "anonymity_words", "anonymity_phrases", "verb_forms", "title_words", "cameo_forms", "cue_verb_forms", "number_words", "approximations", "count_breakers",
]


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """A name the gazetteer knows, and the actor it stands for."""

    phrase: str
    code: str
    country: str | None
    kind: str


@dataclass(frozen=True, slots=True)
class Cue:
    """A word or phrase that carries a stance, and how strongly."""

    cue: str
    stance: str
    kind: str
    strength: int


@dataclass(frozen=True, slots=True)
class Role:
    """What a title or role word says about a person: role code and source kind."""

    role: str
    source_kind: str


@dataclass(frozen=True, slots=True)
class CameoVerb:
    """A verb's CAMEO event code, name, Goldstein value and second-actor role."""

    code: str
    name: str
    goldstein: float
    object: str


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("claimwatch.analyze").joinpath(f"data/{name}").read_text("utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines, delimiter="\t",
                                                                                     quoting=csv.QUOTE_NONE)]


def _alternatives(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()]


def _without_article(phrase: str) -> str:
    # "the Kremlin" is matched as "Kremlin": the article may be "The", "the" or absent.
    return re.sub(r"^the\s+", "", phrase, flags=re.IGNORECASE)


@cache
def actor_entries() -> tuple[ActorEntry, ...]:
    """Every name, alias, capital and organisation, with its actor."""
    entries = []
    for row in _rows("countries.tsv"):
        for name in [row["name"], *_alternatives(row["aliases"])]:
            entries.append(ActorEntry(_without_article(name), row["code"], row["code"], "country"))
        if row["capital"]:
            # A capital in the news is its government speaking: "Moscow said".
            entries.append(ActorEntry(row["capital"], row["code"] + "GOV", row["code"], "government_body"))
    for row in _rows("organisations.tsv"):
        kind = "government_body" if row["kind"] == "seat" else row["kind"]
        for name in [row["name"], *_alternatives(row["aliases"])]:
            entries.append(ActorEntry(_without_article(name), row["code"], row["country"] or None, kind))
    return tuple(entries)


@cache
def people() -> tuple[ActorEntry, ...]:
    """Public figures by name and alias, with the actor code and country they speak for."""
    return tuple(ActorEntry(name, row["code"], row["country"] or None, "person")
                 for row in _rows("people.tsv") for name in [row["name"], *_alternatives(row["aliases"])])


@cache
def demonyms() -> dict[str, str]:
    """Demonym (as written, "North Korean") to country code."""
    return {d: row["code"] for row in _rows("countries.tsv") for d in _alternatives(row["demonyms"])}


@cache
def group_roles() -> dict[str, str]:
    """Group nouns after a country or demonym ("troops", "officials") to a role code."""
    return {row["word"]: row["role"] for row in _rows("groups.tsv")}


@cache
def roles() -> dict[str, Role]:
    """Titles and role words ("defence minister", "spokesman") to role and source kind."""
    return {row["word"]: Role(row["role"], row["source_kind"]) for row in _rows("roles.tsv")}


@cache
def cues() -> tuple[Cue, ...]:
    """Stance cues: reporting verbs (lemmas), hedges, phrases, denial adjectives."""
    return tuple(Cue(r["cue"].lower(), r["stance"], r["kind"], int(r["strength"] or 1)) for r in _rows("cues.tsv"))


@cache
def title_words() -> frozenset[str]:
    """Every word of every role phrase ("major", "general", "press", "secretary")."""
    return frozenset(word for phrase in roles() for word in phrase.split())


@cache
def actor_names() -> dict[str, str]:
    """Actor code to the name it is best known by: IRN → Iran, NATO → NATO."""
    names: dict[str, str] = {}
    for row in _rows("countries.tsv"):
        names.setdefault(row["code"], row["name"])
    for row in _rows("organisations.tsv"):
        names.setdefault(row["code"], row["name"])
    return names


@cache
def units() -> dict[str, str]:
    """Counted nouns ("soldiers", "UAVs") to canonical units ("troops", "drones")."""
    return {row["word"].lower(): row["unit"] for row in _rows("units.tsv")}


@cache
def materiel_words() -> frozenset[str]:
    """Counted nouns that name weapons or military equipment: drones, UAVs, shells, tanks."""
    materiel = {row["unit"] for row in _rows("materiel.tsv")}
    return frozenset(word for word, unit in units().items() if unit in materiel)


@cache
def cameo_verbs() -> dict[str, CameoVerb]:
    """Verb lemma (or verb + particle) to its CAMEO event."""
    verbs = {}
    for row in _rows("cameo.tsv"):
        verbs.setdefault(row["lemma"].lower(), CameoVerb(row["code"], row["name"], float(row["goldstein"]),
                                                          row["object"] or "none"))
    return verbs


@cache
def anonymity_words() -> frozenset[str]:
    """Nouns that leave a source unnamed when no name stands beside them."""
    return frozenset(r["phrase"] for r in _rows("anonymity.tsv") if r["where"] == "source")


@cache
def anonymity_phrases() -> tuple[str, ...]:
    """Phrases that make a sentence's source anonymous wherever they stand."""
    return tuple(r["phrase"] for r in _rows("anonymity.tsv") if r["where"] == "sentence")


@cache
def number_words() -> dict[str, float]:
    """Number words ("three", "thousand", "dozen") to their values."""
    return {row["word"]: float(row["value"]) for row in _rows("numbers.tsv")}


@cache
def count_breakers() -> frozenset[str]:
    """Nouns that, between a number and a unit, show the number counts something else."""
    return frozenset(row["word"] for row in _rows("count_breakers.tsv"))


@cache
def approximations() -> dict[str, str]:
    """Words before a number ("as many as") to the approximation reported ("up to")."""
    return {row["phrase"]: row["approx"] for row in _rows("approximations.tsv")}


@cache
def _irregular() -> dict[str, list[str]]:
    return {r["lemma"]: _alternatives(r["forms"]) for r in _rows("irregular_verbs.tsv")}


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


@cache
def cue_verb_forms() -> frozenset[str]:
    """Every inflected form of a reporting verb of the cue lexicon."""
    return frozenset(form for cue in cues() if cue.kind == "verb" for form in verb_forms(cue.cue))
