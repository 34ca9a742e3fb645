"""HTML from the records in views.py: Jinja2 templates with autoescaping, and the filters they use."""

from __future__ import annotations

import hashlib
import re
from functools import cache, lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from ..errors import NotFoundError
from ..store import MATCH_END, MATCH_START, SearchFilters, SearchHit
from ..vocabulary import REACTIONS, STANCES
from .charts import figures_svg, network_svg, timeline_svg
from .highlight import annotated_text
from .views import REACTION_KINDS, ArticlePage, StoryPage, StorySummary

__all__ = ["STATIC_DIR", "asset_version", "page", "page_bytes", "reactions_html", "home_main", "story_main",
           "claim_main", "article_main", "search_main", "error_main", "safe_url"]

STATIC_DIR = Path(__file__).parent / "static"
# Reactions as the buttons show them.
REACTION_LABELS = {reaction: reaction.capitalize() for reaction in REACTIONS}
# Claims shown in full on a story page, most stated first; the others are listed below them.
STORY_PROPOSITIONS_SHOWN = 4
# C0 and C1 control characters, DEL, and the two non-characters XML refuses: never left raw in a link.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ufffe\uffff]")


def safe_url(url: str | None) -> str | None:
    """The URL if it is http(s) with a host, else None (article URLs are untrusted); control characters escaped."""
    if not url or any(0xD800 <= ord(char) <= 0xDFFF for char in url):
        return None
    url = _CONTROL.sub(lambda match: quote(match[0], safe=""), url.strip())
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


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
    environment.globals.update(asset_version=asset_version())
    return environment


def _render(template: str, **context: Any) -> Markup:
    return Markup(_environment().get_template(template).render(**context))


# Where a page's main content goes: the frame is rendered around this marker once per title and
# query, then joined with the (cached, encoded) content and the reactions as bytes, so that a
# story page of hundreds of KiB is never copied through the template engine.
_MAIN = "\x00main\x00"
_QUERY_SHOWN = 500


@lru_cache(maxsize=4096)
def _frame(title: str, q: str, status: str | None) -> tuple[bytes, bytes]:
    frame = str(_render("base.html", title=title, main=Markup(_MAIN), q=q, status=status))
    # The last marker is the template's own: nothing a reader wrote follows it.
    head, _, tail = frame.rpartition(_MAIN)
    return head.encode(), tail.encode()


def reactions_html(target: tuple[str, str], reactions: dict[str, Any], csrf: str) -> bytes:
    """The "What's Your Reaction?" block: each reaction's count, the reader's own, the form to change it.

    Built without the template engine: it is on every page and changes on every request.
    """
    kind, target_id = target
    section = f"{REACTION_KINDS[kind]}/{quote(target_id, safe='')}"
    mine = reactions["mine"]
    buttons = []
    for reaction in REACTIONS:
        chosen = mine == reaction
        label = REACTION_LABELS[reaction]
        buttons.append(
            f'<button type="submit" name="reaction" value="{"" if chosen else reaction}" data-reaction="{reaction}" '
            f'class="reaction reaction-{reaction}" aria-pressed="{"true" if chosen else "false"}" '
            f'title="{"Withdraw your reaction" if chosen else label}"><span class="reaction-label">{label}</span> '
            f'<span class="reaction-count" data-count="{reaction}">{reactions["counts"][reaction]}</span></button>')
    total = reactions["total"]
    yours = f"; yours: <strong data-mine>{mine}</strong> (choose it again to withdraw)" if mine else ""
    return (
        '<section class="reactions" id="reactions" aria-labelledby="reactions-heading">'
        '<h2 id="reactions-heading">What\'s Your Reaction?</h2>'
        f'<form class="reaction-form" method="post" action="/{section}/reactions" '
        f'data-api="/api/v1/{section}/reactions"><input type="hidden" name="csrf" value="{escape(csrf)}">'
        f'<div class="reaction-buttons">{"".join(buttons)}</div>'
        f'<p class="reaction-total" aria-live="polite">{total} reaction{"" if total == 1 else "s"}{yours}</p>'
        "</form></section>"
    ).encode()


def page_bytes(title: str, main: bytes, *, q: str = "", reactions: dict[str, Any] | None = None,
               target: tuple[str, str] | None = None, csrf: str | None = None, status: str | None = None) -> bytes:
    """A whole page as UTF-8: the site's frame around main, then the target's reactions when given."""
    head, tail = _frame(title, q[:_QUERY_SHOWN], status)
    block = reactions_html(target, reactions, csrf or "") if reactions is not None and target else b""
    return b"".join((head, main, block, tail))


def page(title: str, main: Markup, **options: Any) -> bytes:
    """A whole page around main (see page_bytes)."""
    return page_bytes(title, str(main).encode(), **options)


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


def claim_main(view: StoryPage, proposition_id: str) -> tuple[str, Markup]:
    """One claim of a story in full, every statement listed; NotFoundError when the story has no such claim."""
    proposition = next((p for p in view.story.propositions if p.id == proposition_id), None)
    if proposition is None:
        raise NotFoundError(f"claim {proposition_id}: not a claim of story {view.story.id}; its page lists them")
    return proposition.label, _render("claim.html", view=view, story=view.story, proposition=proposition,
                                      timeline=Markup(timeline_svg(proposition)),
                                      titles={a.id: a for a in view.articles})


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
