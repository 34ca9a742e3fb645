"""`claimwatch source add|list|pause|resume|remove` and `claimwatch run`: polling unattended."""

from __future__ import annotations

import logging
import re
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from ..errors import ClaimwatchError
from ..net import is_http_url
from ..records import Source
from .app import DEFAULT_DB, DbOption, ListFormat, PipelineName, app, fail, opened_store, stdout
from .output import print_rows

source_app = typer.Typer(no_args_is_help=True, help="Feeds, pages and folders that `claimwatch run` polls.")
app.add_typer(source_app, name="source")

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_DURATION = re.compile(r"^(\d+(?:\.\d+)?)\s*([smhd]?)$")
# Faster than a second only hammers a server; slower than a month is a source better removed.
_SHORTEST_EVERY, _LONGEST_EVERY = 1.0, 30 * 86400.0
_COLUMNS = ("name", "location", "every", "paused", "failures", "last_polled_at", "last_error")


def _seconds(value: str) -> float:
    found = _DURATION.match(value.strip().lower())
    if not found or float(found.group(1)) <= 0:
        raise fail(f"--every {value!r}: give a duration such as 90s, 15m, 2h or 1d")
    seconds = float(found.group(1)) * _UNITS[found.group(2) or "s"]
    if not _SHORTEST_EVERY <= seconds <= _LONGEST_EVERY:
        raise fail(f"--every {value!r}: out of range; give a duration from 1s to 30d, such as 15m or 2h")
    return seconds


def _named(store, name: str) -> Source:
    found = next((s for s in store.sources() if s.name == name), None)
    if found is None:
        raise fail(f"source {name}: no such source; `claimwatch source list` shows them", code=1)
    return found


@source_app.command("add")
def source_add(
    location: Annotated[str, typer.Argument(help="A feed or page URL, or a file or folder that receives files.")],
    every: Annotated[str, typer.Option(help="How often to poll: 90s, 15m, 2h, 1d.")] = "15m",
    name: Annotated[str | None, typer.Option(help="A short name (default: the location).")] = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Add a source for `claimwatch run` to poll."""
    interval = _seconds(every)
    is_url = is_http_url(location)
    if not is_url and not Path(location).exists():
        raise fail(f"{location}: no such file or folder, and not an http(s) URL")
    where = location if is_url else str(Path(location).resolve())
    with opened_store(db) as store:
        with store.transaction():
            store.save_source(Source(name=name or location, location=where, every=interval))
    stdout.print(f"source {escape(name or location)}: polled every {every}", highlight=False)


@source_app.command("list")
def source_list(
    db: DbOption = DEFAULT_DB,
    fmt: Annotated[ListFormat, typer.Option("--format", help="Output format.")] = ListFormat.table,
) -> None:
    """List the sources with their schedule and last poll."""
    with opened_store(db) as store:
        rows = [s.to_dict() for s in store.sources()]
    print_rows(rows, fmt.value, key="sources", columns=_COLUMNS, title=f"{len(rows)} sources")


def _set_paused(name: str, db: str, paused: bool) -> None:
    with opened_store(db) as store:
        source = _named(store, name)
        source.paused = paused
        if not paused:
            source.next_poll_at = 0.0
        with store.transaction():
            store.save_source(source)
    stdout.print(f"source {escape(name)}: {'paused' if paused else 'resumed'}", highlight=False)


@source_app.command("pause")
def source_pause(name: Annotated[str, typer.Argument(help="The source.")], db: DbOption = DEFAULT_DB) -> None:
    """Stop polling a source until it is resumed."""
    _set_paused(name, db, True)


@source_app.command("resume")
def source_resume(name: Annotated[str, typer.Argument(help="The source.")], db: DbOption = DEFAULT_DB) -> None:
    """Poll a paused source again, starting now."""
    _set_paused(name, db, False)


@source_app.command("remove")
def source_remove(name: Annotated[str, typer.Argument(help="The source.")], db: DbOption = DEFAULT_DB) -> None:
    """Stop polling a source for good; what it brought stays stored."""
    with opened_store(db) as store:
        with store.transaction():
            removed = store.remove_source(name)
    if not removed:
        raise fail(f"source {name}: no such source; `claimwatch source list` shows them", code=1)
    stdout.print(f"removed source {escape(name)}", highlight=False)


@app.command()
def run(
    db: DbOption = DEFAULT_DB,
    once: Annotated[bool, typer.Option(help="Poll every active source once, deliver, and exit (for cron).")] = False,
    pipeline: Annotated[PipelineName | None, typer.Option(help="Analysis pipeline for new articles.")] = None,
    allow_private: Annotated[bool, typer.Option(
        help="Allow sources and webhooks on private, loopback and link-local addresses.")] = False,
    timeout: Annotated[float, typer.Option(min=0.1, help="Seconds to wait for a source's server.")] = 15.0,
) -> None:
    """Poll sources on their schedules, ingest, analyse, track, alert and deliver, until stopped."""
    from ..flow import Flow, run_rounds

    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))

    with opened_store(db) as store, _timestamped_log() as log:
        # Loaded once the store opened: spaCy takes seconds, and a wrong --db is told at once.
        try:
            flow = Flow.loaded(pipeline.value if pipeline else None)
        except (LookupError, OSError) as exc:
            raise fail(str(exc)) from None
        try:
            results = run_rounds(store, after_batch=flow, once=once, allow_private=allow_private,
                                 timeout=timeout, log=log.info, should_stop=lambda: bool(stopping))
        except KeyboardInterrupt:
            results = []
        except ClaimwatchError as exc:
            raise fail(str(exc)) from None
    if once and any(r.error for r in results):
        raise typer.Exit(1)


class _IsoTimestamps(logging.Formatter):
    """Log lines that start with the local time in ISO 8601, to the second, with its UTC offset."""

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:  # noqa: N802
        return datetime.fromtimestamp(record.created).astimezone().isoformat(timespec="seconds")


@contextmanager
def _timestamped_log() -> Iterator[logging.Logger]:
    """claimwatch's log records on standard error, each line stamped with its time, for as long as `run` runs."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_IsoTimestamps("%(asctime)s %(message)s"))
    logger = logging.getLogger("claimwatch")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield logging.getLogger("claimwatch.run")
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
