-- Reaction rate limits kept in the store, so that several web processes serving it share them:
-- one token bucket a reader or an address. A bucket untouched for a minute is full again, so
-- old rows are as good as absent and are deleted now and then. Not copied with the store.
CREATE TABLE rate_buckets (
    bucket  TEXT NOT NULL,
    key     TEXT NOT NULL,
    tokens  REAL NOT NULL,
    -- Seconds since the epoch of the last take.
    updated REAL NOT NULL,
    allowed INTEGER NOT NULL,
    PRIMARY KEY (bucket, key)
) WITHOUT ROWID;
