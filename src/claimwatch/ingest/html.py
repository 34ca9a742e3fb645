"""Article text and metadata out of a web page, with trafilatura.

Page furniture (navigation, share bars, related links, reaction widgets)
is removed before extraction by class and id words, sparing the element
that holds the main text, what wraps it and whatever holds most of the
page's paragraph text; and after extraction by the headings and lines such
widgets leave behind. The words, headings and lines live in
data/boilerplate.json. A page that yields no article that way, or loses
most of its paragraph text to pruning, is read again without pruning.
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
from trafilatura.settings import Document

from ..errors import ExtractionError

__all__ = ["PageContent", "extract_page", "fragment_text", "EXTRACTION_OPTIONS"]

# The options every extraction uses; the benchmark runs trafilatura alone with the same. Tables are
# kept: some pages lay out their whole text in one, and others carry the story's figures in one.
EXTRACTION_OPTIONS = {"with_metadata": True, "include_comments": False, "include_tables": True,
                      "favor_precision": True}
# Fewer words than this is a menu or an error page, not an article.
MIN_WORDS = 12
# An element holding more than this share of the page's paragraph text is the article or wraps it,
# whatever its class says: "ad" and "paywall" also name layout wrappers and metered article bodies.
MAIN_TEXT_SHARE = 0.5
# libxml2 reads this many nested elements with huge_tree (256 without) and drops the rest of the page.
MAX_NESTING = 2048
_TOKEN_SPLIT = re.compile(r"[\s_\-]+")
# Words and numbers apart, so that labels and counts printed without spaces ("Like4Love2") still split.
_WORDS = re.compile(r"[^\W\d_]+|\d+")
_BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "br", "tr", "section", "article"}
_NOT_TEXT = {"script", "style", "noscript", "template"}
_COUNT = re.compile(r"^[\d\s.,kKmM+]*$")
# WordPress and most editors print typographic apostrophes; the data is written with plain ones.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'"})


@dataclass(slots=True)
class PageContent:
    """What a page holds: main text and the metadata found beside it."""

    text: str
    title: str | None
    published: str | None
    authors: list[str]
    site_name: str | None
    url: str | None


@dataclass(frozen=True, slots=True)
class _Boilerplate:
    class_tokens: frozenset[str]
    headings: tuple[tuple[str, ...], ...]
    closing_phrases: tuple[tuple[str, ...], ...]
    lines: frozenset[str]
    widget_words: frozenset[str]


@cache
def _boilerplate() -> _Boilerplate:
    raw = resources.files("claimwatch.ingest").joinpath("data/boilerplate.json").read_text("utf-8")
    data = json.loads(raw)
    lines = frozenset(_line_key(line) for line in data["lines"])
    return _Boilerplate(
        class_tokens=frozenset(data["class_tokens"]),
        headings=tuple(tuple(_WORDS.findall(_line_key(h))) for h in data["headings"]),
        closing_phrases=tuple(tuple(_WORDS.findall(_line_key(p))) for p in data["closing_phrases"]),
        lines=lines,
        widget_words=frozenset(line for line in lines if " " not in line),
    )


def _html_parser() -> lxml.html.HTMLParser:
    # One per document, as lxml parsers are not to be shared between threads. Comments go at parse
    # time: an empty <!-- --> inside a paragraph splits its text, and trafilatura then drops the
    # paragraph. huge_tree lifts libxml2's nesting limit from 256 to MAX_NESTING.
    return lxml.html.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=True, collect_ids=False)


def _parse(html: str, name: str) -> lxml.html.HtmlElement:
    parser = _html_parser()
    try:
        tree = lxml.html.fromstring(html, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise ExtractionError(f"{name}: not parseable as HTML ({exc}); check that it is a web page") from exc
    if any(entry.type_name == "ERR_RESOURCE_LIMIT" and "depth" in entry.message for entry in parser.error_log):
        raise ExtractionError(f"{name}: HTML nested more than {MAX_NESTING:,} elements deep, and the parser "
                              "stops there; flatten the page's markup or save its text as .txt and ingest that")
    return tree


def _text_holders(tree: lxml.html.HtmlElement) -> tuple[set[etree._Element], int]:
    """What pruning must spare (the main text's container and its wrappers); the page's paragraph characters."""
    # One pass from the leaves up, so that deeply nested pages cost no more than flat ones.
    subtree_chars: dict[etree._Element, int] = {}
    main, main_chars = None, 0
    for element in reversed(list(tree.iter(etree.Element))):
        if element.tag in _NOT_TEXT:
            continue
        if element.tag == "p":
            chars = subtree_chars[element] = len(element.text_content().strip())
        else:
            # The container's own text: its paragraphs and the loose text between its children.
            own = len((element.text or "").strip()) + sum(
                len((child.tail or "").strip()) + (subtree_chars.get(child, 0) if child.tag == "p" else 0)
                for child in element)
            if own > main_chars:
                main, main_chars = element, own
            chars = subtree_chars.setdefault(element, 0)
        parent = element.getparent()
        if chars and parent is not None:
            subtree_chars[parent] = subtree_chars.get(parent, 0) + chars
    most = MAIN_TEXT_SHARE * subtree_chars.get(tree, 0)
    holders = {element for element, chars in subtree_chars.items() if chars > most}
    if main is not None:
        holders.update(main.iterancestors(), [main])
    return holders, subtree_chars.get(tree, 0)


def _prune_furniture(tree: lxml.html.HtmlElement) -> float:
    """Drop the elements named like furniture; the share of the page's paragraph text they held."""
    class_tokens = _boilerplate().class_tokens
    holders, paragraph_chars = _text_holders(tree)
    doomed = []
    for element in tree.iter(etree.Element):
        if element.tag in ("html", "body", "article", "main") or element in holders:
            continue
        names = f"{element.get('class', '')} {element.get('id', '')}".lower()
        if names.strip() and not class_tokens.isdisjoint(_TOKEN_SPLIT.split(names)):
            doomed.append(element)
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()
    if not paragraph_chars:
        return 0.0
    return 1 - sum(len(p.text_content().strip()) for p in tree.iter("p")) / paragraph_chars


def _line_key(line: str) -> str:
    return line.translate(_APOSTROPHES).strip().strip("#*:.!?|-–— ").casefold()


def _only_widget_words(words: list[str] | tuple[str, ...], widget_words: frozenset[str]) -> bool:
    return all(word in widget_words or word.isdigit() for word in words)


def _starts_with(words: list[str], phrase: tuple[str, ...]) -> bool:
    return tuple(words[:len(phrase)]) == phrase


def _is_heading(words: list[str], boilerplate: _Boilerplate) -> bool:
    # A widget heading alone, or followed by the widget's own labels and counts on the same line
    # ("What's your reaction? Like 3 Love 1", "Comments (4)").
    return any(_starts_with(words, phrase) for phrase in boilerplate.closing_phrases) or any(
        _starts_with(words, heading) and _only_widget_words(words[len(heading):], boilerplate.widget_words)
        for heading in boilerplate.headings)


def _strip_widget_lines(text: str) -> str:
    boilerplate = _boilerplate()
    kept: list[str] = []
    for line in text.splitlines():
        key = _line_key(line)
        words = _WORDS.findall(key)
        if words and _is_heading(words, boilerplate):
            if kept:
                break
            continue
        if key in boilerplate.lines or (kept and key and _COUNT.match(key) and len(key) < 8):
            continue
        if (words and _only_widget_words(words, boilerplate.widget_words)
                and not boilerplate.widget_words.isdisjoint(words)):
            continue  # a row of reaction or share labels with their counts
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


def _extract(tree: lxml.html.HtmlElement, url: str | None, options: dict) -> tuple[Document | None, str]:
    document = trafilatura.bare_extraction(tree, url=url, **options)
    text = _strip_widget_lines(document.text or "") if document else ""
    return document, _without_headline(text, document.title if document else None)


def extract_page(html: str, name: str, url: str | None = None) -> PageContent:
    """Main text, title, date, authors, site name and URL of an HTML page."""
    tree = _parse(html, name)
    pruned_share = _prune_furniture(tree)
    document, text = _extract(tree, url, EXTRACTION_OPTIONS)
    words = len(text.split())
    if words < MIN_WORDS or pruned_share > MAIN_TEXT_SHARE:
        # Pruning may have taken the article or most of it (a body in parts named like furniture):
        # read the page afresh, since extraction changes the tree, and let trafilatura alone judge.
        second_document, second_text = _extract(_parse(html, name), url, EXTRACTION_OPTIONS)
        if words < MIN_WORDS or len(second_text.split()) >= 2 * words:
            document, text = second_document, second_text
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
        root = lxml.html.fragment_fromstring(fragment, create_parent="div", parser=_html_parser())
    except (etree.ParserError, ValueError):
        return fragment.strip()
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    for element in root.iter(etree.Element):
        if element.tag in _BLOCKS:
            element.tail = f"\n\n{element.tail or ''}"
    lines = (re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in root.text_content().split("\n\n"))
    return "\n\n".join(line for line in lines if line)
