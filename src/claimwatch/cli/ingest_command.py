"""`claimwatch ingest`: sources in, articles stored, a summary out."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from ..records import IngestOutcome, IngestReport
from ..sample import SAMPLE_DIR
from ..store import Store
from ..errors import ClaimwatchError
from .app import DEFAULT_DB, DbOption, PipelineName, app, fail, opened_store, stderr, stdout

if TYPE_CHECKING:
    from ..flow import Flow


@app.command()
def ingest(
    sources: Annotated[list[str] | None, typer.Argument(
        help="Files, folders, feeds, URLs, or - for JSON Lines on standard input.", show_default=False)] = None,
    db: DbOption = DEFAULT_DB,
    follow: Annotated[bool, typer.Option(help="Fetch each feed entry's page for its full text.")] = False,
    allow_private: Annotated[bool, typer.Option(
        help="Allow fetching private, loopback and link-local addresses.")] = False,
    sample: Annotated[bool, typer.Option(help="Also ingest the sample corpus bundled with claimwatch.")] = False,
    timeout: Annotated[float, typer.Option(min=0.1, help="Seconds to wait for a web server.")] = 15.0,
    max_size: Annotated[float, typer.Option(min=0.001, help="Largest download accepted, in MB.")] = 10.0,
    analyze: Annotated[bool, typer.Option(
        help="Analyse each new article, store the analysis beside it, and place it in a story.")] = True,
    pipeline: Annotated[PipelineName | None, typer.Option(
        help="Analysis pipeline: fast (rules only) or full (adds en_core_web_sm; the default when installed).")] = None,
    workers: Annotated[int | None, typer.Option(
        min=0, help="Processes reading HTML and text files beside the one storing them "
                    "(default: one per core but one; 0: read them in this process).")] = None,
    scheduler: Annotated[str | None, typer.Option(
        help="Analyse on the Dask cluster of this scheduler (tcp://HOST:PORT); this process stores.")] = None,
    dask_workers: Annotated[int | None, typer.Option(
        min=1, help="Analyse on a Dask cluster of this many worker processes started on this machine.")] = None,
) -> None:
    """Read articles from sources into the store, skipping duplicates."""
    specs = list(sources or []) + ([str(SAMPLE_DIR)] if sample else [])
    if not specs:
        stderr.print("Nothing to ingest: give files, folders, URLs or -, or --sample.")
        raise typer.Exit(2)
    if (scheduler or dask_workers) and not analyze:
        raise fail("--scheduler and --dask-workers spread the analysis; leave out --no-analyze to use them")
    if scheduler and dask_workers:
        raise fail("give --scheduler (a running cluster) or --dask-workers (a cluster started here), not both")
    with opened_store(db) as store, _analysis_flow(analyze, pipeline, scheduler, dask_workers) as flow:
        ahead = (lambda items: flow.ahead(store, items)) if hasattr(flow, "ahead") else None
        report, copies = _ingest_with_progress(
            store, specs, follow=follow, allow_private=allow_private, timeout=timeout,
            max_bytes=int(max_size * 1024 * 1024), workers=workers, after_batch=flow, ahead=ahead)
        total = store.count_articles()
    _print_summary(report, copies, total, db)
    if not report.ok:
        raise typer.Exit(1)


@contextmanager
def _analysis_flow(analyze: bool, pipeline: PipelineName | None, scheduler: str | None,
                   dask_workers: int | None) -> Iterator[Flow | None]:
    """The flow new articles go through: none, this process's, or one analysing on a Dask cluster."""
    name = pipeline.value if pipeline else None
    if not analyze:
        yield None
    elif scheduler or dask_workers:
        from ..flow.cluster import ClusterFlow, cluster_client

        try:
            client = cluster_client(scheduler, dask_workers)
        except ClaimwatchError as exc:
            raise fail(str(exc)) from None
        try:
            yield ClusterFlow(name, client)
        finally:
            cluster = client.cluster
            client.close()
            if cluster is not None:
                cluster.close()
    else:
        yield _flow(name)


def _flow(pipeline: str | None) -> Flow:
    # Not loaded here: the flow loads spaCy (seconds) with the first batch that adds articles, so that an
    # ingest that adds nothing (a missing file, only duplicates) does not wait for it. A missing model is
    # then a ClaimwatchError, one error line, raised before that batch is written.
    from ..flow import Flow  # here: it imports the ingest stage, whose extraction libraries take half a second

    return Flow(pipeline)


def _ingest_with_progress(store: Store, specs: list[str], **options: Any) -> tuple[IngestReport, int]:
    """The run's report, and how many of the articles it added are near-duplicates of another."""
    # Imported here: extraction libraries take half a second to load, and the
    # other commands do not need them.
    from ..ingest import ingest_sources

    progress = Progress(
        SpinnerColumn(), TextColumn("[progress.description]{task.description}"), BarColumn(),
        MofNCompleteColumn(), TextColumn("{task.fields[counts]}"), TimeElapsedColumn(),
        console=stderr, transient=True,
    )
    seen = IngestReport()
    copies = 0
    with progress:
        task = progress.add_task("ingesting", total=None, counts="")

        def outcome(event: IngestOutcome) -> None:
            nonlocal copies
            seen.count(event)
            copies += event.kind == "near_duplicate"
            if event.kind == "failed":
                progress.console.print(f"[red]failed:[/] {escape(event.error or event.input)}", highlight=False)
            elif event.note:
                progress.console.print(f"[yellow]note:[/] {escape(event.note)}", highlight=False)
            progress.update(task, counts=f"{seen.added} added, {seen.failed} failed")

        report = ingest_sources(
            store, specs, on_start=lambda total: progress.update(task, total=total or None),
            on_input_done=lambda _: progress.advance(task), on_outcome=outcome, **options,
        )
    return report, copies


def _print_summary(report: IngestReport, copies: int, total: int, db: str) -> None:
    # Near-duplicates are stored (linked to their original), so they are among the added, and said to be.
    among = f" ({copies} of them near-duplicates)" if copies else ""
    stdout.print(
        f"added {report.added}{among}, exact duplicates {report.duplicates}, "
        f"already stored {report.unchanged}, failed {report.failed}; {total} articles in {escape(db)}",
        highlight=False,
    )
