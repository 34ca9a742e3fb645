-- The track stage: stories grouped as articles arrive, propositions keyed on
-- subject, predicate and object, and every tracked statement and figure with
-- the day it was published. Every lookup the tracker makes per article goes
-- through an index, so its cost does not grow with the store.

CREATE TABLE stories (
    id              TEXT PRIMARY KEY,
    title           TEXT NOT NULL,
    first_day       INTEGER,
    last_day        INTEGER,
    first_published TEXT,
    last_published  TEXT,
    article_count   INTEGER NOT NULL DEFAULT 0,
    -- Set when a user merged this story into another; its id then leads there.
    merged_into     TEXT REFERENCES stories(id),
    created_at      TEXT NOT NULL
);
CREATE INDEX stories_active ON stories (merged_into, last_day);

CREATE TABLE story_articles (
    article_id  TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    story_id    TEXT NOT NULL REFERENCES stories(id),
    day         INTEGER,
    published   TEXT,
    -- The features the article was grouped by (JSON list), kept so that a
    -- merge or split can rebuild a story's profile without re-reading text.
    terms       TEXT NOT NULL,
    -- auto, or user when a merge or split put it there: later ingests never move it.
    assigned_by TEXT NOT NULL
);
CREATE INDEX story_articles_story ON story_articles (story_id, published);

-- How many of a story's articles carry each feature: the story's profile.
CREATE TABLE story_terms (
    term     TEXT NOT NULL,
    story_id TEXT NOT NULL REFERENCES stories(id),
    articles INTEGER NOT NULL,
    last_day INTEGER,
    PRIMARY KEY (term, story_id)
);
CREATE INDEX story_terms_recent ON story_terms (term, last_day);
CREATE INDEX story_terms_story ON story_terms (story_id);

-- In how many tracked articles each feature occurs, for weighting rare ones up.
CREATE TABLE term_counts (
    term     TEXT PRIMARY KEY,
    articles INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE propositions (
    id        TEXT PRIMARY KEY,
    subject   TEXT,
    predicate TEXT,
    object    TEXT,
    label     TEXT NOT NULL
);

CREATE TABLE tracked_statements (
    article_id     TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    story_id       TEXT NOT NULL REFERENCES stories(id),
    -- NULL while the statement names too little to place (no predicate yet
    -- known in its story); it is placed when a matching proposition appears.
    proposition_id TEXT REFERENCES propositions(id),
    subject        TEXT,
    predicate      TEXT,
    object         TEXT,
    location       TEXT,
    mentioned      TEXT NOT NULL,
    published      TEXT,
    outlet         TEXT,
    source         TEXT,
    source_actor   TEXT,
    source_country TEXT,
    source_kind    TEXT NOT NULL,
    stance         TEXT NOT NULL,
    cue            TEXT,
    sentence       TEXT NOT NULL,
    origin         TEXT NOT NULL,
    chain          TEXT NOT NULL,
    PRIMARY KEY (article_id, position)
);
CREATE INDEX tracked_statements_proposition ON tracked_statements (proposition_id, published);
CREATE INDEX tracked_statements_story ON tracked_statements (story_id, proposition_id);

CREATE TABLE tracked_figures (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    country    TEXT,
    published  TEXT,
    outlet     TEXT,
    value      REAL NOT NULL,
    high       REAL,
    unit       TEXT NOT NULL,
    subject    TEXT,
    approx     TEXT,
    text       TEXT NOT NULL,
    PRIMARY KEY (article_id, position)
);
