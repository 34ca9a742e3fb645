"""Rows of the SQL stores read back as records, and the time stamps written with them."""

from __future__ import annotations

import json
import sqlite3

from ..clock import now
from ..records import Article

__all__ = ["ARTICLE_COLUMNS", "article_from_row", "now"]

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
