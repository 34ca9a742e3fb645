"""Tracking wired to the rest of the flow: after each ingest batch, or over what is stored."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Protocol

import numpy as np

from ..records import Analysis, Article, ArticlePlacement
from ..settings import TRACK_BATCH_SIZE
from ..store import ArticleStore, Store, TrackingStore
from .tracker import Tracker, statement_vectors

__all__ = ["track_articles", "track_stored"]

log = logging.getLogger("claimwatch.track")


class _Analyzer(Protocol):
    pipeline: str

    def analyze(self, article: Article) -> Analysis: ...


def _publication_order(article: Article) -> tuple[bool, str]:
    return article.published is None, article.published or ""


def track_articles(claim_store: TrackingStore, article_store: ArticleStore, articles: list[Article],
                   analyses: Mapping[str, Analysis], vectors: Mapping[str, np.ndarray] | None = None,
                   ) -> dict[str, ArticlePlacement]:
    """Place each new article in a story, with its analysis (by article id), oldest first; returns where each went.

    Stories and claims are read and written in claim_store; article_store is read for a copy's original.
    vectors are the statements' content vectors by article id, where encoded already (statement_vectors).
    """
    tracker = Tracker(claim_store, article_store)
    placements: dict[str, ArticlePlacement] = {}
    vectors = dict(vectors or {})
    unencoded = [a for a in articles if a.id in analyses and a.id not in vectors and claim_store.story_of(a.id) is None]
    vectors.update(_batch_vectors(unencoded, analyses))
    for article in sorted(articles, key=_publication_order):
        analysis = analyses.get(article.id)
        placement = (_track_one(claim_store, tracker, article, analysis, vectors.get(article.id))
                     if analysis is not None else None)
        if placement is None:
            continue
        # A merge this article caused moves statements of earlier articles of the batch too.
        if placement.merged_claims:
            placements = {a: p.with_merged(placement.merged_claims) for a, p in placements.items()}
        placements[article.id] = placement
    return placements


def _batch_vectors(articles: list[Article], analyses: Mapping[str, Analysis]) -> dict[str, np.ndarray]:
    """The batch's statement vectors by article, encoded in one go (sorted by length, they pad little).

    Empty when encoding fails: each article then tries alone, and one that fails is logged, not lost.
    """
    try:
        return dict(zip((a.id for a in articles), statement_vectors([analyses[a.id] for a in articles])))
    except Exception:  # noqa: BLE001
        return {}


def track_stored(store: Store, analyzer: _Analyzer, *, batch_size: int = TRACK_BATCH_SIZE,
                 on_batch: Callable[[int], None] | None = None) -> int:
    """Track every stored article not yet in a story, analysing those never analysed; returns how many."""
    tracker = Tracker(store, store)
    placed = 0
    failed: set[str] = set()
    while ids := [i for i in store.untracked_articles(batch_size + len(failed)) if i not in failed][:batch_size]:
        with store.transaction():
            ready = [(article, analysis) for article, analysis in (_analysed(store, analyzer, i) for i in ids)
                     if analysis is not None]
            failed.update(set(ids) - {article.id for article, _ in ready})
            analyses = {article.id: analysis for article, analysis in ready}
            vectors = _batch_vectors([article for article, _ in ready], analyses)
            for article, analysis in ready:
                if _track_one(store, tracker, article, analysis, vectors.get(article.id)) is not None:
                    placed += 1
                else:
                    failed.add(article.id)
        if on_batch is not None:
            on_batch(len(ids))
    return placed


def _analysed(store: Store, analyzer: _Analyzer, article_id: str) -> tuple[Article, Analysis | None]:
    """A stored article with its analysis, analysed and saved now if it never was; None when that fails."""
    article = store.get_article(article_id)
    analysis = store.get_analysis(article_id)
    if analysis is None:
        try:
            analysis = analyzer.analyze(article)
        except Exception as exc:  # noqa: BLE001  one article must not stop the others
            log.warning("article %s: could not be analysed (%s: %s); please report this article",
                        article_id, type(exc).__name__, exc)
            return article, None
        store.save_analysis(article_id, analyzer.pipeline, analysis)
    return article, analysis


def _track_one(store: TrackingStore, tracker: Tracker, article: Article, analysis: Analysis,
               vectors: np.ndarray | None = None) -> ArticlePlacement | None:
    """Track one article, returning where it went; a failure is undone and logged (None), and leaves it stored."""
    try:
        with store.savepoint():
            return tracker.place(article, analysis, vectors)
    except Exception as exc:  # noqa: BLE001  one article must not cost the batch its ingest
        log.warning("article %s: could not be placed in a story (%s: %s); it stays stored, "
                    "and `claimwatch track` tries again", article.id, type(exc).__name__, exc)
        return None
