"""Numbers as news writes them: digits, words, ranges and shared magnitudes; never dates, ages or measures.

"10 to 12,000" → 10,000–12,000; "8–9,000" (one token) → 8,000–9,000; "five or
six hundred" → 500–600; "twelve thousand" → 12,000; "1.5 million" → 1,500,000.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from spacy.tokens import Doc

from ..lexicon import number_words
from .dates import MONTHS

__all__ = ["Number", "number_at"]

_RANGE_WORDS = {"to", "-", "–", "and", "or"}
# "8,000–9,000" is one token.
_DASHED_RANGE = re.compile(r"^(\d[\d,.]*)[-–—](\d[\d,.]*)$")
_THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+$")
# "several hundred UAVs" is no count; "a hundred drones" is.
_MAGNITUDES = {"hundred", "thousand", "million", "billion", "dozen"}
_MAGNITUDE_ARTICLES = {"a", "an", "one"}
_MONTHS = {*MONTHS, "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
           "dec"}
_AGE_WORDS = {"year", "years", "aged", "age", "old", "%", "percent", "per", "cent", "km", "kilometres",
              "kilometers", "miles", "metres", "meters", "hours", "days", "weeks", "months", "minutes", "mm",
              "millimetre", "millimeter", "calibre", "caliber", "a.m.", "p.m."}


class Number(NamedTuple):
    """A number or range as written: its tokens, its value (the lower end of a range), and the upper end
    with the character where it is written."""

    start: int
    end: int
    value: float
    high: float | None
    high_char: int | None


def number_at(doc: Doc, i: int) -> Number | None:
    """The number or range that starts at token i, or None where none does or it is a date, age or measure."""
    token = doc[i]
    if not (token.like_num or token.text[:1].isdigit()) or (i > 0 and doc[i - 1].is_currency):
        return None
    dashed = None if token.like_num else _DASHED_RANGE.match(token.text)
    if not (token.like_num or dashed) or _is_date_or_age(doc, i) or _bare_magnitude(doc, i):
        return None
    if dashed:
        end = i + 1
        while end < len(doc) and doc[end].lower_ in _MAGNITUDES:
            end += 1
        low_tokens, high_tokens = [dashed.group(1)], [dashed.group(2), *(t.text for t in doc[i + 1:end])]
        high_char = token.idx + dashed.start(2)
    else:
        end = low_end = _number_end(doc, i)
        low_tokens = [t.text for t in doc[i:low_end] if t.text not in ("-", "–")]
        high_tokens, high_char = [], None
        if low_end + 1 < len(doc) and doc[low_end].lower_ in _RANGE_WORDS and doc[low_end + 1].like_num:
            end = _number_end(doc, low_end + 1)
            high_tokens, high_char = [t.text for t in doc[low_end + 1:end]], doc[low_end + 1].idx
    value = _value(low_tokens)
    if value is None:
        return None
    high = _value(high_tokens) if high_tokens else None
    if high is not None:
        value = _shared_magnitude(low_tokens, value, high_tokens, high)
    if high is not None and high > value:
        return Number(i, end, value, high, high_char)
    return None if dashed else Number(i, low_end, value, None, None)


def _value(tokens: list[str]) -> float | None:
    """The value of a number written in digits, words or both ("1.5 million", "three thousand")."""
    words = number_words()
    total, current = 0.0, None
    for token in tokens:
        text = token.lower().replace(",", "")
        try:
            number = float(text)
        except ValueError:
            if text not in words:
                return None
            number = words[text]
        if current is not None and (number in (100, 1000, 1e6, 1e9) or text == "dozen"):
            current *= number
            if number >= 1000:
                total, current = total + current, None
        else:
            current = (current or 0) + number
    return total + (current or 0)


def _shared_magnitude(low_tokens: list[str], low: float, high_tokens: list[str], high: float) -> float:
    """The lower end of a range that shares the upper end's magnitude: "10 to 12,000" → 10,000."""
    if len(low_tokens) != 1 or "," in low_tokens[0] or low >= 1000:
        return low
    last = high_tokens[-1].lower()
    if last in number_words() and number_words()[last] >= 100:
        scale = number_words()[last]
    elif _THOUSANDS.match(last):
        scale = 1000.0 ** last.count(",")
    else:
        return low
    # Only where the scaled lower end sits below the upper end within one order of magnitude.
    return low * scale if low * scale < high < low * scale * 10 else low


def _number_end(doc: Doc, start: int) -> int:
    end = start + 1
    while end < len(doc) and (doc[end].like_num or doc[end].lower_ == "dozen" or _joins_number_words(doc, end)):
        end += 1
    return end


def _joins_number_words(doc: Doc, i: int) -> bool:
    """True for the hyphen of "twenty-five", not the dash of a range between digits ("3,000-4,000")."""
    return (doc[i].text in ("-", "–") and i + 1 < len(doc) and doc[i + 1].like_num and not doc[i - 1].is_digit
            and not doc[i - 1].text.replace(",", "").isdigit())


def _is_date_or_age(doc: Doc, i: int) -> bool:
    neighbours = {doc[j].lower_ for j in (i - 1, i + 1, i + 2) if 0 <= j < len(doc)}
    if neighbours & _MONTHS:
        return True
    years = [part for part in re.split(r"[-–—]", doc[i].text) if len(part) == 4 and part.isdigit()]
    if any(1900 <= int(year) <= 2100 for year in years):
        return True
    following = {t.lower_ for t in doc[i + 1:i + 4]}
    return bool(following & _AGE_WORDS) and not following & {"troops", "soldiers"}


def _bare_magnitude(doc: Doc, i: int) -> bool:
    return doc[i].lower_ in _MAGNITUDES and (i == 0 or doc[i - 1].lower_ not in _MAGNITUDE_ARTICLES)
