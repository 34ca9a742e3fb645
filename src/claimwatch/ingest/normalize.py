"""Normalisation of what sources give: URLs, outlets, dates and language."""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from functools import cache
from importlib import resources
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

__all__ = ["canonical_url", "registrable_domain", "iso_date", "date_from_url", "date_from_text", "detect_language"]

_DEFAULT_PORTS = {"http": 80, "https": 443}
_ISO_PARTIAL = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")
_ISO_DATETIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[T ]")
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})(?:[/-](\d{1,2}))?(?=[/-])")
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_MONTH_ABBR = "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
_MONTH = rf"(?:{_MONTHS}|(?:{_MONTH_ABBR})\.?)"
_TEXT_DATE = re.compile(
    rf"\b(?:{_MONTH}\s+\d{{1,2}},?\s+(?:19|20)\d{{2}}"
    rf"|\d{{1,2}}\s+{_MONTH}\s+(?:19|20)\d{{2}}"
    r"|(?:19|20)\d{2}-\d{2}-\d{2})\b",
    re.IGNORECASE,
)


@cache
def _tracking_params() -> tuple[frozenset[str], tuple[str, ...]]:
    text = resources.files("claimwatch.ingest").joinpath("data/tracking_params.txt").read_text("utf-8")
    names = [line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    exact = frozenset(n for n in names if not n.endswith("*"))
    prefixes = tuple(n[:-1] for n in names if n.endswith("*"))
    return exact, prefixes


def _is_tracking(name: str) -> bool:
    exact, prefixes = _tracking_params()
    name = name.lower()
    return name in exact or name.startswith(prefixes)


def canonical_url(url: str | None) -> str | None:
    """The URL with a lower-case host, no default port, fragment or tracking parameters."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    if parts.scheme.lower() not in _DEFAULT_PORTS or not parts.hostname:
        return url
    scheme = parts.scheme.lower()
    host = parts.hostname.lower().rstrip(".")
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)])
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))


@cache
def _extractor():
    import tldextract

    # The public suffix list snapshot shipped with tldextract: never fetched at run time.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def registrable_domain(url: str | None) -> str | None:
    """The site's registrable domain ("bbc.co.uk" for "https://www.bbc.co.uk/news")."""
    if not url:
        return None
    host = urlsplit(url if "//" in url else f"//{url}").hostname
    if not host:
        return None
    parts = _extractor()(host)
    if parts.domain and parts.suffix:
        return f"{parts.domain}.{parts.suffix}".lower()
    # IP addresses and local names have no registrable part: the host is the outlet.
    return host.lower()


def _valid(year: int, month: int, day: int | None) -> bool:
    try:
        date(year, month, day or 1)
    except ValueError:
        return False
    return 1900 <= year <= 2100


def iso_date(value: object) -> str | None:
    """A date given in any common form as YYYY-MM-DD (or YYYY-MM), else None."""
    if value is None:
        return None
    if isinstance(value, datetime | date):
        return value.strftime("%Y-%m-%d")
    text = str(value).strip()
    if not text:
        return None
    if match := _ISO_PARTIAL.match(text):
        year, month, day = int(match[1]), int(match[2]), int(match[3]) if match[3] else None
        return text if _valid(year, month, day) else None
    if match := _ISO_DATETIME.match(text):
        year, month, day = (int(g) for g in match.groups())
        return f"{match[1]}-{match[2]}-{match[3]}" if _valid(year, month, day) else None
    try:
        return parsedate_to_datetime(text).strftime("%Y-%m-%d")
    except (TypeError, ValueError, IndexError):
        pass
    import dateparser

    parsed = dateparser.parse(text, languages=None, settings={"STRICT_PARSING": True})
    return parsed.strftime("%Y-%m-%d") if parsed else None


def date_from_url(url: str | None) -> str | None:
    """The date a URL path carries (/2024/11/18/…), as ISO, else None."""
    if not url:
        return None
    match = _URL_DATE.search(urlsplit(url).path + "/")
    if not match:
        return None
    year, month = int(match[1]), int(match[2])
    day = int(match[3]) if match[3] else None
    if not _valid(year, month, day):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}" if day else f"{year:04d}-{month:02d}"


def date_from_text(text: str, *, head: int = 400) -> str | None:
    """A dateline near the start of the text ("November 18, 2024"), as ISO, else None."""
    match = _TEXT_DATE.search(text[:head])
    return iso_date(match[0]) if match else None


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the text's language, or None when there is too little text."""
    # 500 characters decide as well as the whole text, at a sixth of the cost.
    sample = text[:500]
    if sum(ch.isalpha() for ch in sample) < 20:
        return None
    import py3langid

    return py3langid.classify(sample)[0]
