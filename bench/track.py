"""Tracking benchmark: placing one new article in a story should cost the same in a large store as in a small one.

It streams synthetic articles with their analyses (bench/storygen.py: many concurrent stories of
2 to 6 weeks and 5 to 60 articles over several years, claims such as IRN supply RUS that recur
across stories, deterministic for a seed; no NLP is run) into a fresh SQLite store in a temp
folder, in publication order. For each size S of --sizes (default 1,000, 10,000 and 100,000):

  fill       insert_article + Tracker.place for every article up to S, in transactions of 1,000, the
             statements of each transaction encoded together first (as an ingest batch does);
             printed as articles/s over the stretch since the last size (generation not timed)
  track      the next 300 articles are stored (untimed), then tracked one by one, each in its own
             transaction; only Tracker.track is timed (the commit is shown apart): median, p90,
             mean and max ms per article
  queries    100 more articles tracked with every SQL call timed and its SQLite VM instructions
             counted, by store method and statement: ms and instructions per article, to show
             which query grows if tracking does
  timeline   story_with_propositions + json.dumps(story.to_dict()) (what `claimwatch story ID`
             builds and prints) for the largest story and a median one: median of 20 runs

then EXPLAIN QUERY PLAN for every distinct statement the tracker ran at the largest size (any
SCAN of a table is flagged), and the target: median ms per article at the largest size at most
2 x the median at the smallest. Figures also go to bench/results/track.json.

    .venv/bin/python bench/track.py [--sizes 1000,10000,100000] [--quick] [--measure 300]
                                    [--seed S] [--per-day 60] [--keep] [--workdir DIR]

--quick is --sizes 1000,5000 (under a minute). The default sizes take about 10 minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import itertools
import json
import multiprocessing
import os
import platform
import re
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from storygen import stream  # bench/storygen.py, beside this script

from claimwatch.claims.embedding import DIMENSIONS
from claimwatch.claims.grouping import statement_content
from claimwatch.claims.words import content_stems
from claimwatch.records import Analysis, Article, day_number
from claimwatch.store import open_store
from claimwatch.track import Tracker, statement_vectors, story_with_propositions
from claimwatch.settings import STORY_WINDOW_DAYS

RATIO_TARGET = 2.0  # median ms/article at the largest size over the smallest
RESULTS = Path(__file__).resolve().parent / "results" / "track.json"
TIMELINE_RUNS = 20


def src_digest() -> str:
    """A short hash of the installed claimwatch sources: which code the figures are for."""
    root = Path(importlib.util.find_spec("claimwatch").submodule_search_locations[0])
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def to_article(fields: dict) -> Article:
    return Article(id=fields["id"], text=fields["text"], title=fields["title"], url=fields["url"],
                   outlet=fields["outlet"], published=fields["published"], language="en", source="bench",
                   text_hash=fields["text_hash"], duplicate_of=fields["duplicate_of"])


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    position = q * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


class Producer:
    """The synthetic stream, generated in a child process on request.

    While the store is filled, the next batch is asked for before this one is stored, so that
    generating overlaps storing (2 cores); nothing is generated while articles are timed.
    """

    def __init__(self, seed: int, per_day: float) -> None:
        context = multiprocessing.get_context("fork")
        self._conn, child = context.Pipe()
        self._process = context.Process(target=_produce, args=(child, seed, per_day), daemon=True)
        self._process.start()
        child.close()

    def ask(self, count: int) -> None:
        self._conn.send(count)

    def take(self) -> list[tuple[Article, Analysis]]:
        return [(to_article(a), Analysis.from_dict(an)) for a, an in self._conn.recv()]

    def get(self, count: int) -> list[tuple[Article, Analysis]]:
        self.ask(count)
        return self.take()

    def close(self) -> None:
        self._conn.send(0)
        self._process.join(5)


def _produce(conn: Any, seed: int, per_day: float) -> None:
    articles = stream(seed, per_day)
    while count := conn.recv():
        conn.send(list(itertools.islice(articles, count)))


# Per-query timing: the store's connection wrapped so that every statement is timed (its rows
# too, which SQLite produces while they are read) and its VM instructions counted.

_STEP = 100  # the progress handler runs every _STEP VM instructions


class QueryLog:
    def __init__(self) -> None:
        self.active = False
        self.ticks = 0
        self.seconds: dict[str, float] = defaultdict(float)
        self.steps: dict[str, int] = defaultdict(int)
        self.calls: dict[str, int] = defaultdict(int)
        self.examples: dict[tuple[str, int], tuple[str, str, list]] = {}
        self.shapes: dict[tuple[str, int], int] = defaultdict(int)

    def tick(self) -> int:
        self.ticks += 1
        return 0

    def record(self, label: str, sql: str, params: Any, seconds: float, ticks: int, new_call: bool) -> None:
        if not self.active:
            return
        self.seconds[label] += seconds
        self.steps[label] += ticks * _STEP
        if new_call:
            self.calls[label] += 1
            if params is None:  # executemany with no rows: nothing ran
                return
            shape = (sql, len(params) if isinstance(params, (list, tuple, dict)) else 0)
            self.shapes[shape] += 1
            # Named parameters (a dict) stay a dict, so that EXPLAIN can bind them.
            example = dict(params) if isinstance(params, dict) else list(params) if isinstance(
                params, (list, tuple)) else []
            self.examples.setdefault(shape, (label, sql, example))


def _label(method: str, sql: str) -> str:
    verb = sql.split(None, 1)[0].upper()
    if verb == "INSERT":
        tables = re.findall(r"INTO (\w+)", sql)
    elif verb == "UPDATE":
        tables = re.findall(r"UPDATE (\w+)", sql)
    else:
        tables = list(dict.fromkeys(re.findall(r"\b(?:FROM|JOIN) (\w+)", sql)))
    return f"{method}: {verb} {'+'.join(tables)}"


class TimedCursor:
    def __init__(self, cursor: sqlite3.Cursor, log: QueryLog, label: str, sql: str, params: Any) -> None:
        self._cursor, self._log, self._label, self._sql, self._params = cursor, log, label, sql, params

    def _timed(self, fetch: Any, *args: Any) -> Any:
        ticks, start = self._log.ticks, time.perf_counter()
        result = fetch(*args)
        self._log.record(self._label, self._sql, self._params, time.perf_counter() - start,
                         self._log.ticks - ticks, False)
        return result

    def fetchone(self) -> Any:
        return self._timed(self._cursor.fetchone)

    def fetchall(self) -> Any:
        return self._timed(self._cursor.fetchall)

    def __iter__(self) -> TimedCursor:
        return self

    def __next__(self) -> Any:
        return self._timed(self._cursor.__next__)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cursor, name)


@contextmanager
def instrumented(store: Any, log: QueryLog) -> Iterator[None]:
    """The store's connection timed and its VM instructions counted for the block."""
    raw = store._conn
    store._conn = TimedConnection(raw, log)
    raw.set_progress_handler(log.tick, _STEP)
    try:
        yield
    finally:
        raw.set_progress_handler(None, 0)
        store._conn = raw


