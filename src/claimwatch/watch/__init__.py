"""The watch stage: watchlists, and the alerts a newly tracked article fires for them.

    store.save_watch(Watch("rus-denials", actors=["RUSGOV"], stances=["denies"]))
    alerting_saver()(store, articles)     # after tracking: fire and keep new alerts
    store.alerts(after=last_seen)         # what the terminal, a JSONL file or a feed delivers
"""

from __future__ import annotations

from .detect import alerts_for_article
from .hooks import alerting_saver
from .watchlists import resolve_actor, watch_from_options

__all__ = ["alerts_for_article", "alerting_saver", "resolve_actor", "watch_from_options"]
