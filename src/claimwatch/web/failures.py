"""Error answers: the HTML error page on pages, JSON under /api/, one line that says what to do.

Every refusal and failure goes through error_response, so that no error is answered in the other
format, none echoes what was sent back at length, and none fails to encode (a lone surrogate).
"""

from __future__ import annotations

import json
import logging
import sqlite3
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException

from ..errors import ClaimwatchError, NotFoundError, QueryError, StoreBusyError
from . import rendering

__all__ = ["BUSY_RETRY_SECONDS", "error_response", "is_busy", "install_error_handlers", "internal_error_body",
           "shown_path", "stopping_body", "wants_json"]

log = logging.getLogger("claimwatch.web")

# What a 503 tells the client to wait before writing again: an ingest batch commits within seconds.
BUSY_RETRY_SECONDS = 5
_HEADINGS = {400: "Bad request", 403: "Not allowed", 404: "Not found", 405: "Not allowed", 413: "Too large",
             429: "Slow down", 503: "Busy"}
# Errors in the query string or path are the request's address being wrong: 400; a body that does not
# validate is 422, as FastAPI answers by default.
_ADDRESS_PARTS = {"query", "path", "header", "cookie"}
_SHOWN_ERRORS = 5
_SHOWN_PATH = 100


def wants_json(path: str) -> bool:
    """Whether errors on this path are answered as JSON (the API) rather than as a page."""
    return path.startswith("/api/")


def shown_path(path: str) -> str:
    """The path as a message repeats it: cut short when long."""
    return path if len(path) <= _SHOWN_PATH else path[:_SHOWN_PATH] + "…"


def _printable(message: str) -> str:
    """The message with what UTF-8 cannot carry (lone surrogates) written as escapes."""
    return message.encode("utf-8", "backslashreplace").decode("utf-8")


def error_response(request: Request, status: int, message: str, *, heading: str | None = None,
                   headers: dict[str, str] | None = None) -> Response:
    """The error as JSON {"detail": message} under /api/, else as the site's error page."""
    message = _printable(message)
    if wants_json(request.url.path):
        return JSONResponse({"detail": message}, status_code=status, headers=headers)
    heading = heading or _HEADINGS.get(status, "Cannot do that")
    main = rendering.error_main(heading, message)
    return HTMLResponse(rendering.page(heading, main), status_code=status, headers=headers)


def _plain_body(path: str, heading: str, message: str) -> tuple[bytes, bytes]:
    """An error's content type and body, built without templates or the request: it must not fail itself."""
    if wants_json(path):
        return b"application/json", json.dumps({"detail": message}).encode()
    page = (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{heading} · claimwatch</title>'
            f'</head><body><h1>{heading}</h1><p>{message}</p><p><a href="/">Back to the stories</a></p></body></html>')
    return b"text/html; charset=utf-8", page.encode()


def internal_error_body(path: str) -> tuple[bytes, bytes]:
    """A 500's content type and body, for when the error handlers failed too."""
    return _plain_body(path, "Something went wrong", "claimwatch failed on this request; it is in the server's "
                                                     "log: please report it")


def stopping_body(path: str) -> tuple[bytes, bytes]:
    """The content type and body of a 503 for a request the stopping server gave up on."""
    return _plain_body(path, "Busy", "the server is stopping; try again shortly")


def is_busy(exc: BaseException) -> bool:
    """Whether exc (or what caused it) is another writer holding the store past our wait."""
    while exc is not None:
        if isinstance(exc, StoreBusyError):
            return True
        if isinstance(exc, sqlite3.OperationalError) and \
                getattr(exc, "sqlite_errorcode", 0) & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            return True
        exc = exc.__cause__
    return False


def _busy_response(request: Request) -> Response:
    return error_response(request, 503, "the store is busy with another write (an ingest?); try again in "
                                        f"{BUSY_RETRY_SECONDS} seconds",
                          headers={"Retry-After": str(BUSY_RETRY_SECONDS)})


def _validation_message(errors: list[dict[str, Any]]) -> tuple[int, str]:
    """The status (400 for the address, 422 for the body) and one line naming each bad input."""
    parts, status = [], 400
    for error in errors[:_SHOWN_ERRORS]:
        loc = [str(part) for part in error.get("loc", ())]
        if loc and loc[0] not in _ADDRESS_PARTS:
            status = 422
        where = f"{loc[0]} {'.'.join(loc[1:])}".strip() if len(loc) > 1 else (loc[0] if loc else "request")
        parts.append(f"{where}: {error.get('msg', 'invalid')}")
    return status, "; ".join(parts) or "the request is not valid"


def install_error_handlers(app: FastAPI) -> None:
    """Answer every refusal and failure in the format of the route it happened on."""

    @app.exception_handler(HTTPException)
    async def refused(request: Request, exc: HTTPException) -> Response:
        detail = exc.detail if isinstance(exc.detail, str) else json.dumps(exc.detail)
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"no page at {shown_path(request.url.path)}; the home page lists the stories"
        elif exc.status_code == 405 and detail == "Method Not Allowed":
            detail = f"{request.method} is not accepted at {shown_path(request.url.path)}"
        return error_response(request, exc.status_code, detail, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        status, message = _validation_message(list(exc.errors()))
        return error_response(request, status, message)

    @app.exception_handler(NotFoundError)
    async def not_found(request: Request, exc: NotFoundError) -> Response:
        return error_response(request, 404, str(exc))

    @app.exception_handler(QueryError)
    async def bad_query(request: Request, exc: QueryError) -> Response:
        return error_response(request, 400, str(exc), heading="Cannot search that")

    @app.exception_handler(ClaimwatchError)
    async def claimwatch_error(request: Request, exc: ClaimwatchError) -> Response:
        if is_busy(exc):
            return _busy_response(request)
        return error_response(request, 422, str(exc))

    @app.exception_handler(sqlite3.OperationalError)
    async def store_failed(request: Request, exc: sqlite3.OperationalError) -> Response:
        if is_busy(exc):
            return _busy_response(request)
        return await failed(request, exc)

    @app.exception_handler(Exception)
    async def failed(request: Request, exc: Exception) -> Response:
        log.exception("%s %s failed", request.method, request.url.path)
        return error_response(request, 500, f"claimwatch failed on {shown_path(request.url.path)} "
                                            f"({type(exc).__name__}); "
                                            "it is in the server's log: please report it",
                              heading="Something went wrong")
