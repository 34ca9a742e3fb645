"""What an article offers any claim: its sentences and statements, read once, with stems and cues."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..records import Analysis, Proposition, Statement
from .cues import Cue, find_cues
from .words import stem, word_spans

__all__ = ["ArticleReading", "Passage", "read_article"]

# Sentence ends for the text no statement covers: . ! ? (closing quotes allowed) before a space, or a line break.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’')\]]*\s+|\n+")


@dataclass(slots=True)
class Passage:
    """A statement, or a sentence that is none, with its word stems and stance cues."""

    statement: Statement
    stems: list[str]
    offsets: list[tuple[int, int]]  # each stem's span in the article text
    cues: list[Cue]
    index: int  # order in the article

    @property
    def stem_set(self) -> frozenset[str]:
        return frozenset(self.stems)


@dataclass(slots=True)
class ArticleReading:
    """An article's title and passages, ready to be read toward any claim."""

    title: Passage | None
    passages: list[Passage]


def read_article(text: str, title: str | None, analysis: Analysis) -> ArticleReading:
    """The article's passages: its statements, and every other sentence as an unattributed one."""
    statements = sorted(analysis.statements, key=lambda s: (s.start, s.end))
    covered = [(s.start, s.end) for s in statements]
    units = list(statements) + [_bare_statement(text, start, end)
                                for start, end in _sentences(text) if not _overlaps(start, end, covered)]
    units.sort(key=lambda s: (s.start, s.end))
    passages = [_passage(unit, unit.start, index) for index, unit in enumerate(units)]
    title_passage = None
    if title and title.strip() and title.strip() != text.strip():
        title_passage = _passage(_bare_statement(title, 0, len(title)), 0, -1)
    return ArticleReading(title_passage, passages)


def _passage(statement: Statement, offset: int, index: int) -> Passage:
    spans = word_spans(statement.sentence)
    word_stems = [stem(word) for word, _, _ in spans]
    offsets = [(offset + start, offset + end) for _, start, end in spans]
    return Passage(statement, word_stems, offsets, find_cues(word_stems), index)


def _sentences(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        if text[start:match.start()].strip():
            bounds.append((start, match.start()))
        start = match.end()
    if text[start:].strip():
        bounds.append((start, len(text.rstrip())))
    return bounds


def _overlaps(start: int, end: int, covered: list[tuple[int, int]]) -> bool:
    return any(start < c_end and c_start < end for c_start, c_end in covered)


def _bare_statement(text: str, start: int, end: int) -> Statement:
    """A sentence no source is named for, as a statement record of its own."""
    return Statement(sentence=text[start:end], start=start, end=end, source=None, source_actor=None,
                     source_country=None, source_kind="unattributed", stance="asserts", cue=None,
                     proposition=Proposition(None, None, None, None))
