-- Where alerts are delivered besides the terminal and the feed, and how far
-- each target got: delivery resumes after the last alert a target accepted.

CREATE TABLE deliveries (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('webhook', 'jsonl')),
    target          TEXT NOT NULL,
    -- '' for every watch: UNIQUE would let NULLs repeat.
    watch           TEXT NOT NULL DEFAULT '',
    secret          TEXT,
    delivered_up_to INTEGER NOT NULL DEFAULT 0,
    failures        INTEGER NOT NULL DEFAULT 0,
    next_try_at     REAL NOT NULL DEFAULT 0,
    last_error      TEXT,
    UNIQUE (kind, target, watch)
);
