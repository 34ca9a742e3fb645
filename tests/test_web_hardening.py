"""The web app under hostile or unlucky requests, against a real `claimwatch serve` on 127.0.0.1.

Errors keep the security headers and answer in the route's format; bodies, queries and dates are
checked before they cost anything; writes during another writer's transaction get 503, never 500;
ids with "/" are reachable; the alerts feed stays XML; and one Ctrl+C stops the server.
"""

from __future__ import annotations

import asyncio
import json
import re
import signal
import socket
import threading
import time
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import quote

import httpx
import pytest
from web_helpers import Served, run_sql, write_lock_held

from claimwatch.flow import Flow
from claimwatch.ingest import ingest_sources
from claimwatch.records import Alert
from claimwatch.store import open_store
from claimwatch.web.security import CONTENT_SECURITY_POLICY, SecurityHeaders

TOKEN = "harbour-token"
SLASHED = "dispatch/2025/fisheries-pact"
BROKEN = "broken-row-1"
ARTICLES = [
    {"id": SLASHED, "title": "Chile and Peru sign a fisheries pact", "outlet": "harbourdesk.example",
     "published": "2025-03-02", "url": "https://harbourdesk.example/2025/03/02/fisheries",
     "text": "Chile and Peru signed a fisheries agreement on Sunday, the Chilean foreign ministry said. "
             "Peru's government confirmed the pact, which covers 200 nautical miles of coast."},
    {"id": BROKEN, "title": "Dock workers end their strike", "outlet": "portnews.example", "published": "2025-03-04",
     "url": "https://portnews.example/strike", "text": "Dock workers in Valparaiso ended a four-day strike on "
                                                       "Tuesday, their union said."},
]
SECURITY_HEADERS = {"content-security-policy": CONTENT_SECURITY_POLICY, "x-frame-options": "DENY",
                    "x-content-type-options": "nosniff", "referrer-policy": "same-origin"}
pytestmark = pytest.mark.served_backends("sqlite", "postgresql")
# Longer than the store's busy timeout (10 s), so the web's own bounds decide what writers get.
HOLD_SECONDS = 11
# One Ctrl+C stops serve within this long, whatever its requests are doing.
STOP_SECONDS = 7


@pytest.fixture(scope="module")
def hardened(module_sample_location, tmp_path_factory):
    """The sample store plus an article whose id holds "/", a row that cannot be read, and a feed alert
    whose article URL holds control characters, served with an API token."""
    folder = tmp_path_factory.mktemp("hardened")
    source = folder / "extra.jsonl"
    source.write_text("".join(json.dumps(article) + "\n" for article in ARTICLES))
    with open_store(module_sample_location) as store:
        report = ingest_sources(store, [str(source)], workers=0, after_batch=Flow.loaded("fast"))
        assert report.failed == 0, report.errors
        store.add_alert(Alert("ports", "statement", "statement:ctl", "Port\x00 talks resume\x07", None, None,
                              SLASHED, "Talks\x1b[31m resumed on Monday.", "https://portnews.example/a\x00b\x01c"))
    run_sql(module_sample_location, "UPDATE articles SET authors = 'not json' WHERE id = ?", (BROKEN,))
    served = Served(module_sample_location, "--api-token", TOKEN, "--pipeline", "fast", log=folder / "serve.log")
    yield served
    served.close()


@pytest.fixture(scope="module")
def story_path(hardened):
    """The fisheries story (the other new story holds the unreadable row, so its page fails)."""
    article = httpx.get(hardened.url(f"/api/v1/articles/{quote(SLASHED, safe='')}")).json()
    return f"/stories/{article['story']['id']}"


def csrf_for(client, path):
    return client.get(path).json()["csrf"]


def react(client, path, reaction, token, **headers):
    return client.post(path, json={"reaction": reaction}, headers={"X-CSRF-Token": token, **headers})


