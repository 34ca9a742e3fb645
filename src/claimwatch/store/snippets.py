"""Where a search hit's snippet is cut from: a window of its text around the first matching word.

Marking matches costs about the square of the text it reads (minutes on a
50 MB article in SQLite's snippet()), so each backend marks a window of the
text of at most SNIPPET_WINDOW_CHARS; 20 windows of 10,000 characters take
about 0.1 s even for a query of 16 of the commonest words.
"""

from __future__ import annotations

import re

__all__ = ["SNIPPET_TOKENS", "SNIPPET_WINDOW_CHARS", "first_words", "snippet_window", "with_lead"]

SNIPPET_WINDOW_CHARS = 10_000
# How far into a longer text the window may move to reach the first matching word.
_SNIPPET_SEARCH_CHARS = 1_000_000
# Words a snippet shows.
SNIPPET_TOKENS = 16


def snippet_window(text: str, words: tuple[str, ...]) -> tuple[int, str]:
    """Where the snippet window starts in text, and the window: the start, or just before the first word found."""
    if len(text) <= SNIPPET_WINDOW_CHARS:
        return 0, text
    start = 0
    # Each word cut short of its ending (tankers → tanke), since the index matches stems.
    stems = sorted({word.casefold()[:max(3, len(word) - 2)] for word in words}, key=len, reverse=True)
    if stems:
        found = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, stems)) + ")", re.IGNORECASE)
        first = found.search(text, 0, _SNIPPET_SEARCH_CHARS)
        if first and first.start() + len(first[0]) > SNIPPET_WINDOW_CHARS // 2:
            start = text.rfind(" ", 0, max(first.start() - 200, 1)) + 1
    return start, text[start:start + SNIPPET_WINDOW_CHARS]


def first_words(text: str) -> str:
    """The text's first snippet's worth of words."""
    words = text[:SNIPPET_TOKENS * 40].split()
    return " ".join(words[:SNIPPET_TOKENS]) + ("…" if len(words) > SNIPPET_TOKENS else "")


def with_lead(start: int, snippet: str) -> str:
    """The snippet, marked as cut ("…") when its window does not start the text."""
    return "…" + snippet if start and not snippet.startswith("…") else snippet
