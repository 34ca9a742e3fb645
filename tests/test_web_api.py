"""The JSON API under /api/v1, against a real `claimwatch serve` on 127.0.0.1 over the sample corpus (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from claimwatch.records import REACTIONS
from claimwatch.store import open_store
from claimwatch.track import stories_report

# The API reads and writes the same on both backends: the sample store is served from each.
pytestmark = pytest.mark.served_backends("sqlite", "postgresql")


@pytest.fixture(scope="module")
def api(served_sample):
    with served_sample.client() as client:
        yield client


@pytest.fixture(scope="module")
def north_korea_story(api):
    stories = api.get("/api/v1/stories").json()["stories"]
    return next(s for s in stories if "North Korean" in s["title"])


def react(client, path, reaction, token):
    return client.post(path, json={"reaction": reaction}, headers={"X-CSRF-Token": token})


def csrf_for(client, path):
    return client.get(path).json()["csrf"]


def test_stories_are_exactly_what_the_cli_prints(api, served_sample):
    served = api.get("/api/v1/stories").json()
    with open_store(str(served_sample.db)) as store:
        assert served == json.loads(json.dumps(stories_report(store, limit=50), default=str))
    assert {"stories", "duplicates"} <= served.keys()


def test_stories_limit_keeps_the_most_recent(api):
    assert len(api.get("/api/v1/stories?limit=1").json()["stories"]) == 1


def test_a_story_has_its_propositions_timelines_sources_and_network(api, north_korea_story):
    story = api.get(f"/api/v1/stories/{north_korea_story['id']}").json()
    claim = story["propositions"][0]
    assert claim["statements"] and claim["status_changes"] and claim["independent_sources"] >= 1
    assert story["origins"][claim["id"]] and story["network"]
    assert story["reactions"]["counts"] == dict.fromkeys(REACTIONS, 0)
    assert {a["id"] for a in story["article_list"]} == set(story["articles"])


def test_an_unknown_story_is_404_with_a_message_naming_it(api):
    response = api.get("/api/v1/stories/s000nothing")
    assert response.status_code == 404
    assert "s000nothing" in response.json()["detail"]


def test_articles_are_listed_by_words_and_story(api, north_korea_story):
    found = api.get("/api/v1/articles", params={"q": "Kursk", "story": north_korea_story["id"]}).json()
    assert found["articles"] and all(a["id"] in north_korea_story["articles"] for a in found["articles"])
    assert all("kursk" in (a["snippet"] + (a["title"] or "")).lower() for a in found["articles"])


def test_articles_limit_is_kept(api):
    assert len(api.get("/api/v1/articles?limit=2").json()["articles"]) == 2


def test_an_article_comes_with_its_analysis_story_and_placements(api, north_korea_story):
    article = api.get(f"/api/v1/articles/{north_korea_story['articles'][0]}").json()
    assert article["text"] and article["analysis"]["statements"]
    assert article["story"]["id"] == north_korea_story["id"]
    assert {p["position"] for p in article["placements"]} <= set(range(len(article["analysis"]["statements"])))


def test_a_copy_names_its_original(api):
    duplicates = api.get("/api/v1/stories").json()["duplicates"]
    copy = api.get(f"/api/v1/articles/{duplicates[0]['id']}").json()
    assert copy["original"]["id"] == duplicates[0]["duplicate_of"]


def test_search_finds_statements_and_articles_with_filters(api):
    found = api.get("/api/v1/search", params={"q": "troops", "stance": "denies"}).json()
    assert found["statements"] and all(s["stance"] == "denies" for s in found["statements"])
    assert all("troops" in s["sentence"].lower() for s in found["statements"])
    assert found["articles"]


def test_search_by_actor_country_takes_its_bodies(api):
    found = api.get("/api/v1/search", params={"actor": "RUS"}).json()
    assert found["statements"]
    assert all("RUS" in {(s["source_actor"] or "")[:3], (s["claim"] or "")[:3]} or s["source_country"] == "RUS"
               or "RUS" in s["claim"] for s in found["statements"])


@pytest.mark.parametrize("query, word", [("stance=sure", "stance"), ("since=last%20week", "since"),
                                         ("limit=0", "limit")])
def test_bad_search_filters_are_refused_naming_the_filter(api, query, word):
    response = api.get(f"/api/v1/search?{query}")
    assert response.status_code == 400
    assert word in response.json()["detail"]


def test_a_proposition_timeline_as_of_a_day(api, north_korea_story):
    claim = north_korea_story["propositions"][0]
    now = api.get(f"/api/v1/propositions/{claim['id']}").json()
    before = api.get(f"/api/v1/propositions/{claim['id']}?at=2024-10-10").json()
    assert len(before["statements"]) < len(now["statements"])
    assert all(s["date"] <= "2024-10-10" for s in before["statements"])


def test_reading_reactions_gives_a_reader_cookie_and_csrf_token(served_sample, north_korea_story):
    with served_sample.client() as client:
        state = client.get(f"/api/v1/stories/{north_korea_story['id']}/reactions")
        assert state.status_code == 200 and state.json()["csrf"]
        assert "cw_reader" in client.cookies
        assert "httponly" in state.headers["set-cookie"].lower()


def test_a_reader_reacts_changes_and_withdraws(served_sample, north_korea_story):
    path = f"/api/v1/articles/{north_korea_story['articles'][1]}/reactions"
    with served_sample.client() as client:
        token = csrf_for(client, path)
        before = client.get(path).json()["counts"]
        liked = react(client, path, "like", token).json()
        assert liked["mine"] == "like" and liked["counts"]["like"] == before["like"] + 1
        loved = react(client, path, "love", token).json()
        assert loved["counts"]["like"] == before["like"] and loved["counts"]["love"] == before["love"] + 1
        withdrawn = react(client, path, None, token).json()
        assert withdrawn["mine"] is None and withdrawn["counts"] == before


def test_one_reader_counts_once_however_often_they_click(served_sample, north_korea_story):
    path = f"/api/v1/stories/{north_korea_story['id']}/reactions"
    with served_sample.client() as client:
        token = csrf_for(client, path)
        before = client.get(path).json()["counts"]["wow"]
        for _ in range(3):
            state = react(client, path, "wow", token).json()
        assert state["counts"]["wow"] == before + 1


def test_a_reaction_without_the_csrf_token_is_refused(served_sample, north_korea_story):
    path = f"/api/v1/stories/{north_korea_story['id']}/reactions"
    with served_sample.client() as client:
        csrf_for(client, path)
        response = client.post(path, json={"reaction": "like"})
        assert response.status_code == 403 and "CSRF" in response.json()["detail"]


def test_a_csrf_token_of_another_reader_is_refused(served_sample, north_korea_story):
    path = f"/api/v1/stories/{north_korea_story['id']}/reactions"
    with served_sample.client() as mine, served_sample.client() as theirs:
        csrf_for(mine, path)
        assert react(mine, path, "like", csrf_for(theirs, path)).status_code == 403


def test_a_reaction_from_another_site_is_refused(served_sample, north_korea_story):
    path = f"/api/v1/stories/{north_korea_story['id']}/reactions"
    with served_sample.client() as client:
        token = csrf_for(client, path)
        response = client.post(path, json={"reaction": "like"},
                               headers={"X-CSRF-Token": token, "Origin": "http://evil.example"})
        assert response.status_code == 403


def test_a_reaction_without_a_reader_cookie_is_refused(served_sample, north_korea_story):
    with served_sample.client() as client:
        response = react(client, f"/api/v1/stories/{north_korea_story['id']}/reactions", "like", "x")
        assert response.status_code == 403 and "cookie" in response.json()["detail"]


def test_an_unknown_reaction_is_refused_listing_the_known_ones(served_sample, north_korea_story):
    path = f"/api/v1/stories/{north_korea_story['id']}/reactions"
    with served_sample.client() as client:
        response = react(client, path, "meh", csrf_for(client, path))
        assert response.status_code == 422 and "like" in response.json()["detail"]


def test_reacting_to_a_missing_article_is_404(served_sample):
    with served_sample.client() as client:
        assert client.get("/api/v1/articles/nope/reactions").status_code == 404


def test_fifty_concurrent_readers_end_with_exact_counts(served_sample, north_korea_story):
    path = f"/api/v1/articles/{north_korea_story['articles'][2]}/reactions"
    readers = [served_sample.client() for _ in range(50)]
    tokens = [csrf_for(client, path) for client in readers]
    before = readers[0].get(path).json()["counts"]

    def click(index: int) -> str:
        # Each reader changes its mind a few times; only its last reaction counts.
        choices = [REACTIONS[(index + step) % len(REACTIONS)] for step in range(4)]
        for choice in choices:
            assert react(readers[index], path, choice, tokens[index]).status_code == 200
        return choices[-1]

    with ThreadPoolExecutor(max_workers=50) as pool:
        final = list(pool.map(click, range(50)))
    counts = readers[0].get(path).json()["counts"]
    for reaction in REACTIONS:
        assert counts[reaction] == before[reaction] + final.count(reaction)
    for client in readers:
        client.close()


def test_the_openapi_description_lists_every_route(api):
    paths = api.get("/openapi.json").json()["paths"]
    for path in ("/api/v1/stories", "/api/v1/stories/{story_id}", "/api/v1/articles", "/api/v1/articles/{article_id}",
                 "/api/v1/articles/{target_id}/reactions", "/api/v1/stories/{target_id}/reactions",
                 "/api/v1/search", "/api/v1/propositions/{proposition_id}"):
        assert path in paths, path
    assert "post" in paths["/api/v1/articles"]


def test_ingest_over_the_api_is_off_without_a_token(api):
    response = api.post("/api/v1/articles", json={"text": "Something happened.", "title": "T"})
    assert response.status_code == 403 and "--api-token" in response.json()["detail"]


@pytest.fixture(scope="module")
def served_with_token(sample_db, tmp_path_factory):
    from web_helpers import Served, copy_store

    served = Served(copy_store(sample_db, tmp_path_factory.mktemp("token") / "claimwatch.db"),
                    "--api-token", "s3cret-token", "--pipeline", "fast", "--reactions-per-minute", "3")
    yield served
    served.close()


ARTICLE = {"id": "posted-1", "title": "Chile and Peru sign a fisheries pact", "outlet": "harbourdesk.example",
           "published": "2025-03-02", "url": "https://harbourdesk.example/2025/03/02/fisheries",
           "text": "Chile and Peru signed a fisheries agreement on Sunday, the Chilean foreign ministry said. "
                   "Peru's government confirmed the pact, which covers 200 nautical miles of coast."}


def test_a_wrong_token_is_refused(served_with_token):
    response = httpx.post(served_with_token.url("/api/v1/articles"), json=ARTICLE,
                          headers={"Authorization": "Bearer guess"})
    assert response.status_code == 401


def test_a_posted_article_is_stored_analysed_and_placed_in_a_story(served_with_token):
    response = httpx.post(served_with_token.url("/api/v1/articles"), json=ARTICLE,
                          headers={"Authorization": "Bearer s3cret-token"}, timeout=60)
    assert response.status_code == 201, response.text
    outcome = response.json()["outcomes"][0]
    assert outcome["outcome"] == "added" and outcome["id"] == "posted-1" and outcome["story_id"]
    stored = httpx.get(served_with_token.url("/api/v1/articles/posted-1")).json()
    assert stored["analysis"]["statements"] and stored["story"]["id"] == outcome["story_id"]


def test_posting_the_same_article_again_stores_nothing_new(served_with_token):
    headers = {"Authorization": "Bearer s3cret-token"}
    httpx.post(served_with_token.url("/api/v1/articles"), json=ARTICLE, headers=headers, timeout=60)
    again = httpx.post(served_with_token.url("/api/v1/articles"), json=ARTICLE, headers=headers, timeout=60)
    assert again.status_code == 200 and again.json()["outcomes"][0]["outcome"] in ("duplicate", "unchanged")


def test_a_posted_article_without_text_or_url_is_refused_with_what_to_give(served_with_token):
    response = httpx.post(served_with_token.url("/api/v1/articles"), json={"title": "Only a title"},
                          headers={"Authorization": "Bearer s3cret-token"})
    assert response.status_code == 422
    assert "text" in response.json()["outcomes"][0]["error"]


def test_a_posted_url_on_a_private_address_is_refused(served_with_token, server):
    url = server.serve("/story.html", "<html><body><p>Hello</p></body></html>")
    response = httpx.post(served_with_token.url("/api/v1/articles"), json={"url": url},
                          headers={"Authorization": "Bearer s3cret-token"}, timeout=30)
    assert response.status_code == 422
    assert "127.0.0.1" in response.json()["outcomes"][0]["error"]
    assert not server.hits


def test_a_reader_over_the_rate_limit_is_told_to_wait(served_with_token):
    stories = httpx.get(served_with_token.url("/api/v1/stories")).json()["stories"]
    path = f"/api/v1/stories/{stories[0]['id']}/reactions"
    with served_with_token.client() as client:
        token = csrf_for(client, path)
        statuses = [react(client, path, REACTIONS[i % 7], token).status_code for i in range(5)]
        assert statuses[:3] == [200, 200, 200] and statuses[3:] == [429, 429]
        limited = react(client, path, "like", token)
        assert int(limited.headers["retry-after"]) >= 1


def test_reactions_and_reader_cookies_survive_a_restart(sample_db, tmp_path):
    from web_helpers import Served, copy_store

    db = copy_store(sample_db, tmp_path / "claimwatch.db")
    first = Served(db)
    story_id = httpx.get(first.url("/api/v1/stories")).json()["stories"][0]["id"]
    path = f"/api/v1/stories/{story_id}/reactions"
    client = first.client()
    react(client, path, "sad", csrf_for(client, path))
    cookies = dict(client.cookies)
    client.close()
    first.close()
    second = Served(db)
    try:
        with httpx.Client(base_url=second.base, cookies=cookies) as again:
            state = again.get(path).json()
            assert state["counts"]["sad"] == 1 and state["mine"] == "sad"
    finally:
        second.close()


def test_reactions_are_exported_with_the_rest(served_sample, north_korea_story, cli):
    path = f"/api/v1/stories/{north_korea_story['id']}/reactions"
    with served_sample.client() as client:
        react(client, path, "angry", csrf_for(client, path))
    result = cli("export", "--what", "reactions", "--format", "jsonl", "--db", str(served_sample.db), db=False)
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    story_row = next(r for r in rows if r["target_id"] == north_korea_story["id"])
    assert story_row["target_kind"] == "story" and story_row["angry"] >= 1
    assert story_row["total"] == sum(story_row[r] for r in REACTIONS)


def test_serve_refuses_a_store_it_cannot_open_naming_it(cli, tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_text("not a database")
    result = cli("serve", "--db", str(bad), "--port", "1", db=False)
    assert result.exit_code == 2 and str(bad) in result.stderr and "claimwatch database" in result.stderr
