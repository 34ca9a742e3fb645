"""Web benchmark: pages and reactions of `claimwatch serve` beside a bare FastAPI endpoint, same run.

It fills a fresh SQLite store with --articles generated articles and their analyses
(bench/storygen.py: many concurrent stories; no NLP is run), tracked into stories, then starts
two servers on 127.0.0.1, each one uvicorn process: `claimwatch serve` over that store, and a
bare FastAPI app whose one endpoint returns a constant (bench/bare_app.py). From this process
(bench/loadgen.py: keep-alive HTTP/1.1 on asyncio) it drives, for --seconds each:

  bare       GET / of the bare app
  story      GET /stories/{id}, rotating over the 10 largest stories
  article    GET /articles/{id}, rotating over 100 articles spread over the store
             (each connection a returning reader: it sends the cookie the home page gave it)
  reaction   POST /api/v1/articles/{id}/reactions by --clients concurrent readers (each its own
             cookie and CSRF token), --clicks each, every reader changing its mind; afterwards the
             counts are checked against each reader's last reaction (exact or not)

and prints requests per second, p50 and p99 latency, and each phase's throughput over the bare
endpoint's. Target: story and article pages at least 0.3x the bare endpoint. Figures also go to
bench/results/web.json. Every request goes to 127.0.0.1, and every phase is bounded in time.

    .venv/bin/python bench/web.py [--articles 10000] [--seconds 5] [--connections 32]
                                  [--clients 50] [--clicks 40] [--keep] [--workdir DIR]
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from loadgen import Result, request_bytes, run_load  # bench/loadgen.py, beside this script
from storygen import stream  # bench/storygen.py

from claimwatch.records import REACTIONS, Analysis, Article, day_number
from claimwatch.store import open_store
from claimwatch.track import Tracker

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "web.json"
TARGET = 0.3
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def fill(path: Path, count: int) -> dict:
    """Store, analyse (generated analyses) and track count articles; returns how long it took."""
    start = time.perf_counter()
    articles = stream(2024, 60.0)
    with open_store(str(path)) as store:
        tracker = Tracker(store, store)
        done = 0
        while done < count:
            with store.transaction():
                for fields, generated in (next(articles) for _ in range(min(1000, count - done))):
                    analysis = Analysis.from_dict(generated)
                    article = Article(id=fields["id"], text=fields["text"], title=fields["title"], url=fields["url"],
                                      outlet=fields["outlet"], published=fields["published"], language="en",
                                      source="bench", text_hash=fields["text_hash"])
                    store.insert_article(article, b"", [], day_number(article.published))
                    store.save_analysis(article.id, "bench", analysis)
                    tracker.track(article, analysis)
                    done += 1
            print(f"  stored and tracked {done:,} articles", file=sys.stderr, end="\r")
        print(file=sys.stderr)
        stories = sorted(store.stories(), key=lambda s: -len(s.articles))
        ids = [a.id for a in store.articles()]
    return {"seconds": time.perf_counter() - start, "stories": [s.id for s in stories[:10]],
            "story_articles": [len(s.articles) for s in stories[:10]], "story_count": len(stories),
            "articles": ids[:: max(1, len(ids) // 100)][:100]}


class Server:
    """A uvicorn process on 127.0.0.1, ready when its address answers."""

    def __init__(self, command: list[str], port: int, probe: str, log: Path) -> None:
        self.port = port
        self._log = log.open("w")
        self.process = subprocess.Popen(command, stdout=self._log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"server exited ({self.process.returncode}); see {log}")
            try:
                if httpx.get(f"http://{HOST}:{port}{probe}", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.1)
        raise SystemExit(f"server on port {port} did not start; see {log}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self._log.close()


def start_servers(db: Path, work: Path) -> tuple[Server, Server]:
    port, bare_port = free_port(), free_port()
    claimwatch = Server([sys.executable, "-c", "from claimwatch.cli import main; main()", "serve", "--db", str(db),
                         "--host", HOST, "--port", str(port), "--log-level", "warning",
                         "--reactions-per-minute", "1000000", "--address-reactions-per-minute", "100000000"],
                        port, "/api/v1/stories?limit=1", work / "claimwatch-serve.log")
    bare = Server([sys.executable, "-m", "uvicorn", "bare_app:app", "--app-dir", str(HERE), "--host", HOST,
                   "--port", str(bare_port), "--log-level", "warning", "--no-access-log"],
                  bare_port, "/", work / "bare.log")
    return claimwatch, bare


def rotating(paths: list[str], port: int, cookies: list[str] | None = None):
    """Requests for paths in turn; connection i sends reader cookie i, as a returning reader's browser does."""
    jars = cookies or [None]
    requests = [[request_bytes("GET", p, host=f"{HOST}:{port}", headers={"Cookie": c} if c else None) for p in paths]
                for c in jars]
    counter = iter(range(10**12))
    return lambda worker: requests[worker % len(jars)][next(counter) % len(paths)]


def reader_cookies(port: int, count: int) -> list[str]:
    """Cookies of count readers, each given by the home page."""
    return [f"cw_reader={httpx.get(f'http://{HOST}:{port}/').cookies['cw_reader']}" for _ in range(count)]


