"""The embedded default store: one SQLite file with WAL, foreign keys and FTS5."""

from __future__ import annotations

import fcntl
import logging
import os
import sqlite3
import time
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..errors import StoreBusyError, StoreError
from .base import Store
from .migrations import migrate_sqlite, read_only_sqlite_version
from .sql_articles import SQLArticles
from .sql_named import SQLNamedClaims
from .sql_tables import SQLTables, quoted
from .sql_tracking import SQLTracking
from .sql_watch import SQLWatch
from .sql_web import SQLWeb
from .sqlite_search import SQLiteSearch

__all__ = ["SQLiteStore"]

log = logging.getLogger("claimwatch.store")
# How long one try to start a write may wait inside SQLite before transaction() looks again.
_WRITE_TURN_MS = 200
# How long any other statement waits for a lock inside SQLite.
_BUSY_TIMEOUT_MS = 10000
# How long opening a store retries while another process sets up the same new file, and how often.
_OPEN_WAIT_S, _OPEN_RETRY_S = 30.0, 0.05


class SQLiteStore(SQLiteSearch, SQLArticles, SQLTables, SQLNamedClaims, SQLTracking, SQLWeb, SQLWatch, Store):
    """A Store in one SQLite file."""

    _unindexed = "+"  # SQLite's unary plus keeps the planner off a column's index
    _integrity_errors = sqlite3.IntegrityError

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.location = str(path)
        # Why writes are refused; None while the store can be written.
        self.read_only_reason: str | None = "it was opened read-only" if read_only else None
        if self.location != ":memory:":
            parent = Path(path).expanduser().resolve().parent
            if not parent.is_dir():
                raise StoreError(f"{path}: folder {parent} does not exist; create it or pass another --db")
            self.read_only_reason = self.read_only_reason or _why_unwritable(Path(self.location))
        self.read_only = self.read_only_reason is not None
        try:
            self._conn = _connect(self.location, self.read_only_reason)
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"{path}: cannot open as a claimwatch store ({exc}); pass a new file or a claimwatch database"
            ) from exc
        try:
            self._conn.row_factory = sqlite3.Row
            self.schema_version = self._set_up()
        except sqlite3.DatabaseError as exc:
            self._conn.close()
            raise StoreError(
                f"{path}: cannot open as a claimwatch store ({exc}); pass a new file or a claimwatch database"
            ) from exc
        except BaseException:
            self._conn.close()
            raise

    def _set_up(self) -> int:
        """Journal, pragmas and schema; returns the schema version.

        Two processes opening one new file at once can find it locked while the other switches it
        to WAL, and SQLite answers that at once rather than through its busy timeout: so tried again.
        """
        deadline = time.monotonic() + _OPEN_WAIT_S
        while True:
            try:
                if not self.read_only:
                    self._conn.execute("PRAGMA journal_mode = WAL")
                self._conn.execute("PRAGMA synchronous = NORMAL")
                self._conn.execute("PRAGMA foreign_keys = ON")
                self._conn.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
                # The default 2 MB page cache thrashes once the FTS index outgrows it.
                self._conn.execute("PRAGMA cache_size = -65536")
                self._conn.execute("PRAGMA temp_store = MEMORY")
                return (read_only_sqlite_version(self._conn, self.location) if self.read_only
                        else migrate_sqlite(self._conn, self.location))
            except sqlite3.OperationalError as exc:
                busy = getattr(exc, "sqlite_errorcode", 0) & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
                if not busy or time.monotonic() >= deadline:
                    raise
                time.sleep(_OPEN_RETRY_S)

    @contextmanager
    def transaction(self, wait: float | None = None) -> Iterator[None]:
        """Commit the writes of the block together, or roll them all back; waits its turn behind another writer."""
        wait = self.write_wait if wait is None else wait
        deadline = time.monotonic() + wait
        waiting = False
        try:
            while True:
                # Tried in short turns (SQLite's busy handler sleeps and retries within each), so that
                # the wait is kept to and Ctrl-C is seen while waiting.
                turn = min(_WRITE_TURN_MS, max(0, int((deadline - time.monotonic()) * 1000)))
                self._conn.execute(f"PRAGMA busy_timeout = {turn}")
                try:
                    self._conn.execute("BEGIN IMMEDIATE")
                    break
                except sqlite3.OperationalError as exc:
                    if getattr(exc, "sqlite_errorcode", sqlite3.SQLITE_BUSY) & 0xFF != sqlite3.SQLITE_BUSY:
                        raise StoreError(f"{self.location}: cannot start a write ({exc}); "
                                         "check that the file and its folder are writable") from exc
                    if time.monotonic() >= deadline:
                        raise StoreBusyError(
                            f"{self.location}: another writer (an ingest, `claimwatch run`, the web) kept the store "
                            f"busy for over {wait:g} s; try again once it is done") from None
                    if not waiting:
                        waiting = True
                        log.warning("%s: another writer is storing; waiting up to %g s for it to finish",
                                    self.location, wait)
        finally:
            self._conn.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
        try:
            yield
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        else:
            self._conn.execute("COMMIT")

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """Undo the block's writes alone if it fails; the enclosing transaction goes on."""
        self._conn.execute("SAVEPOINT block")
        try:
            yield
        except BaseException:
            self._conn.execute("ROLLBACK TO block")
            self._conn.execute("RELEASE block")
            raise
        else:
            self._conn.execute("RELEASE block")

    @contextmanager
    def exclusive(self, name: str) -> Iterator[bool]:
        """A byte of the file beside the store (STORE-locks), locked by this process for the block if it is free."""
        if self.location == ":memory:" or self.read_only:
            yield True  # nothing else can share it, or nothing here will write
            return
        with open(f"{self.location}-locks", "a+b") as locks:
            # One byte per name: POSIX record locks are dropped when the process ends, however it ends.
            offset = zlib.crc32(name.encode("utf-8"))
            try:
                fcntl.lockf(locks, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, offset)
            except OSError:
                yield False
                return
            try:
                yield True
            finally:
                fcntl.lockf(locks, fcntl.LOCK_UN, 1, offset)

    def table_columns(self, table: str) -> list[str]:
        return [row["name"] for row in self._conn.execute(f"PRAGMA table_info({table})")]

    def table_key(self, table: str) -> list[str]:
        rows = [row for row in self._conn.execute(f"PRAGMA table_info({table})") if row["pk"]]
        return [row["name"] for row in sorted(rows, key=lambda row: row["pk"])]

    def stream_rows(self, table: str, columns: Sequence[str], batch: int) -> Iterator[list[tuple[Any, ...]]]:
        cursor = self._conn.execute(f"SELECT {quoted(columns)} FROM {table}")
        while rows := cursor.fetchmany(batch):
            yield [tuple(row) for row in rows]

    def after_copy(self, table: str) -> None:
        return None  # SQLite hands out the next rowid past the largest by itself

    def close(self) -> None:
        self._conn.close()


