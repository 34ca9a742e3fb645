"""`claimwatch run`: poll every source on its schedule, ingest, analyse, track, alert and deliver, until stopped."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from ..ingest import AfterBatch, Fetcher
from ..store import Store
from ..watch import deliver_pending
from .polling import PollResult, poll_source

__all__ = ["run_rounds"]

# The longest the daemon sleeps at once, so that a stop request is seen promptly.
_TICK = 1.0
# Where the daemon's lines go unless the caller takes them; `claimwatch run` stamps each with its time.
_LOG = logging.getLogger("claimwatch.flow")


def _one_round(store: Store, fetcher: Fetcher, after_batch: AfterBatch | None, *, everything: bool,
               allow_private: bool, log: Callable[[str], None], clock: Callable[[], float]) -> list[PollResult]:
    results = []
    for name in [s.name for s in store.sources() if not s.paused and (everything or s.next_poll_at <= clock())]:
        # Another daemon on the same store may be polling it now, or may just have: asked again under its lock.
        with store.exclusive(f"source {name}") as ours:
            source = next(iter(store.sources(name)), None) if ours else None
            if source is None or source.paused or not (everything or source.next_poll_at <= clock()):
                continue
            result = poll_source(store, source, fetcher=fetcher, after_batch=after_batch, clock=clock)
        log(result.line())
        results.append(result)
    for report in deliver_pending(store, store, allow_private=allow_private):
        if report.error:
            log(f"deliver {report.target}: failed ({report.error})")
        elif report.delivered:
            log(f"deliver {report.target}: {report.delivered} alerts")
    return results


def run_rounds(store: Store, *, after_batch: AfterBatch | None, once: bool = False, allow_private: bool = False,
               timeout: float = 15.0, log: Callable[[str], None] = _LOG.info, clock: Callable[[], float] = time.time,
               sleep: Callable[[float], None] = time.sleep, should_stop: Callable[[], bool] = lambda: False,
               ) -> list[PollResult]:
    """Poll due sources and deliver alerts, round after round; once: every active source one time, then return.

    A source that hangs is cut off by the fetch time-out and one that returns garbage is logged and
    retried later; neither stops the others. All state is in the store, so a restart resumes.
    """
    results: list[PollResult] = []
    with Fetcher(allow_private=allow_private, timeout=timeout) as fetcher:
        while True:
            results = _one_round(store, fetcher, after_batch, everything=once, allow_private=allow_private,
                                 log=log, clock=clock)
            if once:
                return results
            active = [s.next_poll_at for s in store.sources() if not s.paused]
            wake = min(active, default=clock() + 60)
            while clock() < wake and not should_stop():
                sleep(min(_TICK, max(0.0, wake - clock())))
            if should_stop():
                return results
