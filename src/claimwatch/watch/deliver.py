"""Alerts delivered to webhooks (signed, retried with back-off) and JSONL files, each in order, once."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx

from ..errors import ClaimwatchError
from ..net import check_address
from ..records import Alert, Delivery
from ..store import SourceStore, WatchStore

__all__ = ["SIGNATURE_HEADER", "DeliveryReport", "deliver_pending", "signature"]

log = logging.getLogger("claimwatch.watch")

SIGNATURE_HEADER = "X-Claimwatch-Signature"
# Tries per alert within one round, and the waits between them; then the target rests.
_RETRY_WAITS = (0.5, 1.0, 2.0)
# A failing target rests 30 s, doubling with each failed round, up to an hour.
_REST, _MAX_REST = 30.0, 3600.0
_BATCH = 200


@dataclass(slots=True)
class DeliveryReport:
    """What one round did for one target."""

    delivery_id: int
    target: str
    delivered: int
    error: str | None = None


def signature(secret: str, body: bytes) -> str:
    """The header value a receiver recomputes to check a webhook body: sha256=<hex HMAC of the body>."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def _body(alert: Alert) -> bytes:
    return json.dumps(alert.to_dict(), ensure_ascii=False, sort_keys=True).encode()


def _post(client: httpx.Client, delivery: Delivery, alert: Alert, sleep: Callable[[float], None]) -> None:
    body = _body(alert)
    headers = {"Content-Type": "application/json", "X-Claimwatch-Alert": str(alert.id)}
    if delivery.secret:
        headers[SIGNATURE_HEADER] = signature(delivery.secret, body)
    problem = ""
    for attempt, wait in enumerate((0.0, *_RETRY_WAITS)):
        if wait:
            sleep(wait)
        try:
            response = client.post(delivery.target, content=body, headers=headers)
        except httpx.HTTPError as exc:
            problem = f"{type(exc).__name__}: {exc}"
            continue
        if response.is_success:
            return
        problem = f"HTTP {response.status_code}"
        if 400 <= response.status_code < 500 and response.status_code not in (408, 429):
            break  # the receiver refuses this body: trying again will not help
        log.info("webhook %s: try %d failed (%s)", delivery.target, attempt + 1, problem)
    raise ClaimwatchError(f"webhook {delivery.target}: alert {alert.id} not accepted ({problem}); "
                          "check the receiver, claimwatch tries again later")


def _append(delivery: Delivery, alerts: list[Alert]) -> None:
    path = Path(delivery.target)
    try:
        with path.open("a", encoding="utf-8") as out:
            out.write("".join(_body(a).decode() + "\n" for a in alerts))
            out.flush()
            os.fsync(out.fileno())
    except OSError as exc:
        raise ClaimwatchError(f"{path}: cannot append alerts ({exc.strerror or exc}); check the path") from None


def _deliver_one(delivery_store: SourceStore, alert_store: WatchStore, delivery: Delivery, client: httpx.Client,
                 sleep: Callable[[float], None],
                 now: float) -> DeliveryReport:
    alerts = alert_store.alerts(after=delivery.delivered_up_to, watch=delivery.watch, limit=_BATCH)
    done, error = delivery.delivered_up_to, None
    try:
        if delivery.kind == "jsonl":
            if alerts:
                _append(delivery, alerts)
                done = alerts[-1].id
        else:
            for alert in alerts:
                _post(client, delivery, alert, sleep)
                done = alert.id
    except ClaimwatchError as exc:
        error = str(exc)
    failures = delivery.failures + 1 if error else 0
    rest = min(_MAX_REST, _REST * 2 ** (failures - 1)) if error else 0.0
    with delivery_store.transaction():
        delivery_store.record_delivery(delivery.id, delivered_up_to=done, failures=failures,
                              next_try_at=now + rest if error else 0.0, last_error=error)
    return DeliveryReport(delivery.id, delivery.target, sum(1 for a in alerts if a.id <= done), error)


def deliver_pending(delivery_store: SourceStore, alert_store: WatchStore, *, allow_private: bool = False,
                    timeout: float = 10.0, sleep: Callable[[float], None] = time.sleep,
                    clock: Callable[[], float] = time.time) -> list[DeliveryReport]:
    """One round: each target of delivery_store not resting gets the alerts of alert_store it lacks, in order."""
    reports = []
    now = clock()
    with httpx.Client(timeout=timeout, follow_redirects=False) as client:
        for delivery_id in [d.id for d in delivery_store.deliveries() if d.next_try_at <= now]:
            # Under its lock, read again: another daemon on the same store may have sent some meanwhile.
            with delivery_store.exclusive(f"delivery {delivery_id}") as ours:
                delivery = next(iter(delivery_store.deliveries(delivery_id)), None) if ours else None
                if delivery is None or delivery.next_try_at > now:
                    continue
                if delivery.kind == "webhook":
                    try:
                        check_address(delivery.target, f"webhook {delivery.target}", allow_private=allow_private)
                    except ClaimwatchError as exc:
                        reports.append(DeliveryReport(delivery.id, delivery.target, 0, str(exc)))
                        continue
                reports.append(_deliver_one(delivery_store, alert_store, delivery, client, sleep, now))
    return reports
