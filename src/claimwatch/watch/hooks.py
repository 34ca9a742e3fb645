"""Alerting wired to the flow: after each ingest batch is tracked, fire and keep the watches' alerts."""

from __future__ import annotations

import logging
from collections.abc import Mapping

from ..records import Article, ArticlePlacement
from ..store import TrackingStore, WatchStore
from .detect import alerts_for_article

__all__ = ["fire_alerts"]

log = logging.getLogger("claimwatch.watch")


def fire_alerts(alert_store: WatchStore, claim_store: TrackingStore, articles: list[Article], *,
                placements: Mapping[str, ArticlePlacement] | None = None) -> None:
    """After tracking: keep each new alert the articles raise for the watches once.

    The watches and their alerts are read and written in alert_store; claims and their evidence read in claim_store.

    placements: where tracking put each article (by id), as track_articles returns them;
    without them, where the store says the articles were placed.
    """
    watches = alert_store.watches()
    if not watches:
        return
    if placements is None:
        placements = _stored_placements(claim_store, articles)
    # The order tracking placed them in: each article is judged against what came before it.
    ordered = sorted(articles, key=lambda a: (a.published is None, a.published or ""))
    for index, article in enumerate(ordered):
        later = frozenset(a.id for a in ordered[index + 1:])
        try:
            with alert_store.savepoint():
                placement = placements.get(article.id)
                # An article tracking could not place has no claims to alert on.
                found = alerts_for_article(claim_store, article, placement, watches, later) if placement else []
                for alert in found:
                    alert_store.add_alert(alert)
        except Exception as exc:  # noqa: BLE001  one article must not cost the batch its ingest
            log.warning("article %s: alerts could not be checked (%s: %s); please report this article",
                        article.id, type(exc).__name__, exc)


def _stored_placements(store: TrackingStore, articles: list[Article]) -> dict[str, ArticlePlacement]:
    """Where the store says each tracked article was placed, for articles tracked earlier than this call."""
    placements = {}
    for article in articles:
        story_id = store.story_of(article.id)
        if story_id is not None:
            placements[article.id] = ArticlePlacement(
                article.id, story_id, tuple(p.proposition_id for p in store.statement_placements(article.id)),
                named_claims=tuple(store.article_named_claims(article.id)))
    return placements
