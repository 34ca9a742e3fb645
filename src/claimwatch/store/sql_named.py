"""Named claims in the SQL stores (SQLite, PostgreSQL): claims a user put in words, and the statements judged toward them."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

from ..clock import now
from .tracking_base import NamedClaimRow, PropositionRow

__all__ = ["SQLNamedClaims"]

_COLUMNS = "proposition_id, p.label, story_id, counters, vector, counter_vectors, created_at, p.subject, p.object"


class SQLNamedClaims:
    """Mixed into a SQL store, which provides the connection."""

    _conn: sqlite3.Connection

    def save_named_claim(self, claim: NamedClaimRow) -> None:
        self._conn.execute(
            "INSERT INTO propositions (id, subject, predicate, object, label) VALUES (?, ?, NULL, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET subject = excluded.subject, object = excluded.object, "
            "label = excluded.label", (claim.id, claim.subject, claim.object, claim.text))
        # Judged anew: a changed scope or counter-claim changes what bears on it.
        self._conn.execute("DELETE FROM named_claim_statements WHERE proposition_id = ?", (claim.id,))
        self._conn.execute(
            "INSERT INTO named_claims (proposition_id, story_id, counters, vector, counter_vectors, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (proposition_id) DO UPDATE SET story_id = excluded.story_id, "
            "counters = excluded.counters, vector = excluded.vector, counter_vectors = excluded.counter_vectors, "
            "created_at = excluded.created_at",
            (claim.id, claim.story_id, json.dumps(list(claim.counters), ensure_ascii=False), claim.vector,
             claim.counter_vectors, claim.created_at or now()))

    def named_claims(self, story_id: str | None = None) -> list[NamedClaimRow]:
        where, params = "", ()
        if story_id is not None:
            where, params = "WHERE n.story_id IS NULL OR n.story_id = ?", (story_id,)
        rows = self._conn.execute(
            f"SELECT {_COLUMNS} FROM named_claims n JOIN propositions p ON p.id = n.proposition_id {where} "
            "ORDER BY created_at, proposition_id", params).fetchall()
        return [NamedClaimRow(r[0], r[1], r[2], tuple(json.loads(r[3])), r[4], r[5], r[6], r[7], r[8]) for r in rows]

    def remove_named_claim(self, claim_id: str) -> bool:
        removed = self._conn.execute("DELETE FROM named_claims WHERE proposition_id = ?", (claim_id,)).rowcount
        if removed:
            self._conn.execute("DELETE FROM named_claim_statements WHERE proposition_id = ?", (claim_id,))
            self._conn.execute("DELETE FROM propositions WHERE id = ?", (claim_id,))
        return bool(removed)

    def add_named_statements(self, links: Iterable[tuple[str, str, int, str]]) -> None:
        self._conn.executemany(
            "INSERT INTO named_claim_statements (proposition_id, article_id, position, stance) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (proposition_id, article_id, position) DO UPDATE SET stance = excluded.stance", list(links))

    def article_named_claims(self, article_id: str) -> list[str]:
        rows = self._conn.execute("SELECT DISTINCT proposition_id FROM named_claim_statements WHERE article_id = ? "
                                  "ORDER BY proposition_id", (article_id,)).fetchall()
        return [r[0] for r in rows]

    def story_named_claims(self, story_id: str) -> list[PropositionRow]:
        rows = self._conn.execute(
            "SELECT p.id, p.subject, p.predicate, p.object, p.label, count(*) AS n "
            "FROM named_claim_statements n JOIN tracked_statements t "
            " ON t.article_id = n.article_id AND t.position = n.position "
            "JOIN propositions p ON p.id = n.proposition_id WHERE t.story_id = ? "
            "GROUP BY p.id ORDER BY n DESC, p.id", (story_id,)).fetchall()
        return [PropositionRow(*row) for row in rows]

    def tracked_articles(self, story_id: str | None = None) -> list[str]:
        where, params = ("WHERE story_id = ?", (story_id,)) if story_id is not None else ("", ())
        rows = self._conn.execute(
            f"SELECT article_id FROM story_articles {where} ORDER BY published IS NULL, published, article_id",
            params).fetchall()
        return [r[0] for r in rows]
