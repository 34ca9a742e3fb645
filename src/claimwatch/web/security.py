"""The web stage's defences in one place: security headers on every answer, caps on request bodies,
and the origin and CSRF checks on what a reader's browser sends.

The signed reader cookies and the CSRF tokens bound to them are made in readers.py; the token
bucket rate limits in ratelimit.py; error answers in failures.py.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from typing import Any

from fastapi import HTTPException, Request

from .failures import BUSY_RETRY_SECONDS, error_response, internal_error_body, shown_path, stopping_body
from .readers import READER_COOKIE, Readers

__all__ = ["CONTENT_SECURITY_POLICY", "SecurityHeaders", "BodyLimit", "FORM_BODY_BYTES", "ARTICLE_BODY_BYTES",
           "same_site", "checked_reader"]

log = logging.getLogger("claimwatch.web")

# Request bodies: a reaction or a form is a few bytes; an article posted to the API carries its text.
FORM_BODY_BYTES = 16 * 1024
ARTICLE_BODY_BYTES = 6 * 1024 * 1024

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
]


class SecurityHeaders:
    """Adds the Content-Security-Policy and friends to every response, errors included.

    It wraps the whole app, Starlette's own error middleware too, and answers a failure that
    reaches it before any response started with a plain 500 (a 503 for a request the stopping
    server cancelled) that carries the headers as well.
    """

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        progress = {"started": False, "finished": False}

        async def send_with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                progress["started"] = True
                message = {**message, "headers": [*message.get("headers", []), *SECURITY_HEADERS]}
            elif message["type"] == "http.response.body" and not message.get("more_body", False):
                progress["finished"] = True
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except asyncio.CancelledError:
            # The server is stopping and gave up waiting for this request: say so, not "500".
            if not progress["started"]:
                content_type, body = stopping_body(scope.get("path", "/"))
                await _answer(send_with_headers, 503, content_type, body,
                              [(b"retry-after", str(BUSY_RETRY_SECONDS).encode()), (b"connection", b"close")])
            raise
        except Exception:
            if progress["finished"]:
                return  # answered with a 500 already, and logged by the app's error handler
            if progress["started"]:
                raise  # half a response: the server closes the connection
            log.exception("%s %s failed", scope.get("method"), scope.get("path"))
            content_type, body = internal_error_body(scope.get("path", "/"))
            await _answer(send_with_headers, 500, content_type, body, [])


async def _answer(send: Callable, status: int, content_type: bytes, body: bytes,
                  headers: list[tuple[bytes, bytes]]) -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", content_type), (b"content-length", str(len(body)).encode()),
                            (b"cache-control", b"no-store"), *headers]})
    await send({"type": "http.response.body", "body": body})


class BodyLimit:
    """Refuses request bodies over a size (413) without reading them: by Content-Length, else as they stream in."""

    def __init__(self, app: Any, *, default: int, larger: Mapping[tuple[str, str], int]) -> None:
        self.app = app
        self.default = default
        # (method, path) -> the cap for that route, where it takes more than the default.
        self.larger = dict(larger)

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.larger.get((scope["method"], scope["path"]), self.default)
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            await _too_large(Request(scope), limit)(scope, receive, send)
            return
        received = 0

        async def receive_within_limit() -> dict:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    # Raised into the route that reads the body: the app's handler answers the 413.
                    raise HTTPException(413, _too_large_message(scope, limit))
            return message

        await self.app(scope, receive_within_limit, send)


def _content_length(scope: dict) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def _too_large_message(scope: dict, limit: int) -> str:
    size = f"{limit // 1024:,} KiB" if limit < 1024 * 1024 else f"{limit / (1024 * 1024):g} MiB"
    return f"request body too large: {scope['method']} {shown_path(scope['path'])} takes at most {size}; send less"


def _too_large(request: Request, limit: int):
    return error_response(request, 413, _too_large_message(request.scope, limit),
                          headers={"Connection": "close"})


def same_site(request: Request) -> bool:
    """False when the browser says the request comes from another site."""
    if request.headers.get("sec-fetch-site", "same-origin") == "cross-site":
        return False
    origin = request.headers.get("origin")
    if origin is None:
        return True
    return origin != "null" and origin.split("://", 1)[-1].rstrip("/") == request.headers.get("host", "")


def checked_reader(request: Request, readers: Readers, token: str | None) -> str:
    """The reader reacting: 403 unless the request is same-site, has a reader cookie and its CSRF token."""
    if not same_site(request):
        raise HTTPException(403, "cross-site request refused: reactions are taken only from claimwatch's own "
                                 "pages (the Origin or Sec-Fetch-Site header names another site)")
    reader = readers.reader_from(request.cookies.get(READER_COOKIE))
    if reader is None:
        raise HTTPException(403, "no reader cookie: load the page (or GET the reactions) first, then react")
    if not readers.valid_csrf(reader, token):
        raise HTTPException(403, "missing or wrong CSRF token: react from the page, or send the csrf value "
                                 "from GET .../reactions in the X-CSRF-Token header")
    return reader
