"""What the user names as sources (paths, folders, URLs, "-") turned into drafts."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..errors import ClaimwatchError, SourceError
from ..net import is_http_url
from .decoding import decode_bytes, looks_binary
from .draft import Draft
from .feeds import looks_like_feed, read_feed
from .fetch import FetchedDocument, Fetcher
from .html import extract_page
from .records_reader import read_json, read_jsonl

__all__ = ["Input", "SUFFIX_KINDS", "plan_inputs", "read_fetched", "read_input"]

# What a file holds, by its name's ending; other files are sniffed or skipped.
SUFFIX_KINDS = {
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".txt": "text", ".text": "text",
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".xml": "feed", ".rss": "feed", ".atom": "feed", ".rdf": "feed",
}


@dataclass(frozen=True, slots=True)
class Input:
    """One thing to read: a file, a URL, or standard input."""

    kind: str  # "file" | "url" | "stdin"
    location: str


def _files_in(folder: Path) -> list[Path]:
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(Path(root) / f for f in sorted(files)
                     if not f.startswith(".") and Path(f).suffix.lower() in SUFFIX_KINDS)
    return found


def plan_inputs(specs: list[str]) -> tuple[list[Input], list[SourceError]]:
    """Expand the user's sources into inputs; folders are walked recursively."""
    inputs: list[Input] = []
    problems: list[SourceError] = []
    for spec in specs:
        if spec == "-":
            inputs.append(Input("stdin", "-"))
        elif is_http_url(spec):
            inputs.append(Input("url", spec))
        elif (path := Path(spec)).is_dir():
            files = _files_in(path)
            if not files:
                problems.append(SourceError(
                    f"{spec}: nothing to ingest (no .html, .txt, .json, .jsonl or feed files); check the folder"))
            inputs.extend(Input("file", str(f)) for f in files)
        elif path.is_file():
            inputs.append(Input("file", spec))
        elif path.exists():
            problems.append(SourceError(f"{spec}: not a regular file or folder; give a file, folder or URL"))
        else:
            problems.append(SourceError(f"{spec}: no such file or folder; check the path"))
    return inputs, problems


def read_input(item: Input, *, fetcher: Fetcher | None = None, follow: bool = False,
               stdin: BinaryIO | None = None) -> Iterator[Draft | ClaimwatchError]:
    """The drafts (and per-item errors) one input yields; never raises ClaimwatchError."""
    try:
        if item.kind == "stdin":
            stream = stdin or sys.stdin.buffer
            yield from read_jsonl(io.TextIOWrapper(stream, encoding="utf-8", errors="replace"), "<stdin>")
        elif item.kind == "url":
            yield from _read_url(item.location, fetcher, follow)
        else:
            yield from _read_file(Path(item.location), fetcher, follow)
    except ClaimwatchError as exc:
        yield exc
    except OSError as exc:
        yield SourceError(f"{item.location}: cannot read ({exc.strerror or exc}); check permissions")
    except Exception as exc:  # noqa: BLE001  a parser's surprise must not stop the other inputs
        yield SourceError(f"{item.location}: could not be read ({type(exc).__name__}: {exc}); "
                          "please report this with the input")


def _read_file(path: Path, fetcher: Fetcher | None, follow: bool) -> Iterator[Draft | ClaimwatchError]:
    name = str(path)
    kind = SUFFIX_KINDS.get(path.suffix.lower())
    if kind == "jsonl":
        with path.open("rb") as handle:
            if looks_binary(handle.read(8192)):
                raise SourceError(f"{name}: binary data, not JSON Lines; leave it out")
            handle.seek(0)
            lines = (raw.decode("utf-8", errors="replace") for raw in handle)
            yield from read_jsonl(lines, name)
        return
    data = path.read_bytes()
    if not data.strip():
        raise SourceError(f"{name}: the file is empty, so it holds no articles; leave it out")
    yield from _read_document(data, name, kind, source=name, fetcher=fetcher, follow=follow)


def _read_url(url: str, fetcher: Fetcher | None, follow: bool) -> Iterator[Draft | ClaimwatchError]:
    if fetcher is None:
        raise SourceError(f"{url}: URLs cannot be fetched here; download it and ingest the file")
    yield from read_fetched(fetcher.fetch(url), url, fetcher=fetcher, follow=follow)


def read_fetched(page: FetchedDocument, name: str, *, fetcher: Fetcher | None = None,
                 follow: bool = False) -> Iterator[Draft | ClaimwatchError]:
    """The drafts in a fetched page or feed, read by its declared type and its content."""
    kind = None
    if page.content_type in ("application/json", "application/feed+json"):
        kind = "json"
    elif page.content_type in ("application/x-ndjson", "application/jsonl"):
        kind = "jsonl"
    elif page.content_type == "text/plain":
        kind = "text"
    yield from _read_document(page.content, name, kind, source=name, fetcher=fetcher, follow=follow,
                              charset=page.charset, final_url=page.url)


def _sniff(data: bytes) -> str | None:
    head = data[:2048].lstrip().lower()
    if looks_like_feed(head):
        return "feed"
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head or b"<p>" in head:
        return "html"
    if head.startswith((b"{", b"[")):
        return "json"
    return None


def _read_document(data: bytes, name: str, kind: str | None, *, source: str, fetcher: Fetcher | None,
                   follow: bool, charset: str | None = None,
                   final_url: str | None = None) -> Iterator[Draft | ClaimwatchError]:
    if looks_binary(data):
        raise SourceError(f"{name}: binary data, not a text, HTML, JSON or feed document; leave it out")
    sniffed = _sniff(data)
    # The content decides over the name: a feed saved as .html is a feed, a page saved as .xml a page.
    if sniffed == "feed" or (kind == "feed" and sniffed != "html"):
        yield from read_feed(data, name, fetcher=fetcher, follow=follow)
        return
    kind = sniffed if kind in (None, "feed") else kind
    if kind is None:
        raise SourceError(f"{name}: not HTML, text, JSON or a feed; give it a .html, .txt, .json or .xml name")
    text = decode_bytes(data, name, charset)
    if kind == "json":
        yield from read_json(text, name)
    elif kind == "jsonl":
        yield from read_jsonl(iter(text.splitlines()), name)
    elif kind == "text":
        title, _, body = text.strip().partition("\n")
        if not body.strip():
            raise SourceError(f"{name}: only one line; a text file needs a title line and then the article")
        yield Draft(text=body.strip(), input=name, source=source, title=title.strip(), url=final_url)
    else:
        page = extract_page(text, name, final_url)
        yield Draft(text=page.text, input=name, source=source, title=page.title,
                    url=page.url or final_url, published=page.published, authors=page.authors,
                    site_name=page.site_name)
