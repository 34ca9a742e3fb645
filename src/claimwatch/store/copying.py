"""A whole store copied to another (SQLite to PostgreSQL and back), checked table by table, resumable.

Tables go in the order their references need. Each batch of rows is one
transaction of upserts on the table's key, so that a copy cut short and run
again writes the missing rows and rewrites the others to the same values; a
table without a key is copied whole again. A column that points into its own
table (a near-duplicate's original, a merged story's heir) is written once
the whole table is in. Each table is then checked: the same number of rows
and the same checksum of their values, taken in any order.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ..errors import StoreError
from .base import Store

__all__ = ["TableCheck", "copy_store", "check_copy"]

# Every table of the schema, referenced tables first; content_version last, since writing the
# tables before it moves it.
TABLES = (
    "articles", "article_sources", "near_duplicate_bands", "analyses", "stories", "story_articles", "story_terms",
    "term_counts", "propositions", "claim_centres", "claim_labels", "claim_merges", "tracked_statements",
    "tracked_figures", "named_claims", "named_claim_statements", "reactions", "web_settings", "watches", "alerts",
    "deliveries", "sources", "content_version",
)
# Columns pointing at another row of their own table: written after every row is in.
_SELF_REFERENCES = {"articles": "duplicate_of", "stories": "merged_into"}
_BATCH = 1000


@dataclass(frozen=True, slots=True)
class TableCheck:
    """One table on both sides: its rows and the checksum of their values."""

    table: str
    source_rows: int
    copied_rows: int
    source_checksum: str
    copied_checksum: str

    @property
    def same(self) -> bool:
        """Whether the copy holds exactly the source's rows."""
        return self.source_rows == self.copied_rows and self.source_checksum == self.copied_checksum


def copy_store(source: Store, destination: Store, *, on_table: Callable[[str, int], None] | None = None,
               batch: int = _BATCH) -> list[TableCheck]:
    """Copy every table of source into destination, then check them; StoreError if the destination holds other data."""
    _refuse_foreign(source, destination)
    for table in TABLES:
        copied = _copy_table(source, destination, table, batch)
        if on_table is not None:
            on_table(table, copied)
    return check_copy(source, destination)


def check_copy(source: Store, destination: Store) -> list[TableCheck]:
    """Each table's rows and checksum, on both sides."""
    checks = []
    for table in TABLES:
        columns = _shared_columns(source, destination, table)
        checks.append(TableCheck(table, source.count_rows(table), destination.count_rows(table),
                                 _checksum(source, table, columns), _checksum(destination, table, columns)))
    return checks


def _refuse_foreign(source: Store, destination: Store) -> None:
    """StoreError when the destination holds an article the source does not: it is another store, not a copy."""
    for rows in destination.stream_rows("articles", ["id"], 500):
        ids = [row[0] for row in rows]
        known, _ = source.stored_among(ids, [])
        foreign = next((article_id for article_id in ids if article_id not in known), None)
        if foreign is not None:
            raise StoreError(f"{destination.location}: holds article {foreign!r}, which {source.location} does not; "
                             "copy into a new, empty store (or into an unfinished copy of the same one)")


def _shared_columns(source: Store, destination: Store, table: str) -> list[str]:
    stored = set(destination.table_columns(table))
    columns = [c for c in source.table_columns(table) if c in stored]
    if not columns:
        raise StoreError(f"{destination.location}: table {table} has none of the columns of {source.location}'s; "
                         "are both claimwatch stores?")
    return columns


def _copy_table(source: Store, destination: Store, table: str, batch: int) -> int:
    columns = _shared_columns(source, destination, table)
    key = destination.table_key(table)
    pointer = _SELF_REFERENCES.get(table)
    if not key:
        # Nothing says which rows are in already: the table is written whole again.
        with destination.transaction():
            destination.clear_table(table)
    copied = 0
    for rows in source.stream_rows(table, columns, batch):
        if pointer is not None:
            at = columns.index(pointer)
            rows = [(*row[:at], None, *row[at + 1:]) for row in rows]
        with destination.transaction():
            destination.upsert_rows(table, columns, key, rows)
        copied += len(rows)
    if pointer is not None:
        _copy_pointer(source, destination, table, pointer, key, batch)
    with destination.transaction():
        destination.after_copy(table)
    return copied


def _copy_pointer(source: Store, destination: Store, table: str, pointer: str, key: list[str], batch: int) -> None:
    for rows in source.stream_rows(table, [pointer, *key], batch):
        pointed = [row for row in rows if row[0] is not None]
        if pointed:
            with destination.transaction():
                destination.set_column(table, pointer, key, pointed)


def _checksum(store: Store, table: str, columns: list[str]) -> str:
    """A digest of the table's rows that does not depend on their order (the sum of each row's hash)."""
    total = 0
    for rows in store.stream_rows(table, columns, _BATCH):
        for row in rows:
            total = (total + int.from_bytes(hashlib.sha256(_canonical(row)).digest()[:16], "big")) % (1 << 128)
    return f"{total:032x}"


def _canonical(row: Iterable[Any]) -> bytes:
    """The row's values as bytes that read the same from either backend."""
    parts = []
    for value in row:
        if value is None:
            parts.append("\x00")
        elif isinstance(value, (bytes, bytearray, memoryview)):
            parts.append("b" + bytes(value).hex())
        elif isinstance(value, float):
            parts.append("f" + repr(value))
        elif isinstance(value, bool):
            parts.append("i" + str(int(value)))
        elif isinstance(value, int):
            parts.append("i" + str(value))
        else:
            parts.append("s" + str(value))
    return "\x1f".join(parts).encode("utf-8", "surrogatepass")
