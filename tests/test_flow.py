"""The flow around an ingest batch: what is prepared before the write lock, and what is saved inside it."""

from claimwatch.claims.embedding import DIMENSIONS
from claimwatch.flow import Flow
from claimwatch.records import Article
from claimwatch.store import SQLiteStore


def article(article_id: str, text: str) -> Article:
    return Article(id=article_id, text=text, title=None, url=None, outlet="harbour.example.org",
                   published="2025-03-03", language="en", source="test", text_hash=article_id)


ARTICLES = [
    article("a-ferry", "The harbour master said the ferry would sail at noon. The union said its members would "
                       "stay on the quay."),
    article("a-bridge", "The council said the old bridge would close for repairs in May."),
    article("a-empty", "Rain."),
]


def test_prepare_analyses_each_article_and_encodes_its_statements_before_any_lock():
    prepared = Flow.loaded("fast").prepare(ARTICLES)
    assert list(prepared.analyses) == ["a-ferry", "a-bridge", "a-empty"]
    for item in ARTICLES:
        statements = prepared.analyses[item.id].statements
        assert prepared.vectors[item.id].shape == (len(statements), DIMENSIONS)
    assert len(prepared.analyses["a-ferry"].statements) == 2


def test_save_places_every_article_with_the_vectors_prepared(db_path):
    flow = Flow.loaded("fast")
    prepared = flow.prepare(ARTICLES)
    with SQLiteStore(db_path) as store:
        with store.transaction():
            for item in ARTICLES:
                store.insert_article(item, b"", [], None)
            flow.save(store, ARTICLES, prepared)
        assert all(store.story_of(item.id) is not None for item in ARTICLES)
        assert store.get_analysis("a-bridge").statements
