"""Alerts delivered to a real webhook receiver on 127.0.0.1 and to JSONL files: signed, in order, once."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from claimwatch.records import Delivery, Watch
from claimwatch.store import open_store
from claimwatch.watch import SIGNATURE_HEADER, fire_alerts, deliver_pending


class Receiver:
    """A webhook receiver on 127.0.0.1 that records what it is sent and fails the first `failures` posts."""

    def __init__(self, failures: int = 0) -> None:
        self.failures = failures
        self.received: list[tuple[dict, bytes]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers["Content-Length"]))
                if receiver.failures > 0:
                    receiver.failures -= 1
                    self.send_response(503)
                else:
                    receiver.received.append((dict(self.headers), body))
                    self.send_response(204)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/hook"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


pytestmark = pytest.mark.backends("sqlite", "postgresql")


@pytest.fixture
def alerted(sample_store_location):
    """A copy of the sample store whose articles fired alerts for one watch."""
    store = open_store(sample_store_location)
    with store.transaction():
        store.save_watch(Watch("nk", actors=["PRK"]))
        fire_alerts(store, store, list(store.articles()))
    yield store
    store.close()


@pytest.fixture
def receiver():
    running = Receiver()
    yield running
    running.close()


def no_wait(_seconds: float) -> None:
    pass


def add(store, delivery: Delivery) -> Delivery:
    with store.transaction():
        delivery.id = store.save_delivery(delivery)
    return delivery


def test_a_webhook_gets_every_alert_in_order_signed_with_the_secret(alerted, receiver):
    add(alerted, Delivery("webhook", receiver.url, secret="shh"))
    [report] = deliver_pending(alerted, alerted, allow_private=True, sleep=no_wait)
    ids = [a.id for a in alerted.alerts()]
    assert report.error is None and report.delivered == len(ids)
    assert [json.loads(body)["id"] for _, body in receiver.received] == ids
    for headers, body in receiver.received:
        expected = "sha256=" + hmac.new(b"shh", body, hashlib.sha256).hexdigest()
        assert headers[SIGNATURE_HEADER] == expected


def test_a_second_round_sends_nothing_already_delivered(alerted, receiver):
    add(alerted, Delivery("webhook", receiver.url))
    deliver_pending(alerted, alerted, allow_private=True, sleep=no_wait)
    count = len(receiver.received)
    [report] = deliver_pending(alerted, alerted, allow_private=True, sleep=no_wait)
    assert report.delivered == 0 and len(receiver.received) == count


def test_a_receiver_that_fails_briefly_gets_the_alert_on_a_retry(alerted):
    flaky = Receiver(failures=2)
    try:
        add(alerted, Delivery("webhook", flaky.url))
        waits = []
        [report] = deliver_pending(alerted, alerted, allow_private=True, sleep=waits.append)
        assert report.error is None and len(flaky.received) == len(alerted.alerts())
        assert waits == [0.5, 1.0]
    finally:
        flaky.close()


def test_a_receiver_that_is_down_rests_and_then_gets_everything_once(alerted):
    down = Receiver(failures=10**6)
    try:
        add(alerted, Delivery("webhook", down.url))
        clock = [1000.0]
        [failed] = deliver_pending(alerted, alerted, allow_private=True, sleep=no_wait, clock=lambda: clock[0])
        assert failed.error and "not accepted" in failed.error and failed.delivered == 0
        [target] = alerted.deliveries()
        assert target.failures == 1 and target.next_try_at > clock[0]
        assert deliver_pending(alerted, alerted, allow_private=True, sleep=no_wait, clock=lambda: clock[0]) == []
        down.failures = 0
        clock[0] = target.next_try_at + 1
        [report] = deliver_pending(alerted, alerted, allow_private=True, sleep=no_wait, clock=lambda: clock[0])
        assert report.error is None
        ids = [json.loads(body)["id"] for _, body in down.received]
        assert ids == [a.id for a in alerted.alerts()]
    finally:
        down.close()


def test_a_webhook_on_a_loopback_address_is_refused_unless_allowed(alerted, receiver):
    add(alerted, Delivery("webhook", receiver.url))
    [report] = deliver_pending(alerted, alerted, sleep=no_wait)
    assert "127.0.0.1" in report.error and "--allow-private" in report.error
    assert receiver.received == []


def test_a_jsonl_file_gets_each_alert_once_as_it_fires(alerted, tmp_path):
    path = tmp_path / "alerts.jsonl"
    add(alerted, Delivery("jsonl", str(path), watch="nk"))
    deliver_pending(alerted, alerted)
    deliver_pending(alerted, alerted)
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    assert [line["id"] for line in lines] == [a.id for a in alerted.alerts()]
    assert all(line["watch"] == "nk" and line["summary"] for line in lines)


def test_the_cli_delivers_to_a_jsonl_file(alerted, tmp_path, cli):
    path = tmp_path / "out.jsonl"
    db = str(alerted.location)
    assert cli("deliver", "jsonl", str(path), "--db", db, db=False).exit_code == 0
    result = cli("deliver", "run", "--db", db, db=False)
    assert result.exit_code == 0 and len(path.read_text().splitlines()) == len(alerted.alerts())


def test_the_cli_says_when_a_webhook_failed_and_exits_1(alerted, cli):
    db = str(alerted.location)
    cli("deliver", "webhook", "http://127.0.0.1:9/hook", "--db", db, db=False)
    result = cli("deliver", "run", "--db", db, db=False)
    assert result.exit_code == 1 and "--allow-private" in result.stderr


def test_a_delivery_for_a_watch_that_does_not_exist_is_refused(alerted, tmp_path, cli):
    db = str(alerted.location)
    result = cli("deliver", "jsonl", str(tmp_path / "out.jsonl"), "--watch", "nope", "--db", db, db=False)
    assert result.exit_code == 1 and "watch nope: no such watch" in result.stderr
    assert alerted.deliveries() == []


def test_a_delivery_for_an_existing_watch_is_kept(alerted, tmp_path, cli):
    db = str(alerted.location)
    assert cli("deliver", "jsonl", str(tmp_path / "out.jsonl"), "--watch", "nk", "--db", db, db=False).exit_code == 0
    assert [d.watch for d in alerted.deliveries()] == ["nk"]
