"""The web app's parts on their own: text highlighting, reader cookies, rate limits, the page cache, a page's reads."""

from __future__ import annotations

import asyncio
import shutil
import time
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor

from claimwatch.records import Analysis
from claimwatch.store import Placement, open_store
from claimwatch.web.context import Web, WebSettings
from claimwatch.web.highlight import annotated_text
from claimwatch.web.ratelimit import RateLimiter
from claimwatch.web.readers import Readers
from claimwatch.web.rendering import safe_url
from claimwatch.web.stores import PageCache
from claimwatch.web.views import home_stories, story_page

TEXT = "Seoul said 12,000 troops went. Moscow denied it."
ANALYSIS = {
    "statements": [
        {"start": 0, "end": 30, "source": "Seoul", "source_kind": "government_body", "stance": "asserts",
         "cue": "said"},
        {"start": 31, "end": 48, "source": "Moscow", "source_kind": "government_body", "stance": "denies",
         "cue": "denied"},
    ],
    "actors": [{"start": 0, "end": 5, "code": "KORGOV", "kind": "government_body"},
               {"start": 31, "end": 37, "code": "RUSGOV", "kind": "government_body"}],
    "figures": [{"start": 11, "end": 24, "value": 12000, "unit": "troops", "subject": "PRKMIL", "approx": None}],
}


def parsed(markup) -> ET.Element:
    return ET.fromstring(f"<div>{markup}</div>")


def test_highlighting_keeps_the_text_exactly():
    assert "".join(parsed(annotated_text(TEXT, Analysis.from_dict(ANALYSIS), {})).itertext()) == TEXT


def test_each_statement_is_marked_with_its_stance_and_a_tip():
    marks = parsed(annotated_text(TEXT, Analysis.from_dict(ANALYSIS), {})).findall("mark")
    assert [m.get("class") for m in marks] == ["statement stance-asserts", "statement stance-denies"]
    assert "Seoul" in marks[0].get("data-tip") and "asserts" in marks[0].get("data-tip")


def test_the_tip_names_the_proposition_the_statement_went_to():
    placements = {1: Placement(1, "s1", "p1", "North Korea sends troops to Russia")}
    marks = parsed(annotated_text(TEXT, Analysis.from_dict(ANALYSIS), placements)).findall("mark")
    assert marks[1].get("data-tip").endswith("North Korea sends troops to Russia")
    assert marks[0].get("data-tip").endswith("not yet placed in a claim")


def test_actors_figures_and_cues_sit_inside_their_statement():
    first = parsed(annotated_text(TEXT, Analysis.from_dict(ANALYSIS), {})).find("mark")
    assert {s.get("class"): s.text for s in first.findall("span")} == {
        "actor": "Seoul", "cue": "said", "figure": "12,000 troops"}


def test_a_span_crossing_a_statement_boundary_is_left_out_so_tags_nest():
    crossing = {**ANALYSIS, "actors": [{"start": 25, "end": 37, "code": "X"}]}
    element = parsed(annotated_text(TEXT, Analysis.from_dict(crossing), {}))
    assert not [s for s in element.iter("span") if s.get("class") == "actor"]


def test_overlapping_statements_keep_the_first():
    overlapping = {"statements": [ANALYSIS["statements"][0], {**ANALYSIS["statements"][1], "start": 20}]}
    assert len(parsed(annotated_text(TEXT, Analysis.from_dict(overlapping), {})).findall("mark")) == 1


def test_offsets_outside_the_text_are_ignored():
    broken = {"statements": [{"start": 40, "end": 999}, {"start": "a", "end": 3}], "actors": [{"start": -1, "end": 2}]}
    assert "".join(parsed(annotated_text(TEXT, Analysis.from_dict(broken), {})).itertext()) == TEXT


def test_markup_in_the_text_is_escaped():
    text = 'He said <script>alert("x")</script> & left.'
    html = str(annotated_text(text, Analysis.from_dict({"statements": [{"start": 0, "end": len(text), "cue": "said"}]}),
                              {}))
    assert "<script>" not in html and "&lt;script&gt;" in html and "&amp;" in html


def test_no_analysis_gives_the_escaped_text():
    assert str(annotated_text("a < b", None, {})) == "a &lt; b"


def test_a_reader_cookie_is_verified_and_a_forged_one_refused():
    readers = Readers("secret")
    reader = readers.new_reader()
    cookie = readers.cookie_for(reader)
    assert readers.reader_from(cookie) == reader
    assert readers.reader_from(cookie[:-1] + ("0" if cookie[-1] != "0" else "1")) is None
    assert readers.reader_from("someone." + cookie.rpartition(".")[2]) is None
    assert Readers("other secret").reader_from(cookie) is None
    assert readers.reader_from(None) is None and readers.reader_from("x" * 500) is None


