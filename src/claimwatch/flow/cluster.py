"""Analysis on a Dask cluster: articles read here are analysed on the workers, ahead of the one writer.

The writer (ingest's Ingester) still stores, tracks and alerts one batch at a
time in input order, so a cluster run stores what a single-process run does;
the analyses it asks for were made on the workers while earlier batches were
being written. Articles already stored are not sent, so a run killed and run
again only analyses what is missing; a worker that dies has its partition run
again on another (Dask retries it).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from typing import Any

import numpy as np

from ..errors import ClaimwatchError
from ..ingest import Draft, normalize_draft
from ..records import Analysis, Article
from ..store import ArticleStore
from .stages import Flow, Prepared

__all__ = ["ClusterFlow", "cluster_client"]

# Articles a worker analyses in one task: large enough to share spaCy's batching, small enough to spread.
PARTITION_ARTICLES = 50
# Partitions in flight per worker: enough to keep every worker busy while the writer stores.
_IN_FLIGHT_PER_WORKER = 3
# Analyses kept for the writer at most: the writer asks within a batch or two of their release.
_KEPT_READY = 20_000
# Times Dask runs a partition again when the worker running it dies.
_RETRIES = 3


def cluster_client(scheduler: str | None, workers: int | None) -> Any:
    """A Dask client: of the scheduler at that address, or of a local cluster of that many worker processes."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ClaimwatchError("analysis on a Dask cluster needs dask and distributed: "
                              "`pip install 'claimwatch[dask]'`") from None
    if scheduler:
        try:
            return Client(scheduler, timeout=30)
        except (OSError, TimeoutError) as exc:
            raise ClaimwatchError(f"{scheduler}: cannot reach the Dask scheduler ({exc}); check that "
                                  "`dask scheduler` runs there and the port is open") from None
    # One thread per worker: the analysis is CPU-bound Python, and each worker holds its own models.
    cluster = LocalCluster(n_workers=workers or 1, threads_per_worker=1, processes=True, dashboard_address=None)
    return Client(cluster)


class ClusterFlow(Flow):
    """A Flow whose analyses come from Dask workers; saving, tracking and alerts stay with the one writer."""

    def __init__(self, pipeline: str | None, client: Any, *, partition: int = PARTITION_ARTICLES) -> None:
        super().__init__(pipeline)
        self.client = client
        self.partition = partition
        self._ready: dict[tuple[str, str], tuple[Analysis, np.ndarray | None]] = {}
        self._worker_pipeline: str | None = None

    def ahead(self, store: ArticleStore, items: Iterator[Draft | ClaimwatchError]) -> Iterator[Draft | ClaimwatchError]:
        """The items in their order, each released once its article's analysis is back from the cluster."""
        workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        in_flight: deque[tuple[list[Draft | ClaimwatchError], Any]] = deque()
        pending: list[Draft | ClaimwatchError] = []
        for item in items:
            pending.append(item)
            if len(pending) >= self.partition:
                in_flight.append(self._submit(store, pending))
                pending = []
            while len(in_flight) >= workers * _IN_FLIGHT_PER_WORKER:
                yield from self._collect(*in_flight.popleft())
        if pending:
            in_flight.append(self._submit(store, pending))
        while in_flight:
            yield from self._collect(*in_flight.popleft())

    def prepare(self, articles: list[Article]) -> Prepared:
        """The analyses made on the cluster; an article the cluster did not analyse is analysed here."""
        done = {a.id: self._ready.pop((a.id, a.text_hash)) for a in articles if (a.id, a.text_hash) in self._ready}
        prepared = Prepared({i: analysis for i, (analysis, _) in done.items()},
                            {i: vectors for i, (_, vectors) in done.items() if vectors is not None})
        missing = [a for a in articles if a.id not in prepared.analyses]
        if missing:
            more = super().prepare(missing)
            prepared.analyses.update(more.analyses)
            prepared.vectors.update(more.vectors)
        return prepared

    def pipeline_name(self) -> str:
        """The pipeline the workers analysed with (this process loads no models of its own)."""
        return self._worker_pipeline or super().pipeline_name()

    def _submit(self, store: ArticleStore, items: list[Draft | ClaimwatchError]) -> tuple[list[Draft | ClaimwatchError], Any]:
        """Send the partition's articles that are not stored yet; returns the items and the future of their analyses."""
        articles = []
        for item in items:
            if isinstance(item, Draft):
                try:
                    articles.append(normalize_draft(item))
                except ClaimwatchError:
                    continue  # the writer reports it, as it would without a cluster
        stored_ids, stored_hashes = store.stored_among([a.id for a in articles], [a.text_hash for a in articles])
        fresh = [a for a in articles if a.id not in stored_ids and a.text_hash not in stored_hashes]
        future = self.client.submit(analyse_partition, self.pipeline, fresh, retries=_RETRIES, pure=False)
        return items, future

    def _collect(self, items: list[Draft | ClaimwatchError], future: Any) -> Iterator[Draft | ClaimwatchError]:
        for article_id, text_hash, analysis, vectors in future.result():
            self._ready[(article_id, text_hash)] = (analysis, vectors)
            self._worker_pipeline = self._worker_pipeline or analysis.pipeline
        # An analysis the writer never asks for (a copy found within its batch) is let go in time.
        while len(self._ready) > _KEPT_READY:
            del self._ready[next(iter(self._ready))]
        yield from items


def analyse_partition(pipeline: str | None, articles: list[Article]) -> list[tuple[str, str, Analysis, Any]]:
    """On a worker: each article's analysis and statement vectors (None where encoding failed), in order."""
    flow = _worker_flow(pipeline)
    prepared = flow.prepare(articles)
    return [(a.id, a.text_hash, prepared.analyses[a.id], prepared.vectors.get(a.id)) for a in articles]


_WORKER_FLOWS: dict[str | None, Flow] = {}


def _worker_flow(pipeline: str | None) -> Flow:
    """The worker process's flow for a pipeline, its models loaded once for every partition it runs."""
    if pipeline not in _WORKER_FLOWS:
        _WORKER_FLOWS[pipeline] = Flow.loaded(pipeline)
    return _WORKER_FLOWS[pipeline]