def raw_exchange(served: Served, head: str, body_parts: list[bytes]) -> str:
    """Send a request's head and only the given body parts over a socket, then read the whole answer."""
    with socket.create_connection(("127.0.0.1", served.port), timeout=15) as connection:
        connection.sendall(head.encode())
        for part in body_parts:
            connection.sendall(part)
        answer = b""
        while True:
            chunk = connection.recv(65536)
            answer += chunk
            found = re.search(rb"content-length: (\d+)\r\n.*?\r\n\r\n", answer, re.I | re.S)
            if not chunk or (found and len(answer) >= found.end() + int(found[1])):
                return answer.decode("latin-1")


def assert_security_headers(response):
    for name, value in SECURITY_HEADERS.items():
        assert response.headers.get(name) == value, name


# Item 4: error responses.

def test_a_500_page_and_a_500_api_answer_carry_the_security_headers(hardened):
    page = httpx.get(hardened.url(f"/articles/{BROKEN}"))
    answer = httpx.get(hardened.url(f"/api/v1/articles/{BROKEN}"))
    assert page.status_code == 500 and "<html" in page.text and "please report it" in page.text
    assert answer.status_code == 500 and "please report it" in answer.json()["detail"]
    assert_security_headers(page)
    assert_security_headers(answer)


def test_a_failure_no_handler_answers_is_a_plain_500_with_the_security_headers():
    async def failing_app(scope, receive, send):
        raise RuntimeError("a handler that fails itself")

    async def call(path):
        sent = []

        async def send(message):
            sent.append(message)

        scope = {"type": "http", "method": "GET", "path": path, "headers": []}
        await SecurityHeaders(failing_app)(scope, None, send)
        return sent

    for path, content_type in (("/stories/x", b"text/html; charset=utf-8"), ("/api/v1/stories", b"application/json")):
        # In a thread of its own: Playwright's browser, when running, keeps an event loop in this one.
        with ThreadPoolExecutor(max_workers=1) as thread:
            start, body = thread.submit(asyncio.run, call(path)).result()
        headers = dict(start["headers"])
        assert start["status"] == 500 and headers[b"content-type"] == content_type
        assert headers[b"content-security-policy"] == CONTENT_SECURITY_POLICY.encode()
        assert headers[b"x-frame-options"] == b"DENY" and b"please report it" in body["body"]


@pytest.mark.parametrize("body", ['{"text": "\\ud800"}', "not json at all", '{"text": "cut short'])
def test_a_post_without_the_token_is_refused_before_its_body_is_read(hardened, body):
    response = httpx.post(hardened.url("/api/v1/articles"), content=body,
                          headers={"Content-Type": "application/json"})
    assert response.status_code == 401 and "Bearer" in response.json()["detail"]
    assert_security_headers(response)


