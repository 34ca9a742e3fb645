"""The flow, declared once: article → analysis → save → track → alerts, and `claimwatch run`'s polling.

    flow = Flow("fast")                                   # the analyzer loads with the first new article
    ingest_sources(store, ["feed.xml"], after_batch=flow)  # each batch: analysed, then saved, tracked, alerted
    flow.track_stored(store)                              # articles stored without the flow
    run_rounds(store, after_batch=flow, once=True)        # poll every source, ingest what is new, deliver
"""

from __future__ import annotations

from .daemon import run_rounds
from .polling import PollResult, poll_source
from .stages import Flow

__all__ = ["Flow", "PollResult", "poll_source", "run_rounds"]
