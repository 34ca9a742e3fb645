"""Reading many HTML and text files on every core, in order.

Extracting a page is CPU work independent of every other page; storing is
not (one SQLite writer). So pages are read in worker processes while the
main process stores what they return, in the order the inputs were given.
JSON Lines, feeds and URLs stay in the main process: they stream, or share
one HTTP client.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import BinaryIO

from ..errors import ClaimwatchError, SourceError
from .draft import Draft
from .fetch import Fetcher
from .sources import SUFFIX_KINDS, Input, read_input

__all__ = ["default_workers", "read_inputs"]

# Files read ahead of the store: more than one store batch, so that workers
# keep reading while a batch is written; few enough to bound memory (~10 MB).
_AHEAD = 1024


def default_workers() -> int:
    """A worker for every core but the one the storing process needs, at most 8; 0 on one core."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(0, min(cores - 1, 8))


def _poolable(item: Input) -> bool:
    return item.kind == "file" and SUFFIX_KINDS.get(Path(item.location).suffix.lower()) in ("html", "text")


def _read_in_worker(item: Input) -> list[Draft | ClaimwatchError]:
    return list(read_input(item))


def _result(item: Input, future: Future) -> list[Draft | ClaimwatchError]:
    try:
        return future.result()
    except Exception as exc:  # noqa: BLE001  a dead worker fails its input, not the ingest
        return [SourceError(f"{item.location}: could not be read ({type(exc).__name__}: {exc}); "
                            "try again with --workers 1")]


def read_inputs(inputs: Iterable[Input], *, workers: int, fetcher: Fetcher | None = None,
                follow: bool = False, stdin: BinaryIO | None = None,
                ) -> Iterator[tuple[Input, Iterable[Draft | ClaimwatchError]]]:
    """Each input with what it yields, in input order; files are read by `workers` processes (0: here)."""
    inputs = list(inputs)
    if workers < 1 or sum(map(_poolable, inputs)) < 2:
        for item in inputs:
            yield item, read_input(item, fetcher=fetcher, follow=follow, stdin=stdin)
        return
    # forkserver: workers start clean, whatever threads (progress bars, HTTP pools) this process runs.
    context = multiprocessing.get_context("forkserver")
    pending: deque[tuple[Input, Future]] = deque()
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        for item in inputs:
            if _poolable(item):
                pending.append((item, pool.submit(_read_in_worker, item)))
                if len(pending) >= _AHEAD:
                    done, future = pending.popleft()
                    yield done, _result(done, future)
                continue
            while pending:
                done, future = pending.popleft()
                yield done, _result(done, future)
            yield item, read_input(item, fetcher=fetcher, follow=follow, stdin=stdin)
        while pending:
            done, future = pending.popleft()
            yield done, _result(done, future)
