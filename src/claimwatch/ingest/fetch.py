"""Fetching URLs safely: time-outs, a size cap, checked redirects, no private addresses."""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from .. import __version__
from ..errors import FetchError

__all__ = ["Fetcher", "FetchedDocument", "check_address"]

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


class Fetcher:
    """An HTTP client for news pages and feeds that refuses what it should not fetch."""

    def __init__(self, *, allow_private: bool = False, timeout: float = 15.0,
                 max_bytes: int = 10 * 1024 * 1024, max_redirects: int = 5) -> None:
        self.allow_private = allow_private
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self._client = httpx.Client(
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
        """Fetch a URL, following at most max_redirects checked redirects; conditional when validators are given."""
        current = url
        conditions = {name: value for name, value in (("If-None-Match", etag), ("If-Modified-Since", last_modified))
                      if value}
        for _ in range(self.max_redirects + 1):
            self._check_address(current, url)
            try:
                response = self._get(current, url, conditions)
            except httpx.TimeoutException as exc:
                raise FetchError(f"{url}: timed out after {self.timeout:g}s; try again later") from exc
            except httpx.HTTPError as exc:
                raise FetchError(f"{url}: cannot fetch ({exc}); check the address") from exc
            if isinstance(response, str):
                current = response
                continue
            return response
        raise FetchError(f"{url}: more than {self.max_redirects} redirects; give the final address instead")

    def _get(self, current: str, original: str, conditions: dict[str, str]) -> FetchedDocument | str:
        deadline = time.monotonic() + self.timeout * 2
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
                if time.monotonic() > deadline:
                    raise FetchError(f"{original}: timed out while reading the body; try again later")
                chunks.append(chunk)
            return FetchedDocument(str(response.url), b"".join(chunks), content_type, response.charset_encoding,
                                   response.headers.get("etag"), response.headers.get("last-modified"))

    def _check_address(self, url: str, original: str) -> None:
        check_address(url, original, allow_private=self.allow_private)


def check_address(url: str, original: str, *, allow_private: bool = False) -> None:
    """Refuse anything but http(s), and private, loopback or link-local hosts unless allowed."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"{original}: only http and https addresses can be fetched (got {url})")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise FetchError(f"{original}: cannot resolve {parts.hostname} ({exc.strerror}); check the address") from exc
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not address.is_global:
            raise FetchError(f"{original}: {parts.hostname} is a private, loopback or link-local address "
                             f"({address}); pass --allow-private to fetch it")
