"""`claimwatch analyze`: actors, statements, figures and events of articles, without a store."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from enum import Enum
from itertools import chain
from typing import Annotated

import typer
from rich.text import Text

from ..records import Analysis, Article
from .app import PipelineName, app, loaded_analyzer, stderr, stdout


class AnalyzeFormat(str, Enum):
    jsonl = "jsonl"
    json = "json"
    text = "text"


_STANCE_STYLES = {"asserts": "cyan", "confirms": "green", "denies": "red", "unverified": "yellow",
                  "speculates": "magenta"}


@app.command()
def analyze(
    sources: Annotated[list[str], typer.Argument(help="Files, folders, URLs or corpus JSONL (- for stdin).")],
    pipeline: Annotated[PipelineName | None, typer.Option(
        help="fast: rules only; full: adds en_core_web_sm (the default when installed).")] = None,
    fmt: Annotated[AnalyzeFormat, typer.Option("--format", help="Output format.")] = AnalyzeFormat.jsonl,
    allow_private: Annotated[bool, typer.Option(help="Allow fetching private addresses.")] = False,
) -> None:
    """Analyse articles and print what they say, who says it and how sure they are."""
    failures: list[str] = []
    articles = _articles(sources, allow_private, failures)
    # The pipeline loads once there is an article to analyse: spaCy takes seconds, and input that yields
    # none (a missing file) is told at once.
    first = next(articles, None)
    analyses: Iterable[Analysis] = []
    if first is not None:
        analyzer = loaded_analyzer(pipeline)
        analyses = analyzer.analyze_many(chain([first], articles))
    if fmt is AnalyzeFormat.json:
        sys.stdout.write(json.dumps({"analyses": [a.to_dict() for a in analyses]}, ensure_ascii=False) + "\n")
    else:
        for analysis in analyses:
            if fmt is AnalyzeFormat.jsonl:
                sys.stdout.write(json.dumps(analysis.to_dict(), ensure_ascii=False) + "\n")
            else:
                _print_text(analysis)
    for failure in failures:
        stderr.print(Text(f"failed: {failure}", style="red"))
    if failures:
        raise typer.Exit(1)


def _articles(sources: list[str], allow_private: bool, failures: list[str]) -> Iterator[Article]:
    from ..errors import ClaimwatchError
    from ..ingest import Fetcher, normalize_draft, plan_inputs, read_input

    inputs, problems = plan_inputs(sources)
    failures.extend(str(p) for p in problems)
    with Fetcher(allow_private=allow_private) as fetcher:
        for item in inputs:
            for draft in read_input(item, fetcher=fetcher):
                if isinstance(draft, ClaimwatchError):
                    failures.append(str(draft))
                    continue
                try:
                    yield normalize_draft(draft)
                except ClaimwatchError as exc:
                    failures.append(str(exc))


def _print_text(analysis: Analysis) -> None:
    stdout.rule(f"{analysis.id}  ·  countries: {', '.join(analysis.countries) or '-'}", style="dim")
    for note in analysis.notes:
        stdout.print(Text(f"note: {note}", style="yellow"))
    for statement in analysis.statements:
        line = Text(statement.sentence)
        if statement.cue and (at := statement.sentence.find(statement.cue)) >= 0:
            line.stylize(f"bold underline {_STANCE_STYLES[statement.stance]}", at, at + len(statement.cue))
        label = Text(f"[{statement.stance}] ", style=_STANCE_STYLES[statement.stance])
        source = statement.source or "(the outlet)"
        who = f"  — {source} · {statement.source_kind}" + (f" · {statement.source_country}"
                                                          if statement.source_country else "")
        stdout.print(Text.assemble(label, line, Text(who, style="dim")))
    for figure in analysis.figures:
        stdout.print(Text(f"figure: {figure.text} → {figure.value:g} {figure.unit} ({figure.subject or '?'})",
                          style="dim"))
