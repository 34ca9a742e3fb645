"""The server-rendered pages, read without JavaScript from a real `claimwatch serve` on 127.0.0.1."""

from __future__ import annotations

import re

import pytest

from claimwatch.web.security import CONTENT_SECURITY_POLICY

pytestmark = pytest.mark.served_backends("sqlite", "postgresql")


@pytest.fixture(scope="module")
def browser(served_sample):
    """A client that keeps cookies across pages, as a browser without JavaScript would."""
    with served_sample.client() as client:
        yield client


@pytest.fixture(scope="module")
def stories(browser):
    return browser.get("/api/v1/stories").json()["stories"]


def csrf_in(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def count_in(html: str, reaction: str) -> int:
    return int(re.search(rf'data-count="{reaction}">(\d+)<', html).group(1))


def test_home_lists_stories_most_recent_first_with_counts_and_status(browser, stories):
    html = browser.get("/").text
    positions = [html.index(f'/stories/{s["id"]}"') for s in stories]
    assert positions == sorted(positions)
    assert re.search(r"\d+ articles · \d+ outlets", html)
    assert 'class="status status-' in html


def test_every_page_sends_the_content_security_policy(browser, stories):
    for path in ("/", f"/stories/{stories[0]['id']}", "/search?q=drone", "/api/v1/stories"):
        response = browser.get(path)
        assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert response.headers["x-content-type-options"] == "nosniff"
    assert "'unsafe-inline'" not in CONTENT_SECURITY_POLICY


def test_a_story_page_shows_timelines_evidence_figures_sources_and_actors(browser, stories):
    story = next(s for s in stories if "North Korean" in s["title"])
    html = browser.get(f"/stories/{story['id']}").text
    assert 'class="chart chart-timeline"' in html and 'class="chart chart-network"' in html
    assert 'class="chart chart-figures"' in html
    assert "How its status changed" in html and "independent source" in html
    assert all(f'/articles/{a}"' in html for a in story["articles"])


def test_a_claim_page_lists_every_statement_of_the_claim(browser, stories):
    story = stories[1]
    claim = story["propositions"][0]
    story_html = browser.get(f"/stories/{story['id']}").text
    link = f"/stories/{story['id']}/claims/{claim['id']}"
    assert f'href="{link}"' in story_html
    html = browser.get(link).text
    assert html.count('<li class="stance-') == len(claim["statements"])
    assert 'class="chart chart-timeline"' in html


def test_a_claim_that_is_not_the_storys_is_a_404(browser, stories):
    response = browser.get(f"/stories/{stories[0]['id']}/claims/p-nothing")
    assert response.status_code == 404 and "p-nothing" in response.text


def test_a_merged_story_address_leads_to_the_story_it_joined(sample_db, tmp_path, cli):
    from web_helpers import Served, copy_store

    db = copy_store(sample_db, tmp_path / "merged.db")
    served = Served(db)
    try:
        with served.client() as client:
            kept, absorbed = [s["id"] for s in client.get("/api/v1/stories").json()["stories"][:2]]
            assert cli("story", "merge", kept, absorbed, "--db", str(db), db=False).exit_code == 0
            response = client.get(f"/stories/{absorbed}")
            assert response.status_code == 301 and response.headers["location"] == f"/stories/{kept}"
    finally:
        served.close()


def test_an_unknown_story_is_a_404_page(browser):
    assert browser.get("/stories/s-never-was").status_code == 404


def test_an_article_page_marks_statements_cues_actors_and_figures(browser, stories):
    article_id = stories[0]["articles"][0]
    html = browser.get(f"/articles/{article_id}").text
    assert '<mark class="statement stance-' in html and 'data-tip="' in html
    assert 'class="cue"' in html and 'class="actor"' in html
    assert "What's Your Reaction?" in html
    for reaction in ("like", "dislike", "love", "funny", "angry", "sad", "wow"):
        assert f'data-reaction="{reaction}"' in html


def test_an_article_links_to_its_original_and_its_story(browser, stories):
    article = browser.get(f"/api/v1/articles/{stories[0]['articles'][0]}").json()
    html = browser.get(f"/articles/{article['id']}").text
    assert f'href="{article["url"]}" rel="noopener noreferrer nofollow"' in html
    assert f'/stories/{stories[0]["id"]}"' in html


def test_a_missing_article_is_a_404_page_that_names_it(browser):
    response = browser.get("/articles/no-such-article")
    assert response.status_code == 404 and "no-such-article" in response.text and "<html" in response.text


def test_search_finds_statements_and_articles_and_keeps_its_filters(browser):
    html = browser.get("/search", params={"q": "troops", "stance": "denies"}).text
    assert "<mark>troops</mark>" in html.lower() or "<mark>Troops</mark>" in html
    assert '<option value="denies" selected>' in html
    assert 'class="stance-denies"' in html


def test_a_bad_search_filter_is_a_page_that_says_what_to_give(browser):
    response = browser.get("/search?since=yesterday")
    assert response.status_code == 400 and "YYYY-MM-DD" in response.text and "<html" in response.text


def test_reacting_works_without_javascript(browser, stories):
    path = f"/stories/{stories[1]['id']}"
    page = browser.get(path).text
    before = count_in(page, "funny")
    answer = browser.post(f"{path}/reactions", data={"reaction": "funny", "csrf": csrf_in(page)})
    assert answer.status_code == 303 and answer.headers["location"].endswith("#reactions")
    after = browser.get(path).text
    assert count_in(after, "funny") == before + 1
    assert 'value="" data-reaction="funny"' in after  # choosing it again withdraws it
    browser.post(f"{path}/reactions", data={"reaction": "", "csrf": csrf_in(after)})
    assert count_in(browser.get(path).text, "funny") == before


def test_a_form_reaction_without_its_token_is_refused(browser, stories):
    response = browser.post(f"/stories/{stories[1]['id']}/reactions", data={"reaction": "like", "csrf": "forged"})
    assert response.status_code == 403
