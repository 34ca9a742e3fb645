"""Printing lists of records as a table, JSON, JSON Lines or CSV."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from typing import Any

from rich.table import Table
from rich.text import Text

from .app import stdout

__all__ = ["print_rows"]


def print_rows(rows: list[dict[str, Any]], fmt: str, *, key: str, columns: Sequence[str],
               title: str | None = None) -> None:
    """Print rows; json wraps them as {key: [...]}, table shows only columns."""
    if fmt == "json":
        sys.stdout.write(json.dumps({key: rows}, ensure_ascii=False, indent=2, default=str) + "\n")
    elif fmt == "jsonl":
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
    elif fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else list(columns),
                                extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: "; ".join(v) if isinstance(v, list) else v for k, v in row.items()})
    else:
        table = Table(title=title, highlight=False)
        for column in columns:
            table.add_column(column, no_wrap=column in ("id", "published"))
        for row in rows:
            table.add_row(*(Text(_cell(row.get(c))) for c in columns))
        stdout.print(table)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)
