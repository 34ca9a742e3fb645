"""One poll of one source: what is new since last time, ingested through the whole flow."""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass
from typing import Any

from ..clock import now as timestamp
from ..errors import ClaimwatchError, SourceError
from ..ingest import AfterBatch, Fetcher, Ingester, plan_inputs, read_fetched, read_input
from ..net import is_http_url
from ..records import Source
from ..settings import POLL_MAX_REST_SECONDS
from ..store import Store

__all__ = ["PollResult", "poll_source"]

log = logging.getLogger("claimwatch.flow")


@dataclass(slots=True)
class PollResult:
    """What one poll found: new articles, alerts they fired, or why it failed."""

    source: str
    added: int = 0
    alerts: int = 0
    skipped: int = 0
    not_modified: bool = False
    error: str | None = None
    seconds: float = 0.0

    def line(self) -> str:
        """The one log line a poll gets."""
        if self.error:
            return f"poll {self.source}: failed ({self.error})"
        if self.not_modified:
            return f"poll {self.source}: not modified ({self.seconds:.2f} s)"
        return (f"poll {self.source}: {self.added} new articles, {self.alerts} alerts"
                f"{f', {self.skipped} entries skipped' if self.skipped else ''} ({self.seconds:.2f} s)")


def _from_url(source: Source, fetcher: Fetcher) -> tuple[list[Any], bool, dict[str, Any]]:
    page = fetcher.fetch(source.location, etag=source.etag, last_modified=source.last_modified)
    learnt = {"etag": page.etag or source.etag, "last_modified": page.last_modified or source.last_modified}
    if page.not_modified:
        return [], True, learnt
    return list(read_fetched(page, source.location, fetcher=fetcher)), False, learnt


def _from_files(source: Source) -> tuple[list[Any], bool, dict[str, Any]]:
    if not os.path.exists(source.location):
        raise SourceError(f"{source.location}: no such file or folder; check the path or remove the source")
    inputs, problems = plan_inputs([source.location])
    items: list[Any] = [p for p in problems if "nothing to ingest" not in str(p)]
    seen = dict(source.seen)
    for item in inputs:
        stat = os.stat(item.location)
        key = [stat.st_size, stat.st_mtime_ns]
        # A file already read, unchanged since, is not read again.
        if seen.get(item.location) != key:
            items += list(read_input(item))
            seen[item.location] = key
    return items, False, {"seen": seen}


def _items(source: Source, fetcher: Fetcher) -> tuple[list[Any], bool, dict[str, Any]]:
    """What is new, whether the server said nothing changed, and what to remember once it is stored."""
    if is_http_url(source.location):
        return _from_url(source, fetcher)
    return _from_files(source)


def poll_source(store: Store, source: Source, *, fetcher: Fetcher, after_batch: AfterBatch | None,
                clock=time.time) -> PollResult:
    """Poll a source once, ingest what is new, and record when to poll it next; never raises for bad input."""
    started = clock()
    result = PollResult(source.name)
    newest = store.latest_alerts(1)
    alerts_before = newest[0].id if newest else 0
    try:
        items, result.not_modified, learnt = _items(source, fetcher)
        for outcome in Ingester(store, after_batch=after_batch).ingest(iter(items)):
            if outcome.kind in ("added", "near_duplicate"):
                result.added += 1
            elif outcome.kind == "failed":
                result.skipped += 1
                log.warning("poll %s: %s", source.name, outcome.error)
        # Remembered only once everything is stored: a poll that fails halfway is read again whole.
        for name, value in learnt.items():
            setattr(source, name, value)
        source.failures, source.last_error = 0, None
        source.next_poll_at = started + source.every
    except ClaimwatchError as exc:
        result.error = str(exc)
    except Exception as exc:  # noqa: BLE001  a source's surprise must not stop the others
        result.error = f"{type(exc).__name__}: {exc}; please report this source"
    if result.error:
        source.failures += 1
        source.last_error = result.error
        source.next_poll_at = started + min(POLL_MAX_REST_SECONDS, source.every * 2 ** source.failures)
    source.last_polled_at = timestamp()
    with store.transaction():
        store.save_source(source)
    result.alerts = len(store.alerts(after=alerts_before))
    result.seconds = clock() - started
    return result
