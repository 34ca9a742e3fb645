"""Server-side SVG charts: inline markup, so the pages show charts without JavaScript.

Every function returns a string of SVG markup (or "" when there is nothing to draw).
Text from the data is escaped and ids in links are URL-quoted; there are no inline
styles, because the pages run under a Content-Security-Policy without 'unsafe-inline'.
"""

# CSS classes used (the stylesheet gives them colours; the SVG only sets geometry):
#   every chart: chart, and one of chart-timeline | chart-figures | chart-network;
#                axis, axis-line, tick, tick-label, grid, note
#   timeline:    dot, stance-asserts | stance-confirms | stance-denies |
#                stance-unverified | stance-speculates | stance-other;
#                status-mark, status-<status> (status-speculated | status-reported |
#                status-confirmed | status-acknowledged | status-denied, …),
#                status-line, status-label
#   figures:     point, range, series-0 … series-5 (on point, range and legend-swatch),
#                figure (a point with its range), legend, legend-swatch, legend-label,
#                scale-label
#   network:     edge, node, node-circle, node-label

from __future__ import annotations

import html
import math
import re
from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta
from urllib.parse import quote

from claimwatch.records import ReportedFigure, StatusChange, TrackedProposition
from claimwatch.vocabulary import STANCES

__all__ = ["timeline_svg", "figures_svg", "actor_edges", "network_svg"]

WIDTH = 720
# Same-day dots stack from support through hedging to denial: the vocabulary's
# order with denials moved last, derived from it so that every stance has a place.
STACK_ORDER = tuple(stance for stance in STANCES if stance != "denies") + ("denies",)
SERIES_CLASSES = 6
# Tips repeat the start of a sentence or figure only: the pages list them in full.
SENTENCE_LIMIT = 80
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# Control characters other than tab and newline make the markup invalid XML.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NOT_CLASS = re.compile(r"[^a-z0-9_-]+")


def _esc(text: object) -> str:
    return html.escape(_CONTROL.sub("", str(text)), quote=True)


def _slug(text: str | None) -> str:
    """A value made safe and tidy for use inside a class name."""
    return _NOT_CLASS.sub("-", (text or "").lower()).strip("-") or "unknown"


def _href(article_id: str) -> str:
    return "/articles/" + quote(article_id, safe="")


def _truncate(text: str, limit: int = SENTENCE_LIMIT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _parse_date(value: str | None) -> date | None:
    """A record's date as a day; 'YYYY-MM' counts as the 1st of the month."""
    if not value:
        return None
    text = value[:10] if len(value) >= 10 else value[:7] + "-01"
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _svg_open(kind: str, height: float, label: str, extra: str = "") -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:.0f}" '
            f'role="img" aria-label="{_esc(label)}" class="chart chart-{kind}"{extra}>')


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


# --- the time axis, shared by the timeline and the figures chart ---------------------

