"""Full-text search in the SQLite store: FTS5 with Porter stems, ranked by bm25."""

from __future__ import annotations

import sqlite3
from typing import Any

from ..errors import StoreError
from .search_query import checked_query, marking_expression, quoted_words
from .snippets import SNIPPET_TOKENS, first_words, snippet_window, with_lead
from .sql_rows import ARTICLE_COLUMNS, article_from_row
from .sql_web import actor_clause
from .web_base import MATCH_END, MATCH_START, SearchHit

__all__ = ["SQLiteSearch"]

# Tokenized as articles_fts is (0001_articles.sql), so that a query matches the window as it matches the text.
_SNIPPET_TABLE = ("CREATE VIRTUAL TABLE IF NOT EXISTS temp.snippet_windows USING fts5("
                  "title, text, tokenize = 'porter unicode61 remove_diacritics 2')")


class SQLiteSearch:
    """Mixed into SQLiteStore: the full-text parts of SQLWeb's search."""

    _conn: sqlite3.Connection
    location: str

    def _ranked_hits(self, query: str, clauses: list[str], params: list[Any], limit: int) -> list[SearchHit]:
        match, words = self._match_expression(query)
        if not match:
            return []
        columns = ", ".join(f"a.{c.strip()}" for c in ARTICLE_COLUMNS.split(","))
        # Ranked first, read after: only the rows shown are read whole (a long text is read once).
        ranked = ("SELECT articles_fts.rowid AS seq, bm25(articles_fts) AS rank FROM articles_fts "
                  "JOIN articles a ON a.seq = articles_fts.rowid "
                  f"WHERE {' AND '.join(['articles_fts MATCH ?', *clauses])} ORDER BY rank LIMIT ?")
        rows = self._search_rows(f"SELECT {columns}, a.seq, m.rank FROM ({ranked}) AS m "
                                 "JOIN articles a ON a.seq = m.seq ORDER BY m.rank",
                                 [match, *params, limit], query)
        snippets = self._snippets(match, words, rows)
        return [SearchHit(article_from_row(r), snippets[r["seq"]], r["rank"]) for r in rows]

    def _matching_article_ids(self, query: str, limit: int) -> tuple[list[str], tuple[str, ...]]:
        match, words = self._match_expression(query)
        if not match:
            return [], words
        rows = self._search_rows("SELECT a.id FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid "
                                 "WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?", [match, limit], query)
        return [r[0] for r in rows], words

    def _actor_in_analysis(self, actor: str) -> tuple[str, list[str]]:
        code = "json_extract(m.value, '$.code')"
        clause, params = actor_clause((code,), (code,), actor)
        return ("EXISTS (SELECT 1 FROM analyses n, json_each(n.analysis, '$.actors') m "
                f"WHERE n.article_id = a.id AND {clause})"), params

    def _match_expression(self, query: str) -> tuple[str, tuple[str, ...]]:
        """The query as FTS5 runs it ("" when it has no words), and its words.

        FTS5 syntax runs as given; other text (stray quotes, "U.S.") as its
        words in quotes. QueryError when it is over the cost limits.
        """
        words = checked_query(query).words
        self._conn.execute(_SNIPPET_TABLE)
        self._conn.execute("DELETE FROM temp.snippet_windows")
        try:
            # Against the empty window table: FTS5 parses the query at no cost.
            self._conn.execute("SELECT 1 FROM temp.snippet_windows WHERE snippet_windows MATCH ?", (query,))
        except sqlite3.OperationalError:
            return quoted_words(query), words
        return query, words

    def _search_rows(self, sql: str, params: list[Any], query: str) -> list[sqlite3.Row]:
        """The rows of a full-text search; a failure names the store and the query."""
        try:
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.OperationalError as exc:
            raise StoreError(f"{self.location}: search {query[:60]!r} failed ({exc}); "
                             "try again, or check the store with `sqlite3 FILE 'PRAGMA integrity_check'`") from exc

    def _snippets(self, match: str, words: tuple[str, ...], rows: list[sqlite3.Row]) -> dict[int, str]:
        """Each row's snippet by seq, matches marked, cut from a window of its text around the first word found."""
        windows = {row["seq"]: snippet_window(row["text"] or "", words) for row in rows}
        self._conn.execute("DELETE FROM temp.snippet_windows")
        self._conn.executemany("INSERT INTO temp.snippet_windows (rowid, title, text) VALUES (?, ?, ?)",
                               [(row["seq"], row["title"], windows[row["seq"]][1]) for row in rows])
        marked = dict(self._conn.execute(
            "SELECT rowid, snippet(snippet_windows, 1, ?, ?, '…', ?) FROM temp.snippet_windows "
            "WHERE snippet_windows MATCH ?", (MATCH_START, MATCH_END, SNIPPET_TOKENS, marking_expression(match))))
        self._conn.execute("DELETE FROM temp.snippet_windows")
        # No match in the window (only the title matched, or nothing near enough): its first words.
        return {seq: with_lead(start, marked.get(seq) or first_words(window))
                for seq, (start, window) in windows.items()}
