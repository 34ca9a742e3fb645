"""What a newly tracked article changed that a watch asked about: the alerts it fires."""

from __future__ import annotations

from ..records import Alert, Article, ArticlePlacement, Evidence, ReportedFigure, Watch
from ..store import TrackingStore
from ..track import country_of, status_at, status_changes, supporting_origins
from .matching import about_claim, matches_statement

__all__ = ["alerts_for_article"]

def _status(evidence: list[Evidence], subject: str | None) -> tuple[str | None, bool]:
    return status_at(status_changes(evidence, country_of(subject)))


def _outside_range(new: ReportedFigure, earlier: list[ReportedFigure]) -> str | None:
    """Why a figure is news: "above" or "below" what was reported so far in its unit, else None."""
    seen = [f for f in earlier if f.unit == new.unit]
    if not seen:
        return None
    high = new.high or new.value
    if high > max(f.high or f.value for f in seen):
        return "above"
    if new.value < min(f.value for f in seen):
        return "below"
    return None


def alerts_for_article(store: TrackingStore, article: Article, placement: ArticlePlacement, watches: list[Watch],
                       later: frozenset[str] = frozenset()) -> list[Alert]:
    """The alerts a tracked article fires for the watches: new statements, status moves, sources, figures.

    placement: where tracking put the article, its story and its statements' claims.
    later: articles of the same batch tracked after this one, whose statements and figures
    are left out, so that each article is judged against what was known when it was placed.
    """
    if not watches:
        return []
    alerts: list[Alert] = []
    story_id = placement.story_id
    claims = dict.fromkeys([*(p for p in placement.proposition_ids if p), *placement.named_claims])
    for proposition_id in claims:
        row = store.get_proposition(proposition_id)
        if row is None:
            continue
        evidence = [e for e in store.evidence(proposition_id) if e.article_id not in later]
        before = [e for e in evidence if e.article_id != article.id]
        mine = [e for e in evidence if e.article_id == article.id]
        claim = (proposition_id, story_id, row.subject, row.object, row.label)
        for watch in watches:
            alerts += _statement_alerts(watch, article, mine, claim)
            if about_claim(watch, *claim):
                alerts += _claim_alerts(store, watch, article, before, evidence, mine, claim, later)
    return alerts


def _statement_alerts(watch: Watch, article: Article, mine: list[Evidence], claim: tuple) -> list[Alert]:
    proposition_id, story_id, _, _, label = claim
    return [Alert(watch.name, "statement", f"statement:{article.id}:{proposition_id}:{e.sentence[:120]}",
                  f"{e.source or 'an unnamed source'} {e.stance}: {label}", proposition_id, story_id, article.id,
                  e.sentence, article.url)
            for e in mine if matches_statement(watch, e, *claim)]


def _claim_alerts(store: TrackingStore, watch: Watch, article: Article, before: list[Evidence], after: list[Evidence],
                  mine: list[Evidence], claim: tuple, later: frozenset[str]) -> list[Alert]:
    proposition_id, story_id, subject, object_, label = claim
    alerts = []
    evidence = mine[0].sentence if mine else None
    (old_status, old_denied), (new_status, new_denied) = _status(before, subject), _status(after, subject)
    if new_status is not None and new_status != old_status:
        alerts.append(Alert(watch.name, "status", f"status:{proposition_id}:{new_status}",
                            f"{label}: now {new_status} (was {old_status or 'not reported'})", proposition_id,
                            story_id, article.id, evidence, article.url))
    if new_denied and not old_denied:
        denial = next((e.sentence for e in mine if e.stance == "denies"), evidence)
        alerts.append(Alert(watch.name, "status", f"status:{proposition_id}:denied", f"{label}: now denied",
                            proposition_id, story_id, article.id, denial, article.url))
    for origin in sorted(supporting_origins(after) - supporting_origins(before)):
        sentence = next((e.sentence for e in mine if e.origin == origin), evidence)
        alerts.append(Alert(watch.name, "source", f"source:{proposition_id}:{origin}",
                            f"{label}: a new independent source, {origin}", proposition_id, story_id,
                            article.id, sentence, article.url))
    countries = [c for c in (country_of(subject), country_of(object_)) if c]
    figures = [f for f in store.figures_for(proposition_id, countries) if f.article_id not in later]
    earlier = [f for f in figures if f.article_id != article.id]
    for figure in (f for f in figures if f.article_id == article.id):
        direction = _outside_range(figure, earlier)
        if direction:
            alerts.append(Alert(watch.name, "figure", f"figure:{proposition_id}:{article.id}:{figure.text}",
                                f"{label}: {figure.text}, {direction} the range reported so far",
                                proposition_id, story_id, article.id, figure.text, article.url))
    return alerts
