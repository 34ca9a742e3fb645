"""`claimwatch export`: everything stored, for other tools."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ..errors import ClaimwatchError
from ..export import export_articles
from .app import DEFAULT_DB, DbOption, ExportFormat, app, fail, opened_store, stderr


@app.command()
def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", help="Output format.")] = ExportFormat.jsonl,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default: standard output).",
                                                dir_okay=False)] = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Export every stored article as JSONL, CSV or Parquet."""
    with opened_store(db) as store:
        try:
            count = export_articles(store, fmt.value, output if output else sys.stdout)
        except ClaimwatchError as exc:
            raise fail(str(exc)) from None
        except OSError as exc:
            raise fail(f"{output}: cannot write ({exc.strerror or exc}); check the path") from None
    if output:
        stderr.print(f"exported {count} articles to {output}")
