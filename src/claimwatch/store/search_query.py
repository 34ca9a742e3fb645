"""What a search query may ask of the full-text index: its words, and the limits that bound its cost.

A query is FTS5 syntax or plain words. Its cost grows with how many terms it
holds and how many index entries each prefix term (``min*``) expands to, so
both are bounded here, before any backend runs it; a query over the limits is
refused with a QueryError that says how to narrow it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import QueryError
from ..settings import (
    SEARCH_MAX_PREFIX_TERMS,
    SEARCH_MAX_QUERY_CHARS,
    SEARCH_MAX_TERMS,
    SEARCH_MIN_PREFIX_CHARS,
)

__all__ = ["QueryWords", "checked_query", "quoted_words", "marking_expression"]

# FTS5's operators, recognised only in capitals and outside quotes.
_OPERATORS = {"AND", "OR", "NOT", "NEAR"}
# The query in FTS5's pieces: a quoted string ("" is a quote inside it), a bareword, or one mark.
_PIECE = re.compile(r'"(?:[^"]|"")*"?|[\w\x1a\u0080-\U0010ffff]+|\S')
_BAREWORD = re.compile(r'[\w\x1a\u0080-\U0010ffff]+')
# What the unicode61 tokenizer keeps as one token: letters and digits (not "_" nor other marks).
_TOKEN = re.compile(r"[^\W_]+")
_SHOWN_CHARS = 60


@dataclass(frozen=True, slots=True)
class QueryWords:
    """The words a query searches for, and which of them are prefixes (before a "*")."""

    words: tuple[str, ...]
    prefixes: tuple[str, ...]


def quoted_words(query: str) -> str:
    """The query's words each in quotes: what FTS5 accepts from any text ("U.S.", stray quotes)."""
    return " ".join(f'"{word}"' for word in _TOKEN.findall(query))


def marking_expression(match: str) -> str:
    """An FTS5 expression that marks in a text what match marks, at less cost.

    FTS5's snippet() costs about the square of the matches it marks, and a
    term given twice ("the the", "t* OR t*") is marked twice; a plain list of
    terms (AND, OR) marks the same as its distinct terms ORed. Other
    expressions (NOT, NEAR, groups, columns) are kept as they are.
    """
    terms: list[str] = []
    for piece in _PIECE.findall(match):
        if piece == "*" and terms and not terms[-1].endswith("*"):
            terms[-1] += "*"
        elif piece in ("AND", "OR"):
            continue
        elif piece.startswith('"') or (_BAREWORD.fullmatch(piece) and piece not in _OPERATORS):
            terms.append(piece)
        else:
            return match
    return " OR ".join(dict.fromkeys(terms))


def checked_query(query: str) -> QueryWords:
    """The query's words; QueryError when it is not text or would cost more than the limits allow."""
    if len(query) > SEARCH_MAX_QUERY_CHARS:
        _refuse(query, f"{len(query):,} characters is too long for a search (at most {SEARCH_MAX_QUERY_CHARS}); "
                       "shorten it to its most distinctive words")
    try:
        query.encode("utf-8")
    except UnicodeEncodeError:
        _refuse(query, "it holds characters that are not text (a lone surrogate); type it again")
    found = _query_words(query)
    if len(found.words) > SEARCH_MAX_TERMS:
        _refuse(query, f"{len(found.words)} words is more than the {SEARCH_MAX_TERMS} a search may hold; "
                       "keep the most distinctive ones")
    short = [prefix for prefix in found.prefixes if len(prefix) < SEARCH_MIN_PREFIX_CHARS]
    if short:
        _refuse(query, f"the prefix {short[0]}* is too short; "
                       f"give at least {SEARCH_MIN_PREFIX_CHARS} letters before a *")
    if len(found.prefixes) > SEARCH_MAX_PREFIX_TERMS:
        _refuse(query, f"{len(found.prefixes)} prefix words (with *) is more than the {SEARCH_MAX_PREFIX_TERMS} "
                       "a search may hold; write some of them out in full")
    return found


def _query_words(query: str) -> QueryWords:
    """The words of the query's phrases and barewords, leaving out operators, column names and NEAR distances."""
    pieces = _PIECE.findall(query)
    words: list[str] = []
    prefixes: list[str] = []
    in_columns = False
    for index, piece in enumerate(pieces):
        following = pieces[index + 1] if index + 1 < len(pieces) else ""
        before = pieces[index - 1] if index else ""
        if piece in ("{", "}"):
            in_columns = piece == "{"
            continue
        if in_columns or piece in _OPERATORS or following == ":" or (before == "," and piece.isdigit()):
            continue
        tokens = _TOKEN.findall(piece[1:].replace('""', '"') if piece.startswith('"') else piece)
        words += tokens
        if following == "*" and tokens:
            prefixes.append(tokens[-1])
    return QueryWords(tuple(words), tuple(prefixes))


def _refuse(query: str, why: str) -> None:
    """Raise the QueryError for a query, shown cut short when long."""
    shown = query if len(query) <= _SHOWN_CHARS else query[:_SHOWN_CHARS] + "…"
    raise QueryError(f"search {shown!r}: {why}")
