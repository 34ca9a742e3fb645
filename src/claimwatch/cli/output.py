"""Printing lists of records as a table, JSON, JSON Lines or CSV."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from typing import Any

from rich.cells import cell_len
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
    # Ids, dates and counts keep their width; titles, claims and snippets are never cut. In a terminal they
    # wrap in what it has left (at least _NARROWEST columns each); piped, nothing wraps: one line per record.
    cells = [[_cell(row.get(c)) for c in columns] for row in rows]
    widths = [max([len(c)] + [cell_len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    flexible = [i for i, c in enumerate(columns) if c in _FLEXIBLE]
    if stdout.is_terminal and flexible:
        fixed = sum(w + 3 for i, w in enumerate(widths) if i not in flexible) + 1
        share = max(_NARROWEST, (stdout.width - fixed) // len(flexible) - 3)
        widths = [min(w, share) if i in flexible else w for i, w in enumerate(widths)]
    # The table is as wide as its columns, even wider than the terminal, rather than cut to it.
    table = Table(title=title, highlight=False, width=sum(w + 3 for w in widths) + 1)
    for i, column in enumerate(columns):
        table.add_column(column, width=widths[i], overflow="fold", no_wrap=i not in flexible)
    for row in cells:
        table.add_row(*(Text(cell) for cell in row))
    return table


_FLEXIBLE = ("title", "snippet", "main_proposition", "summary")
_NARROWEST = 20


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)
