"""Export: everything stored, as JSONL, CSV or Parquet, for tools outside claimwatch."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, Any

from ..errors import ClaimwatchError
from ..records import Article
from ..store import ArticleStore, ReactionStore
from ..vocabulary import REACTIONS

__all__ = ["EXPORT_FORMATS", "ARTICLE_COLUMNS", "REACTION_COLUMNS", "export_articles", "export_reactions",
           "flat_article"]

EXPORT_FORMATS = ("jsonl", "csv", "parquet")
ARTICLE_COLUMNS = ("id", "url", "outlet", "published", "title", "authors", "site_name", "language",
                   "source", "text_hash", "duplicate_of", "ingested_at", "extra", "text")


def flat_article(article: Article) -> dict[str, Any]:
    """The article as one flat row: authors joined by "; ", extra fields as JSON."""
    row = article.to_dict()
    row["authors"] = "; ".join(article.authors)
    row["extra"] = json.dumps(article.extra, ensure_ascii=False, default=str)
    return {column: row[column] for column in ARTICLE_COLUMNS}


def export_articles(store: ArticleStore, fmt: str, output: IO[str] | Path) -> int:
    """Write every stored article in the format; return how many were written."""
    articles = store.articles()
    return _export(fmt, output, jsonl=lambda out: _write_jsonl(articles, out),
                   csv_=lambda out: _write_csv(articles, out), parquet=lambda path: _write_parquet(articles, path))


REACTION_COLUMNS = ("target_kind", "target_id", *REACTIONS, "total")


def export_reactions(store: ReactionStore, fmt: str, output: IO[str] | Path) -> int:
    """Write readers' reaction counts, one row per article or story reacted to; return how many rows."""
    rows = [{"target_kind": kind, "target_id": target, **counts, "total": sum(counts.values())}
            for kind, target, counts in store.reaction_totals()]
    return _export(fmt, output, jsonl=lambda out: _write_rows_jsonl(rows, out),
                   csv_=lambda out: _write_rows_csv(rows, out), parquet=lambda path: _write_rows_parquet(rows, path))


def _export(fmt: str, output: IO[str] | Path, *, jsonl: Callable[[IO[str]], int], csv_: Callable[[IO[str]], int],
            parquet: Callable[[Path], int]) -> int:
    if fmt == "jsonl":
        return _with_text_stream(output, jsonl)
    if fmt == "csv":
        return _with_text_stream(output, csv_)
    if fmt == "parquet":
        if not isinstance(output, Path):
            raise ClaimwatchError("parquet is a binary format; give a file with --output")
        return parquet(output)
    raise ClaimwatchError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")


def _write_rows_jsonl(rows: list[dict[str, Any]], out: IO[str]) -> int:
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return len(rows)


def _write_rows_csv(rows: list[dict[str, Any]], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=REACTION_COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return len(rows)


def _write_rows_parquet(rows: list[dict[str, Any]], path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(c, pa.string() if c.startswith("target") else pa.int64()) for c in REACTION_COLUMNS])
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), path)
    return len(rows)


def _with_text_stream(output: IO[str] | Path, write) -> int:
    if isinstance(output, Path):
        with output.open("w", encoding="utf-8", newline="") as out:
            return write(out)
    return write(output)


def _write_jsonl(articles: Iterable[Article], out: IO[str]) -> int:
    count = 0
    for count, article in enumerate(articles, start=1):
        out.write(json.dumps(article.to_dict(), ensure_ascii=False, default=str) + "\n")
    return count


def _write_csv(articles: Iterable[Article], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=ARTICLE_COLUMNS)
    writer.writeheader()
    count = 0
    for count, article in enumerate(articles, start=1):
        writer.writerow(flat_article(article))
    return count


def _write_parquet(articles: Iterable[Article], path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(c, pa.list_(pa.string()) if c == "authors" else pa.string()) for c in ARTICLE_COLUMNS])
    count = 0
    with pq.ParquetWriter(path, schema) as writer:
        chunk: list[dict[str, Any]] = []
        for count, article in enumerate(articles, start=1):
            row = flat_article(article)
            row["authors"] = list(article.authors)
            chunk.append(row)
            if len(chunk) == 1000:
                writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
                chunk = []
        if chunk or count == 0:
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
    return count
