"""Watches, the alerts they fire, where alerts are delivered, and the sources polled."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["ALERT_KINDS", "Watch", "Alert", "Delivery", "Source"]


# What makes a watch fire: a new matching statement, a claim's status moving, a new
# independent source behind a claim, a figure outside the range reported so far.
ALERT_KINDS = ("statement", "status", "source", "figure")


@dataclass(slots=True)
class Watch:
    """What a user watches for: any of actors, words, a proposition or a story, narrowed by stances and kinds."""

    name: str
    actors: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    proposition: str | None = None
    story: str | None = None
    stances: list[str] = field(default_factory=list)
    source_kinds: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The watch as JSON."""
        return asdict(self)


@dataclass(slots=True)
class Alert:
    """One change a watch fired on, with the evidence behind it; the same event never alerts twice."""

    watch: str
    kind: str
    # Names the event: a watch alerts once per key, however often tracking sees it.
    event_key: str
    summary: str
    proposition_id: str | None
    story_id: str | None
    article_id: str | None
    sentence: str | None
    # The original article's address, where the text gave one.
    article_url: str | None = None
    id: int | None = None
    created_at: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The alert as `claimwatch alerts --format json` prints it."""
        return asdict(self)


@dataclass(slots=True)
class Delivery:
    """Where alerts go besides the terminal and the feed: a webhook or a JSONL file, with how far it got."""

    kind: str  # "webhook" | "jsonl"
    target: str
    watch: str | None = None
    # Webhooks sign each body with it (HMAC-SHA256) so receivers can check where it came from.
    secret: str | None = None
    id: int | None = None
    # Alerts up to this id have been delivered; the next ones go in order.
    delivered_up_to: int = 0
    failures: int = 0
    # Unix time before which a failing target is not tried again (back-off).
    next_try_at: float = 0.0
    last_error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The delivery as `claimwatch deliver list --format json` prints it (the secret left out)."""
        return {k: v for k, v in asdict(self).items() if k != "secret"} | {"signed": bool(self.secret)}


@dataclass(slots=True)
class Source:
    """A feed, page or folder that `claimwatch run` polls on a schedule, with what it learnt last time."""

    name: str
    location: str
    every: float = 900.0  # seconds between polls
    paused: bool = False
    id: int | None = None
    # HTTP validators of the last answer, sent back so an unchanged feed costs a 304.
    etag: str | None = None
    last_modified: str | None = None
    # Folders: the files already read, by path, with the size and mtime they had.
    seen: dict[str, list[int]] = field(default_factory=dict)
    next_poll_at: float = 0.0
    failures: int = 0
    last_error: str | None = None
    last_polled_at: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The source as `claimwatch source list --format json` prints it."""
        return {k: v for k, v in asdict(self).items() if k != "seen"} | {"files_seen": len(self.seen)}
