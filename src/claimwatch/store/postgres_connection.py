"""A PostgreSQL connection that runs the SQL the SQLite store runs: "?" and ":name" parameters, rows by name.

The shared store code (sql_*.py) writes its statements once, with SQLite's
parameter marks; this adapter turns them into psycopg's and binds values on
the client, so that a NULL or a number needs no cast to be typed. Rows read
back answer to row[0] and row["name"] alike, as sqlite3.Row does.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from ..errors import StoreBusyError, StoreError
from ..settings import POSTGRES_POOL_SIZE, POSTGRES_POOL_WAIT_SECONDS

__all__ = ["PostgresConnection", "Result", "Row", "connect", "redacted"]

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


class Result:
    """The rows a statement returned, read from the client's copy: the connection may already serve another thread."""

    def __init__(self, rows: list[Row], rowcount: int) -> None:
        self._rows = rows
        self._next = 0
        self.rowcount = rowcount

    def fetchone(self) -> Row | None:
        """The next row, or None after the last."""
        if self._next >= len(self._rows):
            return None
        self._next += 1
        return self._rows[self._next - 1]

    def fetchall(self) -> list[Row]:
        """The rows not read yet."""
        rows, self._next = self._rows[self._next:], len(self._rows)
        return rows

    def __iter__(self) -> Iterator[Row]:
        return iter(self.fetchall())


def _result(cursor: Any) -> Result:
    return Result(cursor.fetchall() if cursor.description is not None else [], cursor.rowcount)


class PostgresConnection:
    """A pool of autocommit psycopg connections speaking the store's SQL, safe to share between threads.

    A statement borrows a connection for itself; a transaction, a session lock or a streamed
    query keeps one for its thread until it ends (``pinned``), so that what spans several
    statements runs on one connection. A connection the server dropped is discarded, not
    handed out again: after a restart the next statement gets a fresh one.
    """

    def __init__(self, pool: Any, location: str) -> None:
        import psycopg
        from psycopg_pool import PoolTimeout

        self._pool = pool
        self._held = threading.local()
        self.location = location
        self.database_error = psycopg.Error
        self.integrity_error = psycopg.errors.IntegrityError
        self._read_only = psycopg.errors.ReadOnlySqlTransaction
        self._lost = psycopg.OperationalError
        self._pool_timeout = PoolTimeout

    @contextmanager
    def pinned(self) -> Iterator[Any]:
        """This thread's connection for the block: the one it already holds, else one from the pool."""
        held = getattr(self._held, "conn", None)
        if held is not None:
            yield held
            return
        try:
            conn = self._pool.getconn()
        except self._pool_timeout as exc:
            raise StoreBusyError(f"{self.location}: all {self._pool.max_size} connections of this process stayed "
                                 f"busy for {self._pool.timeout:g} s; try again, or give the server fewer threads") from exc
        self._held.conn = conn
        try:
            yield conn
        finally:
            self._held.conn = None
            # A connection left inside a transaction is rolled back, a broken one discarded.
            self._pool.putconn(conn)

    def execute(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> Result:
        """Run one statement; returns its rows (fetchone(), fetchall(), iteration) and rowcount."""
        with self.translated_errors(), self.pinned() as conn:
            return _result(conn.execute(psycopg_sql(sql), _bound(params)))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any] | Mapping[str, Any]]) -> None:
        """Run one statement for each row of parameters."""
        rows = [_bound(r) for r in rows]
        if rows:
            with self.translated_errors(), self.pinned() as conn, conn.cursor() as cursor:
                cursor.executemany(psycopg_sql(sql), rows)

    def stream(self, sql: str, batch: int) -> Iterator[list[tuple[Any, ...]]]:
        """The rows of a query in batches, read through a server-side cursor so that few are held at once."""
        with (self.translated_errors(), self.pinned() as conn, conn.transaction(),
              conn.cursor(name="claimwatch_stream") as cursor):
            cursor.execute(psycopg_sql(sql))
            while rows := cursor.fetchmany(batch):
                yield [tuple(row) for row in rows]

    @contextmanager
    def translated_errors(self) -> Iterator[None]:
        """A refused write or a lost server as a StoreError that says what to do; other errors as they are."""
        try:
            yield
        except self._read_only as exc:
            raise StoreError(f"{self.location}: the store is read-only (it was opened read-only, or the server is a "
                             "standby); to change it, open it without read-only on the primary server") from exc
        except self._lost as exc:
            # The server went away under every idle connection too: replace those now, so that
            # the next command after this failure finds the server again once it is back.
            self._pool.check()
            raise StoreError(f"{self.location}: lost the connection to PostgreSQL ({_first_line(exc)}); what was "
                             "committed is kept: run the same command again once the server is back") from exc

    def execute_script(self, sql: str) -> None:
        """Run several statements as written (no parameters): a schema step."""
        with self.pinned() as conn:
            conn.execute(sql)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """psycopg's transaction block on this thread's connection: commits on success, rolls back on error
        (a savepoint when nested); a lost server is a StoreError."""
        with self.translated_errors(), self.pinned() as conn, conn.transaction():
            yield

    def close(self) -> None:
        self._pool.close()


def _bound(params: Sequence[Any] | Mapping[str, Any]) -> Sequence[Any] | Mapping[str, Any]:
    if isinstance(params, Mapping):
        return {name: _storable(value) for name, value in params.items()}
    return [_storable(value) for value in params]


def _storable(value: Any) -> Any:
    # PostgreSQL text cannot hold NUL, which SQLite keeps: a NUL that reached the store (a feed's
    # title, an alert's summary) is dropped, as the pages drop control characters, so the row is kept.
    if isinstance(value, str) and "\x00" in value:
        return value.replace("\x00", "")
    return value


def connect(url: str, *, read_only: bool = False, max_size: int = POSTGRES_POOL_SIZE) -> PostgresConnection:
    """A pool of adapted connections to the database at url; StoreError naming the host when it cannot be reached."""
    try:
        import psycopg
        from psycopg_pool import ConnectionPool
    except ImportError as exc:  # pragma: no cover - psycopg is a dependency
        raise StoreError(f"{redacted(url)}: the PostgreSQL driver is not installed; "
                         "run `pip install 'psycopg[binary,pool]'`") from exc
    options = {"autocommit": True, "cursor_factory": psycopg.ClientCursor, "row_factory": _row_factory,
               "connect_timeout": 10, "application_name": "claimwatch"}
    if read_only:
        options["options"] = "-c default_transaction_read_only=on"
    # One connection made here, not by the pool's threads, so that a wrong URL fails at once with its reason.
    try:
        psycopg.connect(url, **options).close()
    except psycopg.Error as exc:
        parts = urlsplit(url)
        where = f"{parts.hostname or 'the local socket'}:{parts.port or 5432}"
        reason = _first_line(exc)
        if parts.password:
            reason = reason.replace(parts.password, "***")
        raise StoreError(f"{redacted(url)}: cannot connect to PostgreSQL at {where} ({reason}); check that the "
                         "server runs and accepts connections there, and the user, password and database "
                         "in the URL") from exc
    pool = ConnectionPool(url, kwargs=options, min_size=1, max_size=max_size, timeout=POSTGRES_POOL_WAIT_SECONDS,
                          open=True, name="claimwatch")
    return PostgresConnection(pool, redacted(url))


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
