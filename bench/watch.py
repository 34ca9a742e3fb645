"""Watch benchmark: time from a new entry appearing in a local feed to its alert reaching a webhook.

It serves an RSS feed and a webhook receiver from this process on 127.0.0.1, and starts
`claimwatch run` (its own process) over a fresh store with one source (the feed, polled every
--every seconds), one watch (every statement naming North Korea) and one webhook delivery.
Then it publishes --entries entries, one every --gap seconds, each a short report in new words,
and records when each one's first alert arrives. It prints the median, p90 and max latency
beside the poll interval (target: median under 2 s plus the interval), and the time the same
pipeline takes to analyse the same entries alone, in this process. Bounded: the run stops
--grace seconds after the last entry.

    .venv/bin/python bench/watch.py [--entries 200] [--every 1] [--gap 0.5] [--pipeline full|fast]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from claimwatch.records import Article

HOST = "127.0.0.1"
CITIES = ["Seoul", "Tokyo", "Kyiv", "Washington", "Brussels", "London", "Paris", "Berlin", "Warsaw", "Ottawa"]
VERBS = ["said", "told reporters", "said in a statement", "told lawmakers", "said on state television"]


def entry_text(number: int, rng: random.Random) -> tuple[str, str]:
    troops = rng.randrange(500, 15000, 50)
    city = rng.choice(CITIES)
    title = f"Report {number}: {city} officials on North Korean troops"
    text = (f"Officials in {city} {rng.choice(VERBS)} on day {number} that North Korea had sent {troops:,} troops "
            f"to Russia, the {number}th such estimate. A spokesman for the Kremlin denied that {troops % 97 + 3} "
            f"North Korean units were in the Kursk region. Analysts number {number} expect more reports.")
    return title, text


class Feed:
    """An RSS feed on 127.0.0.1 whose entries the benchmark adds while `claimwatch run` polls it."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self.lock = threading.Lock()
        feed = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                with feed.lock:
                    body = ('<?xml version="1.0"?><rss version="2.0"><channel><title>Bench news</title>'
                            "<link>http://bench.example/</link>" + "".join(feed.items[-50:]) + "</channel></rss>")
                data = body.encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer((HOST, 0), Handler)
        self.url = f"http://{HOST}:{self.server.server_address[1]}/feed.xml"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def publish(self, number: int, title: str, text: str, day: str) -> None:
        with self.lock:
            self.items.append(f"<item><title>{title}</title><link>http://bench.example/{number}</link>"
                              f"<guid>bench-{number}</guid><pubDate>{day}</pubDate>"
                              f"<description>{text}</description></item>")


class Receiver:
    """A webhook receiver on 127.0.0.1 that notes when each article's first alert arrives."""

    def __init__(self) -> None:
        self.first: dict[str, float] = {}
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                alert = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                receiver.first.setdefault(alert["article_id"], time.time())
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer((HOST, 0), Handler)
        self.url = f"http://{HOST}:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


def claimwatch(*args: str) -> list[str]:
    return [sys.executable, "-c", "from claimwatch.cli import main; main()", *args]


def analysis_alone(pipeline: str, entries: list[tuple[str, str]]) -> list[float]:
    from claimwatch.analyze import Analyzer

    analyzer = Analyzer(pipeline)
    analyzer.analyze(Article(id="warm", text=entries[0][1], title=entries[0][0]))
    times = []
    for number, (title, text) in enumerate(entries):
        start = time.perf_counter()
        analyzer.analyze(Article(id=f"a{number}", text=text, title=title))
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=200)
    parser.add_argument("--every", type=float, default=1.0, help="poll interval, seconds")
    parser.add_argument("--gap", type=float, default=0.5, help="seconds between new entries")
    parser.add_argument("--grace", type=float, default=30.0)
    parser.add_argument("--pipeline", choices=("full", "fast"), default="full")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="claimwatch-watch-"))
    db = str(work / "watch.db")
    feed, receiver = Feed(), Receiver()
    rng = random.Random(11)
    entries = [entry_text(n, rng) for n in range(args.entries)]
    for command in (("watch", "add", "nk", "--actor", "PRK"), ("source", "add", feed.url, "--every", f"{args.every}s",
                                                               "--name", "bench"),
                    ("deliver", "webhook", receiver.url)):
        subprocess.run(claimwatch(*command, "--db", db), check=True, capture_output=True)
    log = (work / "run.log").open("w")
    daemon = subprocess.Popen(claimwatch("run", "--db", db, "--allow-private", "--pipeline", args.pipeline),
                              stdout=log, stderr=subprocess.STDOUT)
    print(f"watch benchmark: {args.entries} entries, one every {args.gap:g} s, polled every {args.every:g} s, "
          f"{args.pipeline} pipeline; store {db}")
    time.sleep(5)  # the daemon loads its pipeline before its first poll
    published: dict[str, float] = {}
    try:
        for number, (title, text) in enumerate(entries):
            day = time.strftime("%a, %d %b %Y %H:%M:%S +0000", time.gmtime())
            feed.publish(number, title, text, day)
            published[f"http://bench.example/{number}"] = time.time()
            time.sleep(args.gap)
        deadline = time.time() + args.grace
        while time.time() < deadline and len(receiver.first) < len(published):
            time.sleep(0.2)
    finally:
        daemon.terminate()
        daemon.wait(20)
        log.close()
    from claimwatch.store import open_store

    with open_store(db) as store:
        urls = {a.id: a.url for a in store.articles()}
    latencies = sorted(arrived - published[urls[article]] for article, arrived in receiver.first.items()
                       if urls.get(article) in published)
    alone = analysis_alone(args.pipeline, entries)
    print(f"  alerted {len(latencies)} of {len(published)} entries")
    if latencies:
        p90 = latencies[int(0.9 * (len(latencies) - 1))]
        median = statistics.median(latencies)
        print(f"  latency entry -> webhook: median {median:.2f} s, p90 {p90:.2f} s, max {latencies[-1]:.2f} s "
              f"(poll interval {args.every:g} s)")
        print(f"  analysis alone: median {statistics.median(alone) * 1000:.1f} ms, "
              f"max {max(alone) * 1000:.1f} ms per entry")
        target = 2.0 + args.every
        print(f"target: median under {target:g} s: {'met' if median < target else 'NOT met'}")


if __name__ == "__main__":
    main()
