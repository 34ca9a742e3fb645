"""Storage: the interface every stage reads and writes through, in parts (articles, analyses, stories
and claims, reactions, watches and alerts, sources and deliveries), each stage given those it uses.

``open_store(location)`` picks the backend from the location: a file path for
the embedded SQLite store, a ``postgresql://`` URL for a shared one.
"""

from __future__ import annotations

import os

from .articles_base import AnalysisStore, ArticleStore
from .base import DuplicateCandidate, SearchHit, Store
from .sqlite import SQLiteStore
from .tables import TableAccess
from .tracking_base import NamedClaimRow, PropositionRow, StoryMatch, TrackedStatement, TrackingStore
from .watch_base import SourceStore, WatchStore
from .web_base import MATCH_END, MATCH_START, Placement, ReactionStore, SearchFilters
from .writes import Writes

__all__ = [
    "Store", "ArticleStore", "AnalysisStore", "TrackingStore", "ReactionStore", "WatchStore", "SourceStore",
    "TableAccess", "Writes", "SQLiteStore", "DuplicateCandidate", "SearchHit", "open_store", "default_location",
    "NamedClaimRow", "PropositionRow", "StoryMatch", "TrackedStatement", "SearchFilters", "Placement", "MATCH_START", "MATCH_END",
]


def default_location() -> str:
    """The store named by CLAIMWATCH_DB, else ./claimwatch.db."""
    return os.environ.get("CLAIMWATCH_DB") or "claimwatch.db"


def open_store(location: str | None = None, *, read_only: bool = False) -> Store:
    """Open (creating and migrating if needed) the store at a path or URL.

    A store is opened read-only when asked, or when its file or folder is not
    writable: it is read as it is, and every write fails with a StoreError.
    """
    location = location or default_location()
    if location.startswith(("postgresql://", "postgres://")):
        from .postgres import PostgresStore

        return PostgresStore(location, read_only=read_only)
    return SQLiteStore(location, read_only=read_only)