def test_a_lone_surrogate_in_a_posted_article_is_refused_naming_the_field(hardened):
    response = httpx.post(hardened.url("/api/v1/articles"), content='{"title": "Pact", "text": "Peru \\ud800 said"}',
                          headers={"Content-Type": "application/json", "Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert "text" in detail and "surrogate" in detail


@pytest.mark.parametrize("authorization", [TOKEN, f"Basic {TOKEN}", f"Bearer{TOKEN}", f"Token {TOKEN}",
                                           "Bearer wrong", "Bearer", ""])
def test_an_api_token_is_taken_only_as_bearer(hardened, authorization):
    response = httpx.post(hardened.url("/api/v1/articles"), json={"title": "Only a title"},
                          headers={"Authorization": authorization})
    assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize("scheme", ["Bearer", "bearer", "BEARER"])
def test_the_bearer_scheme_is_taken_in_any_case(hardened, scheme):
    response = httpx.post(hardened.url("/api/v1/articles"), json={"title": "Only a title"},
                          headers={"Authorization": f"{scheme} {TOKEN}"}, timeout=60)
    # Past the token: refused for what it holds, not for who sent it.
    assert response.status_code == 422 and "text" in response.json()["outcomes"][0]["error"]


@pytest.mark.parametrize("path, parameter", [
    ("/api/v1/propositions/{proposition}?at=2024-13-45", "at"),
    ("/api/v1/search?since=2024-99-99", "since"),
    ("/api/v1/articles?until=2025-02-30", "until"),
])
def test_an_impossible_date_is_a_400_in_json_naming_the_parameter(hardened, path, parameter):
    stories = httpx.get(hardened.url("/api/v1/stories")).json()["stories"]
    proposition = next(p["id"] for story in stories for p in story["propositions"])
    response = httpx.get(hardened.url(path.format(proposition=proposition)))
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert detail.startswith(f"{parameter}=") and "YYYY-MM-DD" in detail


def test_an_impossible_date_on_the_search_page_is_a_400_page(hardened):
    response = httpx.get(hardened.url("/search?q=troops&since=2024-99-99"))
    assert response.status_code == 400 and response.headers["content-type"].startswith("text/html")
    assert "since=" in response.text and "YYYY-MM-DD" in response.text


@pytest.mark.parametrize("path, status", [("/nope", 404), ("/stories/x/claims/y/z", 404),
                                          ("/search?limit=0", 400), ("/search?actor=" + "X" * 30, 400)])
def test_errors_on_pages_are_the_html_error_page(hardened, path, status):
    response = httpx.get(hardened.url(path))
    assert response.status_code == status and response.headers["content-type"].startswith("text/html")
    assert "<html" in response.text and "Back to the stories" in response.text
    assert_security_headers(response)


def test_errors_under_the_api_stay_json(hardened):
    for path, status in (("/api/v1/nope", 404), ("/api/v1/search?limit=0", 400)):
        response = httpx.get(hardened.url(path))
        assert response.status_code == status and isinstance(response.json()["detail"], str)


def test_a_wrong_method_on_a_page_is_an_html_page(hardened):
    response = httpx.put(hardened.url("/search"))
    assert response.status_code == 405 and "<html" in response.text


def test_a_search_over_500_characters_is_a_400_that_says_so(hardened):
    query = "harbour " * 75
    page = httpx.get(hardened.url("/search"), params={"q": query})
    answer = httpx.get(hardened.url("/api/v1/search"), params={"q": query})
    assert page.status_code == 400 and "<html" in page.text and "at most 500" in page.text
    assert answer.status_code == 400 and "at most 500" in answer.json()["detail"]


def test_a_body_declared_over_the_cap_is_refused_before_it_is_sent(hardened, story_path):
    head = (f"POST /api/v1{story_path}/reactions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"Content-Length: {20 * 1024 * 1024}\r\n\r\n")
    answer = raw_exchange(hardened, head, [b'{"reaction": "' + b"x" * 1000])
    assert answer.startswith("HTTP/1.1 413")
    assert "content-security-policy" in answer.lower()


def test_a_streamed_body_is_cut_off_at_the_cap(hardened, story_path):
    head = (f"POST /api/v1{story_path}/reactions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            "Transfer-Encoding: chunked\r\n\r\n")
    chunk = b"x" * 8192
    answer = raw_exchange(hardened, head, [b"%x\r\n%s\r\n" % (len(chunk), chunk)] * 4)
    assert answer.startswith("HTTP/1.1 413") and "16 KiB" in answer


def test_a_form_body_over_the_cap_is_a_413_page(hardened, story_path):
    response = httpx.post(hardened.url(f"{story_path}/reactions"), data={"reaction": "like", "csrf": "x" * 20_000})
    assert response.status_code == 413 and "<html" in response.text


def test_a_posted_article_may_be_larger_than_a_form_but_not_unbounded(hardened):
    megabyte = json.dumps({"text": "Peru said so. " * 75_000})
    allowed = httpx.post(hardened.url("/api/v1/articles"), content=megabyte,
                         headers={"Content-Type": "application/json"})
    assert allowed.status_code == 401  # past the size check, stopped at the token
    head = ("POST /api/v1/articles HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"Authorization: Bearer {TOKEN}\r\nContent-Length: {7 * 1024 * 1024}\r\n\r\n")
    assert raw_exchange(hardened, head, [b'{"text": "']).startswith("HTTP/1.1 413")


def test_a_reaction_from_another_site_is_told_it_is_cross_site(hardened, story_path):
    path = f"/api/v1{story_path}/reactions"
    with hardened.client() as client:
        token = csrf_for(client, path)
        by_origin = react(client, path, "like", token, Origin="http://evil.example")
        by_fetch_site = react(client, path, "like", token, **{"Sec-Fetch-Site": "cross-site"})
        plain = react(client, path, "like", token)
    for response in (by_origin, by_fetch_site):
        assert response.status_code == 403
        assert response.json()["detail"].startswith("cross-site request refused")
    assert plain.status_code == 200


def test_secure_cookies_are_an_option_of_serve(hardened, tmp_path, cli):
    assert "--secure-cookies" in cli("serve", "--help", db=False).stdout
    plain = httpx.get(hardened.url("/"))
    assert "secure" not in plain.headers["set-cookie"].lower()
    served = Served(hardened.db, "--secure-cookies", log=tmp_path / "serve.log")
    try:
        cookie = httpx.get(served.url("/")).headers["set-cookie"].lower()
    finally:
        served.close()
    assert "; secure" in cookie and "httponly" in cookie


# Item 2: bounded costs.

def test_the_stories_api_gives_at_most_500_stories(hardened):
    assert httpx.get(hardened.url("/api/v1/stories?limit=500")).status_code == 200
    response = httpx.get(hardened.url("/api/v1/stories?limit=501"))
    assert response.status_code == 400 and "at most 500" in response.json()["detail"]


def test_a_search_the_store_refuses_as_too_costly_is_a_400_with_its_reason(hardened):
    query = " OR ".join(f"{letter}*" for letter in "abcdefgh")
    for attempt in range(2):  # refused again from the cache, as fast
        page = httpx.get(hardened.url("/search"), params={"q": query})
        answer = httpx.get(hardened.url("/api/v1/search"), params={"q": query})
        assert page.status_code == 400 and "<html" in page.text and "prefix" in page.text
        assert answer.status_code == 400 and "prefix" in answer.json()["detail"]


# Item 3: writes while another writer holds the store.

def test_reactions_while_another_process_holds_the_store_get_200_or_503_never_500(hardened, story_path):
    api_path = f"/api/v1{story_path}/reactions"
    api_readers = [hardened.client() for _ in range(12)]
    tokens = [csrf_for(client, api_path) for client in api_readers]
    form_readers = [hardened.client() for _ in range(3)]
    form_tokens = [re.search(r'name="csrf" value="([^"]+)"', c.get(story_path).text)[1] for c in form_readers]
    with ThreadPoolExecutor(max_workers=15) as pool:
        with write_lock_held(hardened.db):
            answers = [pool.submit(react, c, api_path, "sad", t) for c, t in zip(api_readers, tokens)]
            answers += [pool.submit(c.post, f"{story_path}/reactions", data={"reaction": "sad", "csrf": t})
                        for c, t in zip(form_readers, form_tokens)]
            time.sleep(HOLD_SECONDS)
        responses = [answer.result() for answer in answers]
    statuses = [r.status_code for r in responses]
    assert 500 not in statuses and 503 in statuses, statuses
    for response in responses:
        assert response.status_code in (200, 303, 503), response.status_code
        if response.status_code == 503:
            assert int(response.headers["retry-after"]) >= 1
            assert_security_headers(response)
    assert all("<html" in r.text for r in responses[12:] if r.status_code == 503)
    # Once the other writer is done, reactions go through again.
    assert react(api_readers[0], api_path, "sad", tokens[0]).status_code == 200
    for client in api_readers + form_readers:
        client.close()


# Item 5: ids with "/" and control characters.

def test_an_article_whose_id_holds_a_slash_has_a_page_and_an_api_answer(hardened):
    quoted = quote(SLASHED, safe="")
    page = httpx.get(hardened.url(f"/articles/{quoted}"))
    answer = httpx.get(hardened.url(f"/api/v1/articles/{quoted}"))
    assert page.status_code == 200 and "fisheries pact" in page.text
    assert answer.status_code == 200 and answer.json()["id"] == SLASHED


def test_its_story_links_to_it_quoted_and_readers_react_to_it(hardened):
    quoted = quote(SLASHED, safe="")
    story_id = httpx.get(hardened.url(f"/api/v1/articles/{quoted}")).json()["story"]["id"]
    assert f'href="/articles/{quoted}"' in httpx.get(hardened.url(f"/stories/{story_id}")).text
    with hardened.client() as client:
        path = f"/api/v1/articles/{quoted}/reactions"
        state = react(client, path, "wow", csrf_for(client, path)).json()
        assert state["mine"] == "wow" and state["counts"]["wow"] == 1
        page = client.get(f"/articles/{quoted}").text
        answer = client.post(f"/articles/{quoted}/reactions",
                             data={"reaction": "", "csrf": re.search(r'name="csrf" value="([^"]+)"', page)[1]})
        assert answer.status_code == 303 and answer.headers["location"] == f"/articles/{quoted}#reactions"
        assert client.get(path).json()["mine"] is None


def test_the_alerts_feed_stays_xml_when_an_article_url_holds_control_characters(hardened, served_backend):
    response = httpx.get(hardened.url("/alerts.atom"))
    feed = ET.fromstring(response.content)
    namespace = {"atom": "http://www.w3.org/2005/Atom"}
    hrefs = [link.get("href") for link in feed.iterfind(".//atom:link", namespace)]
    # PostgreSQL text cannot hold the NUL: it was dropped as it was stored.
    stored = "a%00b" if served_backend == "sqlite" else "ab"
    assert f"https://portnews.example/{stored}%01c" in hrefs
    assert not any(re.search(r"[\x00-\x1f\x7f]", href) for href in hrefs)
    titles = [title.text for title in feed.iterfind("atom:entry/atom:title", namespace)]
    assert "Port talks resume" in titles


def test_a_reader_follows_a_story_to_an_article_whose_id_holds_a_slash_and_reacts(hardened, chromium):
    quoted = quote(SLASHED, safe="")
    story_id = httpx.get(hardened.url(f"/api/v1/articles/{quoted}")).json()["story"]["id"]
    context = chromium.new_context(base_url=hardened.base)
    page = context.new_page()
    page.goto(f"/stories/{story_id}")
    page.locator(f'a[href="/articles/{quoted}"]').first.click()
    page.wait_for_url(f"**/articles/{quoted}")
    assert "fisheries pact" in page.locator("h1").first.inner_text()
    love = page.locator('button[data-reaction="love"]')
    love.click()
    page.wait_for_selector('button[data-reaction="love"][aria-pressed="true"]')
    assert int(love.locator(".reaction-count").inner_text()) == 1
    context.close()


# Item 2: one Ctrl+C stops serve.

def stop_time(served: Served) -> float:
    """Send serve one SIGINT; the seconds until it exited (it must exit with 0)."""
    started = time.monotonic()
    served.process.send_signal(signal.SIGINT)
    assert served.process.wait(timeout=30) == 0
    return time.monotonic() - started


def test_one_sigint_stops_serve_while_a_client_is_still_sending(module_sample_location, tmp_path):
    served = Served(module_sample_location, log=tmp_path / "serve.log")
    try:
        with socket.create_connection(("127.0.0.1", served.port)) as slow:
            slow.sendall(b"POST /api/v1/stories/x/reactions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                         b"Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{")
            time.sleep(0.5)
            assert stop_time(served) < STOP_SECONDS
    finally:
        served.close()


def test_one_sigint_stops_serve_while_a_write_waits_for_another_writer(module_sample_location, tmp_path):
    served = Served(module_sample_location, log=tmp_path / "serve.log")
    try:
        client = served.client()
        path = f"/api/v1/stories/{client.get('/api/v1/stories').json()['stories'][0]['id']}/reactions"
        token = csrf_for(client, path)
        with write_lock_held(module_sample_location):
            answers = []
            writer = threading.Thread(target=lambda: answers.append(react(client, path, "like", token)))
            writer.start()
            time.sleep(1)  # the reaction is now waiting for the other writer, in a worker thread
            assert stop_time(served) < STOP_SECONDS
            writer.join(timeout=30)
        assert answers[0].status_code == 503 and answers[0].headers["retry-after"]
        client.close()
    finally:
        served.close()
