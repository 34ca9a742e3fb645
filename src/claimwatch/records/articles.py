"""Articles as ingest stores them, and what an ingest reports of each input."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

__all__ = ["Article", "IngestOutcome", "IngestReport", "day_number"]


_EPOCH = date(1970, 1, 1)


def day_number(published: str | None) -> int | None:
    """Days since 1970-01-01 of a full ISO date; None for a month-only or unknown date."""
    if not published or len(published) != 10:
        return None
    try:
        return (date.fromisoformat(published) - _EPOCH).days
    except ValueError:
        return None


@dataclass(slots=True)
class Article:
    """One news article, as extracted and normalised by the ingest stage."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    # ISO 8601: YYYY-MM-DD, or YYYY-MM where only the month is known.
    published: str | None = None
    authors: list[str] = field(default_factory=list)
    site_name: str | None = None
    language: str | None = None
    # Where the article came from: a path, "-" for stdin, a URL or feed URL.
    source: str = ""
    # sha256 of the normalised text: equal hashes are the same article.
    text_hash: str = ""
    # Id of the earliest stored article this one rewrites or copies.
    duplicate_of: str | None = None
    # Fields of the input record that claimwatch has no column for, kept as given.
    extra: dict[str, Any] = field(default_factory=dict)
    # Set by the store: when the article was first stored (UTC, ISO 8601).
    ingested_at: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The article as a plain JSON-ready dict."""
        return asdict(self)


@dataclass(slots=True, frozen=True)
class IngestOutcome:
    """What happened to one article, or one input that failed."""

    # "added" | "near_duplicate" | "duplicate" | "unchanged" | "failed"
    kind: str
    input: str
    article_id: str | None = None
    # For duplicates and near-duplicates: the stored article it matches.
    match_id: str | None = None
    error: str | None = None
    # Stored articles that this (earlier) article turned into near-duplicates of itself.
    became_original_of: int = 0
    # What the reader should know about an article kept: "FILE: text of N characters cut to the first M; ...".
    note: str | None = None


@dataclass(slots=True)
class IngestReport:
    """Counts of one ingest run, by outcome."""

    added: int = 0
    near_duplicates: int = 0
    duplicates: int = 0
    unchanged: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)

    def count(self, outcome: IngestOutcome) -> None:
        """Add one outcome to the counts."""
        if outcome.kind == "added":
            self.added += 1
            self.near_duplicates += outcome.became_original_of
        elif outcome.kind == "near_duplicate":
            # A near-duplicate is stored too: it counts as added and as a copy.
            self.added += 1
            self.near_duplicates += 1
        elif outcome.kind == "duplicate":
            self.duplicates += 1
        elif outcome.kind == "unchanged":
            self.unchanged += 1
        else:
            self.failed += 1
            if outcome.error:
                self.errors.append(outcome.error)

    @property
    def ok(self) -> bool:
        """True when no input failed."""
        return self.failed == 0
