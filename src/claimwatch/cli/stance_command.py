"""`claimwatch stance`: the stance of each article toward the claim given beside it."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import asdict
from enum import Enum
from itertools import islice
from typing import Annotated

import typer
from rich.text import Text

from ..records import Analysis, Article
from .app import PipelineName, app, loaded_analyzer, stderr

# Pairs read ahead so that the texts they bring are analysed in one batch.
_CHUNK = 64


class StanceFormat(str, Enum):
    jsonl = "jsonl"
    json = "json"


@app.command()
def stance(
    sources: Annotated[list[str], typer.Argument(
        help="JSONL of article records (id, url, outlet, published, title, text) each with a 'claim' (- for stdin).")],
    pipeline: Annotated[PipelineName | None, typer.Option(
        help="fast: rules only; full: adds en_core_web_sm (the default when installed).")] = None,
    fmt: Annotated[StanceFormat, typer.Option("--format", help="Output format.")] = StanceFormat.jsonl,
) -> None:
    """Print each article's stance toward its claim, and the statements that carry it."""
    failures: list[str] = []
    pairs = _pairs(sources, failures)
    first = next(pairs, None)
    results: list[dict] = []
    if first is not None:
        analyzer = loaded_analyzer(pipeline)
        for result in _judged(analyzer, _chained(first, pairs)):
            if fmt is StanceFormat.jsonl:
                sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
            else:
                results.append(result)
    if fmt is StanceFormat.json:
        sys.stdout.write(json.dumps({"stances": results}, ensure_ascii=False) + "\n")
    for failure in failures:
        stderr.print(Text(f"failed: {failure}", style="red"))
    if failures:
        raise typer.Exit(1)


def _chained(first: tuple[Article, str], rest: Iterator[tuple[Article, str]]) -> Iterator[tuple[Article, str]]:
    yield first
    yield from rest


def _judged(analyzer, pairs: Iterator[tuple[Article, str]]) -> Iterator[dict]:
    """Each pair's result, in input order; a text repeated over pairs is analysed once."""
    from ..claims import ArticleReading, Claim, judge, read_article

    analyses: dict[str, Analysis] = {}
    claims: dict[str, Claim] = {}
    readings: dict[tuple[str, str | None], ArticleReading] = {}
    while chunk := list(islice(pairs, _CHUNK)):
        new = {article.text_hash: article for article, _ in chunk if article.text_hash not in analyses}
        for article, analysis in zip(new.values(), analyzer.analyze_many(new.values())):
            analyses[article.text_hash] = analysis
        for article, claim_text in chunk:
            key = (article.text_hash, article.title)
            if key not in readings:
                readings[key] = read_article(article.text, article.title, analyses[article.text_hash])
            claim = claims.get(claim_text) or claims.setdefault(claim_text, Claim.of(claim_text))
            result = judge(claim, readings[key])
            yield {"id": article.id, "stance": result.stance,
                   "statements": [asdict(statement) for statement in result.statements]}


def _pairs(sources: list[str], failures: list[str]) -> Iterator[tuple[Article, str]]:
    """Articles with the claim each carries; a record without one is a failure naming its line."""
    from ..errors import ClaimwatchError
    from ..ingest import normalize_draft, plan_inputs, read_input

    inputs, problems = plan_inputs(sources)
    failures.extend(str(p) for p in problems)
    for item in inputs:
        for draft in read_input(item):
            if isinstance(draft, ClaimwatchError):
                failures.append(str(draft))
                continue
            claim = draft.extra.get("claim")
            if not isinstance(claim, str) or not claim.strip():
                failures.append(f"{draft.input}: record has no 'claim'; give the claim in words beside the article")
                continue
            try:
                yield normalize_draft(draft), claim.strip()
            except ClaimwatchError as exc:
                failures.append(str(exc))
