"""Whole tables read and written row by row, the same on every SQL backend: what `claimwatch store copy` needs.

Each backend says which columns a table stores (not those it computes, like
PostgreSQL's search vector) and which make its key; rows stream out in
batches, and go in as upserts on that key, so that writing a batch twice
leaves what writing it once did.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from typing import Any
from .writes import Writes

__all__ = ["TableAccess"]


class TableAccess(Writes, ABC):
    """Rows of whole tables, in the store's own columns: what copying and checking a whole store reads and writes."""

    @abstractmethod
    def table_columns(self, table: str) -> list[str]:
        """The columns the table stores, in order (computed columns left out)."""

    @abstractmethod
    def table_key(self, table: str) -> list[str]:
        """The columns of the table's primary key; [] for a table without one."""

    @abstractmethod
    def stream_rows(self, table: str, columns: Sequence[str], batch: int) -> Iterator[list[tuple[Any, ...]]]:
        """Every row of the table (those columns), in batches of at most batch rows, without holding them all."""

    @abstractmethod
    def count_rows(self, table: str) -> int:
        """How many rows the table holds."""

    @abstractmethod
    def upsert_rows(self, table: str, columns: Sequence[str], key: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        """Write the rows: a row whose key is stored already is overwritten."""

    @abstractmethod
    def set_column(self, table: str, column: str, key: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        """Set one column of the rows named by key: each row is (value, *key values)."""

    @abstractmethod
    def clear_table(self, table: str) -> None:
        """Delete every row of the table."""

    @abstractmethod
    def after_copy(self, table: str) -> None:
        """Bring the table's counters (ids it hands out) past the rows copied in, and its statistics up to date."""
