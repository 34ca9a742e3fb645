"""Alerting wired to the flow: after each ingest batch is tracked, fire and keep the watches' alerts."""

from __future__ import annotations

import logging
from collections.abc import Callable

from ..records import Alert, Article
from ..store import Store
from .detect import alerts_for_article

__all__ = ["fire_alerts"]

log = logging.getLogger("claimwatch.watch")


def fire_alerts(store: Store, articles: list[Article], on_alert: Callable[[Alert], None] | None = None) -> None:
    """After tracking: keep each new alert the articles raise for the watches once, and hand it to on_alert."""
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
