"""A proposition's arc, derived from its dated statements: status, sources, contradictions, figures."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..records import Evidence, ReportedFigure, StatusChange
from ..vocabulary import DENIED, STATUSES

__all__ = ["status_changes", "status_at", "independent_sources", "contradictions", "figure_summary"]

_SUPPORTING = {"asserts", "confirms"}
_HEDGED = {"speculates", "unverified"}
# A government or an international body speaking for itself confirms; an
# intelligence agency, an outlet or an unnamed official only reports.
_OFFICIAL_KINDS = {"named_official", "government_body"}


def _rung(evidence: Evidence, subject_country: str | None) -> str | None:
    if evidence.stance in _HEDGED:
        return "speculated"
    if evidence.stance not in _SUPPORTING:
        return None
    if evidence.source_kind in _OFFICIAL_KINDS:
        if subject_country and evidence.source_country == subject_country:
            # The actor's own word counts only when it says the claim itself:
            # "Iran's cooperation with Russia predates the war" does not admit it.
            # An admission ("acknowledged", "confirmed") counts; so does a named
            # official saying the claim itself, but not a release reporting others' words.
            said_itself = evidence.source_kind == "named_official" and evidence.claim.complete
            return "acknowledged" if said_itself or evidence.stance == "confirms" else None
        # A government saying so is a report like any other; it confirms when it says it has
        # confirmed it or shows the evidence.
        return "confirmed" if evidence.stance == "confirms" else "reported"
    return "reported"


def _change(status: str, evidence: Evidence) -> StatusChange:
    return StatusChange(evidence.date, status, evidence.article_id, evidence.source, evidence.source_country,
                        evidence.stance, evidence.sentence)


def status_changes(evidence: list[Evidence], subject_country: str | None) -> list[StatusChange]:
    """Each day the claim climbed a rung, and the first denial, with the statement behind it.

    Evidence must be in publication order; undated statements count last.
    """
    changes: list[StatusChange] = []
    level = -1
    denied = False
    for item in evidence:
        if item.stance == "denies":
            if not denied:
                changes.append(_change(DENIED, item))
                denied = True
            continue
        rung = _rung(item, subject_country)
        if rung is not None and STATUSES.index(rung) > level:
            level = STATUSES.index(rung)
            changes.append(_change(rung, item))
    return changes


def status_at(changes: list[StatusChange], day: str | None = None) -> tuple[str | None, bool]:
    """The claim's status on a day (YYYY-MM-DD; None: now) and whether it had been denied by then."""
    status, denied = None, False
    for change in changes:
        if day is not None and (change.date is None or change.date[:10] > day):
            continue
        if change.status == DENIED:
            denied = True
        else:
            status = change.status
    return status, denied


def independent_sources(evidence: list[Evidence]) -> int:
    """How many distinct origins assert or confirm the claim: copies and citations of one count once."""
    return len(supporting_origins(evidence))


def supporting_origins(evidence: list[Evidence]) -> set[str]:
    """The origins that assert or confirm the claim: each counts as one independent source."""
    return {item.origin for item in evidence if item.stance in _SUPPORTING}


def contradictions(evidence: list[Evidence]) -> list[dict[str, Any]]:
    """Who denies what others assert or confirm, by party: each denying party against the parties it contradicts.

    A party is a country (all its officials, bodies and outlets speak for one side) or, without
    one, the source by name. Each conflict gives the party's first denial, how many it made and
    by whom, and the supporting parties (official ones where any) with their sources.
    """
    supporters = [item for item in evidence if item.stance in _SUPPORTING]
    if not supporters:
        return []
    official = [item for item in supporters if item.source_kind in _OFFICIAL_KINDS | {"intelligence_agency"}]
    against = _by_party(official or supporters)
    denials = _by_party([item for item in evidence if item.stance == "denies"])
    conflicts = []
    for party, items in denials.items():
        # Who else says otherwise: a country taking back its own denial is an admission, not a dispute.
        others = [_who(group[0]) | {"party": other, "sources": _sources(group)}
                  for other, group in against.items() if other != party]
        if others:
            first = items[0]
            conflicts.append({"party": party, "denials": len(items), "sources": _sources(items),
                              "denied_by": _who(first) | {"article_id": first.article_id, "sentence": first.sentence},
                              "against": others})
    return conflicts


def _by_party(items: list[Evidence]) -> dict[str, list[Evidence]]:
    parties: dict[str, list[Evidence]] = defaultdict(list)
    for item in items:
        parties[item.source_country or item.source or item.outlet or "an unnamed source"].append(item)
    return parties


def _sources(items: list[Evidence]) -> list[str]:
    return list(dict.fromkeys(item.source or item.outlet or "an unnamed source" for item in items))


def _who(item: Evidence) -> dict[str, Any]:
    return {"source": item.source or item.outlet, "source_country": item.source_country,
            "source_kind": item.source_kind, "date": item.date}


def figure_summary(figures: list[ReportedFigure]) -> dict[str, Any]:
    """Per unit: lowest, highest and latest figure reported, and each outlet's figures in order."""
    by_unit: dict[str, list[ReportedFigure]] = defaultdict(list)
    for figure in figures:
        by_unit[figure.unit].append(figure)
    summary = {}
    for unit, reported in by_unit.items():
        by_source: dict[str, list[float]] = defaultdict(list)
        for figure in reported:
            by_source[figure.outlet or "unknown"].append(figure.high or figure.value)
        summary[unit] = {
            "reports": len(reported),
            "lowest": _brief(min(reported, key=lambda f: f.value)),
            "highest": _brief(max(reported, key=lambda f: f.high or f.value)),
            "latest": _brief(reported[-1]),
            "by_source": dict(by_source),
        }
    return summary


def _brief(figure: ReportedFigure) -> dict[str, Any]:
    return {"value": figure.value, "high": figure.high, "approx": figure.approx, "date": figure.date,
            "outlet": figure.outlet, "article_id": figure.article_id, "text": figure.text}