def readers(port: int, path: str, clients: int) -> list[dict[str, str]]:
    """Headers of clients new readers: each its own cookie and CSRF token."""
    headers = []
    for _ in range(clients):
        answer = httpx.get(f"http://{HOST}:{port}{path}")
        headers.append({"Cookie": f"cw_reader={answer.cookies['cw_reader']}", "X-CSRF-Token": answer.json()["csrf"],
                        "Content-Type": "application/json"})
    return headers


def reaction_phase(port: int, article_id: str, clients: int, clicks: int, seconds: float) -> tuple[Result, dict]:
    """clients readers click clicks reactions each, concurrently; then the counts are checked."""
    path = f"/api/v1/articles/{article_id}/reactions"
    headers = readers(port, path, clients)
    rng = random.Random(7)
    plans = [[rng.choice(REACTIONS) for _ in range(clicks)] for _ in range(clients)]
    sent = [0] * clients

    def next_request(worker: int) -> bytes | None:
        if sent[worker] >= clicks:
            return None
        reaction = plans[worker][sent[worker]]
        sent[worker] += 1
        return request_bytes("POST", path, host=f"{HOST}:{port}", headers=headers[worker],
                             body=json.dumps({"reaction": reaction}).encode())

    result = run_load(HOST, port, connections=clients, seconds=seconds, next_request=next_request)
    counts = httpx.get(f"http://{HOST}:{port}{path}").json()["counts"]
    expected = {r: sum(1 for i, plan in enumerate(plans) if sent[i] and plan[sent[i] - 1] == r) for r in REACTIONS}
    return result, {"counts": counts, "expected": expected, "exact": counts == expected,
                    "all_sent": all(n == clicks for n in sent)}


def row(name: str, result: Result, bare: Result) -> dict:
    failed = sum(n for status, n in result.statuses.items() if status >= 400)
    return {"phase": name, "requests": result.requests, "rps": result.rps, "p50_ms": result.p50,
            "p99_ms": result.percentile(0.99), "x_bare": result.rps / bare.rps if bare.rps else 0.0,
            "failed": failed, "kib_per_response": result.bytes_read / max(result.requests, 1) / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--clicks", type=int, default=40)
    parser.add_argument("--keep", action="store_true", help="keep the store and server logs")
    parser.add_argument("--workdir", type=Path)
    args = parser.parse_args()
    work = Path(args.workdir or tempfile.mkdtemp(prefix="claimwatch-web-"))
    work.mkdir(parents=True, exist_ok=True)
    db = work / "web.db"
    print(f"web benchmark: {args.articles:,} articles, {args.seconds:g} s a phase, {args.connections} connections; "
          f"store {db}")
    filled = fill(db, args.articles)
    print(f"  filled in {filled['seconds']:.0f} s: {filled['story_count']:,} stories; pages of the 10 largest "
          f"({min(filled['story_articles'])}–{max(filled['story_articles'])} articles) and of 100 articles")
    claimwatch, bare_server = start_servers(db, work)
    try:
        story_paths = [f"/stories/{s}" for s in filled["stories"]]
        article_paths = [f"/articles/{a}" for a in filled["articles"]]
        for path in story_paths + article_paths:  # built once, then served from the page cache
            httpx.get(f"http://{HOST}:{claimwatch.port}{path}", timeout=60).raise_for_status()
        load = {"connections": args.connections, "seconds": args.seconds}
        cookies = reader_cookies(claimwatch.port, args.connections)
        bare = run_load(HOST, bare_server.port, **load, next_request=rotating(["/"], bare_server.port))
        story = run_load(HOST, claimwatch.port, **load,
                         next_request=rotating(story_paths, claimwatch.port, cookies))
        article = run_load(HOST, claimwatch.port, **load,
                           next_request=rotating(article_paths, claimwatch.port, cookies))
        reaction, check = reaction_phase(claimwatch.port, filled["articles"][0], args.clients, args.clicks,
                                         max(args.seconds * 6, 30))
    finally:
        claimwatch.stop()
        bare_server.stop()
    rows = [row("bare", bare, bare), row("story", story, bare), row("article", article, bare),
            row("reaction", reaction, bare)]
    print(f"\n{'phase':<10}{'requests':>10}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'x bare':>8}{'KiB':>8}{'failed':>8}")
    for r in rows:
        print(f"{r['phase']:<10}{r['requests']:>10,}{r['rps']:>10,.0f}{r['p50_ms']:>9.2f}{r['p99_ms']:>9.2f}"
              f"{r['x_bare']:>8.2f}{r['kib_per_response']:>8.1f}{r['failed']:>8}")
    print(f"\nreactions: {args.clients} readers x {args.clicks} clicks, all sent: {check['all_sent']}; "
          f"counts exact: {check['exact']} {check['counts']}")
    met = all(r["x_bare"] >= TARGET for r in rows[1:3])
    print(f"target: story and article pages >= {TARGET}x the bare endpoint: "
          f"{'met' if met else 'NOT met'} ({rows[1]['x_bare']:.2f}x, {rows[2]['x_bare']:.2f}x)")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"articles": args.articles, "rows": rows, "reactions": check, "target_met": met,
                                   "python": platform.python_version(), "machine": platform.machine()}, indent=2))
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
