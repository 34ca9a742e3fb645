"""Search filters from a request's query string, checked, shared by the search page and the API."""

from __future__ import annotations

import re
from datetime import date

from fastapi import HTTPException, Query

from ..settings import SEARCH_MAX_QUERY_CHARS
from ..store import SearchFilters
from ..vocabulary import STANCES

__all__ = ["checked_day", "search_filters"]

_DAY = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?", re.ASCII)


def _blank_is_none(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def checked_day(name: str, value: str | None) -> str | None:
    """The day given for parameter name (None when blank); 400 unless a real YYYY-MM-DD or YYYY-MM."""
    value = _blank_is_none(value)
    if value is None:
        return None
    match = _DAY.fullmatch(value)
    try:
        if match is None:
            raise ValueError(value)
        date(int(match[1]), int(match[2]), int(match[3] or 1))
    except ValueError:
        shown = value if len(value) <= 40 else value[:40] + "…"
        raise HTTPException(400, f"{name}={shown!r} is not a date; give it as YYYY-MM-DD (or YYYY-MM)") from None
    return value


def search_filters(
    q: str | None = Query(None, description=f"Words, in FTS5 syntax or plain; at most {SEARCH_MAX_QUERY_CHARS} characters."),
    outlet: str | None = Query(None, max_length=200, description="An outlet's domain, e.g. example.com."),
    actor: str | None = Query(None, max_length=20, description="An actor code (RUSGOV) or a country (RUS)."),
    stance: str | None = Query(None, description=f"{', '.join(STANCES[:-1])} or {STANCES[-1]}."),
    since: str | None = Query(None, description="Published on or after this day (YYYY-MM-DD)."),
    until: str | None = Query(None, description="Published on or before this day (YYYY-MM-DD)."),
    story: str | None = Query(None, max_length=40, description="Only articles of this story."),
    limit: int = Query(20, ge=1, le=200, description="At most this many of each kind of result."),
) -> SearchFilters:
    """The filters of one search; a bad stance or date is refused with a message that says what to give."""
    stance = _blank_is_none(stance)
    if stance is not None and stance not in STANCES:
        raise HTTPException(400, f"stance={stance!r}: use one of {', '.join(STANCES)}")
    return SearchFilters(q=_blank_is_none(q), outlet=_blank_is_none(outlet), actor=_blank_is_none(actor),
                         stance=stance, since=checked_day("since", since), until=checked_day("until", until),
                         story=_blank_is_none(story), limit=limit)
