"""The web application: its routers, middleware and error handlers (what requests share is in context.py)."""

from __future__ import annotations

import json
import os

from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from .. import __version__
from . import api, pages, rendering
from .context import Web, WebSettings
from .failures import install_error_handlers
from .security import ARTICLE_BODY_BYTES, FORM_BODY_BYTES, BodyLimit, SecurityHeaders

__all__ = ["WebSettings", "create_app"]


class _App(FastAPI):
    """FastAPI with SecurityHeaders outside everything, Starlette's own 500 answers included."""

    def build_middleware_stack(self) -> Any:
        return SecurityHeaders(super().build_middleware_stack())


# Where `claimwatch serve --workers N` hands each worker process its settings (as JSON).
SETTINGS_VARIABLE = "CLAIMWATCH_WEB_SETTINGS"


def create_app_from_environment() -> FastAPI:
    """The app for one of several worker processes, with the settings the serving command left in the environment."""
    return create_app(WebSettings(**json.loads(os.environ[SETTINGS_VARIABLE])))


def create_app(settings: WebSettings) -> FastAPI:
    """The app serving the store named in settings: pages at /, the JSON API under /api/v1."""
    web = Web(settings)

    @asynccontextmanager
    async def lifespan(_: FastAPI):
        yield
        # Never waits: stores still in use by a request's thread are left to the process's exit.
        web.pool.close()

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