class TimedConnection:
    def __init__(self, conn: sqlite3.Connection, log: QueryLog) -> None:
        self._conn, self._log = conn, log

    def _run(self, method: Any, sql: str, params: Any, example: Any) -> TimedCursor:
        label = _label(sys._getframe(2).f_code.co_name, sql)
        ticks, start = self._log.ticks, time.perf_counter()
        cursor = method(sql, params)
        self._log.record(label, sql, example, time.perf_counter() - start, self._log.ticks - ticks, True)
        return TimedCursor(cursor, self._log, label, sql, example)

    def execute(self, sql: str, params: Any = ()) -> TimedCursor:
        return self._run(self._conn.execute, sql, params, params)

    def executemany(self, sql: str, rows: Any) -> TimedCursor:
        rows = list(rows)
        return self._run(self._conn.executemany, sql, rows, rows[0] if rows else None)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)


# The phases.

class HashedEncoder:
    """A stand-in for the sentence encoder while filling: each content word hashed to a signed axis.

    Its cost does not grow with the store, and the timed articles use the real encoder; what it
    keeps is that statements sharing words lie near one another, so stories still grow claims.
    """

    def __call__(self, analyses: list[Analysis]) -> list[np.ndarray]:
        return [self._vectors([statement_content(s) for s in analysis.statements]) for analysis in analyses]

    @staticmethod
    def _vectors(texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in content_stems(text):
                digest = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=4).digest(), "little")
                out[row, digest % DIMENSIONS] += 1.0 if digest & 0x80000000 else -1.0
            norm = float(np.linalg.norm(out[row]))
            if norm:
                out[row] /= norm
        return out


