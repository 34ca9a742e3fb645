"""`claimwatch serve`: the web pages and the JSON API over a store."""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from dataclasses import asdict
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from ..errors import ClaimwatchError
from ..settings import PAGE_CACHE_BYTES
from ..store.postgres_connection import redacted
from .app import DEFAULT_DB, DbOption, PipelineName, app, fail, stdout

if TYPE_CHECKING:
    from ..web import WebSettings

# After Ctrl+C, requests still running get this long to finish before they are dropped.
SHUTDOWN_GRACE_SECONDS = 2


@app.command()
def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to listen on; 127.0.0.1 keeps it to this machine.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    api_token: Annotated[str | None, typer.Option(
        envvar="CLAIMWATCH_API_TOKEN", show_envvar=True,
        help="Token that POST /api/v1/articles must send (Authorization: Bearer TOKEN); ingest over the API "
             "is off without one.")] = None,
    reactions_per_minute: Annotated[int, typer.Option(
        min=1, help="Reactions one reader may give or change in a minute.")] = 20,
    address_reactions_per_minute: Annotated[int, typer.Option(
        min=1, help="Reactions all readers at one network address may give in a minute.")] = 600,
    pipeline: Annotated[PipelineName | None, typer.Option(
        help="Analysis pipeline for articles ingested over the API.")] = None,
    allow_private: Annotated[bool, typer.Option(
        help="Let POST /api/v1/articles fetch private, loopback and link-local addresses.")] = False,
    secure_cookies: Annotated[bool, typer.Option(
        "--secure-cookies", help="Mark reader cookies Secure, so browsers send them over HTTPS only: for a server "
                                 "behind an HTTPS proxy (reactions then work over https:// alone).")] = False,
    cache_mib: Annotated[int, typer.Option(
        min=1, help="Memory for cached pages and API answers, in MiB.")] = PAGE_CACHE_BYTES // 2**20,
    log_level: Annotated[str, typer.Option(help="Server log level: critical, error, warning, info, debug.")] = "info",
    workers: Annotated[int, typer.Option(
        min=1, help="Worker processes answering requests; more than one needs a PostgreSQL store (--db "
                    "postgresql://…). Each keeps its own page cache and rate limits.")] = 1,
) -> None:
    """Serve the story, article and search pages and the JSON API until stopped (Ctrl+C)."""
    import uvicorn  # here: the other commands do not need the server

    from ..web import WebSettings, create_app

    settings = WebSettings(db=db, api_token=api_token, reader_reactions_per_minute=reactions_per_minute,
                           address_reactions_per_minute=address_reactions_per_minute,
                           pipeline=pipeline.value if pipeline else None, allow_private=allow_private,
                           secure_cookies=secure_cookies, cache_bytes=cache_mib * 1024 * 1024)
    if workers > 1:
        _serve_with_workers(settings, host, port, workers, log_level)
        return
    try:
        application = create_app(settings)
    except ClaimwatchError as exc:
        raise fail(str(exc)) from None
    stdout.print(f"claimwatch: serving {escape(redacted(db))} at http://{host}:{port}/ (Ctrl+C stops)", highlight=False)
    uvicorn.run(application, host=host, port=port, log_level=log_level, access_log=False,
                timeout_graceful_shutdown=SHUTDOWN_GRACE_SECONDS)
    # After a normal stop only: a failed start must keep its traceback and exit status.
    _leave_without_waiting_for_workers()


def _serve_with_workers(settings: WebSettings, host: str, port: int, workers: int, log_level: str) -> None:
    """Serve from several processes on one port; each opens the shared store itself."""
    import uvicorn

    from ..store import open_store
    from ..web.app import SETTINGS_VARIABLE

    if not settings.db.startswith(("postgresql://", "postgres://")):
        raise fail(f"{settings.db}: --workers {workers} needs a store several processes write at once; "
                   "serve a PostgreSQL store (--db postgresql://…), or leave out --workers")
    try:
        # Opened once here, so that a wrong URL is told once and the schema is migrated before any worker starts.
        open_store(settings.db).close()
    except ClaimwatchError as exc:
        raise fail(str(exc)) from None
    os.environ[SETTINGS_VARIABLE] = json.dumps({**asdict(settings), "workers": workers})
    stdout.print(f"claimwatch: serving {escape(redacted(settings.db))} at http://{host}:{port}/ with {workers} "
                 "workers (Ctrl+C stops)", highlight=False)
    uvicorn.run("claimwatch.web.app:create_app_from_environment", factory=True, workers=workers, host=host,
                port=port, log_level=log_level, access_log=False, timeout_graceful_shutdown=SHUTDOWN_GRACE_SECONDS)


def _leave_without_waiting_for_workers() -> None:
    """Exit at once if a request still runs in a worker thread (a long query): Python would wait for it."""
    workers = [t for t in threading.enumerate() if t is not threading.current_thread() and not t.daemon]
    deadline = time.monotonic() + 0.5
    for worker in workers:
        worker.join(max(0.0, deadline - time.monotonic()))
    if any(worker.is_alive() for worker in workers):
        sys.stdout.flush()
        sys.stderr.flush()
        # Writes not committed roll back, as after a kill: the store loses nothing committed.
        os._exit(0)
