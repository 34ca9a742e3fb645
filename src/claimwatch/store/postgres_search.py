"""Full-text search in the PostgreSQL store: English stems in a tsvector, a GIN index and websearch_to_tsquery.

Ranked by ts_rank_cd over the log of the length, title words weighing more than text words, as bm25
ranks SQLite's index; the rank is negated so that, as there, lower is better.
"""

from __future__ import annotations

from typing import Any

from .search_query import checked_query
from .snippets import SNIPPET_TOKENS, first_words, snippet_window, with_lead
from .sql_rows import ARTICLE_COLUMNS, article_from_row
from .sql_web import actor_clause
from .web_base import MATCH_END, MATCH_START, SearchHit

__all__ = ["PostgresSearch"]

_QUERY = "websearch_to_tsquery('english', ?)"
_HEADLINE_OPTIONS = (f"StartSel={MATCH_START}, StopSel={MATCH_END}, MaxWords={SNIPPET_TOKENS}, "
                     f"MinWords={SNIPPET_TOKENS // 2}, ShortWord=2, HighlightAll=false, FragmentDelimiter=…")


class PostgresSearch:
    """Mixed into PostgresStore: the full-text parts of SQLWeb's search."""

    _conn: Any

    def _ranked_hits(self, query: str, clauses: list[str], params: list[Any], limit: int) -> list[SearchHit]:
        words = checked_query(query).words
        if not words:
            return []
        columns = ", ".join(f"a.{c.strip()}" for c in ARTICLE_COLUMNS.split(","))
        rows = self._conn.execute(
            f"SELECT {columns}, -ts_rank_cd(a.search, q, 1) AS rank FROM articles a, {_QUERY} AS q "
            f"WHERE {' AND '.join(['a.search @@ q', *clauses])} ORDER BY rank, a.seq LIMIT ?",
            [query, *params, limit]).fetchall()
        if not rows:
            return []
        windows = [snippet_window(r["text"] or "", words) for r in rows]
        marked = self._conn.execute(
            f"SELECT w.i, ts_headline('english', w.body, q, ?) FROM {_QUERY} AS q, "
            "unnest(?::text[]) WITH ORDINALITY AS w(body, i) WHERE to_tsvector('english', w.body) @@ q",
            [_HEADLINE_OPTIONS, query, [window for _, window in windows]]).fetchall()
        snippets = {i - 1: headline for i, headline in marked}
        # No match in the window (only the title matched, or nothing near enough): its first words.
        return [SearchHit(article_from_row(r), with_lead(start, snippets.get(i) or first_words(window)), r["rank"])
                for i, (r, (start, window)) in enumerate(zip(rows, windows))]

    def _matching_article_ids(self, query: str, limit: int) -> tuple[list[str], tuple[str, ...]]:
        words = checked_query(query).words
        if not words:
            return [], words
        rows = self._conn.execute(
            f"SELECT a.id FROM articles a, {_QUERY} AS q WHERE a.search @@ q "
            "ORDER BY ts_rank_cd(a.search, q, 1) DESC, a.seq LIMIT ?", [query, limit]).fetchall()
        return [r[0] for r in rows], words

    def _actor_in_analysis(self, actor: str) -> tuple[str, list[str]]:
        clause, params = actor_clause(("m ->> 'code'",), ("m ->> 'code'",), actor)
        return ("EXISTS (SELECT 1 FROM analyses n, jsonb_array_elements(n.analysis::jsonb -> 'actors') m "
                f"WHERE n.article_id = a.id AND {clause})"), params
