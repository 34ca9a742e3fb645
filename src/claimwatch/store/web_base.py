"""The part of the storage interface the web app keeps: reactions, its settings, a content version; search's records."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass

from ..records import Article
from .writes import Writes

__all__ = ["ReactionStore", "SearchFilters", "SearchHit", "Placement", "MATCH_START", "MATCH_END"]

MATCH_START, MATCH_END = "\x02", "\x03"


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One full-text search result: the article and a snippet with the matched words marked."""

    article: Article
    # Matches sit between MATCH_START and MATCH_END, characters no article text keeps.
    snippet: str
    rank: float

    def marked(self, start: str, end: str) -> str:
        """The snippet with each match between start and end."""
        return self.snippet.replace(MATCH_START, start).replace(MATCH_END, end)


@dataclass(frozen=True, slots=True)
class Placement:
    """Where one of an article's statements went: its proposition (None until placed) and story."""

    position: int
    story_id: str
    proposition_id: str | None
    label: str | None


@dataclass(frozen=True, slots=True)
class SearchFilters:
    """What a search asks for: words (FTS5 syntax or plain, within search_query.py's limits), and filters."""

    q: str | None = None
    outlet: str | None = None
    # An actor code (RUSGOV) or its country (RUS): articles naming it, statements by or about it.
    actor: str | None = None
    stance: str | None = None
    since: str | None = None
    until: str | None = None
    story: str | None = None
    limit: int = 20

    def asks_anything(self) -> bool:
        """Whether any words or filter were given (the limit alone asks for nothing)."""
        return any((self.q, self.outlet, self.actor, self.stance, self.since, self.until, self.story))


class ReactionStore(Writes, ABC):
    """Readers' reactions, the web app's settings, and a version of the content for caching pages."""

    @abstractmethod
    def content_version(self) -> int:
        """A number that changes whenever stories, statements or analyses change."""

    @abstractmethod
    def react(self, target_kind: str, target_id: str, reader: str, reaction: str | None) -> None:
        """Set a reader's one reaction to an article or story, or withdraw it (None)."""

    @abstractmethod
    def reaction_counts(self, target_kind: str, target_id: str) -> dict[str, int]:
        """How many readers gave each reaction, every reaction listed (zero included)."""

    @abstractmethod
    def reader_reaction(self, target_kind: str, target_id: str, reader: str) -> str | None:
        """The reader's reaction to the target, or None."""

    @abstractmethod
    def reaction_totals(self) -> list[tuple[str, str, dict[str, int]]]:
        """(kind, id, counts) for every article and story with a reaction, for export."""

    @abstractmethod
    def take_token(self, bucket: str, key: str, per_minute: float, now: float) -> tuple[bool, float]:
        """Take one token from key's bucket (per_minute a minute, bursts as large): whether it had one, and what is left.

        Atomic, and outside any transaction: web processes sharing the store share the bucket.
        """

    @abstractmethod
    def web_setting(self, key: str, default: str) -> str:
        """A stored setting; the default is stored and returned the first time."""
