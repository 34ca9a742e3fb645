"""`claimwatch export`: everything stored, for other tools."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from ..errors import ClaimwatchError
from ..export import export_articles, export_reactions
from .app import DEFAULT_DB, DbOption, ExportFormat, app, fail, opened_store, stderr


class ExportedThing(str, Enum):
    articles = "articles"
    reactions = "reactions"


@app.command()
def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", help="Output format.")] = ExportFormat.jsonl,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default: standard output).",
                                                dir_okay=False)] = None,
    db: DbOption = DEFAULT_DB,
    what: Annotated[ExportedThing, typer.Option(
        "--what", help="articles, or reactions: readers' reaction counts per article and story.")
    ] = ExportedThing.articles,
) -> None:
    """Export every stored article (or readers' reactions) as JSONL, CSV or Parquet."""
    write = export_articles if what is ExportedThing.articles else export_reactions
    with opened_store(db) as store:
        try:
            count = write(store, fmt.value, output if output else sys.stdout)
        except ClaimwatchError as exc:
            raise fail(str(exc)) from None
        except OSError as exc:
            raise fail(f"{output}: cannot write ({exc.strerror or exc}); check the path") from None
    if output:
        noun = "articles" if what is ExportedThing.articles else "reaction rows"
        stderr.print(f"exported {count} {noun} to {output}")