def test_a_csrf_token_belongs_to_one_reader():
    readers = Readers("secret")
    one, two = readers.new_reader(), readers.new_reader()
    assert readers.valid_csrf(one, readers.csrf_token(one))
    assert not readers.valid_csrf(two, readers.csrf_token(one))
    assert not readers.valid_csrf(one, None) and not readers.valid_csrf(one, "")


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_the_rate_limit_allows_a_burst_then_refuses():
    limiter = RateLimiter(3, clock=Clock())
    assert [limiter.allow("r") for _ in range(5)] == [True, True, True, False, False]
    assert limiter.allow("another reader")


def test_the_rate_limit_refills_over_the_minute():
    clock = Clock()
    limiter = RateLimiter(6, clock=clock)
    for _ in range(6):
        limiter.allow("r")
    assert not limiter.allow("r") and limiter.retry_after("r") >= 1
    clock.now += 10  # one event's worth at 6 a minute
    assert limiter.allow("r") and not limiter.allow("r")


def test_the_cache_forgets_everything_when_the_content_version_moves():
    cache = PageCache()
    cache.keep(1, "home", "old page")
    assert cache.lookup(1, "home") == "old page"
    assert cache.lookup(2, "home") is None
    cache.keep(2, "story", "new")
    assert cache.lookup(1, "home") is None and cache.lookup(2, "story") == "new"


def test_a_page_built_from_an_older_version_is_not_kept_over_a_newer_one():
    cache = PageCache()
    cache.keep(5, "home", "new")
    cache.keep(4, "home", "stale")
    assert cache.lookup(5, "home") == "new"


def test_the_cache_keeps_at_most_its_budget_in_bytes_dropping_the_least_recently_used():
    cache = PageCache(budget=64 * 1024)
    for key in range(40):
        cache.keep(1, key, bytes(4000))
        cache.lookup(1, 0)  # read often: kept
    assert cache.used <= 64 * 1024
    assert cache.lookup(1, 0) is not None and cache.lookup(1, 39) is not None and cache.lookup(1, 1) is None


def test_the_cache_counts_the_bytes_of_titled_pages():
    cache = PageCache(budget=64 * 1024)
    for key in range(40):
        cache.keep(1, key, ("A title", bytes(4000)))
    assert 12 * 4000 < cache.used <= 64 * 1024


def test_an_answer_larger_than_an_eighth_of_the_cache_is_not_kept():
    cache = PageCache(budget=80_000)
    cache.keep(1, "small", bytes(1000))
    cache.keep(1, "large", bytes(20_000))
    assert cache.lookup(1, "large") is None and cache.lookup(1, "small") is not None


def test_keeping_a_key_again_replaces_its_bytes():
    cache = PageCache(budget=64 * 1024)
    cache.keep(1, "home", bytes(5000))
    cache.keep(1, "home", bytes(100))
    assert cache.used < 1000 and cache.lookup(1, "home") == bytes(100)


def test_a_non_ascii_csrf_token_or_cookie_is_refused_not_an_error():
    readers = Readers("secret")
    reader = readers.new_reader()
    assert not readers.valid_csrf(reader, "é" + readers.csrf_token(reader)[1:])
    assert not readers.valid_csrf(reader, "\ud800")
    assert readers.reader_from(f"{reader}.é") is None


def test_control_characters_in_a_link_are_percent_encoded():
    assert safe_url("https://example.com/a\x00b\x07c\u0085d") == "https://example.com/a%00b%07c%C2%85d"
    assert safe_url("java\x00script:alert(1)") is None and safe_url("https://example.com/\ud800") is None


def test_only_http_urls_are_links():
    assert safe_url("https://example.com/a") == "https://example.com/a"
    for url in ("javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x", "//example.com", "http://", None,
                " vbscript:x", "http://[::1"):
        assert safe_url(url) is None, url


def test_the_story_page_reads_the_store_a_few_times_however_many_articles_and_claims_it_holds(sample_db):
    with open_store(str(sample_db), read_only=True) as store:
        statements: list[str] = []
        store._conn.set_trace_callback(statements.append)
        largest = max(home_stories(store), key=lambda s: s.article_count)
        statements.clear()
        page = story_page(store, largest.id)
    assert len(page.articles) >= 10 and len(page.story.propositions) >= 10
    assert len(statements) <= 12


def test_readers_asking_at_once_for_a_page_not_cached_wait_for_one_build_of_it(sample_db, tmp_path):
    web = Web(WebSettings(db=str(shutil.copyfile(sample_db, tmp_path / "sample.db"))))
    builds = []

    def build(store):
        builds.append(store.content_version())
        time.sleep(0.3)
        return "page"

    async def readers():
        return await asyncio.gather(*(web.cached(("story", "s1"), build) for _ in range(8)))

    # In a thread of its own: an earlier test (the browser's) may leave an event loop running in this one.
    with ThreadPoolExecutor(1) as apart:
        assert apart.submit(asyncio.run, readers()).result() == ["page"] * 8
        assert len(builds) == 1
        assert apart.submit(asyncio.run, readers()).result() == ["page"] * 8 and len(builds) == 1
    web.pool.close()
