"""The gazetteer: countries, capitals, organisations, people, group nouns and role words, with their actors."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .tables import alternatives, rows

__all__ = ["ActorEntry", "Role", "actor_entries", "actor_names", "people", "demonyms", "group_roles", "roles",
           "title_words"]


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """A name the gazetteer knows, and the actor it stands for."""

    phrase: str
    code: str
    country: str | None
    kind: str


@dataclass(frozen=True, slots=True)
class Role:
    """What a title or role word says about a person: role code and source kind."""

    role: str
    source_kind: str


def _without_article(phrase: str) -> str:
    # "the Kremlin" is matched as "Kremlin": the article may be "The", "the" or absent.
    return re.sub(r"^the\s+", "", phrase, flags=re.IGNORECASE)


@cache
def actor_entries() -> tuple[ActorEntry, ...]:
    """Every name, alias, capital and organisation, with its actor."""
    entries = []
    for row in rows("countries.tsv"):
        for name in [row["name"], *alternatives(row["aliases"])]:
            entries.append(ActorEntry(_without_article(name), row["code"], row["code"], "country"))
        if row["capital"]:
            # A capital in the news is its government speaking: "Moscow said".
            entries.append(ActorEntry(row["capital"], row["code"] + "GOV", row["code"], "government_body"))
    for row in rows("organisations.tsv"):
        kind = "government_body" if row["kind"] == "seat" else row["kind"]
        for name in [row["name"], *alternatives(row["aliases"])]:
            entries.append(ActorEntry(_without_article(name), row["code"], row["country"] or None, kind))
    return tuple(entries)


@cache
def actor_names() -> dict[str, str]:
    """Actor code to the name it is best known by: IRN → Iran, NATO → NATO."""
    names: dict[str, str] = {}
    for row in rows("countries.tsv"):
        names.setdefault(row["code"], row["name"])
    for row in rows("organisations.tsv"):
        names.setdefault(row["code"], row["name"])
    return names


@cache
def people() -> tuple[ActorEntry, ...]:
    """Public figures by name and alias, with the actor code and country they speak for."""
    return tuple(ActorEntry(name, row["code"], row["country"] or None, "person")
                 for row in rows("people.tsv") for name in [row["name"], *alternatives(row["aliases"])])


@cache
def demonyms() -> dict[str, str]:
    """Demonym (as written, "North Korean") to country code."""
    return {d: row["code"] for row in rows("countries.tsv") for d in alternatives(row["demonyms"])}


@cache
def group_roles() -> dict[str, str]:
    """Group nouns after a country or demonym ("troops", "officials") to a role code."""
    return {row["word"]: row["role"] for row in rows("groups.tsv")}


@cache
def roles() -> dict[str, Role]:
    """Titles and role words ("defence minister", "spokesman") to role and source kind."""
    return {row["word"]: Role(row["role"], row["source_kind"]) for row in rows("roles.tsv")}


@cache
def title_words() -> frozenset[str]:
    """Every word of every role phrase ("major", "general", "press", "secretary")."""
    return frozenset(word for phrase in roles() for word in phrase.split())
