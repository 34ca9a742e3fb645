"""The JSON API under /api/v1: everything the pages show, reactions, and ingest with a token."""

from __future__ import annotations

import hmac
import json
from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, Depends, Header, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from pydantic import BaseModel, Field, ValidationError
from starlette.concurrency import run_in_threadpool

from ..store import SearchFilters
from ..vocabulary import REACTIONS
from . import views
from .context import Web
from .filters import checked_day, search_filters
from .ingesting import ArticleIn, ingest_posted

router = APIRouter(prefix="/api/v1")
JSON = "application/json"
# Stories in one answer: all 1,700 stories of 10,000 articles make 54 MB.
MAX_STORIES = 500


class ReactionIn(BaseModel):
    """A reader's reaction: one of the reactions, or null to withdraw it."""

    reaction: str | None = Field(description=f"One of {', '.join(REACTIONS)}, or null to withdraw.")


def _web(request: Request) -> Web:
    return request.app.state.web


def _dumps(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, default=str).encode()


def _with_reactions(body: bytes, reactions: dict[str, Any]) -> Response:
    """A cached JSON object with the reactions read now put in front of its fields."""
    return Response(b'{"reactions": ' + _dumps(reactions) + b", " + body[1:], media_type=JSON)


def _reaction_routes(kind: str) -> None:
    path = f"/{views.REACTION_KINDS[kind]}/{{target_id:path}}/reactions"

    async def read(request: Request, target_id: str) -> Response:
        web = _web(request)
        reader, new = web.reader_of(request)
        state = views.reactions(web.store, kind, target_id, reader)
        response = Response(_dumps({**state, "csrf": web.readers.csrf_token(reader)}), media_type=JSON)
        if new:
            web.remember(response, reader)
        return response

    async def react(request: Request, target_id: str, body: ReactionIn,
                    x_csrf_token: str | None = Header(None)) -> Response:
        web = _web(request)
        state = await run_in_threadpool(web.react, request, kind, target_id, body.reaction, x_csrf_token)
        return Response(_dumps(state), media_type=JSON)

    router.add_api_route(path, read, methods=["GET"],
                         summary=f"Reaction counts of a{'n' if kind == 'article' else ''} {kind}, the reader's "
                                 "own, and the CSRF token to react with (sets the reader cookie)")
    router.add_api_route(path, react, methods=["POST"],
                         summary=f"Give, change or withdraw the reader's reaction to the {kind} "
                                 "(reader cookie and X-CSRF-Token header required)")


# Before the article routes: an article id may hold "/", so /articles/{id:path} would take these too.
for _kind in views.REACTION_KINDS:
    _reaction_routes(_kind)


@router.get("/stories", summary="Stories with their propositions, as `claimwatch stories --format json`")
async def list_stories(request: Request, limit: int = Query(
        50, ge=1, description=f"The most recently active stories, at most this many (the CLI's --limit; "
                              f"{MAX_STORIES} at most).")) -> Response:
    if limit > MAX_STORIES:
        raise HTTPException(400, f"limit={limit}: the API gives at most {MAX_STORIES} stories at a time; "
                                 "ask for fewer (`claimwatch stories` lists them all)")
    body = await _web(request).cached(("api-stories", limit),
                                      lambda store: _dumps(views.stories_json(store, limit=limit)))
    return Response(body, media_type=JSON)


@router.get("/stories/{story_id}", summary="A story: propositions with timelines, sources, figures, actors")
async def get_story(request: Request, story_id: str) -> Response:
    web = _web(request)
    body = await web.cached(("api-story", story_id), lambda store: _dumps(views.story_page(store, story_id).to_dict()))
    reader = web.known_reader(request)
    return _with_reactions(body, views.reactions(web.store, "story", story_id, reader))


@router.get("/propositions/{proposition_id}", summary="A proposition's timeline across stories")
async def get_proposition(request: Request, proposition_id: str,
                          at: str | None = Query(None, description="Status as of this day (YYYY-MM-DD).")) -> Response:
    day = checked_day("at", at)
    body = await _web(request).cached(
        ("api-proposition", proposition_id, day),
        lambda store: _dumps(views.proposition(store, proposition_id, at=day).to_dict()))
    return Response(body, media_type=JSON)


@router.get("/articles", summary="Articles matching words and filters: {\"articles\": [...]}")
async def list_articles(request: Request, filters: SearchFilters = Depends(search_filters)) -> Response:
    body = await _web(request).cached(
        ("api-articles", filters),
        lambda store: _dumps({"articles": [asdict(a) for a in views.article_list(store, filters)]}))
    return Response(body, media_type=JSON)


@router.get("/articles/{article_id:path}", summary="An article with its analysis, story and statement placements")
async def get_article(request: Request, article_id: str) -> Response:
    web = _web(request)
    body = await web.cached(("api-article", article_id),
                            lambda store: _dumps(views.article_page(store, article_id).to_dict()))
    reader = web.known_reader(request)
    return _with_reactions(body, views.reactions(web.store, "article", article_id, reader))


@router.get("/search", summary="Articles and statements matching words and filters")
async def search(request: Request, filters: SearchFilters = Depends(search_filters)) -> Response:
    def build(store) -> bytes:
        found = views.search(store, filters)
        return _dumps({"articles": [asdict(views.ArticleSummary.of_hit(h)) for h in found["articles"]],
                       "statements": [h.to_dict() for h in found["statements"]]})

    return Response(await _web(request).cached(("api-search", filters), build), media_type=JSON)


def _token_matches(authorization: str | None, token: str) -> bool:
    """Whether the header is exactly `Bearer <token>` (the scheme in any case), compared in constant time."""
    scheme, _, given = (authorization or "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), token.encode())


def _posted_article(body: bytes) -> ArticleIn:
    """The article in a POSTed body; 422 naming what is wrong with it."""
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise HTTPException(422, f"body: not a JSON object ({exc}); send the article as JSON") from None
    if not isinstance(data, dict):
        raise HTTPException(422, "body: not a JSON object; send the article as {\"text\": ..., \"title\": ...} "
                                 "or {\"url\": ...}")
    try:
        return ArticleIn.model_validate(data)
    except ValidationError as exc:
        raise RequestValidationError([{**e, "loc": ("body", *e["loc"])} for e in exc.errors()]) from None


@router.post("/articles", status_code=201,
             summary="Ingest an article (its text, or a URL to fetch); needs the API token",
             openapi_extra={"requestBody": {"required": True, "content": {
                 JSON: {"schema": ArticleIn.model_json_schema()}}}})
async def post_article(request: Request, authorization: str | None = Header(None)) -> Response:
    web = _web(request)
    token = web.settings.api_token
    # The token is checked before the body is read: nobody without it gets to send one.
    if not token:
        raise HTTPException(403, "ingest over the API is off; start `claimwatch serve` with --api-token")
    if not _token_matches(authorization, token):
        raise HTTPException(401, "wrong or missing API token; send it as 'Authorization: Bearer TOKEN'",
                            headers={"WWW-Authenticate": "Bearer"})
    article = _posted_article(await request.body())
    outcomes = await run_in_threadpool(ingest_posted, web, article)
    status = 201 if any(o["outcome"] == "added" for o in outcomes) else \
        422 if all(o["outcome"] == "failed" for o in outcomes) else 200
    return Response(_dumps({"outcomes": outcomes}), media_type=JSON, status_code=status)
