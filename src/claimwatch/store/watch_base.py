"""The parts of the storage interface the watch stage and `claimwatch run` read and write through."""

from __future__ import annotations

from abc import ABC, abstractmethod
from contextlib import AbstractContextManager

from ..records import Alert, Delivery, Source, Watch
from .writes import Writes

__all__ = ["SourceStore", "WatchStore"]


class WatchStore(Writes, ABC):
    """Watches and the alerts they fired."""

    @abstractmethod
    def save_watch(self, watch: Watch) -> None:
        """Store a watch, replacing one of the same name."""

    @abstractmethod
    def watches(self) -> list[Watch]:
        """Every watch, by name."""

    @abstractmethod
    def remove_watch(self, name: str) -> bool:
        """Remove the watch (its alerts stay); False when there was none of that name."""

    @abstractmethod
    def add_alert(self, alert: Alert) -> bool:
        """Keep a new alert; False (and nothing stored) when the watch already alerted on its event."""

    @abstractmethod
    def alerts(self, *, after: int = 0, watch: str | None = None, limit: int | None = None) -> list[Alert]:
        """Alerts with an id above after, oldest first, of one watch if given."""

    @abstractmethod
    def latest_alerts(self, limit: int, *, watch: str | None = None) -> list[Alert]:
        """The newest alerts, newest first, of one watch if given."""


class SourceStore(Writes, ABC):
    """The sources `claimwatch run` polls, and the targets alerts are delivered to, with how far each got."""

    @abstractmethod
    def exclusive(self, name: str) -> AbstractContextManager[bool]:
        """Hold the named lock for the block if no other process holds it; yields whether this one got it.

        Two daemons on one store take a source or a delivery target under its lock, so that none is
        polled or sent to twice at once; a lock dies with its process, so a crash leaves none behind.
        """

    @abstractmethod
    def save_delivery(self, delivery: Delivery) -> int:
        """Add a delivery target (or update the one of the same kind, target and watch); returns its id."""

    @abstractmethod
    def deliveries(self, delivery_id: int | None = None) -> list[Delivery]:
        """Every delivery target by id, or only the one with delivery_id."""

    @abstractmethod
    def remove_delivery(self, delivery_id: int) -> bool:
        """Remove a delivery target; False when there was none with that id."""

    @abstractmethod
    def record_delivery(self, delivery_id: int, *, delivered_up_to: int, failures: int, next_try_at: float,
                        last_error: str | None) -> None:
        """Remember how far a target got, and when to try it again after a failure."""

    @abstractmethod
    def save_source(self, source: Source) -> int:
        """Add a source or update the one of the same name (all its fields); returns its id."""

    @abstractmethod
    def sources(self, name: str | None = None) -> list[Source]:
        """Every source by name, or only the one of that name."""

    @abstractmethod
    def remove_source(self, name: str) -> bool:
        """Remove a source; False when there was none of that name."""
