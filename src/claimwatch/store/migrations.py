"""Schema migrations: numbered SQL files shipped in the package, applied once.

Each backend has a folder ``schema/<backend>/`` of ``NNNN_name.sql``
files. Applied steps are recorded in ``_claimwatch_migrations``; each step
runs in its own transaction with its record, so a crash never leaves a
half-applied schema.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from importlib import resources
from typing import Any

from ..clock import now
from ..errors import SchemaError

__all__ = ["Migration", "available_migrations", "migrate_postgres", "migrate_sqlite", "read_only_postgres_version",
           "read_only_sqlite_version"]

# The advisory lock key PostgreSQL openers migrate under ("claimwatch" in ASCII, in a bigint).
MIGRATION_LOCK = 0x636C61696D776174

_MIGRATION_NAME = re.compile(r"^(\d{4})_(\w+)\.sql$")


@dataclass(frozen=True, slots=True)
class Migration:
    """One schema step: its version number, name and SQL."""

    version: int
    name: str
    sql: str


def available_migrations(backend: str) -> list[Migration]:
    """The migrations shipped for a backend, in version order."""
    folder = resources.files("claimwatch.store") / "schema" / backend
    steps = []
    for entry in folder.iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            steps.append(Migration(int(match[1]), match[2], entry.read_text(encoding="utf-8")))
    return sorted(steps, key=lambda step: step.version)


def migrate_sqlite(conn: sqlite3.Connection, location: str) -> int:
    """Bring an autocommit SQLite connection to the newest schema; return its version."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS _claimwatch_migrations ("
        " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    applied = {row[0] for row in conn.execute("SELECT version FROM _claimwatch_migrations")}
    steps = available_migrations("sqlite")
    newest_known = _newest_known(steps, applied, location)
    for step in steps:
        if step.version in applied:
            continue
        applied_at = now()
        script = (
            f"BEGIN IMMEDIATE;\n{step.sql}\n"
            f"INSERT INTO _claimwatch_migrations VALUES ({step.version}, '{step.name}', '{applied_at}');\n"
            "COMMIT;"
        )
        try:
            conn.executescript(script)
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            # Another process opening the same new store (a second ingest) may have applied it meanwhile.
            if conn.execute("SELECT 1 FROM _claimwatch_migrations WHERE version = ?", (step.version,)).fetchone():
                continue
            raise SchemaError(
                f"{location}: migration {step.version:04d}_{step.name} failed ({exc}); "
                "the store was left at the previous version"
            ) from exc
    return max(newest_known, *applied) if applied else newest_known


def migrate_postgres(conn: Any, location: str) -> int:
    """Bring a PostgreSQL database (an autocommit claimwatch connection) to the newest schema; return its version.

    One opener migrates at a time (a session advisory lock), so two daemons starting on one new
    database never apply a step twice; each step commits with its record or not at all.
    """
    steps = available_migrations("postgresql")
    # Up to date already (every opener but the first): known without waiting on the lock.
    if conn.execute("SELECT to_regclass('_claimwatch_migrations') IS NOT NULL").fetchone()[0]:
        applied = {row[0] for row in conn.execute("SELECT version FROM _claimwatch_migrations")}
        if applied >= {step.version for step in steps}:
            return max(_newest_known(steps, applied, location), *applied)
    conn.execute("SELECT pg_advisory_lock(?)", (MIGRATION_LOCK,))
    try:
        conn.execute("CREATE TABLE IF NOT EXISTS _claimwatch_migrations ("
                     " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
        applied = {row[0] for row in conn.execute("SELECT version FROM _claimwatch_migrations")}
        newest_known = _newest_known(steps, applied, location)
        for step in steps:
            if step.version in applied:
                continue
            try:
                with conn.transaction():
                    conn.execute_script(step.sql)
                    conn.execute("INSERT INTO _claimwatch_migrations VALUES (?, ?, ?)",
                                 (step.version, step.name, now()))
            except conn.database_error as exc:
                raise SchemaError(f"{location}: migration {step.version:04d}_{step.name} failed ({exc}); "
                                  "the store was left at the previous version") from exc
            applied.add(step.version)
        return max(newest_known, *applied) if applied else newest_known
    finally:
        conn.execute("SELECT pg_advisory_unlock(?)", (MIGRATION_LOCK,))


def read_only_sqlite_version(conn: sqlite3.Connection, location: str) -> int:
    """The schema version of a SQLite store that cannot be written; SchemaError unless it needs no migration."""
    try:
        applied = {row[0] for row in conn.execute("SELECT version FROM _claimwatch_migrations")}
    except sqlite3.OperationalError:
        applied = set()  # no such table: not a claimwatch store
    return read_only_version("sqlite", applied, location)


def read_only_postgres_version(conn: Any, location: str) -> int:
    """The schema version of a PostgreSQL store opened read-only; SchemaError unless it needs no migration."""
    applied = set()
    if conn.execute("SELECT to_regclass('_claimwatch_migrations') IS NOT NULL").fetchone()[0]:
        applied = {row[0] for row in conn.execute("SELECT version FROM _claimwatch_migrations")}
    return read_only_version("postgresql", applied, location)


def read_only_version(backend: str, applied: set[int], location: str) -> int:
    """The version of a store that records these applied steps and will not be migrated; SchemaError if it must be."""
    steps = available_migrations(backend)
    newest_known = _newest_known(steps, applied, location)
    if not applied:
        raise SchemaError(f"{location}: not a claimwatch store, and it is read-only so it cannot become one; "
                          "pass a claimwatch store")
    missing = [step for step in steps if step.version not in applied]
    if missing:
        raise SchemaError(
            f"{location}: the store is read-only and needs migration {missing[0].version:04d}_{missing[0].name} "
            "to be read by this claimwatch; open it once with write permission (any command) to update it"
        )
    return max(newest_known, *applied)


def _newest_known(steps: list[Migration], applied: set[int], location: str) -> int:
    """The newest version shipped; SchemaError when the store records a newer one."""
    newest_known = steps[-1].version if steps else 0
    if applied and max(applied) > newest_known:
        raise SchemaError(
            f"{location}: schema version {max(applied)} is newer than this claimwatch knows "
            f"({newest_known}); upgrade claimwatch to open it"
        )
    return newest_known
