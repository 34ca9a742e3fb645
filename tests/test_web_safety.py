"""Untrusted article text, titles, outlets and URLs: escaped on every page, never run in a real browser."""

from __future__ import annotations

import json

import httpx
import pytest
from web_helpers import Served

from claimwatch.flow import Flow
from claimwatch.ingest import ingest_sources
from claimwatch.store import open_store

# Each payload sets window.__xss if it ever runs.
TITLE = '<script>window.__xss="title"</script><img src=x onerror="window.__xss=\'title-img\'">'
OUTLET = '"><script>window.__xss="outlet"</script>'
TEXT = ('Russia said on Monday that "<img src=x onerror=window.__xss=\'text\'>" 5,000 troops had left. '
        'Ukraine denied it. <script>window.__xss="text-script"</script> '
        '</textarea><svg onload="window.__xss=\'svg\'"></svg> Moscow said <b onmouseover=alert(1)>nothing</b>.')
HOSTILE = [
    {"id": "hostile-1", "title": TITLE, "outlet": OUTLET, "published": "2025-02-01",
     "url": "javascript:window.__xss='url'", "text": TEXT},
    {"id": "hostile-2", "title": "Plain title", "outlet": "example.org", "published": "2025-02-02",
     "url": "data:text/html,<script>window.__xss='data'</script>", "text": TEXT + " Kyiv said so too."},
]
RAW_FRAGMENTS = ["<script>window.__xss", "<img src=x onerror", "<svg onload", "<b onmouseover", '"><script>']
pytestmark = pytest.mark.served_backends("sqlite", "postgresql")


@pytest.fixture(scope="module")
def hostile(module_store_location, tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    source = folder / "hostile.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in HOSTILE))
    with open_store(module_store_location) as store:
        ingest_sources(store, [str(source)], workers=0, after_batch=Flow.loaded("fast"))
        story_id = store.story_of("hostile-1")
    assert story_id is not None
    served = Served(module_store_location, log=folder / "serve.log")
    yield served, story_id
    served.close()


def pages(story_id: str) -> list[str]:
    return ["/", f"/stories/{story_id}", "/articles/hostile-1", "/articles/hostile-2", "/search?q=troops",
            "/search?q=%3Cscript%3E"]


def test_no_payload_reaches_a_page_unescaped(hostile):
    served, story_id = hostile
    for path in pages(story_id):
        html = httpx.get(served.url(path)).text
        for fragment in RAW_FRAGMENTS:
            assert fragment not in html, (path, fragment)


def test_payloads_are_shown_as_text_inside_the_marked_statements(hostile):
    served, _ = hostile
    html = httpx.get(served.url("/articles/hostile-1")).text
    assert "&lt;script&gt;window.__xss=" in html
    assert '<mark class="statement' in html


def test_links_to_the_original_are_only_http(hostile):
    served, _ = hostile
    for article_id in ("hostile-1", "hostile-2"):
        html = httpx.get(served.url(f"/articles/{article_id}")).text
        assert 'href="javascript:' not in html and 'href="data:' not in html
        assert "Original article" not in html


def test_payloads_in_the_api_are_data_not_markup(hostile):
    served, _ = hostile
    response = httpx.get(served.url("/api/v1/articles/hostile-1"))
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["title"] == TITLE


def test_a_search_query_is_escaped_where_the_page_repeats_it(hostile):
    served, _ = hostile
    html = httpx.get(served.url("/search"), params={"q": '"><script>window.__xss=1</script>'}).text
    assert "<script>window.__xss=1" not in html


def test_no_payload_runs_in_a_real_browser(hostile, chromium):
    served, story_id = hostile
    context = chromium.new_context(base_url=served.base)
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in pages(story_id):
        page.goto(path)
        page.mouse.move(10, 10)
        page.locator("body").hover()
        assert page.evaluate("window.__xss") is None, path
    assert dialogs == []
    context.close()
