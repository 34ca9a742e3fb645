-- Sources `claimwatch run` polls, and what each poll learnt: HTTP validators
-- for conditional requests, the files of a folder already read, and when to
-- poll next (later after each failure).

CREATE TABLE sources (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL UNIQUE,
    location       TEXT NOT NULL,
    every          REAL NOT NULL CHECK (every > 0),
    paused         INTEGER NOT NULL DEFAULT 0,
    etag           TEXT,
    last_modified  TEXT,
    seen           TEXT NOT NULL DEFAULT '{}',
    next_poll_at   REAL NOT NULL DEFAULT 0,
    failures       INTEGER NOT NULL DEFAULT 0,
    last_error     TEXT,
    last_polled_at TEXT
);
