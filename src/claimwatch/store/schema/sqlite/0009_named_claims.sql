-- Claims a user names (`claimwatch claim add`). Each is a proposition too, so that timelines,
-- status, watches and story pages read it as they read a discovered claim; its statements are
-- linked, not moved, since a statement may bear on a named claim and belong to a discovered one.
CREATE TABLE named_claims (
    proposition_id  TEXT PRIMARY KEY REFERENCES propositions(id) ON DELETE CASCADE,
    -- NULL: every story's statements are judged toward it.
    story_id        TEXT,
    -- JSON list of counter-claims in words: stating one denies the claim.
    counters        TEXT NOT NULL,
    -- The text's and each counter's sentence vectors (384 float32 each, little-endian).
    vector          BLOB NOT NULL,
    counter_vectors BLOB NOT NULL,
    created_at      TEXT NOT NULL
) WITHOUT ROWID;

-- A statement that bears on a named claim, with its stance toward that claim.
CREATE TABLE named_claim_statements (
    proposition_id TEXT NOT NULL REFERENCES named_claims(proposition_id) ON DELETE CASCADE,
    article_id     TEXT NOT NULL,
    position       INTEGER NOT NULL,
    stance         TEXT NOT NULL,
    PRIMARY KEY (proposition_id, article_id, position),
    FOREIGN KEY (article_id, position) REFERENCES tracked_statements(article_id, position) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX named_claim_statements_statement ON named_claim_statements (article_id, position);

-- A claim's label with its content vector (384 float32) and what its length and stance cost it,
-- so that its fit is measured against the claim's centre as it moves.
CREATE TABLE claim_labels (
    proposition_id TEXT PRIMARY KEY REFERENCES propositions(id),
    vector         BLOB NOT NULL,
    penalty        REAL NOT NULL
) WITHOUT ROWID;

-- A merge into a claim that was itself merged earlier moves the older merges on (merge_claims).
CREATE INDEX claim_merges_kept ON claim_merges (kept);
