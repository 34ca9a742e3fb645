"""What figures are read with: number words, counted units, materiel, approximations, count breakers,
casualty and force words."""

from __future__ import annotations

from functools import cache

from .tables import rows

__all__ = ["units", "materiel_words", "number_words", "count_breakers", "approximations", "casualty_words",
           "force_words"]


@cache
def units() -> dict[str, str]:
    """Counted nouns ("soldiers", "UAVs") to canonical units ("troops", "drones")."""
    return {row["word"].lower(): row["unit"] for row in rows("units.tsv")}


@cache
def materiel_words() -> frozenset[str]:
    """Counted nouns that name weapons or military equipment: drones, UAVs, shells, tanks."""
    materiel = {row["unit"] for row in rows("materiel.tsv")}
    return frozenset(word for word, unit in units().items() if unit in materiel)


@cache
def number_words() -> dict[str, float]:
    """Number words ("three", "thousand", "dozen") to their values."""
    return {row["word"]: float(row["value"]) for row in rows("numbers.tsv")}


@cache
def count_breakers() -> frozenset[str]:
    """Nouns that, between a number and a unit, show the number counts something else."""
    return frozenset(row["word"] for row in rows("count_breakers.tsv"))


@cache
def approximations() -> dict[str, str]:
    """Words before a number ("as many as") to the approximation reported ("up to")."""
    return {row["phrase"]: row["approx"] for row in rows("approximations.tsv")}


@cache
def casualty_words(side: str) -> dict[str, str]:
    """Words after ("were killed") or before ("killed") counted people, to the casualty unit they give."""
    return {row["word"]: row["unit"] for row in rows("casualty_words.tsv") if row["side"] in (side, "both")}


@cache
def force_words() -> dict[str, str | None]:
    """Nouns for a body of troops whose size is given beside them ("a brigade of 2,500", "4,000-strong") to
    "troops", and compounds that size something else ("work force") to None."""
    return {row["word"]: None if row["counts"] == "-" else row["counts"] for row in rows("force_words.tsv")}