class _ReadOnlyConnection(sqlite3.Connection):
    """A connection to a store that cannot be written: a write fails with a StoreError saying why and what to do."""

    refusal = "the store is read-only"

    def execute(self, *args: object) -> sqlite3.Cursor:  # type: ignore[override]
        try:
            return super().execute(*args)  # type: ignore[arg-type]
        except sqlite3.OperationalError as exc:
            raise self._refused(exc) from exc

    def executemany(self, *args: object) -> sqlite3.Cursor:  # type: ignore[override]
        try:
            return super().executemany(*args)  # type: ignore[arg-type]
        except sqlite3.OperationalError as exc:
            raise self._refused(exc) from exc

    def executescript(self, *args: object) -> sqlite3.Cursor:  # type: ignore[override]
        try:
            return super().executescript(*args)  # type: ignore[arg-type]
        except sqlite3.OperationalError as exc:
            raise self._refused(exc) from exc

    def _refused(self, exc: sqlite3.OperationalError) -> Exception:
        """The StoreError for a refused write; other errors as they are."""
        if getattr(exc, "sqlite_errorcode", 0) & 0xFF == sqlite3.SQLITE_READONLY:
            return StoreError(self.refusal)
        return exc


def _why_unwritable(file: Path) -> str | None:
    """Why this process cannot write the store in file, or None when it can (or can create it)."""
    folder = file.absolute().parent
    if not file.exists():
        if not os.access(folder, os.W_OK):
            raise StoreError(f"{file}: folder {folder} is not writable, so no store can be made there; "
                             "pass a --db in a folder you can write")
        return None
    if not os.access(file, os.W_OK):
        return "the file is not writable"
    if not os.access(folder, os.W_OK):
        # SQLite writes beside the file (its -wal and -shm files).
        return f"its folder {folder} is not writable"
    return None


def _connect(location: str, read_only_reason: str | None) -> sqlite3.Connection:
    """An autocommit connection (transactions are opened in transaction()), read-only when there is a reason."""
    if read_only_reason is None:
        return sqlite3.connect(location, isolation_level=None, check_same_thread=False)
    if not Path(location).is_file():
        raise StoreError(f"{location}: no store there to read; check the path, or ingest something into it first")
    uri = Path(location).absolute().as_uri()
    try:
        conn = _read_only_connection(uri + "?mode=ro")
    except sqlite3.OperationalError:
        # mode=ro reads a WAL store only where SQLite can make its -shm file; in a folder it
        # cannot write, immutable=1 reads it, which assumes that nothing writes it meanwhile.
        conn = _read_only_connection(uri + "?mode=ro&immutable=1")
    conn.refusal = (f"{location}: the store is read-only ({read_only_reason}); to change it, make the file "
                    "and its folder writable for you, or copy it to a folder you can write and pass that --db")
    return conn


def _read_only_connection(uri: str) -> _ReadOnlyConnection:
    """A read-only connection that has read the schema, so that an unreadable store fails here."""
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False,
                           factory=_ReadOnlyConnection)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except BaseException:
        conn.close()
        raise
    return conn
