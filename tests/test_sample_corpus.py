"""The bundled sample corpus: what `make run` ingests, and what deduplication is tuned on."""

import itertools
import json

import pytest

from claimwatch.ingest import ingest_sources
from claimwatch.ingest.dedup import content_words, normalized_text, overlap
from claimwatch.settings import COPY_BIGRAM_THRESHOLD, COPY_UNIGRAM_THRESHOLD
from claimwatch.sample import EXACT_DUPLICATES, NEAR_DUPLICATES, SAMPLE_DIR
from claimwatch.store import SQLiteStore


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("sample") / "claimwatch.db"
    with SQLiteStore(path) as store:
        report = ingest_sources(store, [str(SAMPLE_DIR)])
        yield store, report


@pytest.fixture(scope="module")
def by_url(sample_store):
    store, _ = sample_store
    return {a.url: a for a in store.articles()}


def test_sample_ingests_without_failures(sample_store):
    _, report = sample_store
    assert report.failed == 0, report.errors
    assert report.added >= 20


def test_sample_spans_several_outlets_and_weeks(by_url):
    outlets = {a.outlet for a in by_url.values()}
    months = {a.published[:7] for a in by_url.values()}
    assert len(outlets) >= 5 and len(months) >= 3


def test_every_sample_article_has_title_date_outlet_and_language(by_url):
    for article in by_url.values():
        assert article.title and article.published and article.outlet and article.language == "en", article.url


@pytest.mark.parametrize("furniture", ["What's Your Reaction", "Related stories", "Subscribe", "Privacy"])
def test_no_page_furniture_in_sample_texts(by_url, furniture):
    assert not [a.url for a in by_url.values() if furniture.lower() in a.text.lower()]


def test_exact_duplicates_are_stored_once(sample_store, by_url):
    _, report = sample_store
    expected = json.loads(EXACT_DUPLICATES.read_text())
    assert report.duplicates == len(expected)
    assert all(entry["url"] in by_url for entry in expected)


def test_every_near_duplicate_is_linked_to_its_original(by_url):
    for pair in json.loads(NEAR_DUPLICATES.read_text()):
        assert by_url[pair["copy"]].duplicate_of == by_url[pair["original"]].id, pair


def test_no_other_article_is_linked(by_url):
    copies = {pair["copy"] for pair in json.loads(NEAR_DUPLICATES.read_text())}
    assert {url for url, a in by_url.items() if a.duplicate_of} == copies


def test_thresholds_separate_copies_from_other_articles_with_a_margin(by_url):
    pairs = {(p["copy"], p["original"]) for p in json.loads(NEAR_DUPLICATES.read_text())}
    words = {url: content_words(normalized_text(a.text)) for url, a in by_url.items()}
    copies, others = [], []
    for a, b in itertools.combinations(words, 2):
        scores = overlap(words[a], words[b])
        (copies if (a, b) in pairs or (b, a) in pairs else others).append(scores)
    assert min(u for u, _ in copies) >= COPY_UNIGRAM_THRESHOLD + 0.2
    assert min(b for _, b in copies) >= COPY_BIGRAM_THRESHOLD + 0.2
    assert not [s for s in others if s[0] >= COPY_UNIGRAM_THRESHOLD and s[1] >= COPY_BIGRAM_THRESHOLD]


def test_reingesting_the_sample_changes_nothing(sample_store):
    store, first = sample_store
    before = [a.to_dict() for a in store.articles()]
    again = ingest_sources(store, [str(SAMPLE_DIR)])
    assert (again.added, again.failed) == (0, 0)
    assert (again.unchanged, again.duplicates) == (first.added, first.duplicates)
    assert [a.to_dict() for a in store.articles()] == before


def test_search_finds_sample_words(sample_store):
    store, _ = sample_store
    assert store.search("Eagle S anchor")
    assert store.search("balloon")
