"""The shared store: one PostgreSQL database that several analysts, web workers and daemons use at once.

The tables, keys and the SQL that reads and writes them are the SQLite
store's (sql_*.py); what differs is here and in postgres_search.py: how a
connection is made, how writers take turns, and the full-text index.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from ..errors import StoreBusyError
from .base import Store
from .migrations import migrate_postgres, read_only_postgres_version
from .postgres_connection import connect, redacted
from .postgres_search import PostgresSearch
from .sql_articles import SQLArticles
from .sql_named import SQLNamedClaims
from .sql_tables import SQLTables, quoted
from .sql_tracking import SQLTracking
from .sql_watch import SQLWatch
from .sql_web import SQLWeb

__all__ = ["PostgresStore"]

log = logging.getLogger("claimwatch.store")
# The advisory lock a write holds for its transaction: writers take turns, as SQLite's do, so that
# an article is placed against stories as the last writer left them ("writer" in ASCII).
_WRITE_LOCK = 0x777269746572
# How long one try for the write lock waits before transaction() looks again (and sees Ctrl-C).
_WRITE_TURN_S = 0.2


class PostgresStore(PostgresSearch, SQLArticles, SQLTables, SQLNamedClaims, SQLTracking, SQLWeb, SQLWatch, Store):
    """A Store in a PostgreSQL database, named by a postgresql:// URL; its threads share a pool of connections."""

    shared_between_threads = True

    def __init__(self, url: str, *, read_only: bool = False) -> None:
        self.location = redacted(url)
        self.read_only = read_only
        self.read_only_reason = "it was opened read-only" if read_only else None
        self._conn = connect(url, read_only=read_only)
        self._integrity_errors = self._conn.integrity_error
        try:
            with self._conn.pinned():
                self.schema_version = (read_only_postgres_version(self._conn, self.location) if read_only
                                       else migrate_postgres(self._conn, self.location))
        except BaseException:
            self._conn.close()
            raise

    @contextmanager
    def transaction(self, wait: float | None = None) -> Iterator[None]:
        """Commit the writes of the block together, or roll them all back; waits its turn behind another writer."""
        wait = self.write_wait if wait is None else wait
        deadline = time.monotonic() + wait
        waiting = False
        with self._conn.transaction():
            while not self._conn.execute("SELECT pg_try_advisory_xact_lock(?)", (_WRITE_LOCK,)).fetchone()[0]:
                if time.monotonic() >= deadline:
                    raise StoreBusyError(
                        f"{self.location}: another writer (an ingest, `claimwatch run`, the web) kept the store "
                        f"busy for over {wait:g} s; try again once it is done")
                if not waiting:
                    waiting = True
                    log.warning("%s: another writer is storing; waiting up to %g s for it to finish",
                                self.location, wait)
                time.sleep(min(_WRITE_TURN_S, max(0.0, deadline - time.monotonic())))
            yield

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """Undo the block's writes alone if it fails; the enclosing transaction goes on."""
        with self._conn.transaction():
            yield

    @contextmanager
    def exclusive(self, name: str) -> Iterator[bool]:
        """A session advisory lock named by a hash of name, held for the block if no other session holds it."""
        key = int.from_bytes(hashlib.sha256(name.encode("utf-8")).digest()[:8], "big", signed=True)
        # A session lock belongs to its connection: the thread keeps that one until it lets go.
        with self._conn.pinned():
            if not self._conn.execute("SELECT pg_try_advisory_lock(?)", (key,)).fetchone()[0]:
                yield False
                return
            try:
                yield True
            finally:
                self._conn.execute("SELECT pg_advisory_unlock(?)", (key,))

    def table_columns(self, table: str) -> list[str]:
        return [row[0] for row in self._conn.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND table_name = ? AND is_generated = 'NEVER' ORDER BY ordinal_position", (table,))]

    def table_key(self, table: str) -> list[str]:
        return [row[0] for row in self._conn.execute(
            "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
            "AND a.attnum = ANY (i.indkey) WHERE i.indrelid = ?::regclass AND i.indisprimary "
            "ORDER BY array_position(i.indkey, a.attnum)", (table,))]

    def stream_rows(self, table: str, columns: Sequence[str], batch: int) -> Iterator[list[tuple[Any, ...]]]:
        yield from self._conn.stream(f"SELECT {quoted(columns)} FROM {table}", batch)

    def after_copy(self, table: str) -> None:
        for (column,) in self._conn.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
                "AND table_name = ? AND is_identity = 'YES'", (table,)).fetchall():
            # The next id handed out follows the largest copied in.
            self._conn.execute(f"SELECT setval(pg_get_serial_sequence(?, ?), "
                               f"coalesce((SELECT max({column}) FROM {table}), 0) + 1, false)", (table, column))
        # The planner has no statistics for rows that arrived in bulk until autovacuum comes by; without
        # them a story page's queries choose plans ten times slower.
        self._conn.execute(f"ANALYZE {table}")

    def close(self) -> None:
        self._conn.close()


