-- Articles, where each input came from, near-duplicate bands and full-text search.
CREATE TABLE articles (
    -- seq orders articles by ingest and is the rowid the FTS index points at.
    seq          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    url          TEXT,
    outlet       TEXT,
    published    TEXT,
    title        TEXT,
    text         TEXT NOT NULL,
    authors      TEXT NOT NULL DEFAULT '[]',
    site_name    TEXT,
    language     TEXT,
    source       TEXT NOT NULL,
    text_hash    TEXT NOT NULL UNIQUE,
    duplicate_of TEXT REFERENCES articles(id) ON DELETE SET NULL,
    minhash      BLOB,
    extra        TEXT NOT NULL DEFAULT '{}',
    ingested_at  TEXT NOT NULL
);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_outlet ON articles(outlet, published);
CREATE INDEX articles_url ON articles(url);
CREATE INDEX articles_duplicate_of ON articles(duplicate_of);

-- Other inputs that carried a stored article (exact copies, the same text
-- under another address), so that knowing which outlets ran it survives
-- deduplication. The input an article was first stored from is its own row.
CREATE TABLE article_sources (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    source     TEXT NOT NULL,
    url        TEXT NOT NULL DEFAULT '',
    outlet     TEXT,
    seen_at    TEXT NOT NULL,
    PRIMARY KEY (article_id, source, url)
);

-- MinHash LSH bands: articles sharing any band key are near-duplicate candidates.
-- day (days since 1970-01-01 of the publication date, NULL when unknown) lets a
-- lookup read only the bands of articles published near the new one.
CREATE TABLE near_duplicate_bands (
    band_key   INTEGER NOT NULL,
    day        INTEGER,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE
);
CREATE INDEX near_duplicate_bands_key ON near_duplicate_bands(band_key, day);
CREATE INDEX near_duplicate_bands_article ON near_duplicate_bands(article_id);

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text,
    content = 'articles', content_rowid = 'seq',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
    VALUES ('delete', old.seq, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
    VALUES ('delete', old.seq, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
