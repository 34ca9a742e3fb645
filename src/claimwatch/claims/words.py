"""Words of claims and sentences: stems, content words, and the general-English data behind them."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

__all__ = ["content_stems", "name_stems", "stem", "stems", "word_spans", "word_tokens"]

_WORD = re.compile(r"[A-Za-z0-9]+(?=n['’]t\b)|n['’]t\b|[A-Za-z0-9]+(?:['’][A-Za-z]+)?|\?")
_CASED_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")


def _data_lines(name: str) -> list[str]:
    text = resources.files("claimwatch.claims").joinpath(f"data/{name}").read_text("utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def stop_words() -> frozenset[str]:
    """Function words that say nothing of what a claim is about."""
    return frozenset(line.strip() for line in _data_lines("stop_words.txt"))


@cache
def _synonyms() -> dict[str, str]:
    table: dict[str, str] = {}
    for line in _data_lines("synonyms.tsv"):
        words = [w.strip() for w in line.split("\t") if w.strip()]
        for word in words:
            table[_suffix_stem(word)] = _suffix_stem(words[0])
    return table


def word_spans(text: str) -> list[tuple[str, int, int]]:
    """Lower-cased words (and "?") of text with their offsets; "n't" and "cannot" read as "not"."""
    spans = []
    for match in _WORD.finditer(text):
        word = match.group().lower().replace("’", "'").removesuffix("'s")
        spans.append(("not" if word in ("n't", "cannot") else word, match.start(), match.end()))
    return spans


def word_tokens(text: str) -> list[str]:
    """Lower-cased words (and "?") of text, "n't" read as "not"."""
    return [word for word, _, _ in word_spans(text)]


def _suffix_stem(word: str) -> str:
    # A light stemmer: enough to join "denied", "denies" and "deny", or "collapsed" and "collapse".
    if len(word) <= 3 or word.isdigit():
        return word
    base = word
    for suffix, replacement in (("ies", "y"), ("ied", "y"), ("sses", "ss"), ("ing", ""), ("ed", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                break
            base = word[: len(word) - len(suffix)] + replacement
            if suffix in ("ing", "ed") and len(base) > 3 and base[-1] == base[-2] and base[-1] not in "lsz":
                base = base[:-1]  # "stopped" → "stop"
            break
    # A final silent e goes, so that "collapse" meets "collapsed" ("collaps") and "crates" meets "crate".
    return base[:-1] if len(base) > 3 and base.endswith("e") else base


@cache
def stem(word: str) -> str:
    """The stem of one lower-cased word, synonyms joined ("slain" and "killed" are one)."""
    base = _suffix_stem(word)
    return _synonyms().get(base, base)


def stems(text: str) -> list[str]:
    """The stems of every word of text, in order."""
    return [stem(w) for w in word_tokens(text)]


def content_stems(text: str) -> list[str]:
    """The stems of text's words that are not function words, in order."""
    stop = stop_words()
    return [stem(w) for w in word_tokens(text) if w not in stop and w != "?" and len(w) > 1]


def name_stems(text: str) -> set[str]:
    """Stems of the words of text written as names or numbers (capitalised past the first word, digits)."""
    found = set()
    for index, match in enumerate(_CASED_WORD.finditer(text)):
        word = match.group()
        if word[0].isdigit() or (index > 0 and word[0].isupper()):
            found.update(stem(w) for w in word_tokens(word) if w not in stop_words())
    return found
