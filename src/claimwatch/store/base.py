"""The storage interface every other stage uses; backends implement it."""

from __future__ import annotations

from abc import ABC, abstractmethod

from .articles_base import AnalysisStore, ArticleStore, DuplicateCandidate
from .tables import TableAccess
from .tracking_base import TrackingStore
from .watch_base import SourceStore, WatchStore
from .web_base import ReactionStore, SearchHit

__all__ = ["Store", "DuplicateCandidate", "SearchHit"]


class Store(ArticleStore, AnalysisStore, TrackingStore, ReactionStore, WatchStore, SourceStore, TableAccess, ABC):
    """Where articles, their analyses, the stories and claims they form, readers' reactions, watches and
    alerts, and polled sources and delivery targets are kept: one part interface for each, here joined.

    A stage is given the parts it reads and writes. Each part's writes happen inside
    ``transaction()`` (writes.py): a batch is stored whole or not at all. Callers never
    see SQL; SQLite (sqlite.py) and PostgreSQL (postgres.py) implement every part.
    """

    location: str
    # True when one open store may serve several threads at once (a pool of connections);
    # else each thread opens its own.
    shared_between_threads: bool = False

    @abstractmethod
    def close(self) -> None:
        """Release the connection."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
