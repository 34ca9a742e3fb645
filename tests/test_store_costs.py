"""What a search may cost: query limits refused with a QueryError, and snippets bounded on long articles."""

import time

import pytest

from claimwatch.errors import QueryError
from claimwatch.ingest import normalize_draft
from claimwatch.ingest.dedup import fingerprint, normalized_text
from claimwatch.ingest.draft import Draft
from claimwatch.store import SearchFilters
from claimwatch.settings import SEARCH_MAX_PREFIX_TERMS, SEARCH_MAX_TERMS, SEARCH_MIN_PREFIX_CHARS
from claimwatch.store.web_base import MATCH_END, MATCH_START

FILLER = "Harbour crews counted the crates on the quay before the evening tide came in. "


def article(id_, text, **fields):
    return normalize_draft(Draft(text=text, input=id_, source="test", id=id_, **fields))


def insert(store, item):
    signature = fingerprint(normalized_text(item.text))
    store.insert_article(item, signature.minhash, signature.band_keys)


@pytest.fixture
def harbour(store):
    """A store of a few short harbour reports."""
    with store.transaction():
        insert(store, article("tide", "The harbour master said the tide would delay the tanker until dawn.",
                              title="Tanker waits for the tide"))
        insert(store, article("crates", "Dock workers said the crates held turbine parts for the new wind farm.",
                              title="Turbine parts arrive"))
        insert(store, article("ferry", "The ferry company said its evening crossing was cancelled by the storm.",
                              title="Ferry cancelled"))
    return store


COSTLY_QUERIES = {
    "494 characters of one-letter prefixes": " OR ".join(["t*"] * 100)[:494],
    "500 one-letter prefixes": " OR ".join(["a*"] * 500),
    "more words than allowed": " ".join(["tide"] * (SEARCH_MAX_TERMS + 1)),
    "more prefixes than allowed": " OR ".join(["tid*"] * (SEARCH_MAX_PREFIX_TERMS + 1)),
    "a prefix too short": "ta*",
    "a short prefix inside a phrase": '"the ti"*',
}


@pytest.mark.parametrize("query", COSTLY_QUERIES.values(), ids=COSTLY_QUERIES.keys())
def test_costly_article_search_is_refused_quickly_with_a_query_error(harbour, query):
    started = time.monotonic()
    with pytest.raises(QueryError, match="^search '"):
        harbour.find_articles(SearchFilters(q=query))
    assert time.monotonic() - started < 1


@pytest.mark.parametrize("query", COSTLY_QUERIES.values(), ids=COSTLY_QUERIES.keys())
def test_costly_statement_search_is_refused_with_the_same_limits(harbour, query):
    with pytest.raises(QueryError, match="^search '"):
        harbour.find_statements(SearchFilters(q=query))


@pytest.mark.parametrize("query, advice", [
    (" ".join(["tide"] * (SEARCH_MAX_TERMS + 1)), f"more than the {SEARCH_MAX_TERMS} a search may hold"),
    ("ta*", f"give at least {SEARCH_MIN_PREFIX_CHARS} letters before a \\*"),
    (" OR ".join(["tid*"] * (SEARCH_MAX_PREFIX_TERMS + 1)), "write some of them out in full"),
    ("tide " * 120, "shorten it to its most distinctive words"),
])
def test_query_error_names_the_query_and_says_how_to_narrow_it(harbour, query, advice):
    with pytest.raises(QueryError, match=advice) as refused:
        harbour.search(query)
    assert query[:20] in str(refused.value)
    assert "\n" not in str(refused.value)


def test_query_that_is_not_text_is_a_query_error(harbour):
    with pytest.raises(QueryError, match="not text"):
        harbour.search("tide \ud800")


@pytest.mark.parametrize("query, found", [
    ("tide", ["tide"]),
    (" ".join(["said"] * SEARCH_MAX_TERMS), ["crates", "ferry", "tide"]),
    (" OR ".join(["tid*", "tur*", "fer*", "sto*"]), ["crates", "ferry", "tide"]),
    ('"evening crossing"', ["ferry"]),
    ("NEAR(tanker dawn, 5)", ["tide"]),
    ("title: turbine", ["crates"]),
    ("said NOT ferry", ["crates", "tide"]),
    ("U.S. tanker", []),
])
def test_queries_within_the_limits_still_search(harbour, query, found):
    assert sorted(hit.article.id for hit in harbour.search(query)) == found


def test_cli_search_refuses_a_costly_query_with_one_error_line(cli, store):
    result = cli("search", "t* OR s*")
    assert result.exit_code == 2
    assert "the prefix t* is too short" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_repeated_words_are_marked_once_each_in_the_snippet(harbour):
    snippet = harbour.search("tide tide tide")[0].marked("[", "]")
    assert snippet.count("[tide]") == 1 and "[[" not in snippet


def test_snippet_of_a_long_article_is_cut_around_its_first_match(store):
    text = FILLER * 4000 + "Then the ministry said the quay would close. " + FILLER * 4000
    with store.transaction():
        insert(store, article("long", text, title="Quay report"))
    snippet = store.search("ministry")[0].snippet
    assert snippet.startswith("…")
    assert f"{MATCH_START}ministry{MATCH_END}" in snippet
    assert len(snippet) < 400


def test_search_on_a_very_long_article_full_of_matches_takes_under_seconds(store):
    # FTS5's snippet() over the whole of this text takes over ten minutes (42 s over a fifth of it).
    text = "The ministry said the crates were counted. " * 100_000
    with store.transaction():
        insert(store, article("huge", text, title="Ministry counts crates"))
        insert(store, article("short", "The ministry said the ferry would sail.", title="Ferry sails"))
    started = time.monotonic()
    hits = store.search("ministry said")
    assert time.monotonic() - started < 5
    assert sorted(hit.article.id for hit in hits) == ["huge", "short"]
    assert all(f"{MATCH_START}ministry{MATCH_END}" in hit.snippet for hit in hits)