class _TimeScale:
    """Days onto x, padded so a single day still lands in the middle."""

    def __init__(self, days: Iterable[date], left: float, right: float) -> None:
        ordered = sorted(days)
        self.first, self.last = ordered[0], ordered[-1]
        if self.first == self.last:
            self.first -= timedelta(days=1)
            self.last += timedelta(days=1)
        self.left, self.right = left, right
        self._per_day = (right - left) / (self.last - self.first).days

    def x(self, day: date) -> float:
        return self.left + (day - self.first).days * self._per_day

    def ticks(self) -> list[tuple[date, str]]:
        """A few days, or month starts once the span is long enough for day labels to crowd."""
        span = (self.last - self.first).days
        if span <= 75:
            step = next(s for s in (1, 2, 7, 14, 28) if span / s <= 8)
            days = [self.first + timedelta(days=i) for i in range(0, span + 1, step)]
            return [(d, f"{d.day} {_MONTHS[d.month - 1]}") for d in days]
        first = self.first.year * 12 + self.first.month - 1
        last = self.last.year * 12 + self.last.month - 1
        step = next((s for s in (1, 2, 3, 6, 12, 24, 60) if (last - first) / s <= 8), 120)
        ticks = []
        for index in range(first + (-first) % step, last + 1, step):
            day = date(index // 12, index % 12 + 1, 1)
            if day >= self.first:
                name = str(day.year) if step >= 12 else f"{_MONTHS[day.month - 1]} {day.year}"
                ticks.append((day, name))
        return ticks

    def axis(self, y: float) -> list[str]:
        parts = [f'<g class="axis"><line class="axis-line" x1="{self.left:.1f}" y1="{y:.1f}" '
                 f'x2="{self.right:.1f}" y2="{y:.1f}" stroke="currentColor"/>']
        for day, name in self.ticks():
            x = self.x(day)
            parts.append(f'<line class="tick" x1="{x:.1f}" y1="{y:.1f}" x2="{x:.1f}" y2="{y + 4:.1f}" '
                         f'stroke="currentColor"/><text class="tick-label" x="{x:.1f}" y="{y + 16:.1f}" '
                         f'text-anchor="middle" font-size="11">{_esc(name)}</text>')
        parts.append("</g>")
        return parts


# --- timeline ------------------------------------------------------------------------

def _stack_levels(xs: list[float], gap: float) -> list[int]:
    """The lowest free row for each dot (xs ascending), so no two dots closer than gap overlap."""
    row_ends: list[float] = []
    levels: list[int] = []
    previous_x, previous_level = None, -1
    for x in xs:
        # Rows below the previous dot's were full at the same x, and its own row now is too.
        start = previous_level + 1 if x == previous_x else 0
        level = next((i for i in range(start, len(row_ends)) if x - row_ends[i] >= gap), len(row_ends))
        if level == len(row_ends):
            row_ends.append(x)
        else:
            row_ends[level] = x
        levels.append(level)
        previous_x, previous_level = x, level
    return levels


def _dot_radius(count: int) -> float:
    return 5.0 if count <= 40 else 4.0 if count <= 120 else 3.0


# Label geometry at font-size 11: rows 13 units apart, about 6.5 units a character.
_LABEL_ROW, _LABEL_CHAR = 13, 6.5


def _label_extent(x: float, text: str) -> tuple[str, float, float, float]:
    """Anchor, anchor x, and the left and right ends of a status label at x."""
    width = _LABEL_CHAR * len(text)
    if x > WIDTH - 100:
        return "end", x - 3, x - 3 - width, x - 3
    return "start", x + 3, x + 3, x + 3 + width


def _label_rows(dated: list[tuple[date, StatusChange]], scale: _TimeScale) -> list[int]:
    """A row for each status label: the first row where it clears the labels already placed."""
    ends: list[float] = []
    rows = []
    for day, change in dated:
        _, _, left, right = _label_extent(scale.x(day), change.status)
        row = next((r for r, end in enumerate(ends) if left > end + 4), len(ends))
        if row == len(ends):
            ends.append(right)
        else:
            ends[row] = right
        rows.append(row)
    return rows


def _status_marks(dated: list[tuple[date, StatusChange]], rows: list[int], scale: _TimeScale, top: float,
                  base: float) -> list[str]:
    parts = []
    for (day, change), row in zip(dated, rows, strict=True):
        x = scale.x(day)
        anchor, label_x, _, _ = _label_extent(x, change.status)
        tip = f"{change.date}: {change.status} — {change.source or 'unknown source'}: {_truncate(change.sentence)}"
        parts.append(f'<g class="status-mark status-{_slug(change.status)}"><title>{_esc(tip)}</title>'
                     f'<line class="status-line" x1="{x:.1f}" y1="{top - 4:.1f}" x2="{x:.1f}" '
                     f'y2="{base:.1f}" stroke="currentColor"/>'
                     f'<text class="status-label" x="{label_x:.1f}" y="{12 + row * _LABEL_ROW}" '
                     f'text-anchor="{anchor}" font-size="11">{_esc(change.status)}</text></g>')
    return parts


def timeline_svg(proposition: TrackedProposition) -> str:
    """The proposition's statements as dots along a time axis, with its status changes marked."""
    dated = [(d, e) for e in proposition.statements if (d := _parse_date(e.date))]
    undated = len(proposition.statements) - len(dated)
    changes = [(d, c) for c in proposition.status_changes if (d := _parse_date(c.date))]
    change_days = [d for d, _ in changes]
    if not dated and not change_days:
        return ""
    rank = {stance: i for i, stance in enumerate(STACK_ORDER)}
    # Same-day dots are grouped by stance so a stack reads as blocks of colour.
    dated.sort(key=lambda pair: (pair[0], rank.get(pair[1].stance, len(STACK_ORDER))))
    radius = _dot_radius(len(dated))
    gap = 2 * radius + 1.5
    scale = _TimeScale([d for d, _ in dated] + change_days, 30 + radius, WIDTH - 30 - radius)
    levels = _stack_levels([scale.x(d) for d, _ in dated], gap)
    rows = max(levels, default=0) + 1
    # Past ~260 units the stack is squeezed rather than made endlessly tall.
    step = min(gap, 260 / rows)
    label_rows = _label_rows(changes, scale)
    top = 21 + _LABEL_ROW * max(label_rows) if label_rows else 10
    base = top + max(rows * step + 4, 30)
    height = base + 24 + (16 if undated else 0)
    label = f"Timeline of {_plural(len(dated), 'statement')} about {proposition.label}"
    parts = [_svg_open("timeline", height, label)]
    parts += _status_marks(changes, label_rows, scale, top, base)
    for (day, evidence), level in zip(dated, levels, strict=True):
        stance = evidence.stance if evidence.stance in rank else "other"
        source = evidence.source or "unknown source"
        if evidence.outlet:
            source += f" ({evidence.outlet})"
        # No sentence: a story page carries hundreds of dots, and the claim's page lists every sentence.
        tip = f"{day.isoformat()} · {source} · {evidence.stance}"
        parts.append(f'<a href="{_esc(_href(evidence.article_id))}"><circle class="dot stance-{stance}" '
                     f'cx="{scale.x(day):.1f}" cy="{base - radius - 2 - level * step:.1f}" r="{radius:g}">'
                     f'<title>{_esc(tip)}</title></circle></a>')
    parts += scale.axis(base)
    if undated:
        parts.append(f'<text class="note" x="30" y="{base + 34:.1f}" font-size="11">'
                     f'{_plural(undated, "undated statement")} not shown</text>')
    parts.append("</svg>")
    return "".join(parts)


# --- figures -------------------------------------------------------------------------

def _nice_step(span: float, count: int = 5) -> float:
    raw = span / count
    magnitude = 10 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)


