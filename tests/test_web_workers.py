"""`claimwatch serve --workers N`: several processes over one PostgreSQL store answer as one server."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from claimwatch.records import REACTIONS
from web_helpers import Served, copy_to_postgresql


@pytest.fixture(scope="module")
def served_by_two(sample_db, postgres_server, tmp_path_factory):
    url = copy_to_postgresql(sample_db, postgres_server.new_database())
    served = Served(url, "--workers", "2", log=tmp_path_factory.mktemp("workers") / "serve.log")
    yield served
    served.close()
    postgres_server.drop_database(url)


def test_two_workers_count_every_readers_last_reaction_exactly(served_by_two):
    with served_by_two.client() as first:
        article = first.get("/api/v1/articles?limit=1").json()["articles"][0]["id"]
    path = f"/api/v1/articles/{article}/reactions"
    readers = [served_by_two.client() for _ in range(40)]
    tokens = [client.get(path).json()["csrf"] for client in readers]

    def click(index: int) -> str:
        # Each reader changes its mind; the requests land on either worker.
        choices = [REACTIONS[(index + step) % len(REACTIONS)] for step in range(3)]
        for choice in choices:
            answer = readers[index].post(path, json={"reaction": choice}, headers={"X-CSRF-Token": tokens[index]})
            assert answer.status_code == 200, answer.text
        return choices[-1]

    with ThreadPoolExecutor(max_workers=40) as pool:
        final = list(pool.map(click, range(40)))
    counts = readers[0].get(path).json()["counts"]
    assert counts == {reaction: final.count(reaction) for reaction in REACTIONS}
    for client in readers:
        client.close()


def test_two_workers_serve_the_story_pages(served_by_two):
    with served_by_two.client() as client:
        stories = client.get("/api/v1/stories").json()["stories"]
        for story in stories:
            assert client.get(f"/stories/{story['id']}").status_code == 200


def test_workers_over_a_sqlite_store_are_refused_with_what_to_use(cli, db_path):
    result = cli("serve", "--workers", "2")
    assert result.exit_code == 2
    assert "--workers 2 needs a store several processes write at once" in result.stderr
    assert "postgresql://" in result.stderr


def test_a_readers_rate_limit_holds_across_workers(sample_postgresql, postgres_server, tmp_path):
    url = postgres_server.new_database(template=sample_postgresql)
    served = Served(url, "--workers", "2", "--reactions-per-minute", "4", log=tmp_path / "serve.log")
    try:
        with served.client() as reader:
            article = reader.get("/api/v1/articles?limit=1").json()["articles"][0]["id"]
            path = f"/api/v1/articles/{article}/reactions"
            token = reader.get(path).json()["csrf"]
            statuses = []
            for step in range(12):
                # A new connection each time, so that the requests spread over both workers.
                with httpx.Client(base_url=served.base, cookies=reader.cookies) as fresh:
                    answer = fresh.post(path, json={"reaction": REACTIONS[step % 2]},
                                        headers={"X-CSRF-Token": token, "Origin": served.base})
                    statuses.append(answer.status_code)
                    if answer.status_code == 429:
                        assert int(answer.headers["retry-after"]) >= 1
    finally:
        served.close()
        postgres_server.drop_database(url)
    assert sorted(statuses) == [200] * 4 + [429] * 8, statuses
