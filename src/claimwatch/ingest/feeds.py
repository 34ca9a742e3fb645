"""Articles from RSS 0.9x/1.0/2.0 and Atom feeds, optionally with each entry's full page."""

from __future__ import annotations

import re
from collections.abc import Iterator

import feedparser

from ..errors import ClaimwatchError, SourceError
from .decoding import decode_bytes
from .draft import Draft
from .fetch import Fetcher
from .html import extract_page, fragment_text

__all__ = ["looks_like_feed", "read_feed"]

_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)


def looks_like_feed(head: bytes) -> bool:
    """True when the document's root element is that of an RSS or Atom feed."""
    return bool(_FEED_ROOT.search(head[:2048]))


def _entry_text(entry: feedparser.FeedParserDict) -> str:
    for content in entry.get("content") or []:
        if content.get("value", "").strip():
            return fragment_text(content["value"])
    return fragment_text(entry.get("summary", "") or "")


def _entry_authors(entry: feedparser.FeedParserDict) -> list[str]:
    names = [a.get("name", "") for a in entry.get("authors") or [] if a.get("name")]
    return names or ([entry["author"]] if entry.get("author") else [])


def read_feed(content: bytes, name: str, *, fetcher: Fetcher | None = None,
              follow: bool = False) -> Iterator[Draft | ClaimwatchError]:
    """One draft per feed entry; with follow, the entry's page gives the full text."""
    parsed = feedparser.parse(content, sanitize_html=False, resolve_relative_uris=False)
    problem = parsed.get("bozo_exception") if parsed.bozo else None
    if isinstance(problem, feedparser.CharacterEncodingOverride):
        problem = None  # a wrong charset label that feedparser corrected: not the user's problem
    if problem is not None:
        message = getattr(problem, "getMessage", lambda: str(problem))()
        yield SourceError(f"{name}: malformed feed ({message}); {len(parsed.entries)} entries could be read, "
                          "check that it is complete RSS or Atom")
    elif not parsed.entries:
        yield SourceError(f"{name}: the feed has no entries; nothing to ingest")
    site_name = parsed.feed.get("title")
    for index, entry in enumerate(parsed.entries, start=1):
        where = f"{name} entry {index}"
        text = _entry_text(entry)
        draft = Draft(
            text=text,
            input=where,
            source=name,
            title=entry.get("title"),
            url=entry.get("link"),
            published=entry.get("published") or entry.get("updated"),
            authors=_entry_authors(entry),
            site_name=site_name,
            extra={"feed_entry_id": entry["id"]} if entry.get("id") else {},
        )
        if follow and draft.url and fetcher is not None:
            try:
                page = fetcher.fetch(draft.url)
                found = extract_page(decode_bytes(page.content, draft.url, page.charset), draft.url, page.url)
            except ClaimwatchError as exc:
                # The page is what was asked for; say so, and keep the feed's own text.
                yield type(exc)(f"{where}: {exc}")
            else:
                draft.text = found.text
                draft.title = draft.title or found.title
                draft.published = draft.published or found.published
                draft.authors = draft.authors or found.authors
        if draft.text.strip():
            yield draft
        elif not follow and problem is None:
            yield SourceError(f"{where}: the entry has no text; ingest with --follow to fetch its page")
