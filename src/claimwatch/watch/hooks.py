"""Alerting wired to the flow: after each ingest batch is tracked, fire and keep the watches' alerts."""

from __future__ import annotations

import logging
from collections.abc import Callable

from ..records import Alert, Article
from ..store import Store
from .detect import alerts_for_article

__all__ = ["alerting_saver"]

log = logging.getLogger("claimwatch.watch")


def alerting_saver(on_alert: Callable[[Alert], None] | None = None) -> Callable[[Store, list[Article]], None]:
    """A hook for the ingest stage, run after tracking: keeps each new alert once, and hands it to on_alert."""

    def alert(store: Store, articles: list[Article]) -> None:
        watches = store.watches()
        if not watches:
            return
        # The order tracking placed them in: each article is judged against what came before it.
        ordered = sorted(articles, key=lambda a: (a.published is None, a.published or ""))
        for index, article in enumerate(ordered):
            later = frozenset(a.id for a in ordered[index + 1:])
            try:
                with store.savepoint():
                    fired = [a for a in alerts_for_article(store, article, watches, later) if store.add_alert(a)]
            except Exception as exc:  # noqa: BLE001  one article must not cost the batch its ingest
                log.warning("article %s: alerts could not be checked (%s: %s); please report this article",
                            article.id, type(exc).__name__, exc)
                continue
            for new in fired:
                if on_alert is not None:
                    on_alert(new)

    return alert
