"""Scale benchmark: PostgreSQL against SQLite, a Dask cluster against one process, printed as ratios of one run.

Every server it starts listens on 127.0.0.1 only: a PostgreSQL cluster of Debian's binaries in a
temp folder (as `make test` installs them), `claimwatch serve`, and a local Dask cluster.

  ingest    --ingest-articles generated articles (bench/newsgen.py) as one JSONL file, ingested
            without analysis (`claimwatch ingest --no-analyze`) into a new SQLite file and into a new
            PostgreSQL database: articles/s of each, and PostgreSQL's over SQLite's
  analysis  --analysis-articles generated articles through the full pipeline (`claimwatch ingest`,
            analysis, tracking and alerts) in one process, and with `--dask-workers 2` (the
            cluster's start and its model loading included): articles/s, and the cluster's over
            one process's (target at least 1.7 on 2 cores)
  web       --web-articles synthetic articles and analyses (bench/storygen.py) tracked into a SQLite
            store, copied to PostgreSQL with `claimwatch store copy`'s code; GET /stories/{id} over
            the 10 largest stories for --seconds, from --connections keep-alive connections,
            against `serve --workers 2` on PostgreSQL and one worker on SQLite: requests/s and
            p50/p99 latency
  track     synthetic articles written in bulk (COPY) into PostgreSQL as tracking leaves them
            (stories, their term profiles, statements, claims with centres), --track-sizes of them
            (default 1,000 and 1,000,000); then the next 300 articles tracked one by one, each in its
            own transaction with the real sentence encoder: median ms per article at each size,
            and the largest over the smallest (target at most 2)

Peak memory is the largest resident size, summed over the process tree, of what each phase
runs (a server, an ingest and its Dask workers, the tracking process), sampled every 0.2 s.
Figures also go to bench/results/scale.json.

    .venv/bin/python bench/scale.py [--phases ingest,analysis,web,track] [--quick]
        [--ingest-articles 100000] [--analysis-articles 5000] [--web-articles 10000]
        [--track-sizes 1000,1000000] [--seconds 10] [--connections 32] [--keep] [--workdir DIR]

--quick: 5,000 / 200 / 2,000 articles, track sizes 1,000 and 20,000, 5 s of load (a few minutes).
The defaults take close to 3 hours on 2 cores: about an hour for the ingest phase, 55 minutes for the
analysis phase, 40 for the 1,000,000-row fill and 20 for the web phase's store; `--phases` runs a part.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))  # the tests' PostgreSQL server helper

from ingest import descendants  # noqa: E402  bench/ingest.py
from loadgen import Result, request_bytes, run_load  # noqa: E402  bench/loadgen.py
from newsgen import generate  # noqa: E402  bench/newsgen.py
from postgres_server import PostgresServer, postgres_binaries  # noqa: E402  tests/postgres_server.py
from storygen import stream  # noqa: E402  bench/storygen.py

HOST = "127.0.0.1"
CLAIMWATCH = [sys.executable, "-c", "from claimwatch.cli import main; main()"]
_TIMED_ARTICLES = 300


class TreePeak:
    """The largest resident size of a process and its descendants together, sampled from /proc."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.mib = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreePeak:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(0.2):
            self.mib = max(self.mib, sum(_rss_mib(pid) for pid in descendants(self.pid, including_root=True)))


def _rss_mib(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def timed_command(command: list[str], log: Path) -> dict:
    """Run a command to its end: seconds, exit status and peak MiB of its process tree."""
    with log.open("w") as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
        with TreePeak(process.pid) as peak:
            process.wait()
        seconds = time.perf_counter() - start
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command[3:])} failed ({process.returncode}); see {log}")
    return {"seconds": round(seconds, 2), "peak_mib": round(peak.mib, 1)}


def write_jsonl(path: Path, count: int, seed: int) -> None:
    articles, _ = generate(count, seed)
    with path.open("w", encoding="utf-8") as out:
        for a in articles:
            out.write(json.dumps(a, ensure_ascii=False) + "\n")