def _format_number(value: float) -> str:
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= size:
            return f"{value / size:.3g}{suffix}"
    return f"{value:.3g}"


class _ValueScale:
    """Values onto y: logarithmic when they span more than fifty-fold, so small ones stay visible."""

    def __init__(self, values: list[float], top: float, bottom: float) -> None:
        low, high = min(values), max(values)
        self.log = low > 0 and high / low > 50
        self.top, self.bottom = top, bottom
        if self.log:
            self.low, self.high = math.floor(math.log10(low)), math.ceil(math.log10(high))
            stride = max(1, math.ceil((self.high - self.low) / 8))
            self.tick_values = [10.0 ** e for e in range(self.low, self.high + 1, stride)]
        else:
            start = min(0.0, low)
            step = _nice_step(high - start) if high > start else 1.0
            self.low, self.high = math.floor(start / step) * step, math.ceil(high / step) * step
            if self.high == self.low:
                self.high += step
            count = round((self.high - self.low) / step)
            self.tick_values = [self.low + i * step for i in range(count + 1)]

    def y(self, value: float) -> float:
        position = math.log10(value) if self.log else value
        share = (position - self.low) / (self.high - self.low)
        return self.bottom - share * (self.bottom - self.top)


def _unit_order(figures: list[ReportedFigure]) -> list[str]:
    counts = Counter(f.unit for f in figures)
    return sorted(counts, key=lambda unit: (-counts[unit], unit))


def figures_svg(figures: list[ReportedFigure]) -> str:
    """The figures reported over time, one series per unit; ranges drawn from low to high."""
    dated = sorted(((d, f) for f in figures if (d := _parse_date(f.date))), key=lambda pair: pair[0])
    if not dated:
        return ""
    left, right, top, bottom = 60.0, WIDTH - 20.0, 40.0, 280.0
    units = _unit_order([f for _, f in dated])
    series = {unit: f"series-{i % SERIES_CLASSES}" for i, unit in enumerate(units)}
    values = [v for _, f in dated for v in (f.value, f.high) if v is not None]
    ys = _ValueScale(values, top, bottom)
    xs = _TimeScale([d for d, _ in dated], left + 8, right - 8)
    label = f"{_plural(len(dated), 'reported figure')} over time, by unit" + (" (log scale)" if ys.log else "")
    extra = f' data-scale="{"log" if ys.log else "linear"}"'
    parts = [_svg_open("figures", bottom + 30, label, extra), '<g class="legend">']
    legend_x = left
    for unit in units:
        parts.append(f'<circle class="legend-swatch {series[unit]}" cx="{legend_x + 5:.1f}" cy="14" r="5"/>'
                     f'<text class="legend-label" x="{legend_x + 14:.1f}" y="18" font-size="12">{_esc(unit)}</text>')
        legend_x += 30 + 7 * len(unit)
    parts.append("</g>")
    for value in ys.tick_values:
        y = ys.y(value)
        parts.append(f'<line class="grid" x1="{left:.1f}" y1="{y:.1f}" x2="{right:.1f}" y2="{y:.1f}" '
                     f'stroke="currentColor"/><text class="tick-label" x="{left - 6:.1f}" y="{y + 4:.1f}" '
                     f'text-anchor="end" font-size="11">{_format_number(value)}</text>')
    if ys.log:
        parts.append(f'<text class="scale-label" x="{left - 6:.1f}" y="{top - 8:.1f}" text-anchor="end" '
                     f'font-size="10">log scale</text>')
    # Figures given the same day are fanned out a little so each stays visible.
    per_day = Counter(d for d, _ in dated)
    seen: Counter[date] = Counter()
    for day, figure in dated:
        x = xs.x(day) + (seen[day] - (per_day[day] - 1) / 2) * min(6.0, 40 / per_day[day])
        seen[day] += 1
        css = series[figure.unit]
        tip = f"{day.isoformat()} · {figure.outlet or 'unknown outlet'}\n{_truncate(figure.text)}"
        parts.append(f'<a href="{_esc(_href(figure.article_id))}"><g class="figure"><title>{_esc(tip)}</title>')
        if figure.high is not None:
            parts.append(f'<line class="range {css}" x1="{x:.1f}" y1="{ys.y(figure.value):.1f}" x2="{x:.1f}" '
                         f'y2="{ys.y(figure.high):.1f}" stroke="currentColor" stroke-width="2"/>')
        parts.append(f'<circle class="point {css}" cx="{x:.1f}" cy="{ys.y(figure.value):.1f}" r="4"/></g></a>')
    parts += xs.axis(bottom)
    parts.append("</svg>")
    return "".join(parts)


