"""A reader in a real browser (Playwright driving Debian's Chromium) against a real `claimwatch serve`."""

from __future__ import annotations

import pytest
from web_helpers import screenshot

PHONE = {"width": 390, "height": 844}

pytestmark = pytest.mark.served_backends("sqlite", "postgresql")


@pytest.fixture
def page(chromium, served_sample):
    context = chromium.new_context(base_url=served_sample.base, viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and page.errors.append(message.text))
    yield page
    context.close()


def test_a_reader_follows_a_story_to_an_article_and_reacts(page):
    page.goto("/")
    assert page.locator(".story-card").count() >= 3
    screenshot(page, "home")

    page.locator(".story-card h2 a", has_text="North Korean").first.click()
    timeline = page.locator("svg.chart-timeline").first
    timeline.wait_for()
    box = timeline.bounding_box()
    assert box["width"] > 300 and box["height"] > 50
    assert page.locator("svg.chart-timeline .dot").count() >= 5
    assert page.locator("svg.chart-network .node").count() >= 2
    screenshot(page, "story")

    page.locator(".step .evidence-link a").first.click()
    page.locator(".article-text mark.statement").first.wait_for()
    like = page.locator('button[data-reaction="like"]')
    love = page.locator('button[data-reaction="love"]')
    like_before = int(like.locator(".reaction-count").inner_text())
    love_before = int(love.locator(".reaction-count").inner_text())

    like.click()
    page.wait_for_selector('button[data-reaction="like"][aria-pressed="true"]')
    assert int(like.locator(".reaction-count").inner_text()) == like_before + 1

    love.click()
    page.wait_for_selector('button[data-reaction="love"][aria-pressed="true"]')
    assert int(like.locator(".reaction-count").inner_text()) == like_before
    assert int(love.locator(".reaction-count").inner_text()) == love_before + 1
    screenshot(page, "article")

    page.reload()
    page.wait_for_selector('button[data-reaction="love"][aria-pressed="true"]')
    assert int(love.locator(".reaction-count").inner_text()) == love_before + 1
    assert page.errors == []


def test_choosing_the_same_reaction_again_withdraws_it(page, served_sample):
    story_id = page.request.get("/api/v1/stories").json()["stories"][2]["id"]
    page.goto(f"/stories/{story_id}")
    wow = page.locator('button[data-reaction="wow"]')
    before = int(wow.locator(".reaction-count").inner_text())
    wow.click()
    page.wait_for_selector('button[data-reaction="wow"][aria-pressed="true"]')
    wow.click()
    page.wait_for_selector('button[data-reaction="wow"][aria-pressed="false"]')
    assert int(wow.locator(".reaction-count").inner_text()) == before


def test_hovering_a_statement_shows_its_source_stance_and_claim(page):
    article_id = page.request.get("/api/v1/articles?q=intelligence").json()["articles"][0]["id"]
    page.goto(f"/articles/{article_id}")
    statement = page.locator(".article-text mark.statement").first
    statement.hover()
    tip = page.evaluate("e => getComputedStyle(e, '::after').content", statement.element_handle())
    assert " · " in tip and any(s in tip for s in ("asserts", "confirms", "denies", "unverified", "speculates"))


def test_the_story_page_fits_a_phone_screen(chromium, served_sample):
    context = chromium.new_context(base_url=served_sample.base, viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    story_id = page.request.get("/api/v1/stories").json()["stories"][1]["id"]
    page.goto(f"/stories/{story_id}")
    page.locator("svg.chart-timeline").first.wait_for()
    # Nothing wider than the screen: the page does not scroll sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "story-phone")
    context.close()


def test_pages_read_without_javascript(chromium, served_sample):
    context = chromium.new_context(base_url=served_sample.base, java_script_enabled=False)
    page = context.new_page()
    page.goto("/")
    page.locator(".story-card h2 a").first.click()
    assert page.locator("svg.chart-timeline").count() >= 1
    page.locator(".reaction-buttons button").first.click()
    page.wait_for_url("**#reactions")
    assert page.locator('button[aria-pressed="true"]').count() == 1
    context.close()
