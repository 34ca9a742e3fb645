"""The web app's tables in the SQLite store: reactions, settings, and filtered search."""

from __future__ import annotations

import re
import sqlite3
from typing import Any

from ..errors import StoreError
from ..records import StatementHit
from ..vocabulary import REACTIONS
from .search_query import checked_query, marking_expression, quoted_words
from .sqlite_rows import ARTICLE_COLUMNS, article_from_row, now
from .sqlite_tracking import evidence_from_row
from .web_base import MATCH_END, MATCH_START, Placement, SearchFilters, SearchHit, WebStore

__all__ = ["SQLiteWeb"]

# How many articles the words may match before statements are filtered by them.
_STATEMENT_CANDIDATES = 2000
# FTS5's snippet() costs about the square of the text it reads (minutes on a 50 MB
# article), so snippets are cut from a window of the text of at most this many
# characters, indexed apart; 20 windows of 10,000 characters take about 0.1 s
# even for a query of 16 of the commonest words.
_SNIPPET_WINDOW_CHARS = 10_000
# How far into a longer text the window may move to reach the first matching word.
_SNIPPET_SEARCH_CHARS = 1_000_000
_SNIPPET_TOKENS = 16
# Tokenized as articles_fts is (0001_articles.sql), so that a query matches the window as it matches the text.
_SNIPPET_TABLE = ("CREATE VIRTUAL TABLE IF NOT EXISTS temp.snippet_windows USING fts5("
                  "title, text, tokenize = 'porter unicode61 remove_diacritics 2')")
_STATEMENT_COLUMNS = ("t.article_id, t.position, t.story_id, t.proposition_id, t.published, t.outlet, t.source, "
                      "t.source_actor, t.source_country, t.source_kind, t.stance, t.cue, t.sentence, t.origin, "
                      "t.chain, t.subject, t.predicate, t.object, a.title")


def _actor_clause(columns: tuple[str, ...], countries: tuple[str, ...], actor: str) -> tuple[str, list[str]]:
    """Rows where one of columns is the actor, or (for a bare country code) an actor of that country."""
    code = actor.strip().upper()
    clauses = [f"{column} = ?" for column in columns]
    params = [code] * len(columns)
    if len(code) == 3:
        clauses += [f"substr({column}, 1, 3) = ?" for column in countries]
        params += [code] * len(countries)
    return "(" + " OR ".join(clauses) + ")", params


def _add_period(clauses: list[str], params: list[Any], column: str, filters: SearchFilters) -> None:
    """Rows published within since..until; "until 2024-10" takes the whole month."""
    if filters.since:
        clauses.append(f"{column} >= ?")
        params.append(filters.since)
    if filters.until:
        clauses.append(f"substr({column}, 1, ?) <= ?")
        params += [len(filters.until), filters.until]


