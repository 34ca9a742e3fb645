"""The parts of the storage interface that hold articles (with their sources, near-duplicate bands and search)
and their analyses."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from ..records import Analysis, Article
from .web_base import SearchFilters, SearchHit
from .writes import Writes

__all__ = ["AnalysisStore", "ArticleStore", "DuplicateCandidate"]


@dataclass(frozen=True, slots=True)
class DuplicateCandidate:
    """A stored article that shares a MinHash band with a new one."""

    id: str
    duplicate_of: str | None
    minhash: bytes


class ArticleStore(Writes, ABC):
    """Articles, the inputs that carried them, their near-duplicate bands, and full-text search."""

    @abstractmethod
    def get_article(self, article_id: str) -> Article | None:
        """The article with this id, or None."""

    @abstractmethod
    def get_articles(self, article_ids: Sequence[str]) -> list[Article]:
        """The stored articles among these ids, in the order given: a list's articles in one query."""

    @abstractmethod
    def article_id_for_hash(self, text_hash: str) -> str | None:
        """The id of the stored article with this normalised-text hash, or None."""

    @abstractmethod
    def stored_among(self, ids: Sequence[str], text_hashes: Sequence[str]) -> tuple[set[str], set[str]]:
        """Which of these article ids, and which of these text hashes, are stored: a batch's check in one query."""

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
    def find_articles(self, filters: SearchFilters) -> list[SearchHit]:
        """Articles matching the words and filters, best first (newest first without words).

        QueryError when the words are over the limits of search_query.py.
        """


class AnalysisStore(Writes, ABC):
    """Each article's analysis, as the analyze stage made it."""

    @abstractmethod
    def save_analysis(self, article_id: str, pipeline: str, analysis: Analysis) -> None:
        """Store (or replace) the analysis of an article."""

    @abstractmethod
    def get_analysis(self, article_id: str) -> Analysis | None:
        """The stored analysis of an article, or None."""
