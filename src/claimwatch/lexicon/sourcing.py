"""Words that tell who a source is when no name does: "the newspaper", "the report", "is said to"."""

from __future__ import annotations

from functools import cache

from .gazetteer import roles
from .tables import rows

__all__ = ["referring_words", "hearsay_phrases", "single_posts", "not_sources", "unnamed_heads"]


@cache
def referring_words() -> dict[str, str]:
    """Head nouns of "the minister", "the newspaper", "the report" to the kind of what they point back to."""
    # The head of "minister of defence" is "minister", of "defence minister" "minister".
    words = {phrase.split(" of ")[0].split()[-1]: role.source_kind for phrase, role in roles().items()}
    words.update({row["word"]: row["kind"] for row in rows("referring.tsv")})
    return words


@cache
def hearsay_phrases() -> tuple[str, ...]:
    """Phrases by which a sentence passes on what someone else said, without naming them: "is said to"."""
    return tuple(row["phrase"] for row in rows("hearsay.tsv"))


@cache
def single_posts() -> frozenset[str]:
    """Posts one person holds ("spokesman"): "the spokesman" names that person, "a spokesman" leaves them unnamed."""
    return frozenset(row["phrase"] for row in rows("anonymity.tsv") if row["where"] == "post")


@cache
def not_sources() -> frozenset[str]:
    """Heads that name no one who speaks: "samples", "results", "reports", "this"."""
    return frozenset(row["word"] for row in rows("not_sources.tsv"))


@cache
def unnamed_heads() -> frozenset[str]:
    """Words that leave a source unnamed only at its head: "leaks to the press", not "gas leaks"."""
    return frozenset(row["phrase"] for row in rows("anonymity.tsv") if row["where"] == "head")
