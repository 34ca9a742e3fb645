"""The web application: settings, what every request shares, security headers and error pages."""

from __future__ import annotations

import json
import logging
import secrets
import threading
from collections.abc import Callable, Hashable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool

from .. import __version__
from ..errors import ClaimwatchError, NotFoundError
from ..ingest import AfterBatch
from ..store import Store
from . import rendering, views
from .ratelimit import RateLimiter
from .readers import READER_COOKIE, Readers
from .stores import PageCache, StorePool

__all__ = ["WebSettings", "Web", "create_app"]

log = logging.getLogger("claimwatch.web")

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
_SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
]
_READER_COOKIE_SECONDS = 2 * 365 * 24 * 3600


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
    secure_cookies: bool = False


class Web:
    """What every request shares: the stores, the page cache, reader cookies and rate limits."""

    def __init__(self, settings: WebSettings) -> None:
        self.settings = settings
        self.pool = StorePool(settings.db)
        # Kept in the store, so reader cookies stay valid across restarts.
        self.readers = Readers(self.pool.get().web_setting("reader_secret", secrets.token_hex(32)))
        self.cache = PageCache()
        self.reader_limit = RateLimiter(settings.reader_reactions_per_minute)
        self.address_limit = RateLimiter(settings.address_reactions_per_minute)
        self.ingest_lock = threading.Lock()
        # Reactions are written one at a time here: threads waiting on a Python lock wake at once,
        # where SQLite's busy handler would have them sleep and retry.
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
            value = await run_in_threadpool(lambda: build(self.pool.get()))
            self.cache.keep(version, key, value)
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
        reader = self.known_reader(request)
        if reader is None:
            raise HTTPException(403, "no reader cookie: load the page (or GET the reactions) first, then react")
        if not self.readers.valid_csrf(reader, token) or not _same_origin(request):
            raise HTTPException(403, "missing or wrong CSRF token: react from the page, or send the csrf value "
                                     "from GET .../reactions in the X-CSRF-Token header")
        address = request.client.host if request.client else "unknown"
        for limiter, key in ((self.reader_limit, reader), (self.address_limit, address)):
            if not limiter.allow(key):
                raise HTTPException(429, "too many reactions; wait a minute and try again",
                                    headers={"Retry-After": str(limiter.retry_after(key))})
        try:
            with self.reaction_lock:
                return views.set_reaction(self.store, kind, target_id, reader, reaction)
        except ValueError as exc:
            raise HTTPException(422, str(exc)) from None


def _same_origin(request: Request) -> bool:
    """False when the browser says the request comes from another site."""
    origin = request.headers.get("origin")
    if origin is None:
        return True
    return origin != "null" and origin.split("://", 1)[-1].rstrip("/") == request.headers.get("host", "")


class SecurityHeaders:
    """Adds the Content-Security-Policy and friends to every response (plain ASGI: no per-request task)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *_SECURITY_HEADERS]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _error_response(request: Request, status: int, heading: str, message: str,
                    headers: dict[str, str] | None = None) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": message}, status_code=status, headers=headers)
    main = rendering.error_main(heading, message)
    return HTMLResponse(rendering.page(heading, main), status_code=status, headers=headers)


def create_app(settings: WebSettings) -> FastAPI:
    """The app serving the store named in settings: pages at /, the JSON API under /api/v1."""
    from . import api, pages  # the routers import this module's Web

    web = Web(settings)

    @asynccontextmanager
    async def lifespan(_: FastAPI):
        yield
        web.pool.close()

    # No /docs: Swagger UI loads its scripts from a CDN; /openapi.json describes the API.
    app = FastAPI(title="claimwatch", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Stories, claims with their status over time, articles with their analysis, "
                              "search, and reader reactions.")
    app.state.web = web
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=rendering.STATIC_DIR), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)

    @app.exception_handler(NotFoundError)
    async def not_found(request: Request, exc: NotFoundError) -> Response:
        return _error_response(request, 404, "Not found", str(exc))

    @app.exception_handler(HTTPException)
    async def refused(request: Request, exc: HTTPException) -> Response:
        heading = {403: "Not allowed", 404: "Not found", 429: "Slow down"}.get(exc.status_code, "Cannot do that")
        detail = exc.detail if isinstance(exc.detail, str) else json.dumps(exc.detail)
        return _error_response(request, exc.status_code, heading, detail, exc.headers)

    @app.exception_handler(Exception)
    async def failed(request: Request, exc: Exception) -> Response:
        log.exception("%s %s failed", request.method, request.url.path)
        return _error_response(request, 500, "Something went wrong",
                               f"claimwatch failed on {request.url.path} ({type(exc).__name__}); it is in the "
                               "server's log: please report it")

    @app.exception_handler(ClaimwatchError)
    async def claimwatch_error(request: Request, exc: ClaimwatchError) -> Response:
        return _error_response(request, 422, "Cannot do that", str(exc))

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
