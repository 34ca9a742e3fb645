"""The ingest stage: read sources, extract articles, normalise and deduplicate them.

``ingest_sources`` is the one call most users need; the rest is there for
callers that read sources themselves (the watcher, the web API).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import BinaryIO

from ..errors import ClaimwatchError
from ..records import IngestOutcome, IngestReport
from ..settings import INGEST_BATCH_SIZE
from ..store import Store
from .draft import Draft
from .fetch import FetchedDocument, Fetcher
from .parallel import default_workers, read_inputs
from .pipeline import AfterBatch, Ingester, normalize_draft
from .records_reader import read_json
from .sources import Input, plan_inputs, read_fetched, read_input

__all__ = [
    "AfterBatch", "Draft", "Fetcher", "FetchedDocument", "Ingester", "Input",
    "ingest_sources", "normalize_draft", "plan_inputs", "read_fetched", "read_input", "read_json",
]


def ingest_sources(
    store: Store,
    specs: list[str],
    *,
    follow: bool = False,
    allow_private: bool = False,
    stdin: BinaryIO | None = None,
    on_start: Callable[[int], None] | None = None,
    on_input_done: Callable[[Input], None] | None = None,
    on_outcome: Callable[[IngestOutcome], None] | None = None,
    batch_size: int = INGEST_BATCH_SIZE,
    timeout: float = 15.0,
    max_bytes: int = 10 * 1024 * 1024,
    workers: int | None = None,
    after_batch: AfterBatch | None = None,
    ahead: Callable[[Iterator[Draft | ClaimwatchError]], Iterator[Draft | ClaimwatchError]] | None = None,
) -> IngestReport:
    """Ingest every source into the store and report what happened to each article.

    ahead, when given, passes the items read on to the writer in their order, having started work
    on them elsewhere (ClusterFlow.ahead analyses them on a Dask cluster).
    """
    report = IngestReport()
    inputs, problems = plan_inputs(specs)
    readers = default_workers() if workers is None else workers
    if on_start:
        on_start(len(inputs))

    def items() -> Iterator[Draft | ClaimwatchError]:
        yield from problems
        with Fetcher(allow_private=allow_private, timeout=timeout, max_bytes=max_bytes) as fetcher:
            for item, drafts in read_inputs(inputs, workers=readers, fetcher=fetcher, follow=follow, stdin=stdin):
                yield from drafts
                if on_input_done:
                    on_input_done(item)

    drafts = items() if ahead is None else ahead(items())
    for outcome in Ingester(store, batch_size=batch_size, after_batch=after_batch).ingest(drafts):
        report.count(outcome)
        if on_outcome:
            on_outcome(outcome)
    return report
