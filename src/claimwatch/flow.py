"""The stages wired together: what runs after each ingest batch, for every entry point that ingests."""

from __future__ import annotations

from .ingest import AfterBatch
from .records import Article
from .store import Store

__all__ = ["analyse_and_track"]


def analyse_and_track(pipeline: str | None = None) -> AfterBatch:
    """A hook for the Ingester: analyse each new article, store it, place it in a story, fire watches' alerts.

    Raises LookupError or OSError when the pipeline's model is not installed.
    """
    from .analyze import Analyzer, analysis_saver  # here: spaCy takes a while to load
    from .track import tracking_saver
    from .watch import alerting_saver

    save = analysis_saver(Analyzer(pipeline))
    track = tracking_saver()
    alert = alerting_saver()

    def after_batch(store: Store, articles: list[Article]) -> None:
        save(store, articles)
        track(store, articles)
        alert(store, articles)

    return after_batch
