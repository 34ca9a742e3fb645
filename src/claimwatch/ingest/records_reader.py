"""Articles from JSON and JSONL in the corpus format (unknown fields kept)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..errors import ExtractionError, SourceError
from .draft import Draft

__all__ = ["read_jsonl", "read_json"]

_KNOWN = {"id", "url", "outlet", "published", "title", "text", "authors", "author", "site_name"}


def _draft(record: Any, name: str, source: str) -> Draft | ExtractionError:
    if not isinstance(record, dict):
        return ExtractionError(f"{name}: expected a JSON object with a 'text' field, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return ExtractionError(f"{name}: record has no 'text'; every article needs its text")
    authors = record.get("authors", record.get("author")) or []
    if isinstance(authors, str):
        authors = [authors]
    record_id = record.get("id")
    return Draft(
        text=text,
        input=name,
        source=source,
        title=record.get("title") if isinstance(record.get("title"), str) else None,
        url=record.get("url") if isinstance(record.get("url"), str) else None,
        outlet=record.get("outlet") if isinstance(record.get("outlet"), str) else None,
        published=record.get("published"),
        authors=[str(a) for a in authors if a],
        site_name=record.get("site_name") if isinstance(record.get("site_name"), str) else None,
        id=str(record_id) if record_id not in (None, "") else None,
        extra={k: v for k, v in record.items() if k not in _KNOWN},
    )


def read_jsonl(lines: Iterator[str], name: str) -> Iterator[Draft | SourceError | ExtractionError]:
    """One draft per line; a bad line is reported with its number and skipped; no lines at all is an error."""
    non_blank = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        non_blank += 1
        where = f"{name}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield SourceError(f"{where}: invalid JSON ({exc.msg} at column {exc.colno}); fix or remove the line")
            continue
        except RecursionError:
            # json gives up on nesting deeper than the interpreter's recursion limit; the next lines are fine.
            yield SourceError(f"{where}: JSON nested too deeply to read; fix or remove the line")
            continue
        yield _draft(record, where, name)
    if not non_blank:
        yield SourceError(f"{name}: no JSON lines, so it holds no articles; give one JSON object per line")


def read_json(text: str, name: str) -> Iterator[Draft | SourceError | ExtractionError]:
    """Drafts from a JSON document: one record, a list of them, or {"articles": [...]}."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        # A .json file that is really JSON Lines is common enough to accept.
        if exc.msg == "Extra data":
            yield from read_jsonl(iter(text.splitlines()), name)
            return
        yield SourceError(f"{name}: invalid JSON ({exc.msg} at line {exc.lineno}); fix the file")
        return
    except RecursionError:
        yield SourceError(f"{name}: JSON nested too deeply to read; fix the file")
        return
    if isinstance(data, dict) and isinstance(data.get("articles"), list):
        data = data["articles"]
    records = data if isinstance(data, list) else [data]
    for index, record in enumerate(records):
        yield _draft(record, f"{name}[{index}]" if isinstance(data, list) else name, name)
