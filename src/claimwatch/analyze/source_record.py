"""A statement's source as the analysis understands it: its words, actor, country and kind."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Source", "UNATTRIBUTED"]


@dataclass(frozen=True, slots=True)
class Source:
    """A statement's source as the analysis understands it."""

    text: str | None
    actor: str | None
    country: str | None
    kind: str
    anonymous: bool = False
    # Character offsets of the words naming the source in the article text, where it names one.
    start: int | None = None
    end: int | None = None


UNATTRIBUTED = Source(None, None, None, "unattributed")
