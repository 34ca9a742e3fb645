-- The analysis of each article (actors, statements, figures, events), as the
-- JSON object `claimwatch analyze` prints, with the pipeline that made it.
CREATE TABLE analyses (
    article_id  TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    pipeline    TEXT NOT NULL,
    analysis    TEXT NOT NULL,
    analysed_at TEXT NOT NULL
);
