"""What every part of the storage interface shares: writes that land together or not at all."""

from __future__ import annotations

from abc import ABC, abstractmethod
from contextlib import AbstractContextManager

from ..settings import WRITE_WAIT_SECONDS

__all__ = ["Writes"]


class Writes(ABC):
    """Transactions and savepoints, so that a stage given one part of the store can still write a batch whole."""

    # True when the store can be read but not written (opened read-only, or its file or
    # folder is not writable): every write then fails with a StoreError saying so.
    read_only: bool = False
    # Seconds a write waits for another writer before StoreBusyError (see settings.py).
    write_wait: float = WRITE_WAIT_SECONDS

    @abstractmethod
    def transaction(self, wait: float | None = None) -> AbstractContextManager[None]:
        """A context in which writes commit together, or roll back on error.

        It first waits up to `wait` seconds (default: write_wait) for another writer to finish,
        then raises StoreBusyError.
        """

    @abstractmethod
    def savepoint(self) -> AbstractContextManager[None]:
        """Inside a transaction: a block whose writes are undone alone if it fails."""
