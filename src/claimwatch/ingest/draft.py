"""What a reader makes of one article before normalisation and deduplication."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["Draft"]


@dataclass(slots=True)
class Draft:
    """An article as a source gave it: fields raw, dates in any form."""

    text: str
    # Names the input in messages: "feed.xml", "batch.jsonl:12", a URL.
    input: str
    source: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: Any = None
    authors: list[str] = field(default_factory=list)
    site_name: str | None = None
    id: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
