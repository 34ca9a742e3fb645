"""Article text and metadata out of a web page, with trafilatura.

Page furniture (navigation, share bars, related links, reaction widgets)
is removed before extraction by class and id words, and after it by the
lines such widgets leave behind; both lists live in data/boilerplate.json.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import lxml.html
import trafilatura
from lxml import etree

from ..errors import ExtractionError

__all__ = ["PageContent", "extract_page", "fragment_text", "EXTRACTION_OPTIONS"]

# The options every extraction uses; the benchmark runs trafilatura alone with the same.
EXTRACTION_OPTIONS = {"with_metadata": True, "include_comments": False, "include_tables": False,
                      "favor_precision": True}
# Fewer words than this is a menu or an error page, not an article.
MIN_WORDS = 12
_TOKEN_SPLIT = re.compile(r"[\s_\-]+")
_BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "br", "tr", "section", "article"}
_COUNT = re.compile(r"^[\d\s.,kKmM+]*$")


@dataclass(slots=True)
class PageContent:
    """What a page holds: main text and the metadata found beside it."""

    text: str
    title: str | None
    published: str | None
    authors: list[str]
    site_name: str | None
    url: str | None


@cache
def _boilerplate() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    raw = resources.files("claimwatch.ingest").joinpath("data/boilerplate.json").read_text("utf-8")
    data = json.loads(raw)
    return frozenset(data["class_tokens"]), frozenset(data["headings"]), frozenset(data["lines"])


def _prune_furniture(tree: lxml.html.HtmlElement) -> None:
    class_tokens = _boilerplate()[0]
    doomed = []
    for element in tree.iter(etree.Element):
        if element.tag in ("html", "body", "article", "main"):
            continue
        names = f"{element.get('class', '')} {element.get('id', '')}".lower()
        if names.strip() and not class_tokens.isdisjoint(_TOKEN_SPLIT.split(names)):
            doomed.append(element)
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()


def _line_key(line: str) -> str:
    return line.strip().strip("#*:.!|-–— ").casefold()


def _strip_widget_lines(text: str) -> str:
    _, headings, widget_lines = _boilerplate()
    kept: list[str] = []
    for line in text.splitlines():
        key = _line_key(line)
        if key in headings and kept:
            break
        if key in widget_lines or (kept and key and _COUNT.match(key) and len(key) < 8):
            continue
        if key:
            kept.append(line.strip())
    # Paragraphs apart, as in the corpus format.
    return "\n\n".join(kept)


def _without_headline(text: str, title: str | None) -> str:
    # trafilatura keeps an <h1> that shares a container with the paragraphs and
    # drops it otherwise; the title has its own field, so the text never starts with it.
    first, _, rest = text.partition("\n\n")
    if title and rest and _line_key(first) == _line_key(title):
        return rest
    return text


def extract_page(html: str, name: str, url: str | None = None) -> PageContent:
    """Main text, title, date, authors, site name and URL of an HTML page."""
    try:
        tree = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError) as exc:
        raise ExtractionError(f"{name}: not parseable as HTML ({exc}); check that it is a web page") from exc
    _prune_furniture(tree)
    document = trafilatura.bare_extraction(tree, url=url, **EXTRACTION_OPTIONS)
    text = _strip_widget_lines(document.text or "") if document else ""
    text = _without_headline(text, document.title if document else None)
    if len(text.split()) < MIN_WORDS:
        raise ExtractionError(f"{name}: no article text found in the HTML; is it an index or error page?")
    authors = [a.strip() for a in re.split(r";|\band\b", document.author or "") if a.strip()]
    return PageContent(
        text=text,
        title=document.title,
        published=document.date,
        authors=authors,
        site_name=document.sitename,
        url=document.url,
    )


def fragment_text(fragment: str) -> str:
    """The readable text of an HTML fragment (a feed entry's content), paragraphs apart."""
    if "<" not in fragment:
        return fragment.strip()
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return fragment.strip()
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    for element in root.iter(etree.Element):
        if element.tag in _BLOCKS:
            element.tail = f"\n\n{element.tail or ''}"
    lines = (re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in root.text_content().split("\n\n"))
    return "\n\n".join(line for line in lines if line)
