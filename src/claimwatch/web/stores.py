"""The store as the web app shares it: a connection per thread, and pages cached per content version."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from ..store import Store, open_store

__all__ = ["StorePool", "PageCache"]


class StorePool:
    """One open store per thread, since a SQLite connection must not serve two threads at once."""

    def __init__(self, location: str) -> None:
        self.location = location
        self._local = threading.local()
        self._opened: list[Store] = []
        self._lock = threading.Lock()
        # Opened here, so that a bad --db fails at start-up rather than on the first request.
        self.get()

    def get(self) -> Store:
        """This thread's store, opened on first use."""
        store = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.location)
            self._local.store = store
            with self._lock:
                self._opened.append(store)
        return store

    def close(self) -> None:
        """Close every thread's store."""
        with self._lock:
            for store in self._opened:
                store.close()
            self._opened.clear()


class PageCache:
    """What pages and API answers are built from, kept until the store's content version moves.

    Reader reactions are not content: they are read fresh on every request.
    """

    def __init__(self, size: int = 1024) -> None:
        self.size = size
        self._version: int | None = None
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def lookup(self, version: int, key: Hashable) -> Any | None:
        """The value kept for key at this version, or None."""
        with self._lock:
            if version != self._version:
                return None
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def keep(self, version: int, key: Hashable, value: Any) -> None:
        """Keep value for key; a new version forgets everything kept for older ones."""
        with self._lock:
            if self._version is None or version > self._version:
                self._version = version
                self._items.clear()
            elif version < self._version:
                return
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def get_or_build(self, version: int, key: Hashable, build: Callable[[], Any]) -> Any:
        """The value for key, built (and kept) when missing."""
        value = self.lookup(version, key)
        if value is None:
            value = build()
            self.keep(version, key, value)
        return value
