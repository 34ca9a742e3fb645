"""Stories and propositions as readers see them: timelines, status, sources, figures."""

from __future__ import annotations

from typing import Any

from ..errors import TrackingError
from ..records import Story, TrackedProposition
from ..store import PropositionRow, TrackingStore
from .propositions import country_of
from .status import contradictions, figure_summary, independent_sources, status_at, status_changes

__all__ = ["stories_report", "story_with_propositions", "proposition_timeline", "tracked_proposition",
           "tracked_propositions"]


def tracked_proposition(store: TrackingStore, row: PropositionRow, story_id: str | None = None,
                        at: str | None = None, named: bool = False) -> TrackedProposition:
    """A proposition's statements, status (on day at, if given), sources and figures, within a story if given."""
    return tracked_propositions(store, [row], story_id, at=at, named=named)[0]


def tracked_propositions(store: TrackingStore, rows: list[PropositionRow], story_id: str | None = None, *,
                         at: str | None = None, named: bool = False) -> list[TrackedProposition]:
    """tracked_proposition of each row, their statements and figures read together."""
    evidence_of = store.evidence_of([row.id for row in rows], story_id)
    figures_of = store.figures_of({row.id: _countries(row) for row in rows}, story_id)
    return [_tracked(row, evidence_of[row.id], figures_of[row.id], at, named) for row in rows]


def _countries(row: PropositionRow) -> list[str]:
    return [c for c in (country_of(row.subject), country_of(row.object)) if c]


def _tracked(row: PropositionRow, evidence: list, figures: list, at: str | None, named: bool) -> TrackedProposition:
    if at is not None:
        evidence = [e for e in evidence if e.date is not None and e.date[:10] <= at]
        figures = [f for f in figures if f.date is not None and f.date[:10] <= at]
    changes = status_changes(evidence, country_of(row.subject))
    status, denied = status_at(changes)
    return TrackedProposition(
        id=row.id, label=row.label, subject=row.subject, predicate=row.predicate, object=row.object,
        status=_status_label(status, denied, evidence), denied=denied,
        status_changes=changes, statements=evidence, independent_sources=independent_sources(evidence),
        figures=figures, figure_summary=figure_summary(figures), contradictions=contradictions(evidence),
        named=named,
    )


def _status_label(status: str | None, denied: bool, evidence: list) -> str | None:
    """The ladder's status; "denied" when only denials exist; "reported" when statements climbed no rung."""
    if status is not None:
        return status
    if denied:
        return "denied"
    return "reported" if evidence else None


def story_with_propositions(store: TrackingStore, story_id: str, *, min_statements: int = 1) -> Story:
    """A story and its propositions (those with at least min_statements there), most stated first.

    The claims a user named come first: those named for this story, and those its statements bear on.
    """
    story = store.get_story(story_id)
    if story is None:
        raise TrackingError(f"story {story_id}: no such story; `claimwatch stories` lists them")
    judged = {row.id: row for row in store.story_named_claims(story.id)}
    named = [judged.get(claim.id) or store.get_proposition(claim.id)
             for claim in store.named_claims(story.id) if claim.id in judged or claim.story_id == story.id]
    named.sort(key=lambda row: -row.statements)
    story.propositions = [
        *tracked_propositions(store, named, story.id, named=True),
        *tracked_propositions(store, [row for row in store.story_propositions(story.id)
                                      if row.statements >= min_statements], story.id),
    ]
    return story


def stories_report(store: TrackingStore, *, limit: int | None = None) -> dict[str, Any]:
    """The JSON `claimwatch stories --format json` prints: stories with propositions, and duplicates."""
    stories = [story_with_propositions(store, s.id) for s in store.stories(limit=limit)]
    members = None if limit is None else [a for s in stories for a in s.articles]
    return {
        "stories": [story.to_dict() for story in stories],
        "duplicates": [{"id": a, "duplicate_of": b} for a, b in store.duplicate_pairs(members)],
    }


def proposition_timeline(store: TrackingStore, proposition_id: str, *, at: str | None = None) -> TrackedProposition:
    """A proposition across all stories, as of day at (YYYY-MM-DD) when given."""
    row = store.get_proposition(proposition_id)
    if row is None:
        raise TrackingError(f"proposition {proposition_id}: no such proposition; "
                            "`claimwatch story ID` shows a story's propositions with their ids")
    return tracked_proposition(store, row, at=at, named=any(c.id == row.id for c in store.named_claims()))
