"""An article's text as HTML with its statements, cues, sources and figures marked, everything escaped."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from typing import Any

from markupsafe import Markup

from ..records import Analysis
from ..store import Placement

__all__ = ["Span", "annotated_text", "statement_spans"]


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the text to wrap in one element."""

    start: int
    end: int
    tag: str
    attributes: dict[str, str]


def _open(span: Span) -> str:
    attributes = "".join(f' {name}="{escape(value, quote=True)}"' for name, value in span.attributes.items())
    return f"<{span.tag}{attributes}>"


def _non_overlapping(spans: list[Span]) -> list[Span]:
    """Earliest first, longest first on a tie; a span overlapping one already kept is dropped."""
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if span.start < span.end and (not kept or span.start >= kept[-1].end):
            kept.append(span)
    return kept


def _within_one(inner: Span, outer: list[Span]) -> bool:
    """Whether inner lies inside one outer span or outside all of them, so the tags nest."""
    for span in outer:
        if inner.end <= span.start or inner.start >= span.end:
            continue
        return span.start <= inner.start and inner.end <= span.end
    return True


def statement_spans(text: str, analysis: Analysis, placements: dict[int, Placement]) -> list[Span]:
    """The statement sentences, each with its source, stance and proposition as a tip."""
    spans = []
    for position, statement in enumerate(analysis.statements):
        start, end = statement.start, statement.end
        if not _valid(text, start, end):
            continue
        placement = placements.get(position)
        proposition = (placement.label if placement and placement.label else "not yet placed in a claim")
        source = statement.source or "unattributed"
        stance = statement.stance or "asserts"
        tip = f"{source} ({statement.source_kind or 'unattributed'}) · {stance} · {proposition}"
        spans.append(Span(start, end, "mark", {
            "class": f"statement stance-{_slug(stance)}", "id": f"statement-{position}", "tabindex": "0",
            "data-tip": tip}))
    return spans


def _inner_spans(text: str, analysis: Analysis) -> list[Span]:
    spans = []
    for actor in analysis.actors:
        if _valid(text, actor.start, actor.end):
            tip = " · ".join(v for v in (actor.code, actor.kind) if v)
            spans.append(Span(actor.start, actor.end, "span", {"class": "actor", "title": tip}))
    for figure in analysis.figures:
        if _valid(text, figure.start, figure.end):
            tip = f"{figure.approx or ''} {figure.value:g} {figure.unit or ''}".strip()
            if figure.subject:
                tip += f" of {figure.subject}"
            spans.append(Span(figure.start, figure.end, "span", {"class": "figure", "title": tip}))
    for statement in analysis.statements:
        cue, start = statement.cue, statement.start
        if cue and _valid(text, start, statement.end):
            found = re.search(rf"(?<!\w){re.escape(cue)}(?!\w)", text[start:statement.end])
            if found:
                spans.append(Span(start + found.start(), start + found.end(), "span",
                                  {"class": "cue", "title": f"cue: {statement.stance or 'asserts'}"}))
    return spans


def annotated_text(text: str, analysis: Analysis | None, placements: dict[int, Placement]) -> Markup:
    """The text, escaped, with statements marked and actors, figures and cues inside them."""
    if not analysis:
        return Markup(escape(text))
    outer = _non_overlapping(statement_spans(text, analysis, placements))
    inner = _non_overlapping([s for s in _inner_spans(text, analysis) if _within_one(s, outer)])
    events: list[tuple[int, int, str]] = []
    for rank, spans in ((0, outer), (1, inner)):
        for span in spans:
            events.append((span.start, rank, _open(span)))
            events.append((span.end, -rank, f"</{span.tag}>"))
    # At one offset, tags close before others open; inner ones close first (rank -1) and open last (rank 1).
    events.sort(key=lambda e: (e[0], 0 if e[2].startswith("</") else 1, e[1]))
    parts, cursor = [], 0
    for offset, _, tag in events:
        parts.append(escape(text[cursor:offset]))
        parts.append(tag)
        cursor = offset
    parts.append(escape(text[cursor:]))
    return Markup("".join(parts))


def _valid(text: str, start: Any, end: Any) -> bool:
    return isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)


def _slug(value: str) -> str:
    return re.sub(r"[^a-z0-9-]+", "-", value.lower()).strip("-") or "other"
