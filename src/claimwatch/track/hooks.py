"""Tracking wired to the rest of the flow: after each ingest batch, or over what is stored."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from ..records import Analysis, Article
from ..store import Store
from .tracker import Tracker

__all__ = ["tracking_saver", "track_stored"]


class _Analyzer(Protocol):
    pipeline: str

    def analyze(self, article: Article) -> Analysis: ...


def _publication_order(article: Article) -> tuple[bool, str]:
    return article.published is None, article.published or ""


def tracking_saver(**options: object) -> Callable[[Store, list[Article]], None]:
    """A hook for the ingest stage, run after analysis: tracks each new article, oldest first."""

    def track(store: Store, articles: list[Article]) -> None:
        tracker = Tracker(store, **options)
        for article in sorted(articles, key=_publication_order):
            analysis = store.get_analysis(article.id)
            if analysis is not None:
                tracker.track(article, analysis)

    return track


def track_stored(store: Store, analyzer: _Analyzer, *, batch_size: int = 200,
                 on_batch: Callable[[int], None] | None = None) -> int:
    """Track every stored article not yet in a story, analysing those never analysed; returns how many."""
    tracker = Tracker(store)
    done = 0
    while ids := store.untracked_articles(batch_size):
        with store.transaction():
            for article_id in ids:
                article = store.get_article(article_id)
                analysis = store.get_analysis(article_id)
                if analysis is None:
                    analysis = analyzer.analyze(article).to_dict()
                    store.save_analysis(article_id, analyzer.pipeline, analysis)
                tracker.track(article, analysis)
        done += len(ids)
        if on_batch is not None:
            on_batch(len(ids))
    return done
