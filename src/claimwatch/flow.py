"""The stages wired together: what runs after each ingest batch, for every entry point that ingests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .errors import ClaimwatchError
from .records import Article
from .store import Store

__all__ = ["AnalyseAndTrack", "analyse_and_track"]


class AnalyseAndTrack:
    """The Ingester's hook: analyse new articles before the batch's write; store, track and alert inside it.

    The pipeline is built by load(), or by the first batch that adds articles when
    load() was not called: spaCy takes seconds to load, and an ingest that adds
    nothing should not wait for it.
    """

    def __init__(self, pipeline: str | None = None) -> None:
        self.pipeline = pipeline
        self._analysis: Any = None
        self._track: Callable[[Store, list[Article]], None] | None = None
        self._alert: Callable[[Store, list[Article]], None] | None = None

    def load(self) -> None:
        """Build the pipeline now; raises LookupError or OSError when its model is not installed."""
        if self._analysis is not None:
            return
        from .analyze import Analyzer, analysis_saver  # here: spaCy takes a while to load
        from .track import tracking_saver
        from .watch import alerting_saver

        self._analysis = analysis_saver(Analyzer(self.pipeline))
        self._track = tracking_saver()
        self._alert = alerting_saver()

    def prepare(self, articles: list[Article]) -> dict[str, dict]:
        """Each article's analysis, worked out while no write lock is held."""
        self._load_during_ingest()
        return self._analysis.prepare(articles)

    def save(self, store: Store, articles: list[Article], prepared: dict[str, dict] | None) -> None:
        """Inside the batch's transaction: store the analyses, place the articles in stories, fire alerts."""
        self._load_during_ingest()
        self._analysis.save(store, articles, prepared)
        self._track(store, articles)
        self._alert(store, articles)

    def __call__(self, store: Store, articles: list[Article]) -> None:
        """Analyse, store, track and alert in one step, for callers already inside a transaction."""
        self.save(store, articles, self.prepare(articles))

    def _load_during_ingest(self) -> None:
        # Mid-ingest, a missing model is one error line (ClaimwatchError), raised before the batch is written.
        try:
            self.load()
        except (LookupError, OSError) as exc:
            raise ClaimwatchError(str(exc)) from None


def analyse_and_track(pipeline: str | None = None) -> AnalyseAndTrack:
    """A hook for the Ingester, loaded now: analyse each new article, store it, place it in a story, fire alerts.

    Raises LookupError or OSError when the pipeline's model is not installed.
    """
    hook = AnalyseAndTrack(pipeline)
    hook.load()
    return hook
