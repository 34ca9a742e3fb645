"""Token buckets that keep scripts from stuffing reaction counts: in memory for one web process, in the
store when several processes serve it."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable

from ..store import ReactionStore

__all__ = ["RateLimiter", "SharedRateLimiter"]

# Past this many keys, full buckets (keys idle long enough to have refilled) are forgotten.
_MAX_KEYS = 50_000


class RateLimiter:
    """At most `per_minute` events a minute for each key, with bursts up to the same number."""

    def __init__(self, per_minute: int, *, clock=time.monotonic) -> None:
        self.capacity = float(per_minute)
        self._rate = per_minute / 60.0
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        """Take one event from key's bucket; False when it is empty."""
        now = self._clock()
        with self._lock:
            tokens, last = self._buckets.get(key, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self._rate)
            allowed = tokens >= 1.0
            self._buckets[key] = (tokens - 1.0 if allowed else tokens, now)
            if len(self._buckets) > _MAX_KEYS:
                self._forget_full(now)
            return allowed

    def retry_after(self, key: str) -> int:
        """Seconds until key may send again."""
        with self._lock:
            tokens, _ = self._buckets.get(key, (self.capacity, 0.0))
        return max(1, int((1.0 - tokens) / self._rate) + 1) if self._rate else 60

    def _forget_full(self, now: float) -> None:
        self._buckets = {key: (tokens, last) for key, (tokens, last) in self._buckets.items()
                         if tokens + (now - last) * self._rate < self.capacity}


class SharedRateLimiter:
    """RateLimiter's buckets kept in the store, so that every process serving it counts against the same ones."""

    def __init__(self, store: Callable[[], ReactionStore], bucket: str, per_minute: int, *,
                 clock: Callable[[], float] = time.time) -> None:
        self._store = store
        self.bucket = bucket
        self.per_minute = per_minute
        # Wall-clock time: the processes sharing a bucket share no monotonic clock.
        self._clock = clock
        self._refused: dict[str, float] = {}
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        """Take one event from key's bucket; False when it is empty."""
        allowed, tokens = self._store().take_token(self.bucket, key, self.per_minute, self._clock())
        if not allowed:
            with self._lock:
                if len(self._refused) > _MAX_KEYS:
                    self._refused.clear()
                self._refused[key] = tokens
        return allowed

    def retry_after(self, key: str) -> int:
        """Seconds until key may send again."""
        with self._lock:
            tokens = self._refused.pop(key, 0.0)
        rate = self.per_minute / 60.0
        return max(1, math.ceil((1.0 - tokens) / rate)) if rate else 60
