"""The web application: settings, what every request shares, and the app with its middleware and error handlers."""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable, Hashable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool

from .. import __version__
from ..errors import QueryError, StoreBusyError
from ..ingest import AfterBatch
from ..store import Store
from . import rendering, views
from .failures import install_error_handlers
from .middleware import CONTENT_SECURITY_POLICY, BodyLimit, SecurityHeaders
from .ratelimit import RateLimiter
from .readers import READER_COOKIE, Readers
from .stores import DEFAULT_CACHE_BYTES, PageCache, StorePool

__all__ = ["CONTENT_SECURITY_POLICY", "WebSettings", "Web", "create_app"]

_READER_COOKIE_SECONDS = 2 * 365 * 24 * 3600
# Request bodies: a reaction or a form is a few bytes; an article posted to the API carries its text.
FORM_BODY_BYTES = 16 * 1024
ARTICLE_BODY_BYTES = 6 * 1024 * 1024
# How long a reaction waits for the reactions before it; the store's write wait
# (WEB_WRITE_WAIT_SECONDS) then bounds the one writing, so a reaction never hangs behind an ingest.
REACTION_WAIT_SECONDS = 5
# How long stopping waits for the stores to close (see create_app's lifespan).
CLOSE_WAIT_SECONDS = 0.5


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
    cache_bytes: int = DEFAULT_CACHE_BYTES


class Web:
    """What every request shares: the stores, the page cache, reader cookies and rate limits."""

    def __init__(self, settings: WebSettings) -> None:
        self.settings = settings
        self.pool = StorePool(settings.db)
        # Kept in the store, so reader cookies stay valid across restarts.
        self.readers = Readers(self.pool.get().web_setting("reader_secret", secrets.token_hex(32)))
        self.cache = PageCache(settings.cache_bytes)
        self.reader_limit = RateLimiter(settings.reader_reactions_per_minute)
        self.address_limit = RateLimiter(settings.address_reactions_per_minute)
        self.ingest_lock = threading.Lock()
        # Reactions are written one at a time here: threads waiting on a Python lock wake at once,
        # where SQLite's busy handler would have them sleep and retry. The wait is bounded (then 503).
        self.reaction_lock = threading.Lock()
        self._after_batch: AfterBatch | None = None

    @property
    def store(self) -> Store:
        """The calling thread's store."""
        return self.pool.get()

    def after_batch(self) -> AfterBatch:
        """Analysis and tracking for articles ingested over the API, loaded on first use."""
        if self._after_batch is None:
            from ..flow import analyse_and_track

            self._after_batch = analyse_and_track(self.settings.pipeline)
        return self._after_batch

    async def cached(self, key: Hashable, build: Callable[[Store], Any]) -> Any:
        """build(store)'s value for key, built in a worker thread when the content changed since."""
        version = self.store.content_version()
        value = self.cache.lookup(version, key)
        if value is None:
            try:
                value = await run_in_threadpool(lambda: build(self.pool.get()))
            except QueryError as exc:
                # A search refused as too costly is refused at once when asked again, until the content moves.
                value = _Refused(exc)
            self.cache.keep(version, key, value)
        if isinstance(value, _Refused):
            raise value.error
        return value

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
        if not _same_site(request):
            raise HTTPException(403, "cross-site request refused: reactions are taken only from claimwatch's own "
                                     "pages (the Origin or Sec-Fetch-Site header names another site)")
        reader = self.known_reader(request)
        if reader is None:
            raise HTTPException(403, "no reader cookie: load the page (or GET the reactions) first, then react")
        if not self.readers.valid_csrf(reader, token):
            raise HTTPException(403, "missing or wrong CSRF token: react from the page, or send the csrf value "
                                     "from GET .../reactions in the X-CSRF-Token header")
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


@dataclass(frozen=True, slots=True)
class _Refused:
    """A cached refusal: the error to raise again."""

    error: QueryError


def _same_site(request: Request) -> bool:
    """False when the browser says the request comes from another site."""
    if request.headers.get("sec-fetch-site", "same-origin") == "cross-site":
        return False
    origin = request.headers.get("origin")
    if origin is None:
        return True
    return origin != "null" and origin.split("://", 1)[-1].rstrip("/") == request.headers.get("host", "")


class _App(FastAPI):
    """FastAPI with SecurityHeaders outside everything, Starlette's own 500 answers included."""

    def build_middleware_stack(self) -> Any:
        return SecurityHeaders(super().build_middleware_stack())


def create_app(settings: WebSettings) -> FastAPI:
    """The app serving the store named in settings: pages at /, the JSON API under /api/v1."""
    from . import api, pages  # the routers import this module's Web

    web = Web(settings)

    @asynccontextmanager
    async def lifespan(_: FastAPI):
        yield
        # A store busy in a request's thread (a long query, a wait on a lock) cannot close until that
        # ends: closing is left to a thread of its own, waited on briefly, so that stopping never hangs.
        closing = threading.Thread(target=web.pool.close, name="closing stores", daemon=True)
        closing.start()
        closing.join(CLOSE_WAIT_SECONDS)

    # No /docs: Swagger UI loads its scripts from a CDN; /openapi.json describes the API.
    app = _App(title="claimwatch", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
               description="Stories, claims with their status over time, articles with their analysis, "
                           "search, and reader reactions.")
    app.state.web = web
    app.add_middleware(BodyLimit, default=FORM_BODY_BYTES,
                       larger={("POST", "/api/v1/articles"): ARTICLE_BODY_BYTES})
    app.mount("/static", StaticFiles(directory=rendering.STATIC_DIR), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)

    install_error_handlers(app)
    return app


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