def fill(store: Any, tracker: Tracker, producer: Producer, count: int, batch: int,
         encode: Callable[[list[Analysis]], list[np.ndarray]]) -> dict:
    """Store and track count articles in transactions of batch; generation is not timed."""
    seconds = insert = track = 0.0
    last_rate = 0.0
    batches = [min(batch, count - start) for start in range(0, count, batch)]
    producer.ask(batches[0])
    for number in range(len(batches)):
        items = producer.take()
        if number + 1 < len(batches):
            producer.ask(batches[number + 1])  # generated while this batch is stored
        start = time.perf_counter()
        with store.transaction():
            # As an ingest batch does: the batch's statements encoded together, then each article placed.
            t0 = time.perf_counter()
            vectors = encode([analysis for _, analysis in items])
            track += time.perf_counter() - t0
            for (article, analysis), article_vectors in zip(items, vectors):
                t0 = time.perf_counter()
                store.insert_article(article, b"", [], day_number(article.published))
                t1 = time.perf_counter()
                tracker.place(article, analysis, article_vectors)
                track += time.perf_counter() - t1
                insert += t1 - t0
        elapsed = time.perf_counter() - start
        seconds += elapsed
        last_rate = len(items) / elapsed
    return {"articles": count, "seconds": seconds, "insert_s": insert, "track_s": track,
            "rate": count / seconds if seconds else 0.0, "last_batch_rate": last_rate}


def measure(store: Any, tracker: Tracker, producer: Producer, count: int) -> dict:
    """Track count articles one by one, each in its own transaction: encoding its statements and placing it
    timed (the real encoder), and placing alone beside it."""
    items = producer.get(count)
    with store.transaction():
        for article, _ in items:
            store.insert_article(article, b"", [], day_number(article.published))
    track_ms, place_ms, commit_ms = [], [], []
    for article, analysis in items:
        with store.transaction():
            start = time.perf_counter()
            [vectors] = statement_vectors([analysis])
            encoded = time.perf_counter()
            tracker.place(article, analysis, vectors)
            tracked = time.perf_counter()
        track_ms.append((tracked - start) * 1000)
        place_ms.append((tracked - encoded) * 1000)
        commit_ms.append((time.perf_counter() - tracked) * 1000)
    return {"articles": count, "median_ms": statistics.median(track_ms), "p90_ms": percentile(track_ms, 0.9),
            "mean_ms": statistics.fmean(track_ms), "max_ms": max(track_ms),
            "place_median_ms": statistics.median(place_ms), "place_p90_ms": percentile(place_ms, 0.9),
            "commit_median_ms": statistics.median(commit_ms), "last_published": items[-1][0].published}


