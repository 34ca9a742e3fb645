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
        stdout.print(_table(rows, columns, title))


def _table(rows: list[dict[str, Any]], columns: Sequence[str], title: str | None) -> Table:
    # One line per record: ids, dates and outlets keep their width; titles and
    # snippets share what the terminal has left and are cut with an ellipsis.
    cells = [[_cell(row.get(c)) for c in columns] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    flexible = [i for i, c in enumerate(columns) if c in _FLEXIBLE]
    fixed = sum(w + 3 for i, w in enumerate(widths) if i not in flexible) + 1
    share = max(12, (stdout.width - fixed) // max(1, len(flexible)) - 3)
    table = Table(title=title, highlight=False)
    for i, column in enumerate(columns):
        if i in flexible:
            table.add_column(column, no_wrap=True, overflow="ellipsis", width=min(widths[i], share))
        else:
            table.add_column(column, no_wrap=True, min_width=widths[i])
    for row in cells:
        table.add_row(*(Text(cell) for cell in row))
    return table


_FLEXIBLE = ("title", "snippet", "main_proposition", "summary")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)
