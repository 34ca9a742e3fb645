"""The store as the web app shares it: a connection per thread, and pages cached per content version."""

from __future__ import annotations

import sys
import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Any

from ..settings import PAGE_CACHE_BYTES, WEB_WRITE_WAIT_SECONDS
from ..store import Store, open_store

__all__ = ["StorePool", "PageCache", "estimated_size"]

# No single answer takes more than this share of the cache.
LARGEST_SHARE = 8
# What a key or value the estimate cannot see into (a dataclass of filters, a refusal) adds besides itself.
_ENTRY_OVERHEAD = 200


class StorePool:
    """The store each request thread uses: one shared by all where the backend pools its connections
    (PostgreSQL), else one per thread, since a SQLite connection must not serve two threads at once."""

    def __init__(self, location: str) -> None:
        self.location = location
        self._local = threading.local()
        self._opened: list[tuple[threading.Thread, Store]] = []
        self._lock = threading.Lock()
        self._shared: Store | None = None
        # Opened here, so that a bad --db fails at start-up rather than on the first request.
        first = self.get()
        self._shared = first if first.shared_between_threads else None

    def get(self) -> Store:
        """This thread's store, opened on first use."""
        if self._shared is not None:
            return self._shared
        store = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.location)
            # A request waits seconds, not the ten minutes a batch job may, for another writer
            # (an ingest) to finish; then it is answered 503 with Retry-After.
            store.write_wait = WEB_WRITE_WAIT_SECONDS
            self._local.store = store
            with self._lock:
                self._opened.append((threading.current_thread(), store))
        return store

    def close(self) -> None:
        """Close the stores of this thread and of threads that have ended; the others are left to exit."""
        # Closing a connection while its thread runs a statement on it crashes the process (SQLite
        # frees what the statement uses). A live thread may be inside a request: its store is left
        # open, and ends with the process; SQLite recovers what it wrote from the WAL, as after a kill.
        # A shared store's pool waits for the connections it lent out.
        if self._shared is not None:
            self._shared.close()
            self._opened = []
            return
        with self._lock:
            left = []
            for thread, store in self._opened:
                if thread is threading.current_thread() or not thread.is_alive():
                    store.close()
                else:
                    left.append((thread, store))
            self._opened = left


class PageCache:
    """What pages and API answers are built from, kept until the store's content version moves.

    Bounded in bytes, not entries: one answer (all stories of a large store) can weigh tens of MB.
    Reader reactions are not content: they are read fresh on every request.
    """

    def __init__(self, budget: int = PAGE_CACHE_BYTES) -> None:
        self.budget = budget
        # Bigger answers are built again each time rather than pushing out everything else.
        self.largest = budget // LARGEST_SHARE
        self.used = 0
        self._version: int | None = None
        self._items: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()
        self._lock = threading.Lock()

    def lookup(self, version: int, key: Hashable) -> Any | None:
        """The value kept for key at this version, or None."""
        with self._lock:
            if version != self._version:
                return None
            item = self._items.get(key)
            if item is None:
                return None
            self._items.move_to_end(key)
            return item[0]

    def keep(self, version: int, key: Hashable, value: Any) -> None:
        """Keep value for key, the least recently used going first; a new version forgets the older ones."""
        size = estimated_size(key) + estimated_size(value)
        with self._lock:
            if self._version is None or version > self._version:
                self._version = version
                self._items.clear()
                self.used = 0
            elif version < self._version:
                return
            old = self._items.pop(key, None)
            if old is not None:
                self.used -= old[1]
            if size > self.largest:
                return
            self._items[key] = (value, size)
            self.used += size
            while self.used > self.budget:
                _, (_, dropped) = self._items.popitem(last=False)
                self.used -= dropped


def estimated_size(value: Any) -> int:
    """About how many bytes value holds: exact for the bytes and text cached here, shallow for the rest."""
    if isinstance(value, (bytes, bytearray, str)):
        return sys.getsizeof(value)
    if isinstance(value, (tuple, list)):
        return sys.getsizeof(value) + sum(estimated_size(part) for part in value)
    return sys.getsizeof(value) + _ENTRY_OVERHEAD
