"""The storage interface every other stage uses; backends implement it."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass

from ..records import Analysis, Article
from ..settings import WRITE_WAIT_SECONDS
from .tables import TableAccess
from .tracking_base import TrackingStore
from .watch_base import WatchStore
from .web_base import SearchHit, WebStore

__all__ = ["Store", "DuplicateCandidate", "SearchHit"]


@dataclass(frozen=True, slots=True)
class DuplicateCandidate:
    """A stored article that shares a MinHash band with a new one."""

    id: str
    duplicate_of: str | None
    minhash: bytes


class Store(TrackingStore, WebStore, WatchStore, TableAccess, ABC):
    """Where articles, their analyses, and the stories they form are kept.

    Writes happen inside ``transaction()``: a batch is stored whole or not at
    all. Callers never see SQL; a PostgreSQL backend implements the same
    methods.
    """

    location: str
    # True when the store can be read but not written (opened read-only, or its file or
    # folder is not writable): every write then fails with a StoreError saying so.
    read_only: bool = False
    # Seconds a write waits for another writer before StoreBusyError (see settings.py).
    write_wait: float = WRITE_WAIT_SECONDS

    @abstractmethod
    def transaction(self, wait: float | None = None) -> AbstractContextManager[None]:
        """A context in which writes commit together, or roll back on error.

        It first waits up to `wait` seconds (default: write_wait) for another writer to finish,
        then raises StoreBusyError.
        """

    @abstractmethod
    def savepoint(self) -> AbstractContextManager[None]:
        """Inside a transaction: a block whose writes are undone alone if it fails."""

    @abstractmethod
    def exclusive(self, name: str) -> AbstractContextManager[bool]:
        """Hold the named lock for the block if no other process holds it; yields whether this one got it.

        Two daemons on one store take a source or a delivery target under its lock, so that none is
        polled or sent to twice at once; a lock dies with its process, so a crash leaves none behind.
        """

    @abstractmethod
    def get_article(self, article_id: str) -> Article | None:
        """The article with this id, or None."""

    @abstractmethod
    def article_id_for_hash(self, text_hash: str) -> str | None:
        """The id of the stored article with this normalised-text hash, or None."""

    @abstractmethod
    def insert_article(self, article: Article, minhash: bytes, band_keys: Sequence[int],
                       day: int | None = None) -> None:
        """Store a new article with its MinHash signature, LSH band keys and publication day."""

    @abstractmethod
    def record_source(self, article_id: str, source: str, url: str | None, outlet: str | None) -> None:
        """Remember that another input also carried this stored article (idempotent)."""

    @abstractmethod
    def near_duplicate_candidates(self, band_keys: Sequence[int], days: tuple[int, int] | None = None,
                                  limit: int = 32) -> list[DuplicateCandidate]:
        """Up to limit articles sharing band keys, those sharing most first.

        With days (first, last), only articles published in that range or on
        an unknown day are candidates.
        """

    @abstractmethod
    def relink_duplicates(self, old_roots: Iterable[str], new_root: str) -> None:
        """Point the old roots, and every copy of them, at an earlier original."""

    @abstractmethod
    def save_analysis(self, article_id: str, pipeline: str, analysis: Analysis) -> None:
        """Store (or replace) the analysis of an article."""

    @abstractmethod
    def get_analysis(self, article_id: str) -> Analysis | None:
        """The stored analysis of an article, or None."""

    @abstractmethod
    def articles(
        self, *, since: str | None = None, outlet: str | None = None, limit: int | None = None
    ) -> Iterator[Article]:
        """Stored articles, oldest publication first, optionally filtered."""

    @abstractmethod
    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        """Articles whose title or text match the query, best first; QueryError when it costs too much."""

    @abstractmethod
    def count_articles(self) -> int:
        """How many articles are stored."""

    @abstractmethod
    def close(self) -> None:
        """Release the connection."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
