"""A PostgreSQL connection that runs the SQL the SQLite store runs: "?" and ":name" parameters, rows by name.

The shared store code (sql_*.py) writes its statements once, with SQLite's
parameter marks; this adapter turns them into psycopg's and binds values on
the client, so that a NULL or a number needs no cast to be typed. Rows read
back answer to row[0] and row["name"] alike, as sqlite3.Row does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from ..errors import StoreError

__all__ = ["PostgresConnection", "Row", "connect", "redacted"]

_PARAMETER = re.compile(r"'(?:[^']|'')*'|\?|(?<!:):([A-Za-z_]\w*)|%")


class Row(tuple):
    """A result row readable by position or by column name."""

    _names: dict[str, int]

    def __new__(cls, values: Sequence[Any], names: dict[str, int]) -> Row:
        row = super().__new__(cls, values)
        row._names = names
        return row

    def __getitem__(self, key: Any) -> Any:  # type: ignore[override]
        if isinstance(key, str):
            return tuple.__getitem__(self, self._names[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        """The column names, in order."""
        return list(self._names)


def _row_factory(cursor: Any) -> Any:
    names = {column.name: i for i, column in enumerate(cursor.description or ())}
    return lambda values: Row(values, names)


@lru_cache(maxsize=1024)
def psycopg_sql(sql: str) -> str:
    """The statement with "?" as %s, ":name" as %(name)s and a literal % doubled; quoted text is left alone."""

    def swap(match: re.Match[str]) -> str:
        text = match[0]
        if text == "?":
            return "%s"
        if text == "%":
            return "%%"
        if match[1]:
            return f"%({match[1]})s"
        return text

    return _PARAMETER.sub(swap, sql)


def redacted(url: str) -> str:
    """The URL without its password, fit for a message."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


class PostgresConnection:
    """One autocommit psycopg connection speaking the store's SQL; transactions are opened explicitly."""

    def __init__(self, conn: Any, location: str) -> None:
        import psycopg

        self._conn = conn
        self.location = location
        self.database_error = psycopg.Error
        self.integrity_error = psycopg.errors.IntegrityError
        self._read_only = psycopg.errors.ReadOnlySqlTransaction
        self._lost = psycopg.OperationalError

    def execute(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> Any:
        """Run one statement; returns the cursor, for fetchone(), fetchall(), rowcount or iteration."""
        with self.translated_errors():
            return self._conn.execute(psycopg_sql(sql), _bound(params))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any] | Mapping[str, Any]]) -> Any:
        """Run one statement for each row of parameters."""
        rows = [_bound(r) for r in rows]
        cursor = self._conn.cursor()
        if rows:
            with self.translated_errors():
                cursor.executemany(psycopg_sql(sql), rows)
        return cursor

    def stream(self, sql: str, batch: int) -> Iterator[list[tuple[Any, ...]]]:
        """The rows of a query in batches, read through a server-side cursor so that few are held at once."""
        with self.translated_errors(), self._conn.transaction(), self._conn.cursor(name="claimwatch_stream") as cursor:
            cursor.execute(psycopg_sql(sql))
            while rows := cursor.fetchmany(batch):
                yield [tuple(row) for row in rows]

    @contextmanager
    def translated_errors(self) -> Iterator[None]:
        """A refused write or a lost server as a StoreError that says what to do; other errors as they are."""
        try:
            yield
        except self._read_only as exc:
            raise StoreError(f"{self.location}: the store is read-only; open it without read-only to change it") from exc
        except self._lost as exc:
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise StoreError(f"{self.location}: lost the connection to PostgreSQL ({reason}); what was committed "
                             "is kept: run the same command again once the server is back") from exc

    def execute_script(self, sql: str) -> None:
        """Run several statements as written (no parameters): a schema step."""
        self._conn.execute(sql)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """psycopg's transaction block: commits on success, rolls back on error (a lost server is a StoreError)."""
        with self.translated_errors(), self._conn.transaction():
            yield

    def close(self) -> None:
        self._conn.close()


def _bound(params: Sequence[Any] | Mapping[str, Any]) -> Sequence[Any] | Mapping[str, Any]:
    return params if isinstance(params, Mapping) else list(params)


def connect(url: str, *, read_only: bool = False) -> PostgresConnection:
    """An adapted connection to the database at url; StoreError naming the host when it cannot be reached."""
    try:
        import psycopg
    except ImportError as exc:  # pragma: no cover - psycopg is a dependency
        raise StoreError(f"{redacted(url)}: the PostgreSQL driver is not installed; "
                         "run `pip install 'psycopg[binary,pool]'`") from exc
    options = "-c default_transaction_read_only=on" if read_only else None
    try:
        conn = psycopg.connect(url, autocommit=True, cursor_factory=psycopg.ClientCursor,
                               row_factory=_row_factory, connect_timeout=10, options=options,
                               application_name="claimwatch")
    except psycopg.Error as exc:
        parts = urlsplit(url)
        where = f"{parts.hostname or 'the local socket'}:{parts.port or 5432}"
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        if parts.password:
            reason = reason.replace(parts.password, "***")
        raise StoreError(f"{redacted(url)}: cannot connect to PostgreSQL at {where} ({reason}); check that the "
                         "server runs and accepts connections there, and the user, password and database "
                         "in the URL") from exc
    return PostgresConnection(conn, redacted(url))
