"""HTML from the records in views.py: Jinja2 templates with autoescaping, and the filters they use."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from ..records import REACTIONS
from ..store import SearchFilters, SearchHit
from ..store.web_base import MATCH_END, MATCH_START
from .charts import figures_svg, network_svg, timeline_svg
from .filters import STANCES
from .highlight import annotated_text
from .views import REACTION_KINDS, ArticlePage, StoryPage, StorySummary

__all__ = ["STATIC_DIR", "asset_version", "page", "home_main", "story_main", "article_main", "search_main", "error_main",
           "safe_url"]

STATIC_DIR = Path(__file__).parent / "static"
# Reactions as the buttons show them.
REACTION_LABELS = {reaction: reaction.capitalize() for reaction in REACTIONS}
STORY_PROPOSITIONS_SHOWN = 12


def safe_url(url: str | None) -> str | None:
    """The URL if it is http(s) with a host, else None: article URLs are untrusted."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def _path_id(value: str) -> str:
    return quote(value, safe="")


def _marked_snippet(hit: SearchHit) -> Markup:
    escaped = str(Markup.escape(hit.snippet))
    return Markup(escaped.replace(MATCH_START, "<mark>").replace(MATCH_END, "</mark>"))


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


@cache
def asset_version() -> str:
    """A hash of the static files, so browsers fetch them again when they change."""
    digest = hashlib.sha256()
    for path in sorted(STATIC_DIR.iterdir()):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


@cache
def _environment() -> Environment:
    environment = Environment(loader=PackageLoader("claimwatch.web", "templates"),
                              autoescape=select_autoescape(default=True, default_for_string=True),
                              trim_blocks=True, lstrip_blocks=True)
    environment.filters.update(safe_url=safe_url, path_id=_path_id, plural=_plural, snippet=_marked_snippet)
    environment.globals.update(reactions_order=REACTIONS, reaction_labels=REACTION_LABELS, reaction_paths=REACTION_KINDS,
                               asset_version=asset_version())
    return environment


def _render(template: str, **context: Any) -> Markup:
    return Markup(_environment().get_template(template).render(**context))


def page(title: str, main: Markup, *, q: str = "", reactions: dict[str, Any] | None = None,
         target: tuple[str, str] | None = None, csrf: str | None = None, status: str | None = None) -> str:
    """A whole page: the site's frame around main, with the target's reactions when given."""
    return _render("base.html", title=title, main=main, q=q, reactions=reactions, target=target, csrf=csrf,
                   status=status)


def home_main(stories: list[StorySummary]) -> Markup:
    """The home page's list of stories."""
    return _render("home.html", stories=stories)


def story_main(view: StoryPage) -> Markup:
    """The story page without its reactions: timelines, evidence, figures, sources, actors."""
    propositions = view.story.propositions
    shown = [p for p in propositions if len(p.statements) >= 2][:STORY_PROPOSITIONS_SHOWN] or propositions[:1]
    shown_ids = {p.id for p in shown}
    return _render(
        "story.html", view=view, story=view.story, shown=shown,
        others=[p for p in propositions if p.id not in shown_ids],
        timelines={p.id: Markup(timeline_svg(p)) for p in shown},
        figures_chart=Markup(figures_svg(view.figures)), network_chart=Markup(network_svg(view.network)),
        titles={a.id: a for a in view.articles},
    )


def article_main(view: ArticlePage) -> Markup:
    """The article page without its reactions: the text with its analysis marked."""
    analysis = view.analysis or {}
    return _render("article.html", view=view, article=view.article, analysis=analysis,
                   text=annotated_text(view.article.text, view.analysis, view.placements))


def search_main(filters: SearchFilters, results: dict[str, Any] | None) -> Markup:
    """The search form with its filters, and what it found."""
    return _render("search.html", filters=filters, results=results, stances=STANCES)


def error_main(heading: str, message: str) -> Markup:
    """An error page's content."""
    return _render("error.html", heading=heading, message=message)
