"""Stance cues: the words of a sentence that deny, doubt, hedge or confirm what it says."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from .words import stem, word_tokens

__all__ = ["Cue", "find_cues", "NEGATIONS"]

# How far apart (in words) the words of a cue phrase may stand.
_MAX_GAP = 2
NEGATIONS = frozenset({"not", "no", "never", "neither", "nor", "nothing", "none"})


@dataclass(frozen=True, slots=True)
class Cue:
    """One cue found in a sentence: its stance, and where its words stand (word indexes)."""

    stance: str
    first: int
    last: int


@cache
def _cue_table() -> tuple[list[tuple[tuple[str, ...], str]], frozenset[str]]:
    text = resources.files("claimwatch.claims").joinpath("data/stance_cues.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    table = [(tuple(stem(w) for w in word_tokens(phrase)), stance.strip()) for phrase, stance in rows[1:]]
    # Longer cues first: "not confirm" is read before "confirm" can be.
    return sorted(table, key=lambda row: -len(row[0])), frozenset(phrase[0] for phrase, _ in table)


def find_cues(word_stems: list[str]) -> list[Cue]:
    """The cues among a sentence's word stems, longest first, no word in two cues."""
    table, first_words = _cue_table()
    if first_words.isdisjoint(word_stems):
        return []
    taken: set[int] = set()
    found = []
    present = set(word_stems)
    for phrase, stance in table:
        if phrase[0] not in present:
            continue
        for start, word in enumerate(word_stems):
            if word != phrase[0] or start in taken:
                continue
            at = _match_rest(word_stems, phrase, start, taken)
            if at is not None:
                found.append(Cue(stance, start, at[-1]))
                taken.update(at)
    return found


def _match_rest(word_stems: list[str], phrase: tuple[str, ...], start: int, taken: set[int]) -> list[int] | None:
    positions = [start]
    for part in phrase[1:]:
        window = range(positions[-1] + 1, min(len(word_stems), positions[-1] + 2 + _MAX_GAP))
        nxt = next((i for i in window if word_stems[i] == part and i not in taken), None)
        if nxt is None:
            return None
        positions.append(nxt)
    return positions
