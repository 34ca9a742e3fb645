"""Articles POSTed to the API: their text, or a URL to fetch, through the same flow as `claimwatch ingest`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, Field, field_validator

from ..errors import ClaimwatchError, ExtractionError
from ..ingest import Fetcher, Ingester, Input, read_input, read_json
from ..net import is_http_url
from ..settings import WEB_INGEST_BATCH_SIZE
from .context import Web

__all__ = ["ArticleIn", "ingest_posted"]

_WHERE = "POST /api/v1/articles"


class ArticleIn(BaseModel):
    """An article in the corpus format, or only a URL for claimwatch to fetch and extract."""

    url: str | None = Field(None, max_length=4000, description="The article's address; fetched when no text is given.")
    text: str | None = Field(None, max_length=5_000_000)
    title: str | None = Field(None, max_length=2000)
    outlet: str | None = Field(None, max_length=200)
    published: str | None = Field(None, max_length=40, description="YYYY-MM-DD, YYYY-MM, or any date form.")
    id: str | None = Field(None, max_length=200)
    authors: list[str] = Field(default_factory=list, max_length=50)

    @field_validator("*", mode="before")
    @classmethod
    def _unicode_text(cls, value: Any) -> Any:
        """Refuses text UTF-8 cannot hold: a lone surrogate (JSON's "\\ud800") is half of a character."""
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str):
                try:
                    text.encode("utf-8")
                except UnicodeEncodeError as exc:
                    raise ValueError(f"holds {text[exc.start]!r} at character {exc.start}, half of a surrogate "
                                     "pair; send whole characters (valid UTF-8)") from None
        return value


def _drafts(web: Web, article: ArticleIn) -> Iterator[Any]:
    if article.text is not None:
        yield from read_json(json.dumps(article.model_dump(exclude_none=True)), _WHERE)
    elif article.url and is_http_url(article.url):
        with Fetcher(allow_private=web.settings.allow_private) as fetcher:
            yield from read_input(Input("url", article.url), fetcher=fetcher)
    else:
        yield ExtractionError(f"{_WHERE}: give the article's text, or an http(s) url to fetch it from")


def ingest_posted(web: Web, article: ArticleIn) -> list[dict[str, Any]]:
    """Store, analyse and track what was posted; one outcome per article found (a feed URL may hold many)."""
    # Fetched and read before taking the lock: a slow server must not hold up other posts.
    drafts = list(_drafts(web, article))
    with web.ingest_lock:
        store = web.store
        try:
            flow = web.flow()
        except (LookupError, OSError) as exc:
            raise ClaimwatchError(f"{_WHERE}: the analysis pipeline cannot load ({exc})") from None
        outcomes = []
        for outcome in Ingester(store, batch_size=WEB_INGEST_BATCH_SIZE, after_batch=flow).ingest(iter(drafts)):
            outcomes.append({"outcome": outcome.kind, "id": outcome.article_id, "match_id": outcome.match_id,
                             "error": outcome.error, "note": outcome.note,
                             "story_id": store.story_of(outcome.article_id) if outcome.article_id else None})
        return outcomes