def ingest_phase(server: PostgresServer, work: Path, count: int) -> dict:
    """Ingest without analysis into SQLite and into PostgreSQL."""
    source = work / "ingest.jsonl"
    write_jsonl(source, count, 7)
    rows = {}
    for name, db in (("sqlite", str(work / "ingest.db")), ("postgresql", server.new_database())):
        print(f"  ingest {count:,} articles into {name}", file=sys.stderr)
        run = timed_command([*CLAIMWATCH, "ingest", str(source), "--no-analyze", "--db", db], work / f"ingest-{name}.log")
        rows[name] = {**run, "articles": count, "rate": round(count / run["seconds"], 1)}
    rows["postgresql_over_sqlite"] = round(rows["postgresql"]["rate"] / rows["sqlite"]["rate"], 2)
    return rows


def analysis_phase(work: Path, count: int) -> dict:
    """The full pipeline in one process, and on a local Dask cluster of 2 workers."""
    source = work / "analysis.jsonl"
    write_jsonl(source, count, 11)
    rows = {}
    for name, extra in (("one_process", []), ("dask_2_workers", ["--dask-workers", "2"])):
        print(f"  full pipeline on {count:,} articles: {name}", file=sys.stderr)
        db = work / f"analysis-{name}.db"
        run = timed_command([*CLAIMWATCH, "ingest", str(source), "--pipeline", "full", "--db", str(db), *extra],
                            work / f"analysis-{name}.log")
        rows[name] = {**run, "articles": count, "rate": round(count / run["seconds"], 2)}
    rows["dask_over_one_process"] = round(rows["dask_2_workers"]["rate"] / rows["one_process"]["rate"], 2)
    rows["same_statements"] = _statements(work / "analysis-one_process.db") == _statements(
        work / "analysis-dask_2_workers.db")
    return rows


def _statements(db: Path) -> list[tuple]:
    import sqlite3

    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT article_id, position, story_id, proposition_id, stance, sentence "
                            "FROM tracked_statements ORDER BY article_id, position").fetchall()


def web_phase(server: PostgresServer, work: Path, count: int, seconds: float, connections: int) -> dict:
    """The story page: 2 workers on PostgreSQL against 1 on SQLite."""
    from web import Server, fill, free_port  # bench/web.py

    from claimwatch.store import open_store
    from claimwatch.store.copying import copy_store

    db = work / "web.db"
    print(f"  tracking {count:,} synthetic articles for the web phase", file=sys.stderr)
    filled = fill(db, count)
    url = server.new_database()
    with open_store(str(db)) as origin, open_store(url) as target:
        assert all(check.same for check in copy_store(origin, target))
    rows = {}
    for name, location, extra in (("sqlite_1_worker", str(db), []), ("postgresql_2_workers", url, ["--workers", "2"])):
        port = free_port()
        served = Server([*CLAIMWATCH, "serve", "--db", location, "--host", HOST, "--port", str(port),
                         "--log-level", "warning", *extra], port, "/api/v1/stories?limit=1", work / f"{name}.log")
        paths = [f"/stories/{story}" for story in filled["stories"]]
        counter = iter(range(10**9))
        with TreePeak(served.process.pid) as peak:
            result: Result = run_load(HOST, port, connections=connections, seconds=seconds,
                                      next_request=lambda _: request_bytes(
                                          "GET", paths[next(counter) % len(paths)], host=f"{HOST}:{port}"))
        served.stop()
        rows[name] = {"rps": round(result.rps, 1), "p50_ms": round(result.p50, 2),
                      "p99_ms": round(result.percentile(0.99), 2), "requests": result.requests,
                      "statuses": result.statuses, "peak_mib": round(peak.mib, 1)}
    rows["postgresql_2_over_sqlite_1"] = round(rows["postgresql_2_workers"]["rps"] / rows["sqlite_1_worker"]["rps"], 2)
    return rows


def track_phase(server: PostgresServer, sizes: list[int]) -> dict:
    """Tracking cost per article with sizes stored in PostgreSQL, the stored rows written in bulk."""
    rows = {}
    for size in sizes:
        url = server.new_database()
        print(f"  writing {size:,} tracked articles in bulk", file=sys.stderr)
        start = time.perf_counter()
        timed = bulk_fill(url, size)
        fill_seconds = time.perf_counter() - start
        print(f"  tracking {_TIMED_ARTICLES} articles one by one at {size:,} stored", file=sys.stderr)
        with TreePeak(os.getpid()) as peak:
            measured = measure_tracking(url, timed)
        rows[str(size)] = {**measured, "fill_seconds": round(fill_seconds, 1), "peak_mib": round(peak.mib, 1)}
        server.drop_database(url)
    smallest, largest = rows[str(sizes[0])], rows[str(sizes[-1])]
    rows["largest_over_smallest"] = round(largest["median_ms"] / smallest["median_ms"], 2)
    return rows


