"""Dates in a sentence resolved against the article's publication date."""

from __future__ import annotations

from datetime import date, timedelta

from spacy.tokens import Span

__all__ = ["MONTHS", "resolve_date"]

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"]
_RELATIVE_DAYS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
_RELATIVE_PERIODS = {("last", "week"): -7, ("this", "week"): 0, ("last", "month"): -30, ("this", "month"): 0,
                     ("earlier", "this"): 0, ("last", "year"): -365}


def _published_day(published: str | None) -> date | None:
    try:
        return date.fromisoformat(published) if published and len(published) == 10 else None
    except ValueError:
        return None


def resolve_date(sentence: Span, published: str | None) -> str | None:
    """The date a sentence speaks of, as ISO (YYYY-MM-DD, or YYYY-MM for months), else the publication date."""
    day = _published_day(published)
    words = [t.lower_ for t in sentence]
    for i, word in enumerate(words):
        if word in MONTHS:
            month = MONTHS.index(word) + 1
            number = next((w for w in (words[i + 1] if i + 1 < len(words) else "", words[i - 1] if i else "")
                           if w.isdigit() and 1 <= int(w) <= 31), None)
            year = next((int(w) for w in words[i + 1:i + 4] if w.isdigit() and len(w) == 4), None)
            year = year or (day.year if day else None)
            if year is None:
                continue
            if day and not any(w.isdigit() and len(w) == 4 for w in words[i + 1:i + 4]) and month > day.month:
                year -= 1  # "in November", written in March: last November
            try:
                return date(year, month, int(number)).isoformat() if number else f"{year:04d}-{month:02d}"
            except ValueError:
                continue
    if day is None:
        return published
    for i, word in enumerate(words):
        if word in _WEEKDAYS:
            back = (day.weekday() - _WEEKDAYS.index(word)) % 7
            return (day - timedelta(days=back)).isoformat()
        if word in _RELATIVE_DAYS:
            return (day + timedelta(days=_RELATIVE_DAYS[word])).isoformat()
        if i + 1 < len(words) and (word, words[i + 1]) in _RELATIVE_PERIODS:
            shifted = day + timedelta(days=_RELATIVE_PERIODS[(word, words[i + 1])])
            return shifted.isoformat() if words[i + 1] == "week" else shifted.strftime("%Y-%m")
    return day.isoformat()
