-- What users watch for, and the alerts their watches fired. An alert is kept
-- once per watch and event, so re-tracking or restarting never repeats one.

CREATE TABLE watches (
    name       TEXT PRIMARY KEY,
    spec       TEXT NOT NULL,
    created_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE alerts (
    id             INTEGER PRIMARY KEY,
    watch          TEXT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('statement', 'status', 'source', 'figure')),
    event_key      TEXT NOT NULL,
    summary        TEXT NOT NULL,
    proposition_id TEXT,
    story_id       TEXT,
    article_id     TEXT,
    sentence       TEXT,
    article_url    TEXT,
    created_at     TEXT NOT NULL,
    UNIQUE (watch, event_key)
);
CREATE INDEX alerts_watch ON alerts (watch, id);