def breakdown(store: Any, tracker: Tracker, producer: Producer, count: int) -> tuple[dict, QueryLog]:
    """Track count more articles with every SQL call timed: ms, calls and VM instructions per article."""
    items = producer.get(count)
    with store.transaction():
        for article, _ in items:
            store.insert_article(article, b"", [], day_number(article.published))
    log = QueryLog()
    total = 0.0
    with instrumented(store, log):
        for article, analysis in items:
            with store.transaction():
                log.active = True
                start = time.perf_counter()
                tracker.track(article, analysis)
                total += time.perf_counter() - start
                log.active = False
    queries = {label: {"calls": log.calls[label] / count, "ms": log.seconds[label] * 1000 / count,
                       "kilo_steps": log.steps[label] / count / 1000} for label in log.calls}
    sql_ms = sum(q["ms"] for q in queries.values())
    return {"articles": count, "track_ms": total * 1000 / count, "sql_ms": sql_ms,
            "python_ms": total * 1000 / count - sql_ms, "queries": queries}, log


def store_stats(conn: sqlite3.Connection, day: int | None, path: Path) -> dict:
    live, propositions = (conn.execute(sql).fetchone()[0] for sql in (
        "SELECT count(*) FROM stories WHERE merged_into IS NULL", "SELECT count(*) FROM propositions"))
    in_window = conn.execute("SELECT count(*) FROM stories WHERE merged_into IS NULL AND last_day >= ?",
                             (day - STORY_WINDOW_DAYS if day is not None else 0,)).fetchone()[0]
    statements = conn.execute("SELECT count(*) FROM tracked_statements").fetchone()[0]
    size = sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
    return {"stories": live, "stories_in_window": in_window, "propositions": propositions,
            "statements": statements, "db_mib": size / 2**20}