# --- actor network -------------------------------------------------------------------

def actor_edges(propositions: list[TrackedProposition]) -> dict[tuple[str, str], int]:
    """Undirected actor links: subject–object per proposition, source_actor–subject per statement."""
    edges: Counter[tuple[str, str]] = Counter()
    for proposition in propositions:
        subject = proposition.subject
        if subject and proposition.object and subject != proposition.object and proposition.statements:
            edges[_pair(subject, proposition.object)] += len(proposition.statements)
        if not subject:
            continue
        for evidence in proposition.statements:
            if evidence.source_actor and evidence.source_actor != subject:
                edges[_pair(evidence.source_actor, subject)] += 1
    return dict(edges)


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def _heaviest_nodes(edges: dict[tuple[str, str], int], limit: int) -> list[tuple[str, int]]:
    weights: Counter[str] = Counter()
    for (a, b), weight in edges.items():
        weights[a] += weight
        if b != a:
            weights[b] += weight
    ranked = sorted(weights.items(), key=lambda item: (-item[1], item[0]))
    return ranked[:max(0, limit)]


def network_svg(edges: dict[tuple[str, str], int], limit: int = 24) -> str:
    """The actor network: the heaviest nodes on a circle, links thicker the more statements they carry."""
    edges = {pair: w for pair, w in edges.items() if w > 0}
    nodes = _heaviest_nodes(edges, limit)
    if not nodes:
        return ""
    height, centre_x, centre_y, radius = 480, WIDTH / 2, 240.0, 170.0
    # Heaviest first, clockwise from the top: a fixed order gives the same picture every time.
    position = {}
    for index, (code, _) in enumerate(nodes):
        angle = -math.pi / 2 + 2 * math.pi * index / len(nodes)
        position[code] = (angle, centre_x + radius * math.cos(angle), centre_y + radius * math.sin(angle))
    shown = sorted(((w, pair) for pair, w in edges.items()
                    if pair[0] != pair[1] and pair[0] in position and pair[1] in position))
    top_edge = max((w for w, _ in shown), default=1)
    top_node = nodes[0][1]
    label = f"Network of {_plural(len(nodes), 'actor')} and {_plural(len(shown), 'link')}"
    parts = [_svg_open("network", height, label)]
    # Light edges first, so heavy ones are drawn on top of them.
    for weight, (a, b) in shown:
        tip = f"{a} – {b}: {_plural(weight, 'statement')}"
        _, x1, y1 = position[a]
        _, x2, y2 = position[b]
        parts.append(f'<line class="edge" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                     f'stroke="currentColor" stroke-width="{1 + 7 * weight / top_edge:.2f}">'
                     f'<title>{_esc(tip)}</title></line>')
    for code, weight in nodes:
        angle, x, y = position[code]
        size = 5 + 13 * math.sqrt(weight / top_node)
        cos = math.cos(angle)
        anchor = "start" if cos > 0.2 else "end" if cos < -0.2 else "middle"
        label_x = x + (size + 5) * cos
        label_y = y + (size + 5) * math.sin(angle) + 4
        tip = f"{code}: {_plural(weight, 'statement')} on its links"
        parts.append(f'<g class="node"><title>{_esc(tip)}</title>'
                     f'<circle class="node-circle" cx="{x:.1f}" cy="{y:.1f}" r="{size:.1f}"/>'
                     f'<text class="node-label" x="{label_x:.1f}" y="{label_y:.1f}" text-anchor="{anchor}" '
                     f'font-size="12">{_esc(code)}</text></g>')
    parts.append("</svg>")
    return "".join(parts)
