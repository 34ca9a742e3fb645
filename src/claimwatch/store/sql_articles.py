"""Articles, their sources, near-duplicate bands and analyses in the SQL stores (SQLite, PostgreSQL)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from ..errors import StoreError
from ..records import Analysis, Article
from .articles_base import DuplicateCandidate
from .web_base import SearchHit
from .sql_rows import ARTICLE_COLUMNS, article_from_row, chunks, now
from .web_base import SearchFilters

__all__ = ["SQLArticles"]


class SQLArticles:
    """Mixed into a SQL store, which provides the connection and find_articles()."""

    _conn: Any
    # What the driver raises when a write breaks a key or constraint.
    _integrity_errors: type[Exception] | tuple[type[Exception], ...]

    def get_article(self, article_id: str) -> Article | None:
        row = self._conn.execute(
            f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return article_from_row(row) if row else None

    def get_articles(self, article_ids: Sequence[str]) -> list[Article]:
        wanted = list(dict.fromkeys(article_ids))
        found: dict[str, Article] = {}
        for chunk in chunks(wanted):
            rows = self._conn.execute(
                f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE id IN ({','.join('?' * len(chunk))})", chunk
            ).fetchall()
            found.update((article.id, article) for article in map(article_from_row, rows))
        return [found[i] for i in wanted if i in found]

    def article_id_for_hash(self, text_hash: str) -> str | None:
        row = self._conn.execute("SELECT id FROM articles WHERE text_hash = ?", (text_hash,)).fetchone()
        return row[0] if row else None

    def stored_among(self, ids: Sequence[str], text_hashes: Sequence[str]) -> tuple[set[str], set[str]]:
        ids, text_hashes = list(dict.fromkeys(ids)), list(dict.fromkeys(text_hashes))
        if not ids and not text_hashes:
            return set(), set()
        rows = self._conn.execute(
            f"SELECT id, text_hash FROM articles WHERE id IN ({','.join('?' * len(ids)) or 'NULL'}) "
            f"UNION SELECT id, text_hash FROM articles WHERE text_hash IN ({','.join('?' * len(text_hashes)) or 'NULL'})",
            [*ids, *text_hashes]).fetchall()
        wanted_ids, wanted_hashes = set(ids), set(text_hashes)
        return ({row[0] for row in rows if row[0] in wanted_ids}, {row[1] for row in rows if row[1] in wanted_hashes})

    def insert_article(self, article: Article, minhash: bytes, band_keys: Sequence[int],
                       day: int | None = None) -> None:
        article.ingested_at = article.ingested_at or now()
        try:
            self._conn.execute(
                f"INSERT INTO articles ({ARTICLE_COLUMNS}, minhash) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    article.id, article.url, article.outlet, article.published, article.title,
                    article.text, json.dumps(article.authors, ensure_ascii=False), article.site_name,
                    article.language, article.source, article.text_hash, article.duplicate_of,
                    json.dumps(article.extra, ensure_ascii=False, default=str), article.ingested_at,
                    minhash,
                ),
            )
        except self._integrity_errors as exc:
            raise StoreError(f"article {article.id} from {article.source}: cannot store it ({exc})") from exc
        if band_keys:
            # One statement for all the bands: PostgreSQL would otherwise take each row as a statement of its own.
            self._conn.execute(
                "INSERT INTO near_duplicate_bands (band_key, day, article_id) VALUES "
                + ", ".join(["(?, ?, ?)"] * len(band_keys)),
                [value for key in band_keys for value in (key, day, article.id)],
            )

    def record_source(self, article_id: str, source: str, url: str | None, outlet: str | None) -> None:
        self._conn.execute(
            "INSERT INTO article_sources (article_id, source, url, outlet, seen_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (article_id, source, url or "", outlet, now()),
        )

    def near_duplicate_candidates(self, band_keys: Sequence[int], days: tuple[int, int] | None = None,
                                  limit: int = 32) -> list[DuplicateCandidate]:
        if not band_keys:
            return []
        marks = ",".join("?" * len(band_keys))
        # Each branch is a range scan of the (band_key, day) index: the cost
        # follows how many articles appeared in the window, not the store's size.
        if days is None:
            matches = f"SELECT article_id FROM near_duplicate_bands WHERE band_key IN ({marks})"
            params: list[object] = list(band_keys)
        else:
            matches = (f"SELECT article_id FROM near_duplicate_bands WHERE band_key IN ({marks}) "
                       "AND day BETWEEN ? AND ? UNION ALL "
                       f"SELECT article_id FROM near_duplicate_bands WHERE band_key IN ({marks}) AND day IS NULL")
            params = [*band_keys, days[0], days[1], *band_keys]
        # Most shared bands first: a template-like text can share a band with
        # many articles, and only the closest few can be its original.
        rows = self._conn.execute(
            "SELECT a.id, a.duplicate_of, a.minhash FROM "
            f"(SELECT article_id, count(*) AS shared FROM ({matches}) AS m GROUP BY article_id "
            " ORDER BY shared DESC LIMIT ?) AS b "
            "JOIN articles a ON a.id = b.article_id ORDER BY b.shared DESC",
            [*params, limit],
        ).fetchall()
        return [DuplicateCandidate(r[0], r[1], r[2]) for r in rows]

    def relink_duplicates(self, old_roots: Iterable[str], new_root: str) -> None:
        roots = [root for root in old_roots if root != new_root]
        if not roots:
            return
        marks = ",".join("?" * len(roots))
        self._conn.execute(
            f"UPDATE articles SET duplicate_of = ? WHERE duplicate_of IN ({marks}) OR id IN ({marks})",
            [new_root, *roots, *roots],
        )

    def save_analysis(self, article_id: str, pipeline: str, analysis: Analysis) -> None:
        self._conn.execute(
            "INSERT INTO analyses (article_id, pipeline, analysis, analysed_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (article_id) DO UPDATE SET pipeline = excluded.pipeline, analysis = excluded.analysis, "
            "analysed_at = excluded.analysed_at",
            (article_id, pipeline, json.dumps(analysis.to_dict(), ensure_ascii=False), now()),
        )

    def get_analysis(self, article_id: str) -> Analysis | None:
        row = self._conn.execute("SELECT analysis FROM analyses WHERE article_id = ?", (article_id,)).fetchone()
        return Analysis.from_dict(json.loads(row[0])) if row else None

    def articles(
        self, *, since: str | None = None, outlet: str | None = None, limit: int | None = None
    ) -> Iterator[Article]:
        clauses, params = [], []
        if since:
            clauses.append("published >= ?")
            params.append(since)
        if outlet:
            clauses.append("outlet = ?")
            params.append(outlet.lower())
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        sql = f"SELECT {ARTICLE_COLUMNS} FROM articles {where} ORDER BY published IS NULL, published, seq"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        for row in self._conn.execute(sql, params):
            yield article_from_row(row)

    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        return self.find_articles(SearchFilters(q=query, limit=limit))

    def count_articles(self) -> int:
        return self._conn.execute("SELECT count(*) FROM articles").fetchone()[0]
