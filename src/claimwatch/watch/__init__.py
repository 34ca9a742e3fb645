"""The watch stage: watchlists, and the alerts a newly tracked article fires for them.

    store.save_watch(Watch("rus-denials", actors=["RUSGOV"], stances=["denies"]))
    fire_alerts(store, store, articles)   # after tracking: fire and keep new alerts (watches; claims)
    store.alerts(after=last_seen)         # what the terminal, a JSONL file or a feed delivers
    deliver_pending(store, store)         # webhooks (signed, retried) and JSONL files, in order, once
                                          # (delivery targets; alerts)
"""

from __future__ import annotations

from .deliver import SIGNATURE_HEADER, DeliveryReport, deliver_pending, signature
from .detect import alerts_for_article
from .hooks import fire_alerts
from .watchlists import resolve_actor, watch_from_options

__all__ = ["SIGNATURE_HEADER", "DeliveryReport", "alerts_for_article", "fire_alerts", "deliver_pending",
           "resolve_actor", "signature", "watch_from_options"]
