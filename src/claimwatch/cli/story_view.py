"""A story's timeline in the terminal: claims, their status changes, evidence and figures."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..records import Story, TrackedProposition

__all__ = ["render_story", "render_proposition"]

_STATUS_STYLES = {"speculated": "yellow", "reported": "cyan", "confirmed": "green", "acknowledged": "bold green",
                  "denied": "red"}
_STANCE_STYLES = {"asserts": "cyan", "confirms": "green", "denies": "red", "unverified": "yellow",
                  "speculates": "yellow"}
_SENTENCE_CHARS = 160


def _short(sentence: str) -> str:
    flat = " ".join(sentence.split())
    return flat if len(flat) <= _SENTENCE_CHARS else flat[:_SENTENCE_CHARS - 1] + "…"


def render_story(console: Console, story: Story, *, min_statements: int = 2) -> None:
    """Print a story's head and the timeline of each claim with at least min_statements statements."""
    head = Text(story.title or "(untitled story)", style="bold")
    head.append(f"\n{story.id} · {story.first_published or '?'} to {story.last_published or '?'} · "
                f"{len(story.articles)} articles from {len(story.outlets)} outlets", style="dim")
    console.print(head)
    shown = [p for p in story.propositions if len(p.statements) >= min_statements]
    for proposition in shown:
        console.print()
        render_proposition(console, proposition, evidence=False)
    hidden = len(story.propositions) - len(shown)
    if hidden:
        console.print(Text(f"\n{hidden} more claims stated once; --all shows them", style="dim"))


def render_proposition(console: Console, proposition: TrackedProposition, *, evidence: bool) -> None:
    """Print one claim: status, sources, status changes, figures, contradictions (and every statement)."""
    line = Text(proposition.label, style="bold")
    line.append(f"  {proposition.id}  ", style="dim")
    line.append(proposition.status, style=_STATUS_STYLES.get(proposition.status, ""))
    if proposition.denied and proposition.status != "denied":
        line.append(" · denied", style="red")
    line.append(f" · {len(proposition.statements)} statements, "
                f"{proposition.independent_sources} independent sources", style="dim")
    console.print(line)
    changes = Table(show_header=True, box=None, pad_edge=False, highlight=False)
    for column in ("date", "status", "source", "evidence"):
        changes.add_column(column, overflow="fold")
    for change in proposition.status_changes:
        source = f"{change.source or 'unattributed'} ({change.source_country or '?'})"
        changes.add_row(Text(change.date or "?"), Text(change.status, style=_STATUS_STYLES.get(change.status, "")),
                        Text(source), Text(_short(change.sentence)))
    console.print(changes)
    for unit, summary in proposition.figure_summary.items():
        low, high, latest = summary["lowest"], summary["highest"], summary["latest"]
        console.print(Text(
            f"  {unit}: {low['value']:,.0f} to {(high['high'] or high['value']):,.0f} in {summary['reports']} reports; "
            f"latest {(latest['high'] or latest['value']):,.0f} ({latest['outlet']}, {latest['date']})"), highlight=False)
    for conflict in proposition.contradictions:
        against = "; ".join(f"{c['party']} ({', '.join(c['sources'])})" for c in conflict["against"])
        console.print(Text(f"  {conflict['party']}: {_count(conflict['denials'], 'denial')} by {', '.join(conflict['sources'])}, "
                           f"first {conflict['denied_by']['date'] or '?'}, against {against}"),
                      style="red", highlight=False)
    if evidence:
        statements = Table(show_header=True, box=None, pad_edge=False, highlight=False)
        for column in ("date", "stance", "source", "chain", "sentence"):
            statements.add_column(column, overflow="fold")
        for item in proposition.statements:
            statements.add_row(Text(item.date or "?"), Text(item.stance, style=_STANCE_STYLES.get(item.stance, "")),
                               Text(f"{item.source or 'unattributed'} ({item.source_kind})"),
                               Text(" > ".join(item.chain)), Text(_short(item.sentence)))
        console.print(statements)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
