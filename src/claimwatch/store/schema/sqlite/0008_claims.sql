-- Claims in words: a proposition is a group of statements of one story whose contents mean the same.
-- Its centre is the sum of its statements' sentence vectors (384 float32, little-endian); label_fit
-- says how near the label's statement lies to it. Propositions keyed by actors only (older stores)
-- have no centre, and no statement joins them any more.
CREATE TABLE claim_centres (
    proposition_id TEXT PRIMARY KEY REFERENCES propositions(id),
    centroid       BLOB NOT NULL,
    label_fit      REAL NOT NULL
) WITHOUT ROWID;

-- A claim merged into another (their centres met): its id leads to the claim it went into.
CREATE TABLE claim_merges (
    absorbed TEXT PRIMARY KEY,
    kept     TEXT NOT NULL
) WITHOUT ROWID;
