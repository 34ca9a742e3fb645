"""`claimwatch stories`, `story`, `timeline` and `track`: stories and the arc of their claims."""

from __future__ import annotations

import csv
import json
import sys
from typing import Annotated

import click
import typer
from typer.core import TyperGroup

from ..errors import ClaimwatchError
from .app import (
    DEFAULT_DB, DbOption, PipelineName, ReportFormat, ShowFormat, TimelineFormat, app, fail, opened_store, stderr,
    stdout,
)
from .output import print_rows
from .story_view import render_proposition, render_story

_STORY_COLUMNS = ("id", "last_published", "articles", "status", "main_proposition", "title")


class _StoryGroup(TyperGroup):
    """`claimwatch story ID` shows a story; `story merge` and `story split` change one."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and not set(args) & {"--help", "-h"} or len(args) > 1:
            named = next((a for a in args if a in self.commands), None)
            # Options may come before the subcommand ("story --db x merge A B"): move it to the front.
            args = [named, *(a for a in args if a is not named)] if named else ["show", *args]
        return super().parse_args(ctx, args)


story_app = typer.Typer(cls=_StoryGroup, no_args_is_help=True,
                        help="Show a story's timeline (claimwatch story ID), or merge and split stories.")
app.add_typer(story_app, name="story")


def _valid_day(value: str | None) -> str | None:
    if value is None:
        return None
    from ..ingest.normalize import iso_date  # here: the ingest stage is slow to import

    day = iso_date(value)
    if day is None or len(day) != 10:
        raise fail(f"--at {value!r} is not a date; give it as YYYY-MM-DD")
    return day


@app.command()
def stories(
    db: DbOption = DEFAULT_DB,
    limit: Annotated[int | None, typer.Option(min=1, help="At most this many stories, most recent first.")] = None,
    fmt: Annotated[ReportFormat, typer.Option("--format", help="Output format.")] = ReportFormat.table,
) -> None:
    """List stories, most recently active first, with their main claim and its status."""
    from ..track import stories_report

    with opened_store(db) as store:
        report = stories_report(store, limit=limit)
    if fmt is ReportFormat.json:
        sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
        return
    rows = []
    for story in report["stories"]:
        main = story["propositions"][0] if story["propositions"] else None
        rows.append({"id": story["id"], "first_published": story["first_published"],
                     "last_published": story["last_published"], "articles": len(story["articles"]),
                     "outlets": len(story["outlets"]), "main_proposition": main["label"] if main else "",
                     "status": main["status"] if main else "", "title": story["title"]})
    print_rows(rows, "table", key="stories", columns=_STORY_COLUMNS, title=f"{len(rows)} stories")


@story_app.command("show")
def show_story(
    story_id: Annotated[str, typer.Argument(help="A story id, as `claimwatch stories` lists them.")],
    db: DbOption = DEFAULT_DB,
    fmt: Annotated[ShowFormat, typer.Option("--format", help="Output format.")] = ShowFormat.text,
    show_all: Annotated[bool, typer.Option("--all", help="Also claims stated only once.")] = False,
) -> None:
    """A story's timeline: per claim, its status changes with dates and evidence, and its figures."""
    from ..track import story_with_propositions

    with opened_store(db) as store:
        try:
            story = story_with_propositions(store, story_id)
        except ClaimwatchError as exc:
            raise fail(str(exc)) from None
    if fmt is ShowFormat.json:
        sys.stdout.write(json.dumps(story.to_dict(), ensure_ascii=False, indent=2) + "\n")
        return
    render_story(stdout, story, min_statements=1 if show_all else 2)


@story_app.command("merge")
def merge(
    target: Annotated[str, typer.Argument(help="The story that stays.")],
    absorbed: Annotated[str, typer.Argument(help="The story whose articles move into it.")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Merge two stories into the first, for good: later ingests keep them together."""
    from ..track import merge_stories

    with opened_store(db) as store:
        try:
            kept = merge_stories(store, target, absorbed)
        except ClaimwatchError as exc:
            raise fail(str(exc)) from None
        count = len(store.get_story(kept).articles)
    stdout.print(f"merged {absorbed} into {kept}: {count} articles", highlight=False)


@story_app.command("split")
def split(
    story_id: Annotated[str, typer.Argument(help="The story to split.")],
    articles: Annotated[list[str], typer.Option(
        "--articles", help="Ids of the articles to move into a new story (repeat, or separate with commas).")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Move some of a story's articles into a new story, for good."""
    from ..track import split_story

    ids = list(dict.fromkeys(part.strip() for value in articles for part in value.split(",") if part.strip()))
    with opened_store(db) as store:
        try:
            new_id = split_story(store, story_id, ids)
        except ClaimwatchError as exc:
            raise fail(str(exc)) from None
    stdout.print(f"split {len(ids)} articles from {story_id} into {new_id}", highlight=False)


@app.command()
def timeline(
    proposition_id: Annotated[str, typer.Argument(help="A proposition id, as `claimwatch story ID` shows them.")],
    db: DbOption = DEFAULT_DB,
    at: Annotated[str | None, typer.Option(help="The claim as it stood on this day (YYYY-MM-DD).")] = None,
    fmt: Annotated[TimelineFormat, typer.Option("--format", help="Output format.")] = TimelineFormat.table,
) -> None:
    """A claim across all stories: its statements in time order, status, sources and figures."""
    from ..track import proposition_timeline

    day = _valid_day(at)
    with opened_store(db) as store:
        try:
            proposition = proposition_timeline(store, proposition_id, at=day)
        except ClaimwatchError as exc:
            raise fail(str(exc)) from None
    if fmt is TimelineFormat.json:
        sys.stdout.write(json.dumps(proposition.to_dict(), ensure_ascii=False, indent=2) + "\n")
    elif fmt is TimelineFormat.csv:
        _write_statements_csv(proposition)
    else:
        render_proposition(stdout, proposition, evidence=True)


def _write_statements_csv(proposition) -> None:
    columns = ("date", "article_id", "outlet", "source", "source_country", "source_kind", "stance", "origin",
               "chain", "sentence")
    writer = csv.DictWriter(sys.stdout, fieldnames=["proposition_id", *columns], extrasaction="ignore")
    writer.writeheader()
    for item in proposition.statements:
        row = {c: getattr(item, c) for c in columns}
        row["chain"] = " > ".join(item.chain)
        writer.writerow({"proposition_id": proposition.id, **row})


@app.command()
def track(
    db: DbOption = DEFAULT_DB,
    pipeline: Annotated[PipelineName | None, typer.Option(
        help="Pipeline for articles never analysed (default: full when installed).")] = None,
) -> None:
    """Place stored articles that are in no story yet (stored with --no-analyze, or before tracking)."""
    from ..flow import Flow

    with opened_store(db) as store:
        if not store.untracked_articles(1):
            stdout.print(f"tracked 0 articles; {len(store.stories())} stories in {db}", highlight=False)
            return
        # Loaded once the store is open and has work for it: spaCy takes seconds.
        try:
            flow = Flow.loaded(pipeline.value if pipeline else None)
        except (LookupError, OSError) as exc:
            raise fail(str(exc)) from None
        done = flow.track_stored(store, on_batch=lambda n: stderr.print(f"tracked {n} articles", highlight=False))
        count = len(store.stories())
    stdout.print(f"tracked {done} articles; {count} stories in {db}", highlight=False)
