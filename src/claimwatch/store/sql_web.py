"""The web app's tables in the SQL stores: reactions, settings, and filtered search."""

from __future__ import annotations

import random
import sqlite3
from abc import abstractmethod
from typing import Any

from ..records import StatementHit
from ..vocabulary import REACTIONS
from .sql_rows import ARTICLE_COLUMNS, article_from_row, now
from .sql_tracking import evidence_from_row
from .web_base import Placement, ReactionStore, SearchFilters, SearchHit

__all__ = ["SQLWeb", "actor_clause"]

# A token bucket refills whole within a minute; older rows are swept on about one take in a thousand.
_FULL_AFTER_SECONDS = 60.0
_SWEEP_SHARE = 0.001
# How many articles the words may match before statements are filtered by them.
_STATEMENT_CANDIDATES = 2000
_STATEMENT_COLUMNS = ("t.article_id, t.position, t.story_id, t.proposition_id, t.published, t.outlet, t.source, "
                      "t.source_actor, t.source_country, t.source_kind, t.stance, t.cue, t.sentence, t.origin, "
                      "t.chain, t.subject, t.predicate, t.object, a.title")


def actor_clause(columns: tuple[str, ...], countries: tuple[str, ...], actor: str) -> tuple[str, list[str]]:
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


class SQLWeb(ReactionStore):
    """Mixed into a SQL store, which provides the connection and its full-text search."""

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

    def take_token(self, bucket: str, key: str, per_minute: float, now: float) -> tuple[bool, float]:
        # Every SET expression reads the row as it was: refilled for the time since, then taken from.
        refilled = ("CASE WHEN rate_buckets.tokens + (excluded.updated - rate_buckets.updated) * :rate > :capacity "
                    "THEN :capacity ELSE rate_buckets.tokens + (excluded.updated - rate_buckets.updated) * :rate END")
        allowed, tokens = self._conn.execute(
            "INSERT INTO rate_buckets (bucket, key, tokens, updated, allowed) VALUES (:bucket, :key, :capacity - 1, :now, :yes) "
            f"ON CONFLICT (bucket, key) DO UPDATE SET allowed = ({refilled}) >= 1, "
            f"tokens = CASE WHEN ({refilled}) >= 1 THEN ({refilled}) - 1 ELSE ({refilled}) END, updated = excluded.updated "
            "RETURNING allowed, tokens",
            {"bucket": bucket, "key": key, "capacity": float(per_minute), "rate": per_minute / 60.0, "now": now,
             "yes": True}).fetchone()
        if random.random() < _SWEEP_SHARE:
            # A bucket idle for a minute has refilled: its row says no more than no row does.
            self._conn.execute("DELETE FROM rate_buckets WHERE updated < ?", (now - _FULL_AFTER_SECONDS,))
        return bool(allowed), float(tokens)

    def web_setting(self, key: str, default: str) -> str:
        row = self._conn.execute("SELECT value FROM web_settings WHERE key = ?", (key,)).fetchone()
        if row is not None:
            return row[0]
        if self.read_only:
            # Nothing can be kept: the default serves while this store stays open.
            return default
        self._conn.execute("INSERT INTO web_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING", (key, default))
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
        return self._ranked_hits(filters.q, clauses, params, filters.limit)

    @abstractmethod
    def _ranked_hits(self, query: str, clauses: list[str], params: list[Any], limit: int) -> list[SearchHit]:
        """Up to limit articles matching the query and the clauses, best first, with marked snippets."""

    @abstractmethod
    def _matching_article_ids(self, query: str, limit: int) -> tuple[list[str], tuple[str, ...]]:
        """Up to limit ids of articles matching the query, best first, and the query's words."""

    @abstractmethod
    def _actor_in_analysis(self, actor: str) -> tuple[str, list[str]]:
        """A clause true for articles (alias a) whose analysis names the actor, and its parameters."""

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
            actor, actor_params = self._actor_in_analysis(filters.actor)
            clauses.append(actor)
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
            actor, actor_params = actor_clause(("t.source_actor", "t.subject", "t.object"),
                                                ("t.source_actor", "t.subject", "t.object"), filters.actor)
            clauses.append(actor)
            params += actor_params
        words: list[str] = []
        if filters.q:
            articles, query_words = self._matching_article_ids(filters.q, _STATEMENT_CANDIDATES)
            words = [word.casefold() for word in query_words]
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
