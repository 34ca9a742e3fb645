"""Token buckets that keep scripts from stuffing reaction counts."""

from __future__ import annotations

import threading
import time

__all__ = ["RateLimiter"]

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
