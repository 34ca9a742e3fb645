"""Fetching URLs safely: a deadline, a size cap, checked redirects, no private addresses."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

import httpcore
import httpx

from .. import __version__
from ..errors import FetchError
from ..net import check_address

__all__ = ["Fetcher", "FetchedDocument"]

_ACCEPTED_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "application/json",
                   "application/x-ndjson", "application/jsonl", "application/rss+xml", "application/atom+xml",
                   "application/rdf+xml", "application/xml", "text/xml", "application/feed+json")
_REDIRECTS = {301, 302, 303, 307, 308}


@dataclass(frozen=True, slots=True)
class FetchedDocument:
    """A fetched body with the URL it finally came from and its declared type."""

    url: str
    content: bytes
    content_type: str
    charset: str | None
    # Validators to send back next time (If-None-Match, If-Modified-Since), and whether the
    # server answered 304: nothing changed since the validators given.
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every wait (read, write, TLS handshake) ends by its backend's deadline."""

    def __init__(self, stream: httpcore.NetworkStream, backend: _DeadlineBackend) -> None:
        self._stream = stream
        self._backend = backend

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, self._backend.bound(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, self._backend.bound(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(self, ssl_context: Any, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        secured = self._stream.start_tls(ssl_context, server_hostname,
                                         self._backend.bound(timeout, httpcore.ConnectTimeout))
        return _DeadlineStream(secured, self._backend)

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class _DeadlineBackend(httpcore.NetworkBackend):
    """Sockets that give up when the fetch in progress on this thread is out of time.

    httpx's time-outs are per socket operation: a server that sends a byte a second never trips
    them. Cutting each wait to what is left of one deadline bounds the whole request instead.
    """

    def __init__(self) -> None:
        self._sockets = httpcore.SyncBackend()
        self._local = threading.local()  # a Fetcher's pool may be shared by threads, each its own deadline

    @contextmanager
    def deadline(self, seconds: float) -> Iterator[None]:
        """Every socket wait inside the block ends at most `seconds` from now."""
        outer = getattr(self._local, "until", None)
        self._local.until = time.monotonic() + seconds
        try:
            yield
        finally:
            self._local.until = outer

    def bound(self, timeout: float | None, expired: type[Exception]) -> float | None:
        """The wait allowed now: the operation's own time-out cut to what is left of the deadline."""
        until = getattr(self._local, "until", None)
        if until is None:
            return timeout
        left = until - time.monotonic()
        if left <= 0:
            raise expired("the deadline for the whole request has passed")
        return left if timeout is None else min(timeout, left)

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        stream = self._sockets.connect_tcp(host, port, self.bound(timeout, httpcore.ConnectTimeout),
                                           local_address, socket_options)
        return _DeadlineStream(stream, self)

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        stream = self._sockets.connect_unix_socket(path, self.bound(timeout, httpcore.ConnectTimeout),
                                                   socket_options)
        return _DeadlineStream(stream, self)

    def sleep(self, seconds: float) -> None:
        self._sockets.sleep(seconds)


def _deadline_transport(backend: _DeadlineBackend) -> httpx.HTTPTransport:
    transport = httpx.HTTPTransport()
    # httpx takes no network backend; its transport's connection pool is swapped for one that
    # does (the transport still maps httpcore's errors to httpx's). test_fetch_deadlines checks it.
    # The pool keeps httpx's own limits: idle connections expire after 5 s, so that a long-lived
    # Fetcher (`claimwatch run`) does not reuse sockets the server has since closed.
    default = transport._pool
    transport._pool = httpcore.ConnectionPool(
        ssl_context=httpx.create_ssl_context(), network_backend=backend,
        max_connections=default._max_connections, max_keepalive_connections=default._max_keepalive_connections,
        keepalive_expiry=default._keepalive_expiry)
    return transport


class Fetcher:
    """An HTTP client for news pages and feeds that refuses what it should not fetch."""

    def __init__(self, *, allow_private: bool = False, timeout: float = 15.0,
                 max_bytes: int = 10 * 1024 * 1024, max_redirects: int = 5) -> None:
        self.allow_private = allow_private
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self._backend = _DeadlineBackend()
        self._client = httpx.Client(
            transport=_deadline_transport(self._backend),
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            follow_redirects=False,
            headers={"User-Agent": f"claimwatch/{__version__} (+news claim tracker)",
                     "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
                               "application/xml;q=0.9,*/*;q=0.5"},
        )

    def close(self) -> None:
        """Close the connection pool."""
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def fetch(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> FetchedDocument:
        """Fetch a URL within `timeout` seconds in all, following at most max_redirects checked redirects;
        conditional when validators are given."""
        current = url
        conditions = {name: value for name, value in (("If-None-Match", etag), ("If-Modified-Since", last_modified))
                      if value}
        with self._backend.deadline(self.timeout):
            for _ in range(self.max_redirects + 1):
                self._check_address(current, url)
                try:
                    response = self._get(current, url, conditions)
                except httpx.TimeoutException as exc:
                    raise FetchError(f"{url}: timed out after {self.timeout:g}s; try again later") from exc
                except (httpx.HTTPError, httpx.InvalidURL) as exc:
                    raise FetchError(f"{url}: cannot fetch ({exc}); check the address") from exc
                if isinstance(response, str):
                    current = response
                    continue
                return response
        raise FetchError(f"{url}: more than {self.max_redirects} redirects; give the final address instead")

    def _get(self, current: str, original: str, conditions: dict[str, str]) -> FetchedDocument | str:
        with self._client.stream("GET", current, headers=conditions) as response:
            if response.status_code in _REDIRECTS and "location" in response.headers:
                return urljoin(current, response.headers["location"])
            if response.status_code == 304:
                return FetchedDocument(str(response.url), b"", "", None, response.headers.get("etag"),
                                       response.headers.get("last-modified"), not_modified=True)
            if response.status_code >= 400:
                raise FetchError(f"{original}: HTTP {response.status_code} {response.reason_phrase}; "
                                 "check the address or try again later")
            content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
            if content_type and not content_type.startswith(_ACCEPTED_TYPES) and not content_type.endswith("+xml"):
                raise FetchError(f"{original}: content type {content_type} is not an article, feed or JSON; "
                                 "give the address of a web page or feed")
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > self.max_bytes:
                raise FetchError(f"{original}: {int(declared):,} bytes is over the "
                                 f"{self.max_bytes:,}-byte limit; save it and ingest the file")
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > self.max_bytes:
                    raise FetchError(f"{original}: response over the {self.max_bytes:,}-byte limit; "
                                     "save it and ingest the file")
                chunks.append(chunk)
            return FetchedDocument(str(response.url), b"".join(chunks), content_type, response.charset_encoding,
                                   response.headers.get("etag"), response.headers.get("last-modified"))

    def _check_address(self, url: str, original: str) -> None:
        check_address(url, original, allow_private=self.allow_private)
