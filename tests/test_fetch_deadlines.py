"""Fetch deadlines: a server trickling its answer is cut off near --timeout, and no lock waits on a fetch."""

from __future__ import annotations

import select
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator

import httpx
import pytest

from claimwatch.errors import FetchError
from claimwatch.ingest import Fetcher
from claimwatch.store import SQLiteStore

# Headers that never end within a test: a server keeping a client waiting, a byte at a time.
ENDLESS_HEADERS = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nX-Filler: " + b"x" * 600
HEADERS_THEN_ENDLESS_BODY = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 600\r\n\r\n",
                             b"<html><body><p>" + b"slow " * 120)


class TricklingServer:
    """A raw HTTP server on 127.0.0.1 that sends `head` at once, then `trickle` one byte a second."""

    def __init__(self, trickle: bytes, head: bytes = b"", interval: float = 1.0) -> None:
        self.head, self.trickle, self.interval = head, trickle, interval
        self.connected = threading.Event()
        self.open_connections = 0
        self.held: list[float] = []  # seconds each client stayed connected before hanging up
        self._connections: list[socket.socket] = []
        self._closing = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.2)
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}/story"
        self._acceptor = threading.Thread(target=self._accept, daemon=True)
        self._acceptor.start()

    def _accept(self) -> None:
        while not self._closing.is_set():
            try:
                connection, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self._connections.append(connection)
            threading.Thread(target=self._answer, args=(connection,), daemon=True).start()

    def _answer(self, connection: socket.socket) -> None:
        opened = time.monotonic()
        self.open_connections += 1
        self.connected.set()
        try:
            connection.recv(65536)
            connection.sendall(self.head)
            for byte in self.trickle:
                connection.sendall(bytes([byte]))
                readable, _, _ = select.select([connection], [], [], self.interval)
                # Readable here means the client hung up (or the server is closing): stop.
                if readable and not connection.recv(1):
                    break
        except OSError:
            pass
        finally:
            self.open_connections -= 1
            self.held.append(time.monotonic() - opened)
            connection.close()

    def close(self) -> None:
        self._closing.set()
        for connection in self._connections:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        self._listener.close()
        self._acceptor.join(timeout=5)


@pytest.fixture
def slow_headers() -> Iterator[TricklingServer]:
    """A server that sends one header byte a second, for ever."""
    server = TricklingServer(ENDLESS_HEADERS)
    yield server
    server.close()


def test_a_server_trickling_its_headers_is_cut_off_at_the_deadline(slow_headers):
    started = time.monotonic()
    with Fetcher(allow_private=True, timeout=2) as fetcher, pytest.raises(FetchError) as error:
        fetcher.fetch(slow_headers.url)
    assert time.monotonic() - started < 3
    assert str(error.value).startswith(f"{slow_headers.url}: timed out after 2s")


def test_a_server_trickling_its_body_is_cut_off_at_the_deadline():
    head, body = HEADERS_THEN_ENDLESS_BODY
    server = TricklingServer(body, head=head)
    try:
        started = time.monotonic()
        with Fetcher(allow_private=True, timeout=2) as fetcher, pytest.raises(FetchError, match="timed out"):
            fetcher.fetch(server.url)
        assert time.monotonic() - started < 3
    finally:
        server.close()


def test_the_deadline_covers_all_the_redirects(server):
    # Each answer alone is within the time-out; both together are not.
    server.serve("/first", "", status=302, headers={"Location": "/second"}, delay=0.7)
    server.serve("/second", "<html><body><p>here</p></body></html>", delay=0.7)
    with Fetcher(allow_private=True, timeout=1) as fetcher, pytest.raises(FetchError, match="timed out after 1s"):
        fetcher.fetch(server.url("/first"))


def test_a_fetcher_fetches_again_after_a_time_out(slow_headers, server):
    url = server.serve("/quick", "<html><body><p>quick</p></body></html>")
    with Fetcher(allow_private=True, timeout=2) as fetcher:
        with pytest.raises(FetchError, match="timed out"):
            fetcher.fetch(slow_headers.url)
        assert fetcher.fetch(url).content.startswith(b"<html>")


def test_ingest_of_a_trickling_server_ends_near_its_timeout_with_one_line(slow_headers, tmp_path):
    timeout = 2
    command = [sys.executable, "-m", "claimwatch", "ingest", "--timeout", str(timeout), "--allow-private",
               slow_headers.url, "--no-analyze", "--db", str(tmp_path / "claimwatch.db")]
    started = time.monotonic()
    result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    # Starting Python and claimwatch takes up to several seconds on a busy machine, hence the wide margin
    # here; the fetch itself is timed by the server below (unbounded, it would last ten minutes).
    assert time.monotonic() - started < timeout + 10
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert errors == [f"failed: {slow_headers.url}: timed out after {timeout}s; try again later"]
    assert len(slow_headers.held) == 1 and slow_headers.held[0] < timeout + 1


TOKEN = "deadline-token"


@pytest.fixture
def served_empty(tmp_path):
    """`claimwatch serve` over an empty store, taking posts with a token and fetching 127.0.0.1."""
    from web_helpers import Served

    db = tmp_path / "claimwatch.db"
    with SQLiteStore(db):
        pass
    served = Served(db, "--api-token", TOKEN, "--pipeline", "fast", "--allow-private")
    yield served
    served.close()


def post(served, article: dict) -> httpx.Response:
    return httpx.post(served.url("/api/v1/articles"), json=article, headers={"Authorization": f"Bearer {TOKEN}"},
                      timeout=60)


def test_a_slow_url_post_does_not_hold_up_a_text_post(served_empty, slow_headers):
    # The first post loads the analysis pipeline, so that the timed one below measures waiting only.
    warm = post(served_empty, {"id": "warm", "title": "Ferry strike ends",
                               "text": "Ferry crews returned to work on Monday, the harbour office said."})
    assert warm.status_code == 201, warm.text
    slow: list[httpx.Response] = []
    poster = threading.Thread(target=lambda: slow.append(post(served_empty, {"url": slow_headers.url})))
    poster.start()
    assert slow_headers.connected.wait(30), "the server never fetched the slow URL"
    started = time.monotonic()
    quick = post(served_empty, {"id": "quick", "title": "Bridge reopens",
                                "text": "The river bridge reopened to lorries on Tuesday, the council confirmed."})
    waited = time.monotonic() - started
    still_fetching = slow_headers.open_connections == 1
    slow_headers.close()  # the slow fetch now fails at once
    poster.join(timeout=30)
    assert quick.status_code == 201, quick.text
    assert still_fetching and waited < 5
    assert slow and slow[0].status_code == 422 and slow_headers.url in slow[0].json()["outcomes"][0]["error"]
