"""The Typer application and the options every command shares."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from ..errors import ClaimwatchError
from ..store import Store, open_store

if TYPE_CHECKING:
    from ..analyze import Analyzer

app = typer.Typer(
    name="claimwatch",
    help="Follow developing news stories claim by claim.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
stdout = Console(soft_wrap=True)
stderr = Console(stderr=True, soft_wrap=True)

DbOption = Annotated[
    str,
    typer.Option("--db", envvar="CLAIMWATCH_DB", show_envvar=True,
                 help="The store: a SQLite file, or a postgresql://USER:PASSWORD@HOST:PORT/DATABASE URL shared by many."),
]
# Typer reads CLAIMWATCH_DB itself (envvar above); this is the fallback it shows.
DEFAULT_DB = "claimwatch.db"


class ListFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


class ReportFormat(str, Enum):
    """Formats of reports that nest (search hits, stories): a table or JSON."""

    table = "table"
    json = "json"


class TimelineFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


class ShowFormat(str, Enum):
    text = "text"
    json = "json"


class PipelineName(str, Enum):
    fast = "fast"
    full = "full"


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print one error line and return the Exit to raise."""
    stderr.print(f"[bold red]error:[/] {message}", markup=True, highlight=False)
    return typer.Exit(code)


def loaded_analyzer(pipeline: PipelineName | None) -> Analyzer:
    """The analysis pipeline asked for; a missing model becomes one error line and exit 2."""
    from ..analyze import Analyzer  # here: spaCy takes a while to load

    try:
        return Analyzer(pipeline.value if pipeline else None)
    except (LookupError, OSError) as exc:
        stderr.print(f"error: {exc}")
        raise typer.Exit(2) from None


@contextmanager
def opened_store(location: str) -> Iterator[Store]:
    """The store at location; any ClaimwatchError becomes one error line and exit 2."""
    try:
        with open_store(location) as store:
            yield store
    except ClaimwatchError as exc:
        raise fail(str(exc)) from None