def bulk_fill(url: str, count: int) -> list[tuple[Any, Any]]:
    """count synthetic articles stored as tracking leaves them, written with COPY; returns the next 300, untracked.

    Each article joins the story it was generated for (its copies their original's), each statement a
    claim of its story per (subject, predicate, object); the story profiles and term counts are
    summed by the database from the articles' terms, as Tracker.place sums them one by one.
    """
    import hashlib

    import psycopg

    from claimwatch.records import Analysis, Article, day_number
    from claimwatch.store import open_store
    from claimwatch.track.features import article_terms
    from claimwatch.track.propositions import statement_key

    open_store(url).close()  # the schema
    articles = stream(2024, 60.0)
    story_of: dict[str, str] = {}
    claims: dict[str, tuple[str, str, str, str]] = {}
    new_stories: set[str] = set()
    seen_stories: set[str] = set()
    buffers = {name: io.StringIO() for name in ("articles", "story_articles", "tracked_statements")}

    def row(name: str, *values: Any) -> None:
        buffers[name].write("\t".join(_copy_value(v) for v in values) + "\n")

    with psycopg.connect(url, autocommit=True) as conn:
        for number in range(count):
            fields, generated = next(articles)
            analysis = Analysis.from_dict(generated)
            article_id = fields["id"]
            story = story_of.get(fields.get("duplicate_of") or "") or "s" + fields["url"].rsplit("-", 2)[-2]
            if story not in seen_stories:
                seen_stories.add(story)
                new_stories.add(story)
            story_of[article_id] = story
            day = day_number(fields["published"])
            keys = [statement_key(s, {})[0] for s in analysis.statements]
            article = Article(id=article_id, text=fields["text"], title=fields["title"], url=fields["url"],
                              outlet=fields["outlet"], published=fields["published"], language="en",
                              source="bench", text_hash=fields["text_hash"])
            terms = article_terms(article, analysis, keys)
            # The text's first 500 characters: tracking never reads it, and the search index would cost hours.
            row("articles", number + 1, article_id, fields["url"], fields["outlet"], fields["published"],
                fields["title"], fields["text"][:500], "[]", None, "en", "bench", fields["text_hash"], None, None,
                "{}", "2026-01-01T00:00:00Z")
            row("story_articles", article_id, story, day, fields["published"], json.dumps(terms), "auto")
            for position, (statement, key) in enumerate(zip(analysis.statements, keys)):
                claim = "c" + hashlib.sha256(f"{story}|{key.text}".encode()).hexdigest()[:11]
                claims.setdefault(claim, (key.subject, key.predicate, key.object, statement.sentence[:120]))
                row("tracked_statements", article_id, position, story, claim, key.subject, key.predicate, key.object,
                    None, "[]", fields["published"], fields["outlet"], statement.source, statement.source_actor,
                    statement.source_country, statement.source_kind or "unattributed", statement.stance,
                    statement.cue, statement.sentence, fields["outlet"], "[]")
            if (number + 1) % 20_000 == 0 or number + 1 == count:
                _flush(conn, buffers, claims, new_stories)
                print(f"    {number + 1:,} written", file=sys.stderr, end="\r")
        print(file=sys.stderr)
        conn.execute(
            "UPDATE stories SET title = g.title, first_day = g.first_day, last_day = g.last_day, "
            "first_published = g.first_published, last_published = g.last_published, article_count = g.n "
            "FROM (SELECT s.story_id, min(a.title) AS title, min(s.day) AS first_day, max(s.day) AS last_day, "
            "min(s.published) AS first_published, max(s.published) AS last_published, count(*) AS n "
            "FROM story_articles s JOIN articles a ON a.id = s.article_id GROUP BY s.story_id) AS g "
            "WHERE stories.id = g.story_id")
        conn.execute("INSERT INTO story_terms (term, story_id, articles, last_day) SELECT t, story_id, count(*), "
                     "max(day) FROM story_articles, jsonb_array_elements_text(terms::jsonb) AS t GROUP BY t, story_id")
        conn.execute("INSERT INTO term_counts (term, articles) SELECT t, count(*) FROM story_articles, "
                     "jsonb_array_elements_text(terms::jsonb) AS t GROUP BY t")
        conn.execute("INSERT INTO term_counts (term, articles) SELECT '', count(*) FROM story_articles")
        conn.execute(f"SELECT setval(pg_get_serial_sequence('articles', 'seq'), {count + 1}, false)")
        conn.execute("ANALYZE")
    return [next(articles) for _ in range(_TIMED_ARTICLES)]