class SQLiteWeb(WebStore):
    """Mixed into SQLiteStore, which provides the connection."""

    _conn: sqlite3.Connection
    location: str
    read_only: bool

    def content_version(self) -> int:
        return self._conn.execute("SELECT version FROM content_version").fetchone()[0]

    def react(self, target_kind: str, target_id: str, reader: str, reaction: str | None) -> None:
        if reaction is None:
            self._conn.execute("DELETE FROM reactions WHERE target_kind = ? AND target_id = ? AND reader = ?",
                               (target_kind, target_id, reader))
            return
        self._conn.execute(
            "INSERT INTO reactions (target_kind, target_id, reader, reaction, reacted_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (target_kind, target_id, reader) DO UPDATE SET reaction = excluded.reaction, "
            "reacted_at = excluded.reacted_at",
            (target_kind, target_id, reader, reaction, now()))

    def reaction_counts(self, target_kind: str, target_id: str) -> dict[str, int]:
        counts = dict.fromkeys(REACTIONS, 0)
        for reaction, count in self._conn.execute(
                "SELECT reaction, count(*) FROM reactions WHERE target_kind = ? AND target_id = ? GROUP BY reaction",
                (target_kind, target_id)):
            counts[reaction] = count
        return counts

    def reader_reaction(self, target_kind: str, target_id: str, reader: str) -> str | None:
        row = self._conn.execute(
            "SELECT reaction FROM reactions WHERE target_kind = ? AND target_id = ? AND reader = ?",
            (target_kind, target_id, reader)).fetchone()
        return row[0] if row else None

    def reaction_totals(self) -> list[tuple[str, str, dict[str, int]]]:
        totals: dict[tuple[str, str], dict[str, int]] = {}
        for kind, target, reaction, count in self._conn.execute(
                "SELECT target_kind, target_id, reaction, count(*) FROM reactions "
                "GROUP BY target_kind, target_id, reaction ORDER BY target_kind, target_id"):
            totals.setdefault((kind, target), dict.fromkeys(REACTIONS, 0))[reaction] = count
        return [(kind, target, counts) for (kind, target), counts in totals.items()]

    def web_setting(self, key: str, default: str) -> str:
        row = self._conn.execute("SELECT value FROM web_settings WHERE key = ?", (key,)).fetchone()
        if row is not None:
            return row[0]
        if self.read_only:
            # Nothing can be kept: the default serves while this store stays open.
            return default
        self._conn.execute("INSERT OR IGNORE INTO web_settings (key, value) VALUES (?, ?)", (key, default))
        return self._conn.execute("SELECT value FROM web_settings WHERE key = ?", (key,)).fetchone()[0]

    def find_articles(self, filters: SearchFilters) -> list[SearchHit]:
        clauses, params = self._article_filters(filters)
        columns = ", ".join(f"a.{c.strip()}" for c in ARTICLE_COLUMNS.split(","))
        if not filters.q:
            where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
            rows = self._conn.execute(
                f"SELECT {columns}, substr(a.text, 1, 240) AS snippet, 0.0 AS rank FROM articles a {where} "
                "ORDER BY a.published IS NULL, a.published DESC, a.seq DESC LIMIT ?",
                [*params, filters.limit]).fetchall()
            return [SearchHit(article_from_row(r), r["snippet"], r["rank"]) for r in rows]
        match, words = self._match_expression(filters.q)
        if not match:
            return []
        # Ranked first, read after: only the rows shown are read whole (a long text is read once).
        ranked = ("SELECT articles_fts.rowid AS seq, bm25(articles_fts) AS rank FROM articles_fts "
                  "JOIN articles a ON a.seq = articles_fts.rowid "
                  f"WHERE {' AND '.join(['articles_fts MATCH ?', *clauses])} ORDER BY rank LIMIT ?")
        rows = self._search_rows(f"SELECT {columns}, a.seq, m.rank FROM ({ranked}) AS m "
                                 "JOIN articles a ON a.seq = m.seq ORDER BY m.rank",
                                 [match, *params, filters.limit], filters.q)
        snippets = self._snippets(match, words, rows)
        return [SearchHit(article_from_row(r), snippets[r["seq"]], r["rank"]) for r in rows]

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
        windows = {row["seq"]: _snippet_window(row["text"] or "", words) for row in rows}
        self._conn.execute("DELETE FROM temp.snippet_windows")
        self._conn.executemany("INSERT INTO temp.snippet_windows (rowid, title, text) VALUES (?, ?, ?)",
                               [(row["seq"], row["title"], windows[row["seq"]][1]) for row in rows])
        marked = dict(self._conn.execute(
            "SELECT rowid, snippet(snippet_windows, 1, ?, ?, '…', ?) FROM temp.snippet_windows "
            "WHERE snippet_windows MATCH ?", (MATCH_START, MATCH_END, _SNIPPET_TOKENS, marking_expression(match))))
        self._conn.execute("DELETE FROM temp.snippet_windows")
        snippets = {}
        for seq, (start, window) in windows.items():
            # No match in the window (only the title matched, or nothing near enough): its first words.
            snippet = marked.get(seq) or _first_words(window)
            snippets[seq] = "…" + snippet if start and not snippet.startswith("…") else snippet
        return snippets

    def _article_filters(self, filters: SearchFilters) -> tuple[list[str], list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if filters.outlet:
            clauses.append("a.outlet = ?")
            params.append(filters.outlet.strip().lower())
        _add_period(clauses, params, "a.published", filters)
        if filters.story:
            clauses.append("a.id IN (SELECT article_id FROM story_articles WHERE story_id = ?)")
            params.append(filters.story)
        if filters.actor:
            actor, actor_params = _actor_clause(("json_extract(m.value, '$.code')",),
                                                ("json_extract(m.value, '$.code')",), filters.actor)
            clauses.append("EXISTS (SELECT 1 FROM analyses n, json_each(n.analysis, '$.actors') m "
                           f"WHERE n.article_id = a.id AND {actor})")
            params += actor_params
        if filters.stance:
            clauses.append("a.id IN (SELECT article_id FROM tracked_statements WHERE stance = ?)")
            params.append(filters.stance)
        return clauses, params

    def find_statements(self, filters: SearchFilters) -> list[StatementHit]:
        clauses: list[str] = []
        params: list[Any] = []
        for column, value in (("t.outlet", filters.outlet and filters.outlet.strip().lower()),
                              ("t.stance", filters.stance), ("t.story_id", filters.story)):
            if value:
                clauses.append(f"{column} = ?")
                params.append(value)
        _add_period(clauses, params, "t.published", filters)
        if filters.actor:
            actor, actor_params = _actor_clause(("t.source_actor", "t.subject", "t.object"),
                                                ("t.source_actor", "t.subject", "t.object"), filters.actor)
            clauses.append(actor)
            params += actor_params
        words: list[str] = []
        if filters.q:
            match, query_words = self._match_expression(filters.q)
            words = [word.casefold() for word in query_words]
            articles = [r[0] for r in self._search_rows(
                "SELECT a.id FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid "
                "WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?", [match, _STATEMENT_CANDIDATES], filters.q)
            ] if match else []
            if not articles:
                return []
            clauses.append(f"t.article_id IN ({','.join('?' * len(articles))})")
            params += articles
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        sql = (f"SELECT {_STATEMENT_COLUMNS} FROM tracked_statements t JOIN articles a ON a.id = t.article_id "
               f"{where} ORDER BY t.published IS NULL, t.published DESC, t.article_id, t.position")
        hits = []
        for row in self._conn.execute(sql, params):
            sentence = row["sentence"].casefold()
            if all(word in sentence for word in words):
                hits.append(_statement_hit(row))
                if len(hits) >= filters.limit:
                    break
        return hits

    def statement_placements(self, article_id: str) -> list[Placement]:
        rows = self._conn.execute(
            "SELECT t.position, t.story_id, t.proposition_id, p.label FROM tracked_statements t "
            "LEFT JOIN propositions p ON p.id = t.proposition_id WHERE t.article_id = ? ORDER BY t.position",
            (article_id,)).fetchall()
        return [Placement(r[0], r[1], r[2], r[3]) for r in rows]


def _statement_hit(row: sqlite3.Row) -> StatementHit:
    return StatementHit(evidence_from_row(row), row["title"], row["story_id"], row["proposition_id"],
                        row["position"])


def _snippet_window(text: str, words: tuple[str, ...]) -> tuple[int, str]:
    """Where the snippet window starts in text, and the window: the start, or just before the first word found."""
    if len(text) <= _SNIPPET_WINDOW_CHARS:
        return 0, text
    start = 0
    # Each word cut short of its ending (tankers → tanke), since the index matches stems.
    stems = sorted({word.casefold()[:max(3, len(word) - 2)] for word in words}, key=len, reverse=True)
    if stems:
        found = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, stems)) + ")", re.IGNORECASE)
        first = found.search(text, 0, _SNIPPET_SEARCH_CHARS)
        if first and first.start() + len(first[0]) > _SNIPPET_WINDOW_CHARS // 2:
            start = text.rfind(" ", 0, max(first.start() - 200, 1)) + 1
    return start, text[start:start + _SNIPPET_WINDOW_CHARS]


def _first_words(text: str) -> str:
    """The text's first snippet's worth of words."""
    words = text[:_SNIPPET_TOKENS * 40].split()
    return " ".join(words[:_SNIPPET_TOKENS]) + ("…" if len(words) > _SNIPPET_TOKENS else "")
