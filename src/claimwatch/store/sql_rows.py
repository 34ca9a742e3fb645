"""Rows of the SQL stores read back as records, the time stamps written with them, and id lists cut to size."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence

from ..clock import now
from ..records import Article

__all__ = ["ARTICLE_COLUMNS", "article_from_row", "chunks", "now"]

# Ids bound in one IN (…) list, each at most twice: far below SQLite's limit on a statement's parameters.
IDS_A_QUERY = 500

ARTICLE_COLUMNS = (
    "id, url, outlet, published, title, text, authors, site_name, language, "
    "source, text_hash, duplicate_of, extra, ingested_at"
)


def article_from_row(row: sqlite3.Row) -> Article:
    """An Article from a row holding ARTICLE_COLUMNS."""
    return Article(
        id=row["id"],
        url=row["url"],
        outlet=row["outlet"],
        published=row["published"],
        title=row["title"],
        text=row["text"],
        authors=json.loads(row["authors"]),
        site_name=row["site_name"],
        language=row["language"],
        source=row["source"],
        text_hash=row["text_hash"],
        duplicate_of=row["duplicate_of"],
        extra=json.loads(row["extra"]),
        ingested_at=row["ingested_at"],
    )


def chunks(ids: Sequence[str], size: int = IDS_A_QUERY) -> Iterator[Sequence[str]]:
    """The ids in runs of at most size, each run bound in one query."""
    for start in range(0, len(ids), size):
        yield ids[start:start + size]
