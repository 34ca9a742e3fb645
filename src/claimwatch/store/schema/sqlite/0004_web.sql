-- What the web app keeps: readers' reactions to articles and stories, its
-- own settings (the key that signs reader cookies), and a counter that moves
-- whenever what a page shows changes, so rendered pages can be cached safely.

CREATE TABLE reactions (
    target_kind TEXT NOT NULL CHECK (target_kind IN ('article', 'story')),
    target_id   TEXT NOT NULL,
    -- A reader is a random id in a signed cookie: no account, nothing personal.
    reader      TEXT NOT NULL,
    reaction    TEXT NOT NULL CHECK (reaction IN ('like', 'dislike', 'love', 'funny', 'angry', 'sad', 'wow')),
    reacted_at  TEXT NOT NULL,
    PRIMARY KEY (target_kind, target_id, reader)
) WITHOUT ROWID;
CREATE INDEX reactions_counts ON reactions (target_kind, target_id, reaction);

CREATE TABLE web_settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE content_version (
    only    INTEGER PRIMARY KEY CHECK (only = 1),
    version INTEGER NOT NULL
);
INSERT INTO content_version (only, version) VALUES (1, 0);

-- Statement-level triggers would be cheaper, but SQLite has only row triggers;
-- one small UPDATE per row costs microseconds beside the tracking it follows.
CREATE TRIGGER content_story_articles_insert AFTER INSERT ON story_articles BEGIN
    UPDATE content_version SET version = version + 1;
END;
CREATE TRIGGER content_story_articles_update AFTER UPDATE ON story_articles BEGIN
    UPDATE content_version SET version = version + 1;
END;
CREATE TRIGGER content_story_articles_delete AFTER DELETE ON story_articles BEGIN
    UPDATE content_version SET version = version + 1;
END;
CREATE TRIGGER content_stories_update AFTER UPDATE ON stories BEGIN
    UPDATE content_version SET version = version + 1;
END;
CREATE TRIGGER content_statements_update AFTER UPDATE OF proposition_id ON tracked_statements BEGIN
    UPDATE content_version SET version = version + 1;
END;
CREATE TRIGGER content_analyses_insert AFTER INSERT ON analyses BEGIN
    UPDATE content_version SET version = version + 1;
END;
CREATE TRIGGER content_analyses_update AFTER UPDATE ON analyses BEGIN
    UPDATE content_version SET version = version + 1;
END;
CREATE TRIGGER content_articles_update AFTER UPDATE ON articles BEGIN
    UPDATE content_version SET version = version + 1;
END;

-- Search lists the newest statements first when it has no words to rank by.
CREATE INDEX tracked_statements_published ON tracked_statements (published);
