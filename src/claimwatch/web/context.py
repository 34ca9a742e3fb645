"""What every request shares (the stores, the page cache, reader cookies, rate limits) and the page answer.

The routers (pages.py, api.py) and app.py import this module; it imports none of them.
"""

from __future__ import annotations

import asyncio
import secrets
import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from fastapi import HTTPException, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from ..errors import StoreBusyError
from ..flow import Flow
from ..settings import PAGE_CACHE_BYTES
from ..store import Store
from . import rendering, views
from .ratelimit import RateLimiter, SharedRateLimiter
from .readers import READER_COOKIE, Readers
from .security import checked_reader
from .stores import PageCache, StorePool

__all__ = ["WebSettings", "Web", "page_response"]

_READER_COOKIE_SECONDS = 2 * 365 * 24 * 3600
# How long a reaction waits for the reactions before it; the store's write wait
# (WEB_WRITE_WAIT_SECONDS) then bounds the one writing, so a reaction never hangs behind an ingest.
REACTION_WAIT_SECONDS = 5


@dataclass(frozen=True, slots=True)
class WebSettings:
    """How `claimwatch serve` runs the app."""

    db: str
    # Ingest over the API (POST /api/v1/articles) is off without a token.
    api_token: str | None = None
    # Reactions a reader may give or change in a minute, and all readers at one address together.
    reader_reactions_per_minute: int = 20
    address_reactions_per_minute: int = 600
    pipeline: str | None = None
    allow_private: bool = False
    # Reader cookies marked Secure: browsers send them over HTTPS only (serve behind a TLS proxy).
    secure_cookies: bool = False
    # Memory for cached pages and API answers, in bytes.
    cache_bytes: int = PAGE_CACHE_BYTES
    # Processes serving the store at once (PostgreSQL only): above one, rate limits are kept in the store.
    workers: int = 1


class Web:
    """What every request shares: the stores, the page cache, reader cookies and rate limits."""

    def __init__(self, settings: WebSettings) -> None:
        self.settings = settings
        self.pool = StorePool(settings.db)
        # Kept in the store, so reader cookies stay valid across restarts.
        self.readers = Readers(self.pool.get().web_setting("reader_secret", secrets.token_hex(32)))
        self.cache = PageCache(settings.cache_bytes)
        if settings.workers > 1:
            # Each process would otherwise allow the full rate: N workers, N times the reactions.
            self.reader_limit = SharedRateLimiter(self.pool.get, "reader", settings.reader_reactions_per_minute)
            self.address_limit = SharedRateLimiter(self.pool.get, "address", settings.address_reactions_per_minute)
        else:
            self.reader_limit = RateLimiter(settings.reader_reactions_per_minute)
            self.address_limit = RateLimiter(settings.address_reactions_per_minute)
        self.ingest_lock = threading.Lock()
        # Reactions are written one at a time here: threads waiting on a Python lock wake at once,
        # where SQLite's busy handler would have them sleep and retry. The wait is bounded (then 503).
        self.reaction_lock = threading.Lock()
        self._flow: Flow | None = None
        self._building: dict[Hashable, asyncio.Future[Any]] = {}

    @property
    def store(self) -> Store:
        """The calling thread's store."""
        return self.pool.get()

    def flow(self) -> Flow:
        """The flow (analysis, tracking, alerts) for articles ingested over the API, loaded on first use."""
        if self._flow is None:
            self._flow = Flow.loaded(self.settings.pipeline)
        return self._flow

    async def cached(self, key: Hashable, build: Callable[[Store], Any]) -> Any:
        """build(store)'s value for key, built in a worker thread when the content changed since.

        Requests that find the same page missing wait for one build of it: after an ingest moves the
        content version, a popular page is built once, not once for every reader asking at that moment.
        """
        version = self.store.content_version()
        value = self.cache.lookup(version, key)
        if value is not None:
            return value
        flight = (version, key)
        building = self._building.get(flight)
        if building is None:
            building = asyncio.ensure_future(run_in_threadpool(lambda: build(self.pool.get())))
            self._building[flight] = building
            building.add_done_callback(lambda done: self._built(flight, done))
        # Shielded: a reader who leaves does not cancel the build the others wait for.
        value = await asyncio.shield(building)
        self.cache.keep(version, key, value)
        return value

    def _built(self, flight: Hashable, done: asyncio.Future[Any]) -> None:
        self._building.pop(flight, None)
        if not done.cancelled():
            done.exception()  # seen here: when every reader waiting for it has left, nobody else reads it

    def known_reader(self, request: Request) -> str | None:
        """The request's reader id if its cookie is valid, else None."""
        return self.readers.reader_from(request.cookies.get(READER_COOKIE))

    def reader_of(self, request: Request) -> tuple[str, bool]:
        """The request's reader id, and whether it is new (no valid cookie yet)."""
        reader = self.known_reader(request)
        return (reader, False) if reader else (self.readers.new_reader(), True)

    def remember(self, response: Response, reader: str) -> None:
        """Give the response the reader's signed cookie."""
        response.set_cookie(READER_COOKIE, self.readers.cookie_for(reader), max_age=_READER_COOKIE_SECONDS,
                            httponly=True, samesite="lax", secure=self.settings.secure_cookies, path="/")

    def react(self, request: Request, kind: str, target_id: str, reaction: str | None,
              token: str | None) -> dict[str, Any]:
        """A reader's reaction, checked for its cookie, CSRF token, origin and rate; returns the counts."""
        reader = checked_reader(request, self.readers, token)
        address = request.client.host if request.client else "unknown"
        for limiter, key in ((self.reader_limit, reader), (self.address_limit, address)):
            if not limiter.allow(key):
                raise HTTPException(429, "too many reactions; wait a minute and try again",
                                    headers={"Retry-After": str(limiter.retry_after(key))})
        if not self.reaction_lock.acquire(timeout=REACTION_WAIT_SECONDS):
            raise StoreBusyError(f"{kind} {target_id}: reactions are waiting for the store; try again shortly")
        try:
            return views.set_reaction(self.store, kind, target_id, reader, reaction)
        except ValueError as exc:
            raise HTTPException(422, str(exc)) from None
        finally:
            self.reaction_lock.release()


def page_response(web: Web, request: Request, title: str, main: bytes, *,
                  target: tuple[str, str] | None = None, status: str | None = None) -> Response:
    """A page for this reader: reactions to the target read fresh, a reader cookie given if new."""
    reader, new = web.reader_of(request)
    reactions = views.reactions(web.store, target[0], target[1], reader) if target else None
    body = rendering.page_bytes(title, main, q=request.query_params.get("q", ""), reactions=reactions,
                                target=target, csrf=web.readers.csrf_token(reader), status=status)
    response = Response(body, media_type="text/html; charset=utf-8", headers={"Cache-Control": "private, no-cache"})
    if new:
        web.remember(response, reader)
    return response
