"""The storage interface every other stage uses; backends implement it."""

from __future__ import annotations

from abc import ABC, abstractmethod
from contextlib import AbstractContextManager

from ..settings import WRITE_WAIT_SECONDS
from .articles_base import AnalysisStore, ArticleStore, DuplicateCandidate
from .tables import TableAccess
from .tracking_base import TrackingStore
from .watch_base import SourceStore, WatchStore
from .web_base import ReactionStore, SearchHit

__all__ = ["Store", "DuplicateCandidate", "SearchHit"]


class Store(ArticleStore, AnalysisStore, TrackingStore, ReactionStore, WatchStore, SourceStore, TableAccess, ABC):
    """Where articles, their analyses, the stories and claims they form, readers' reactions, watches and
    alerts, and polled sources and delivery targets are kept: one part interface for each, here joined
    with the transactions and locks that span them.

    Writes happen inside ``transaction()``: a batch is stored whole or not at
    all. Callers never see SQL; SQLite (sqlite.py) and PostgreSQL (postgres.py)
    implement the same methods.
    """

    location: str
    # True when the store can be read but not written (opened read-only, or its file or
    # folder is not writable): every write then fails with a StoreError saying so.
    read_only: bool = False
    # True when one open store may serve several threads at once (a pool of connections);
    # else each thread opens its own.
    shared_between_threads: bool = False
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
    def close(self) -> None:
        """Release the connection."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