def _flush(conn: Any, buffers: dict[str, io.StringIO], claims: dict[str, tuple], new_stories: set[str]) -> None:
    import numpy as np

    columns = {"articles": "seq, id, url, outlet, published, title, text, authors, site_name, language, source, "
                           "text_hash, duplicate_of, minhash, extra, ingested_at",
               "story_articles": "article_id, story_id, day, published, terms, assigned_by",
               "tracked_statements": "article_id, position, story_id, proposition_id, subject, predicate, object, "
                                     "location, mentioned, published, outlet, source, source_actor, source_country, "
                                     "source_kind, stance, cue, sentence, origin, chain"}
    with conn.transaction():
        # Stories first (their figures are summed at the end), then the claims, then the rows pointing at them.
        stories = io.StringIO("".join(f"{story}\t\t2026-01-01T00:00:00Z\n" for story in sorted(new_stories)))
        _copy(conn, "stories (id, title, created_at)", stories)
        new_stories.clear()
        fresh = io.StringIO()
        centre = (np.ones(384) / np.sqrt(384)).astype("<f4")
        for claim, (subject, predicate, obj, label) in claims.items():
            fresh.write("\t".join(_copy_value(v) for v in (claim, subject, predicate, obj, label)) + "\n")
        _copy(conn, "propositions (id, subject, predicate, object, label)", fresh, conflict_free=True)
        centres = io.StringIO()
        for claim in claims:
            centres.write(f"{claim}\t\\\\x{centre.tobytes().hex()}\t0.5\n")
        _copy(conn, "claim_centres (proposition_id, centroid, label_fit)", centres, conflict_free=True)
        claims.clear()
        for name in ("articles", "story_articles", "tracked_statements"):
            _copy(conn, f"{name} ({columns[name]})", buffers[name])
            buffers[name].seek(0)
            buffers[name].truncate()


def _copy(conn: Any, target: str, buffer: io.StringIO, conflict_free: bool = False) -> None:
    """COPY the buffer's rows in; rows already stored (a claim seen in an earlier chunk) are skipped."""
    table = target.split(" ", 1)[0]
    if conflict_free:
        conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS staging_{table} (LIKE {table}) ON COMMIT DROP")
        with conn.cursor().copy(f"COPY staging_{table} {target[len(table):]} FROM STDIN") as copy:
            copy.write(buffer.getvalue())
        conn.execute(f"INSERT INTO {table} SELECT * FROM staging_{table} ON CONFLICT DO NOTHING")
        conn.execute(f"DROP TABLE staging_{table}")
        return
    with conn.cursor().copy(f"COPY {target} FROM STDIN") as copy:
        copy.write(buffer.getvalue())


