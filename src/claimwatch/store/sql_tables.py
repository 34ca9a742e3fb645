"""Whole tables read and written through SQL both backends run; each backend adds how it lists and streams them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = ["SQLTables", "quoted"]


def quoted(names: Sequence[str]) -> str:
    """Column names in double quotes, comma-separated: a column may be a keyword ("only")."""
    return ", ".join(f'"{name}"' for name in names)


class SQLTables:
    """Mixed into a SQL store, which provides the connection, table_columns, table_key, stream_rows and after_copy."""

    _conn: Any

    def count_rows(self, table: str) -> int:
        """How many rows the table holds."""
        return self._conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def upsert_rows(self, table: str, columns: Sequence[str], key: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        """Write the rows: a row whose key is stored already is overwritten."""
        names = quoted(columns)
        marks = ", ".join("?" * len(columns))
        others = [c for c in columns if c not in key]
        if key and others:
            conflict = (f" ON CONFLICT ({quoted(key)}) DO UPDATE SET "
                        + ", ".join(f'"{c}" = excluded."{c}"' for c in others))
        elif key:
            conflict = f" ON CONFLICT ({quoted(key)}) DO NOTHING"
        else:
            conflict = ""
        self._conn.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks}){conflict}", rows)

    def set_column(self, table: str, column: str, key: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        """Set one column of the rows named by key: each row is (value, *key values)."""
        where = " AND ".join(f'"{k}" = ?' for k in key)
        self._conn.executemany(f'UPDATE {table} SET "{column}" = ? WHERE {where}', rows)

    def clear_table(self, table: str) -> None:
        """Delete every row of the table."""
        self._conn.execute(f"DELETE FROM {table}")
