"""The flow, declared once: article → analysis → save → track → alerts.

Every entry point that stores articles (`claimwatch ingest`, `claimwatch run`, the
web API's POST, `claimwatch track` for articles stored without it) runs this flow.
The Ingester calls it around each batch's write transaction (ingest.AfterBatch):
`prepare` analyses the batch's new articles, and encodes their statements for claim
grouping, while no write lock is held, so other writers wait seconds rather than
minutes; `save`, inside the transaction, stores each analysis beside its article,
places the articles in stories, and fires the watches' alerts, so that a batch is
stored whole or not at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

import numpy as np

from ..errors import ClaimwatchError
from ..records import Analysis, Article
from ..store import Store
from ..track import statement_vectors, track_articles, track_stored
from ..watch import fire_alerts

if TYPE_CHECKING:
    from ..analyze import Analyzer

__all__ = ["Flow", "Prepared"]

T = TypeVar("T")
# Analyses handed to the encoding thread at a time: enough statements that sorting them pads little.
_ENCODE_CHUNK = 8


@dataclass(slots=True)
class Prepared:
    """What a batch's articles need before they are stored: analyses, and statement vectors, by article id."""

    analyses: dict[str, Analysis]
    vectors: dict[str, np.ndarray] = field(default_factory=dict)


class Flow:
    """What happens to each article an ingest adds: analysed, saved, placed in a story, checked against watches.

    The analyzer is built by load(), or by the first batch that adds articles when
    load() was not called: spaCy takes seconds to load, and an ingest that adds
    nothing should not wait for it.
    """

    def __init__(self, pipeline: str | None = None) -> None:
        self.pipeline = pipeline
        self._analyzer: Analyzer | None = None

    @classmethod
    def loaded(cls, pipeline: str | None = None) -> Flow:
        """A flow whose analyzer is built now; raises LookupError or OSError when its model is not installed."""
        flow = cls(pipeline)
        flow.load()
        return flow

    def load(self) -> None:
        """Build the analyzer now; raises LookupError or OSError when its model is not installed."""
        if self._analyzer is None:
            from ..analyze import Analyzer  # here: spaCy takes seconds to load

            self._analyzer = Analyzer(self.pipeline)

    # The Ingester's two calls (ingest.AfterBatch), the flow's steps in order.

    def prepare(self, articles: list[Article]) -> Prepared:
        """Outside the write lock: each article's analysis and statement vectors; a failed analysis says so."""
        analyzer = self._loaded_analyzer()
        # The encoder runs in a second thread as analyses come out: it releases the GIL, so
        # encoding one chunk overlaps analysing the next on another core.
        with ThreadPoolExecutor(1, thread_name_prefix="claimwatch-encode") as encoder:
            chunks: list[tuple[list[str], Future]] = []
            analyses: dict[str, Analysis] = {}
            for chunk in _chunks(zip(articles, _analyses(analyzer, articles)), _ENCODE_CHUNK):
                analyses.update((article.id, analysis) for article, analysis in chunk)
                chunks.append(([a.id for a, _ in chunk], encoder.submit(statement_vectors, [x for _, x in chunk])))
            vectors = {}
            for ids, future in chunks:
                if future.exception() is None:  # a failed encoding is retried per article when tracked
                    vectors.update(zip(ids, future.result()))
        return Prepared(analyses, vectors)

    def save(self, store: Store, articles: list[Article], prepared: Prepared | None) -> None:
        """Inside the batch's transaction: save the analyses, place the articles in stories, fire alerts."""
        prepared = prepared or Prepared({})
        if missing := [article for article in articles if article.id not in prepared.analyses]:
            more = self.prepare(missing)
            prepared = Prepared({**prepared.analyses, **more.analyses}, {**prepared.vectors, **more.vectors})
        pipeline = self.pipeline_name()
        for article in articles:
            store.save_analysis(article.id, pipeline, prepared.analyses[article.id])
        placements = track_articles(store, store, articles, prepared.analyses, prepared.vectors)
        # Tracking hands over where it put each article; each claim's history (its evidence,
        # status and figures, gathered over many articles) is read from the store.
        fire_alerts(store, store, articles, placements=placements)

    def track_stored(self, store: Store, *, on_batch: Callable[[int], None] | None = None) -> int:
        """Place the stored articles that are in no story yet, analysing those never analysed; returns how many."""
        # Still track's own loop over the store (track/hooks.py), which analyses, saves and tracks
        # each article in turn, and fires no alerts.
        return track_stored(store, self._loaded_analyzer(), on_batch=on_batch)

    def pipeline_name(self) -> str:
        """The pipeline the analyses are made with, as stored beside them."""
        return self._loaded_analyzer().pipeline

    def _loaded_analyzer(self) -> Analyzer:
        # Mid-ingest, a missing model is one error line (ClaimwatchError), raised before the batch is written.
        try:
            self.load()
        except (LookupError, OSError) as exc:
            raise ClaimwatchError(str(exc)) from None
        return self._analyzer


def _analyses(analyzer: Analyzer, articles: list[Article]) -> Iterator[Analysis]:
    """The articles' analyses in order; when the batch fails, each is tried alone, a failure saying so."""
    done = 0
    try:
        for analysis in analyzer.analyze_many(articles):
            yield analysis
            done += 1
    except Exception:  # noqa: BLE001  one bad article must not leave the others unanalysed
        yield from (_analysis_or_failure(analyzer, article) for article in articles[done:])


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _analysis_or_failure(analyzer: Analyzer, article: Article) -> Analysis:
    """The article's analysis, or an empty one whose note says why it failed."""
    try:
        return analyzer.analyze(article)
    except Exception as exc:  # noqa: BLE001
        return Analysis(id=article.id, language=article.language, countries=[], actors=[], figures=[],
                        statements=[], anonymous_source=False, events=[], pipeline=analyzer.pipeline,
                        notes=[f"analysis failed ({type(exc).__name__}: {exc}); please report this article"])
