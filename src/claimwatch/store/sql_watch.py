"""Watches, alerts, deliveries and polled sources in the SQL stores."""

from __future__ import annotations

import json
import sqlite3

from ..records import Alert, Delivery, Source, Watch
from .sql_rows import now
from .watch_base import SourceStore, WatchStore

__all__ = ["SQLWatch"]

_ALERT_COLUMNS = ("id, watch, kind, event_key, summary, proposition_id, story_id, article_id, sentence, "
                  "article_url, created_at")


class SQLWatch(WatchStore, SourceStore):
    """Mixed into a SQL store, which provides the connection."""

    _conn: sqlite3.Connection

    def save_watch(self, watch: Watch) -> None:
        spec = {k: v for k, v in watch.to_dict().items() if k != "name"}
        self._conn.execute(
            "INSERT INTO watches (name, spec, created_at) VALUES (?, ?, ?) "
            "ON CONFLICT (name) DO UPDATE SET spec = excluded.spec", (watch.name, json.dumps(spec), now()))

    def watches(self) -> list[Watch]:
        return [Watch(name=name, **json.loads(spec))
                for name, spec in self._conn.execute("SELECT name, spec FROM watches ORDER BY name")]

    def remove_watch(self, name: str) -> bool:
        return self._conn.execute("DELETE FROM watches WHERE name = ?", (name,)).rowcount > 0

    def add_alert(self, alert: Alert) -> bool:
        alert.created_at = alert.created_at or now()
        # All rows fetched: SQLite finishes an INSERT … RETURNING only once its rows are read.
        rows = self._conn.execute(
            f"INSERT INTO alerts ({_ALERT_COLUMNS.removeprefix('id, ')}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (watch, event_key) DO NOTHING RETURNING id",
            (alert.watch, alert.kind, alert.event_key, alert.summary, alert.proposition_id, alert.story_id,
             alert.article_id, alert.sentence, alert.article_url, alert.created_at)).fetchall()
        if rows:
            alert.id = rows[0][0]
        return bool(rows)

    def latest_alerts(self, limit: int, *, watch: str | None = None) -> list[Alert]:
        where, params = ("WHERE watch = ?", [watch]) if watch is not None else ("", [])
        rows = self._conn.execute(f"SELECT {_ALERT_COLUMNS} FROM alerts {where} ORDER BY id DESC LIMIT ?",
                                  [*params, limit])
        return [_alert(r) for r in rows]

    def alerts(self, *, after: int = 0, watch: str | None = None, limit: int | None = None) -> list[Alert]:
        sql = f"SELECT {_ALERT_COLUMNS} FROM alerts WHERE id > ?"
        params: list[object] = [after]
        if watch is not None:
            sql += " AND watch = ?"
            params.append(watch)
        sql += " ORDER BY id"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [_alert(r) for r in self._conn.execute(sql, params)]

    def save_delivery(self, delivery: Delivery) -> int:
        self._conn.execute(
            "INSERT INTO deliveries (kind, target, watch, secret) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (kind, target, watch) DO UPDATE SET secret = excluded.secret",
            (delivery.kind, delivery.target, delivery.watch or "", delivery.secret))
        return self._conn.execute("SELECT id FROM deliveries WHERE kind = ? AND target = ? AND watch = ?",
                                  (delivery.kind, delivery.target, delivery.watch or "")).fetchone()[0]

    def deliveries(self, delivery_id: int | None = None) -> list[Delivery]:
        where, params = ("WHERE id = ?", (delivery_id,)) if delivery_id is not None else ("", ())
        return [Delivery(kind=r["kind"], target=r["target"], watch=r["watch"] or None, secret=r["secret"], id=r["id"],
                         delivered_up_to=r["delivered_up_to"], failures=r["failures"],
                         next_try_at=r["next_try_at"], last_error=r["last_error"])
                for r in self._conn.execute(f"SELECT * FROM deliveries {where} ORDER BY id", params)]

    def remove_delivery(self, delivery_id: int) -> bool:
        return self._conn.execute("DELETE FROM deliveries WHERE id = ?", (delivery_id,)).rowcount > 0

    def record_delivery(self, delivery_id: int, *, delivered_up_to: int, failures: int, next_try_at: float,
                        last_error: str | None) -> None:
        self._conn.execute(
            "UPDATE deliveries SET delivered_up_to = ?, failures = ?, next_try_at = ?, last_error = ? WHERE id = ?",
            (delivered_up_to, failures, next_try_at, last_error, delivery_id))

    def save_source(self, source: Source) -> int:
        self._conn.execute(
            "INSERT INTO sources (name, location, every, paused, etag, last_modified, seen, next_poll_at, failures, "
            "last_error, last_polled_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET "
            "location = excluded.location, every = excluded.every, paused = excluded.paused, etag = excluded.etag, "
            "last_modified = excluded.last_modified, seen = excluded.seen, next_poll_at = excluded.next_poll_at, "
            "failures = excluded.failures, last_error = excluded.last_error, last_polled_at = excluded.last_polled_at",
            (source.name, source.location, source.every, int(source.paused), source.etag, source.last_modified,
             json.dumps(source.seen), source.next_poll_at, source.failures, source.last_error,
             source.last_polled_at))
        return self._conn.execute("SELECT id FROM sources WHERE name = ?", (source.name,)).fetchone()[0]

    def sources(self, name: str | None = None) -> list[Source]:
        where, params = ("WHERE name = ?", (name,)) if name is not None else ("", ())
        return [Source(name=r["name"], location=r["location"], every=r["every"], paused=bool(r["paused"]),
                       id=r["id"], etag=r["etag"], last_modified=r["last_modified"], seen=json.loads(r["seen"]),
                       next_poll_at=r["next_poll_at"], failures=r["failures"], last_error=r["last_error"],
                       last_polled_at=r["last_polled_at"])
                for r in self._conn.execute(f"SELECT * FROM sources {where} ORDER BY name", params)]

    def remove_source(self, name: str) -> bool:
        return self._conn.execute("DELETE FROM sources WHERE name = ?", (name,)).rowcount > 0


def _alert(row: sqlite3.Row) -> Alert:
    return Alert(watch=row["watch"], kind=row["kind"], event_key=row["event_key"], summary=row["summary"],
                 proposition_id=row["proposition_id"], story_id=row["story_id"], article_id=row["article_id"],
                 sentence=row["sentence"], article_url=row["article_url"], id=row["id"],
                 created_at=row["created_at"])
