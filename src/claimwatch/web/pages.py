"""The server-rendered pages: home, story, article and search, and reacting without JavaScript."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool

from ..store import SearchFilters
from . import rendering, views
from .context import Web, page_response
from .feeds import alerts_atom
from .filters import search_filters

router = APIRouter(include_in_schema=False)
# The newest alerts an Atom feed carries.
FEED_ENTRIES = 100


def _web(request: Request) -> Web:
    return request.app.state.web


def _bytes(main: Markup) -> bytes:
    """Page content as kept in the cache: encoded once, joined into every page as it is."""
    return str(main).encode()


@router.get("/", response_class=HTMLResponse)
async def home(request: Request) -> Response:
    web = _web(request)
    main = await web.cached(("home",), lambda store: _bytes(rendering.home_main(views.home_stories(store))))
    return page_response(web, request, "Stories", main)


@router.get("/stories/{story_id}", response_class=HTMLResponse)
async def story(request: Request, story_id: str) -> Response:
    web = _web(request)
    live = web.store.resolve_story(story_id)
    if live is not None and live != story_id:
        return RedirectResponse(f"/stories/{quote(live, safe='')}", status_code=301)

    def build(store):
        view = views.story_page(store, story_id)
        return view.story.title or "Untitled story", _bytes(rendering.story_main(view))

    title, main = await web.cached(("story", story_id), build)
    return page_response(web, request, title, main, target=("story", story_id))


@router.get("/stories/{story_id}/claims/{proposition_id}", response_class=HTMLResponse)
async def claim(request: Request, story_id: str, proposition_id: str) -> Response:
    web = _web(request)

    def build(store):
        title, main = rendering.claim_main(views.story_page(store, story_id), proposition_id)
        return title, _bytes(main)

    title, main = await web.cached(("claim", story_id, proposition_id), build)
    return page_response(web, request, title, main)


# An article id may hold "/" (ids come from feeds and files): links quote it, the route takes the rest.
@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
async def article(request: Request, article_id: str) -> Response:
    web = _web(request)

    def build(store):
        view = views.article_page(store, article_id)
        return view.article.title or "Untitled article", _bytes(rendering.article_main(view))

    title, main = await web.cached(("article", article_id), build)
    return page_response(web, request, title, main, target=("article", article_id))


@router.get("/search", response_class=HTMLResponse)
async def search(request: Request, filters: SearchFilters = Depends(search_filters)) -> Response:
    web = _web(request)
    if not filters.asks_anything():
        return page_response(web, request, "Search", _bytes(rendering.search_main(filters, None)))
    main = await web.cached(("search", filters),
                            lambda store: _bytes(rendering.search_main(filters, views.search(store, filters))))
    return page_response(web, request, "Search", main)


@router.get("/alerts.atom")
async def alerts_feed(request: Request, watch: str | None = None) -> Response:
    web = _web(request)
    found = await run_in_threadpool(lambda: web.store.latest_alerts(FEED_ENTRIES, watch=watch))
    base = str(request.base_url).rstrip("/")
    return Response(alerts_atom(found, base, watch),
                    media_type="application/atom+xml; charset=utf-8")


async def _react_from_form(request: Request, kind: str, target_id: str, reaction: str, csrf: str) -> Response:
    web = _web(request)
    await run_in_threadpool(web.react, request, kind, target_id, reaction or None, csrf)
    return RedirectResponse(f"/{views.REACTION_KINDS[kind]}/{quote(target_id, safe='')}#reactions", status_code=303)


@router.post("/articles/{article_id:path}/reactions")
async def react_to_article(request: Request, article_id: str, reaction: str = Form(""),
                           csrf: str = Form("")) -> Response:
    return await _react_from_form(request, "article", article_id, reaction, csrf)


@router.post("/stories/{story_id}/reactions")
async def react_to_story(request: Request, story_id: str, reaction: str = Form(""),
                         csrf: str = Form("")) -> Response:
    return await _react_from_form(request, "story", story_id, reaction, csrf)
