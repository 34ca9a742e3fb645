"""Reading the lexicon's data files: tab-separated, a header line, "#" for comments, "|" between alternatives."""

from __future__ import annotations

import csv
from importlib import resources

__all__ = ["rows", "alternatives"]


def rows(name: str) -> list[dict[str, str]]:
    """The rows of data/<name> as dicts keyed by the header, values stripped."""
    text = resources.files("claimwatch.lexicon").joinpath(f"data/{name}").read_text("utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines, delimiter="\t",
                                                                                     quoting=csv.QUOTE_NONE)]


def alternatives(value: str) -> list[str]:
    """The alternatives of a "|"-separated cell, blanks dropped."""
    return [v.strip() for v in value.split("|") if v.strip()]