def _copy_value(value: Any) -> str:
    if value is None:
        return "\\N"
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def measure_tracking(url: str, timed: list[tuple[Any, Any]]) -> dict:
    """Each article stored, its statements encoded (the real encoder) and placed, one transaction each."""
    from claimwatch.records import Analysis, Article, day_number
    from claimwatch.store import open_store
    from claimwatch.track import Tracker, statement_vectors

    ms = []
    with open_store(url) as store:
        tracker = Tracker(store, store)
        statement_vectors([Analysis.from_dict(timed[0][1])])  # the encoder loaded before timing
        for fields, generated in timed:
            analysis = Analysis.from_dict(generated)
            article = Article(id=fields["id"], text=fields["text"], title=fields["title"], url=fields["url"],
                              outlet=fields["outlet"], published=fields["published"], language="en",
                              source="bench", text_hash=fields["text_hash"])
            with store.transaction():
                store.insert_article(article, b"", [], day_number(article.published))
                start = time.perf_counter()
                [vectors] = statement_vectors([analysis])
                tracker.place(article, analysis, vectors)
                ms.append((time.perf_counter() - start) * 1000)
    ms.sort()
    return {"articles": len(ms), "median_ms": round(statistics.median(ms), 2),
            "p90_ms": round(ms[int(0.9 * len(ms))], 2), "max_ms": round(ms[-1], 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--phases", default="ingest,analysis,web,track")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--ingest-articles", type=int, default=100_000)
    parser.add_argument("--analysis-articles", type=int, default=5_000)
    parser.add_argument("--web-articles", type=int, default=10_000)
    parser.add_argument("--track-sizes", default="1000,1000000")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--workdir")
    args = parser.parse_args()
    if args.quick:
        args.ingest_articles, args.analysis_articles, args.web_articles = 5_000, 200, 2_000
        args.track_sizes, args.seconds = "1000,20000", 5.0
    binaries = postgres_binaries()
    if binaries is None:
        raise SystemExit("PostgreSQL is not installed: `make test` installs Debian's postgresql package")
    work = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="claimwatch-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    phases = args.phases.split(",")
    server = PostgresServer(binaries)
    figures: dict[str, Any] = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version()}}
    try:
        if "ingest" in phases:
            figures["ingest"] = ingest_phase(server, work, args.ingest_articles)
        if "analysis" in phases:
            figures["analysis"] = analysis_phase(work, args.analysis_articles)
        if "web" in phases:
            figures["web"] = web_phase(server, work, args.web_articles, args.seconds, args.connections)
        if "track" in phases:
            figures["track"] = track_phase(server, [int(n) for n in args.track_sizes.split(",")])
    finally:
        server.stop()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    report(figures)
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    (out / "scale.json").write_text(json.dumps(figures, indent=1) + "\n")


def report(figures: dict[str, Any]) -> None:
    """The figures as a few lines a phase, each ratio beside its target."""
    if "ingest" in figures:
        f = figures["ingest"]
        print(f"ingest, no analysis: SQLite {f['sqlite']['rate']:.0f} articles/s (peak {f['sqlite']['peak_mib']:.0f} MiB), "
              f"PostgreSQL {f['postgresql']['rate']:.0f} articles/s (peak {f['postgresql']['peak_mib']:.0f} MiB); "
              f"ratio {f['postgresql_over_sqlite']:.2f}")
    if "analysis" in figures:
        f = figures["analysis"]
        print(f"full pipeline: one process {f['one_process']['rate']:.2f} articles/s "
              f"(peak {f['one_process']['peak_mib']:.0f} MiB), Dask 2 workers {f['dask_2_workers']['rate']:.2f} "
              f"(peak {f['dask_2_workers']['peak_mib']:.0f} MiB); ratio {f['dask_over_one_process']:.2f} "
              f"(target >= 1.7); same statements: {f['same_statements']}")
    if "web" in figures:
        f = figures["web"]
        for name in ("sqlite_1_worker", "postgresql_2_workers"):
            r = f[name]
            print(f"story page, {name}: {r['rps']:.0f} requests/s, p50 {r['p50_ms']:.1f} ms, p99 {r['p99_ms']:.1f} ms, "
                  f"statuses {r['statuses']}, peak {r['peak_mib']:.0f} MiB")
        print(f"story page ratio, PostgreSQL 2 workers over SQLite 1: {f['postgresql_2_over_sqlite_1']:.2f}")
    if "track" in figures:
        f = figures["track"]
        for size, r in f.items():
            if isinstance(r, dict):
                print(f"tracking at {int(size):,} stored (PostgreSQL): median {r['median_ms']:.1f} ms/article, "
                      f"p90 {r['p90_ms']:.1f}, max {r['max_ms']:.1f} (bulk fill {r['fill_seconds']:.0f} s, "
                      f"peak {r['peak_mib']:.0f} MiB)")
        print(f"tracking ratio, largest over smallest: {f['largest_over_smallest']:.2f} (target <= 2)")


if __name__ == "__main__":
    main()