def timeline(store: Any, conn: sqlite3.Connection) -> dict:
    """Build and dump the largest story and a median one, TIMELINE_RUNS times each."""
    sizes = conn.execute("SELECT id, article_count FROM stories WHERE merged_into IS NULL AND article_count >= 2 "
                         "ORDER BY article_count, id").fetchall()
    if not sizes:
        return {}
    picks = {"largest": sizes[-1][0], "median": sizes[len(sizes) // 2][0]}
    result = {}
    for which, story_id in picks.items():
        runs = []
        for _ in range(TIMELINE_RUNS):
            start = time.perf_counter()
            story = story_with_propositions(store, story_id)
            dumped = json.dumps(story.to_dict())
            runs.append((time.perf_counter() - start) * 1000)
        result[which] = {"id": story_id, "articles": len(story.articles), "propositions": len(story.propositions),
                         "statements": sum(len(p.statements) for p in story.propositions),
                         "json_kib": len(dumped) / 1024, "median_ms": statistics.median(runs), "max_ms": max(runs)}
    return result


def timeline_queries(store: Any, story_id: str) -> QueryLog:
    """The statements one timeline build runs, for their query plans."""
    log = QueryLog()
    with instrumented(store, log):
        log.active = True
        json.dumps(story_with_propositions(store, story_id).to_dict())
    return log


def query_plans(conn: sqlite3.Connection, log: QueryLog) -> list[dict]:
    """EXPLAIN QUERY PLAN of each distinct statement (and IN-list length) the tracker ran, with its share."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    by_label: dict[str, list[dict]] = defaultdict(list)
    for shape, calls in log.shapes.items():
        label, sql, params = log.examples[shape]
        try:
            plan = [row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql, params)]
        except sqlite3.Error as exc:
            plan = [f"(no plan: {exc})"]
        scans = [line for line in plan if line.startswith("SCAN ") and line.split()[1] in tables]
        by_label[label].append({"params": shape[1], "calls": calls, "plan": plan, "scans": scans})
    result = []
    for label, shapes in sorted(by_label.items()):
        calls = sum(s["calls"] for s in shapes)
        plans: dict[tuple[str, ...], dict] = {}
        for s in shapes:
            entry = plans.setdefault(tuple(s["plan"]), {"plan": s["plan"], "scans": s["scans"], "calls": 0,
                                                        "params": []})
            entry["calls"] += s["calls"]
            entry["params"].append(s["params"])
        result.append({"query": label, "calls": calls, "plans": [
            {**p, "share": p["calls"] / calls, "params": [min(p["params"]), max(p["params"])]}
            for p in sorted(plans.values(), key=lambda p: -p["calls"])]})
    return result


def print_plans(title: str, plans: list[dict]) -> None:
    print(f"\n{title} (EXPLAIN QUERY PLAN of each statement run, the share of its calls with that plan, "
          "in: bound parameters, per row for executemany)")
    for entry in plans:
        for p in entry["plans"]:
            params = p["params"][0] if p["params"][0] == p["params"][1] else f"{p['params'][0]}-{p['params'][1]}"
            print(f"  {entry['query']}  [{100 * p['share']:.0f}% of {entry['calls']} calls, in {params}]")
            for line in p["plan"] or ["(no table access)"]:
                print(f"      {line}{'   <- SCAN' if line in p['scans'] else ''}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="store sizes to measure at, comma-separated")
    parser.add_argument("--quick", action="store_true", help="the same as --sizes 1000,5000")
    parser.add_argument("--measure", type=int, default=300, help="articles tracked one by one at each size")
    parser.add_argument("--queries", type=int, default=100, help="articles tracked with per-query timing (0: none)")
    parser.add_argument("--batch", type=int, default=1000, help="articles per transaction while filling")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--per-day", type=float, default=60.0, help="articles a day in the synthetic stream")
    parser.add_argument("--workdir", help="where the temp store goes (default: the system temp folder)")
    parser.add_argument("--keep", action="store_true", help="keep the store and print its path")
    parser.add_argument("--fill-encoder", choices=("hashed", "model"), default="hashed",
                        help="how filling encodes statements: a hashed bag of words (default; the model would "
                             "take hours at 100,000 articles on 2 cores) or the sentence encoder itself")
    args = parser.parse_args()
    try:
        sizes = sorted({int(s.replace("_", "")) for s in ("1000,5000" if args.quick else args.sizes).split(",")})
    except ValueError:
        parser.error("--sizes takes comma-separated article counts, e.g. 1000,10000,100000")
    if not sizes or sizes[0] < 1 or args.measure < 1:
        parser.error("sizes and --measure must be positive")

    began = time.perf_counter()
    code = src_digest()
    work = Path(tempfile.mkdtemp(prefix="claimwatch-track-", dir=args.workdir))
    path = work / "track.db"
    store = open_store(str(path))
    conn: sqlite3.Connection = store._conn
    tracker = Tracker(store, store)
    encode = HashedEncoder() if args.fill_encoder == "hashed" else statement_vectors
    producer = Producer(args.seed, args.per_day)
    print(f"tracking benchmark: sizes {', '.join(f'{s:,}' for s in sizes)}; {args.measure} articles timed "
          f"at each; seed {args.seed}, {args.per_day:g} articles a day; store {path}", flush=True)
    results: list[dict] = []
    stored = 0
    log = None
    try:
        for size in sizes:
            filled = fill(store, tracker, producer, size - stored, args.batch, encode) if size > stored else None
            stored = max(stored, size)
            timed = measure(store, tracker, producer, args.measure)
            stored += args.measure
            stats = store_stats(conn, day_number(timed["last_published"]), path)
            queries, log = breakdown(store, tracker, producer, args.queries) if args.queries else (None, None)
            stored += args.queries
            lines = timeline(store, conn)
            results.append({"size": size, "fill": filled, "track": timed, "store": stats, "queries": queries,
                            "timeline": lines})
            print(f"  {size:>9,}: filled at {filled['rate'] if filled else 0:,.0f} articles/s, "
                  f"track median {timed['median_ms']:.2f} ms ({time.perf_counter() - began:.0f}s so far)", flush=True)
        plans = query_plans(conn, log) if log else []
        largest = results[-1]["timeline"].get("largest")
        timeline_plans = query_plans(conn, timeline_queries(store, largest["id"])) if largest else []
    finally:
        producer.close()
        store.close()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    elapsed = time.perf_counter() - began

    first, last = results[0], results[-1]
    ratio = last["track"]["median_ms"] / first["track"]["median_ms"]
    passed = ratio <= RATIO_TARGET
    changed = src_digest() != code

    print(f"\nfill: insert_article + Tracker.place, transactions of 1,000, statements encoded by the "
          f"{args.fill_encoder} encoder (stretch since the previous size)")
    print(f"{'size':>9} {'articles/s':>10} {'last 1,000':>10} {'track %':>8} {'stories':>8} {'in window':>9} "
          f"{'propositions':>12} {'statements':>10} {'db MiB':>7}")
    for r in results:
        f, s = r["fill"], r["store"]
        rate = f"{f['rate']:>10,.0f} {f['last_batch_rate']:>10,.0f} {100 * f['track_s'] / f['seconds']:>7.0f}%" \
            if f else f"{'-':>10} {'-':>10} {'-':>8}"
        print(f"{r['size']:>9,} {rate} {s['stories']:>8,} {s['stories_in_window']:>9,} {s['propositions']:>12,} "
              f"{s['statements']:>10,} {s['db_mib']:>7.0f}")
    print("(stories: live stories in the store; in window: those active in the last "
          f"{STORY_WINDOW_DAYS} days, which a new article is compared with)")

    print(f"\ntrack one article: {args.measure} articles after each size, each in its own transaction, "
          "its statements encoded (the sentence encoder) and Tracker.place timed; place: placing alone")
    print(f"{'size':>9} {'median ms':>10} {'p90 ms':>8} {'mean ms':>8} {'max ms':>8} {'place ms':>9} {'commit ms':>10} "
          f"{'x smallest':>10} {'x previous':>10} {'place x':>8}")
    previous = first
    for r in results:
        t = r["track"]
        print(f"{r['size']:>9,} {t['median_ms']:>10.2f} {t['p90_ms']:>8.2f} {t['mean_ms']:>8.2f} {t['max_ms']:>8.1f} "
              f"{t['place_median_ms']:>9.2f} {t['commit_median_ms']:>10.2f} "
              f"{t['median_ms'] / first['track']['median_ms']:>10.2f} "
              f"{t['median_ms'] / previous['track']['median_ms']:>10.2f} "
              f"{t['place_median_ms'] / first['track']['place_median_ms']:>8.2f}")
        previous = r

    print(f"\nstory timeline: story_with_propositions + json.dumps(story.to_dict()), median of {TIMELINE_RUNS} runs")
    print(f"{'size':>9} {'story':<8} {'id':<13} {'articles':>8} {'props':>6} {'statements':>10} {'JSON KiB':>9} "
          f"{'ms':>8}")
    for r in results:
        for which, t in r["timeline"].items():
            print(f"{r['size']:>9,} {which:<8} {t['id']:<13} {t['articles']:>8} {t['propositions']:>6} "
                  f"{t['statements']:>10} {t['json_kib']:>9.1f} {t['median_ms']:>8.2f}")

    flagged, slower = [], []
    if log:
        print(f"\nper query: ms per tracked article ({args.queries} articles after each size, every SQL call timed; "
              "kI: thousands of SQLite VM instructions per article)")
        labels = sorted({q for r in results for q in r["queries"]["queries"]},
                        key=lambda q: -last["queries"]["queries"].get(q, {}).get("ms", 0))
        head = "".join(f"{s:>10,}" for s in sizes)
        print(f"{'query':<58} {'calls':>5}{head} {'x':>6} {'kI first':>8} {'kI last':>8} {'x':>6}")
        for q in labels:
            a, b = first["queries"]["queries"].get(q), last["queries"]["queries"].get(q)
            ms = "".join(f"{r['queries']['queries'].get(q, {}).get('ms', 0):>10.3f}" for r in results)
            growth = b["ms"] / a["ms"] if a and b and a["ms"] else float("nan")
            steps = b["kilo_steps"] / a["kilo_steps"] if a and b and a["kilo_steps"] else float("nan")
            note = ""
            if b is not None and b["ms"] > 0.05 and not steps <= RATIO_TARGET:  # nan (new query) counts
                flagged.append(q)
                note = "  <- its work grows"
            elif b is not None and b["ms"] > 0.05 and growth > RATIO_TARGET:
                slower.append(q)
                note = "  <- slower, same work"
            print(f"{q[:58]:<58} {(b or a)['calls']:>5.1f}{ms} {growth:>6.1f} {a['kilo_steps'] if a else 0:>8.1f} "
                  f"{b['kilo_steps'] if b else 0:>8.1f} {steps:>6.1f}{note}")
        for name, key in (("all SQL", "sql_ms"), ("Python (outside SQL)", "python_ms"), ("Tracker.track", "track_ms")):
            values = "".join(f"{r['queries'][key]:>10.3f}" for r in results)
            print(f"{name:<58} {'':>5}{values} {last['queries'][key] / first['queries'][key]:>6.1f}")

        print("(x: largest size over smallest; its work grows: VM instructions per article grow more than "
              f"{RATIO_TARGET:g}x; slower, same work: only its time does)")
        print_plans(f"query plans of Tracker.track at {last['size']:,}", plans)
        print_plans(f"query plans of the largest story's timeline at {last['size']:,}", timeline_plans)
        scans = [(e["query"], line) for e in plans + timeline_plans for p in e["plans"] for line in p["scans"]]
        print(f"\nSCANs of a table: {len(scans) or 'none'}")
        for query, line in scans:
            print(f"  {query}: {line}")
        print(f"queries whose work per article grows more than {RATIO_TARGET:g}x: "
              f"{', '.join(flagged) if flagged else 'none'}")
        print(f"queries slower by more than {RATIO_TARGET:g}x for the same work: "
              f"{', '.join(slower) if slower else 'none'}")

    if "largest" in last["timeline"]:
        big, mid = last["timeline"]["largest"], last["timeline"]["median"]
        print(f"\ntimeline at {last['size']:,}: largest story ({big['articles']} articles) {big['median_ms']:.1f} ms, "
              f"median story ({mid['articles']} articles) {mid['median_ms']:.1f} ms")
    print(f"\ntrack median at {last['size']:,} / at {first['size']:,}: {ratio:.2f} (target <= {RATIO_TARGET:g})")
    print(f"{'PASS' if passed else 'FAIL'}: tracking one article at {last['size']:,} stored articles costs "
          f"{ratio:.2f}x what it costs at {first['size']:,}")
    if changed:
        print("warning: src/claimwatch changed during the run; the figures are for the code loaded at the start")

    summary = {"sizes": sizes, "measure": args.measure, "queries_measured": args.queries, "batch": args.batch,
               "seed": args.seed, "per_day": args.per_day, "python": platform.python_version(),
               "sqlite": sqlite3.sqlite_version, "machine": f"{platform.machine()}, {os.cpu_count()} CPUs",
               "src_digest": code, "src_changed_during_run": changed, "results": results, "query_plans": plans,
               "timeline_query_plans": timeline_plans, "growing_queries": flagged, "slower_queries": slower,
               "ratio": round(ratio, 3), "target": RATIO_TARGET, "met": passed,
               "elapsed_s": round(elapsed, 1)}
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(summary, indent=2) + "\n")
    print(f"\nran in {elapsed:.0f}s; claimwatch sources {code}; figures written to {RESULTS}"
          + (f"; store kept in {work}" if args.keep else ""))


if __name__ == "__main__":
    main()
