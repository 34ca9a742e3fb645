"""Ingest benchmark: how fast claimwatch stores articles, and how much memory it takes.

It generates N synthetic English news articles (bench/newsgen.py: about 600 words each,
deterministic for a seed, ~1% planted near-duplicate rewrites), writes them to a temp folder
as one JSONL file in the corpus format and as one realistic HTML page per article (menus,
share bar, related links, a "What's Your Reaction?" widget, footer), then measures, each
phase in its own child process with a fresh SQLite store:

  jsonl        ingest_sources(store, [articles.jsonl])
  html         ingest_sources(store, [html folder]), pages read by worker processes (the default)
  html-inline  the same with workers=0: every page read in the storing process
  trafilatura  trafilatura.bare_extraction() alone on the same HTML files, with the
               options claimwatch uses (claimwatch.ingest.html.EXTRACTION_OPTIONS)

and prints articles/s, wall time and peak RSS (ru_maxrss of the child) per phase, next
to the targets: JSONL >= 300 articles/s; HTML ingest >= 0.7 x trafilatura alone.
Generation is not timed. Figures also go to bench/results/ingest.json, with a hash of the
claimwatch sources they were taken on.

    .venv/bin/python bench/ingest.py [--articles N] [--seed S] [--phases jsonl,html]
                                     [--keep] [--json] [--profile]
"""

from __future__ import annotations

import argparse
import hashlib
import html
import importlib.util
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from newsgen import generate  # bench/newsgen.py, beside this script

PHASES = ("jsonl", "html", "html-inline", "trafilatura")
JSONL_TARGET = 300.0  # articles/s
HTML_RATIO_TARGET = 0.7  # HTML ingest rate / trafilatura-alone rate
RESULTS = Path(__file__).resolve().parent / "results" / "ingest.json"


def src_digest() -> str:
    """A short hash of the installed claimwatch sources: which code the figures are for."""
    root = Path(importlib.util.find_spec("claimwatch").submodule_search_locations[0])
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def page(a: dict) -> str:
    """The article as a news site would serve it, furniture around the text."""
    e, site = html.escape, html.escape(a["_site"])
    nav = "".join(f'<li><a href="/{s.lower()}">{s}</a></li>' for s in ("World", "Business", "Politics", "Sport"))
    body = "\n".join(f"<p>{e(p)}</p>" for p in a["text"].split("\n\n"))
    hash_ = int(a["id"].rsplit("-", 1)[1]) + 7
    reactions = "".join(f'<li><button class="r-{r}">{r}</button> <span>{hash_ * ord(r[0]) % 97}</span></li>'
                        for r in ("like", "dislike", "love", "funny", "angry", "sad", "wow"))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{e(a["title"])} | {site}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta property="og:site_name" content="{site}"><meta property="og:title" content="{e(a["title"])}">
<meta property="article:published_time" content="{a["published"]}T08:30:00+00:00">
<meta name="author" content="{e(a["_author"])}"><link rel="canonical" href="{e(a["url"])}">
<link rel="stylesheet" href="/static/site.css"><script>window.dataLayer=[{{"page":"article"}}];</script>
</head><body><header class="site-header"><a class="logo" href="/">{site}</a>
<nav class="main-menu"><ul>{nav}</ul></nav></header>
<main><article><h1>{e(a["title"])}</h1>
<p class="byline">By {e(a["_author"])} | <time datetime="{a["published"]}">{a["published"]}</time></p>
{body}
<div class="share-bar"><a href="#">Share</a> <a href="#">Tweet</a> <a href="#">Email</a> <a href="#">Print</a></div>
<div class="reactions"><h3>What's Your Reaction?</h3><ul>{reactions}</ul></div>
</article><aside class="related-links"><h3>Related stories</h3><ul>
<li><a href="/world/port-strike-ends">Port strike ends after nine days</a></li>
<li><a href="/politics/budget-vote">Budget vote delayed again</a></li>
<li><a href="/business/rail-merger">Rail merger faces review</a></li></ul></aside></main>
<footer><p>&copy; 2024 {site}. All rights reserved.</p><a href="/about">About us</a>
<a href="/privacy">Privacy policy</a> <a href="/contact">Contact</a></footer></body></html>
"""


def write_inputs(work: Path, articles: list[dict], phases: list[str]) -> None:
    if "jsonl" in phases:
        with (work / "articles.jsonl").open("w", encoding="utf-8") as out:
            for a in articles:
                out.write(json.dumps({k: v for k, v in a.items() if not k.startswith("_")}, ensure_ascii=False) + "\n")
    if {"html", "trafilatura"} & set(phases):
        (work / "html").mkdir()
        for a in articles:
            (work / "html" / f"{a['id']}.html").write_text(page(a), encoding="utf-8")


class DescendantPeak:
    """The largest peak RSS (VmHWM) among this process's descendants, sampled from /proc.

    Page-reading workers are children of the forkserver, not of this process, so
    RUSAGE_CHILDREN never sees them; the kernel's high-water mark does.
    """

    def __init__(self) -> None:
        self.mib = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> "DescendantPeak":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        me = os.getpid()
        while not self._stop.wait(0.5):
            for pid in descendants(me):
                self.mib = max(self.mib, _hwm_mib(pid))


def descendants(root: int, *, including_root: bool = False) -> list[int]:
    """The processes below root (and root itself when asked), from /proc."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    found = []
    for pid in parents:
        ancestor = pid if including_root else parents.get(pid)
        while ancestor and ancestor != root:
            ancestor = parents.get(ancestor)
        if ancestor == root:
            found.append(pid)
    return found


def _hwm_mib(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def run_phase(phase: str, work: Path) -> dict:
    """One phase, in this (child) process: its figures as a dict."""
    import trafilatura
    from claimwatch.ingest import ingest_sources
    from claimwatch.ingest.html import EXTRACTION_OPTIONS
    from claimwatch.store import SQLiteStore

    rss_mib = lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # noqa: E731  KiB on Linux
    result: dict = {"phase": phase, "start_mib": rss_mib()}  # after the imports, before the work
    if phase == "trafilatura":
        files = sorted((work / "html").glob("*.html"))
        start, extracted = time.perf_counter(), 0
        for f in files:
            document = trafilatura.bare_extraction(f.read_text(encoding="utf-8"), **EXTRACTION_OPTIONS)
            extracted += bool(document and document.text)
        result.update(seconds=time.perf_counter() - start, articles=len(files), extracted=extracted)
    else:
        store = SQLiteStore(work / f"{phase}.db")
        source = work / ("articles.jsonl" if phase == "jsonl" else "html")
        with DescendantPeak() as workers_peak:
            start = time.perf_counter()
            report = ingest_sources(store, [str(source)], workers=0 if phase == "html-inline" else None)
            result["seconds"] = time.perf_counter() - start
        result["worker_peak_mib"] = round(workers_peak.mib, 1)
        result.update(articles=report.added + report.duplicates + report.unchanged + report.failed,
                      added=report.added, near_duplicates=report.near_duplicates, duplicates=report.duplicates,
                      unchanged=report.unchanged, failed=report.failed, errors=report.errors[:3],
                      stored=store.count_articles())
        store.close()
    result["rate"] = round(result["articles"] / result["seconds"], 1) if result["seconds"] else 0.0
    result.update(seconds=round(result["seconds"], 3), start_mib=round(result["start_mib"], 1),
                  peak_mib=round(rss_mib(), 1))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--phases", default=",".join(PHASES), help="comma-separated subset of " + ",".join(PHASES))
    parser.add_argument("--keep", action="store_true", help="keep the temp folder and print its path")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON line")
    parser.add_argument("--profile", action="store_true", help="cProfile each phase (top 15 by cumtime on stderr)")
    parser.add_argument("--phase", help=argparse.SUPPRESS)  # internal: run one phase in this process
    parser.add_argument("--workdir", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.articles < 2:
        parser.error("--articles must be at least 2")

    if args.phase:
        if args.profile:
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            result = profiler.runcall(run_phase, args.phase, Path(args.workdir))
            pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(15)
        else:
            result = run_phase(args.phase, Path(args.workdir))
        print(json.dumps(result))
        return

    phases = [p for p in PHASES if p in args.phases.split(",")]
    if not phases or set(args.phases.split(",")) - set(PHASES):
        parser.error(f"--phases takes a comma-separated subset of {','.join(PHASES)}")
    work, code = Path(tempfile.mkdtemp(prefix="claimwatch-bench-")), src_digest()
    try:
        start = time.perf_counter()
        articles, planted = generate(args.articles, args.seed)
        write_inputs(work, articles, phases)
        words = sum(len(a["text"].split()) for a in articles) / len(articles)
        if not args.json:
            print(f"generated {len(articles)} articles ({words:.0f} words on average, {planted} near-duplicate "
                  f"rewrites) in {time.perf_counter() - start:.1f}s under {work}", flush=True)
        results = {}
        for phase in phases:
            command = [sys.executable, __file__, "--phase", phase, "--workdir", str(work)]
            child = subprocess.run(command + (["--profile"] if args.profile else []),
                                   capture_output=True, text=True, check=False)
            sys.stderr.write(child.stderr)
            if child.returncode != 0:
                sys.exit(f"phase {phase} failed with exit code {child.returncode}")
            results[phase] = json.loads(child.stdout.strip().splitlines()[-1])
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    ratio = (results["html"]["rate"] / results["trafilatura"]["rate"]
             if "html" in results and "trafilatura" in results else None)
    inline_ratio = (results["html-inline"]["rate"] / results["trafilatura"]["rate"]
                    if "html-inline" in results and "trafilatura" in results else None)
    summary = {"articles": args.articles, "seed": args.seed, "words_per_article": round(words),
               "planted_near_duplicates": planted, "python": platform.python_version(), "src_digest": code,
               "src_changed_during_run": src_digest() != code,
               "machine": f"{platform.machine()}, {os.cpu_count()} CPUs", "phases": results,
               "html_over_trafilatura": round(ratio, 3) if ratio else None,
               "html_inline_over_trafilatura": round(inline_ratio, 3) if inline_ratio else None,
               "targets": {"jsonl_rate": JSONL_TARGET, "html_over_trafilatura": HTML_RATIO_TARGET},
               "met": {"jsonl_rate": results["jsonl"]["rate"] >= JSONL_TARGET if "jsonl" in results else None,
                       "html_over_trafilatura": ratio >= HTML_RATIO_TARGET if ratio is not None else None}}
    if not args.profile:  # profiled timings are not the figures
        RESULTS.parent.mkdir(exist_ok=True)
        RESULTS.write_text(json.dumps(summary, indent=2) + "\n")
    if args.json:
        print(json.dumps(summary))
        return
    targets = {"jsonl": f">= {JSONL_TARGET:.0f}/s", "trafilatura": "-",
               "html": f">= {HTML_RATIO_TARGET} x trafilatura" + (f" (now {ratio:.2f})" if ratio else ""),
               "html-inline": f"(one process: {inline_ratio:.2f} x trafilatura)" if inline_ratio else "-"}
    if summary["src_changed_during_run"]:
        print("warning: src/claimwatch changed during the run; the phases may have run different code")
    print(f"\n{'phase':<12} {'articles':>8} {'seconds':>8} {'articles/s':>10} {'peak MiB':>9} {'worker MiB':>10}"
          "  target")
    for phase, r in results.items():
        met = summary["met"]["jsonl_rate" if phase == "jsonl" else "html_over_trafilatura"]
        verdict = "" if phase not in ("jsonl", "html") or met is None else ("  met" if met else "  NOT met")
        print(f"{phase:<12} {r['articles']:>8} {r['seconds']:>8.1f} {r['rate']:>10.1f} {r['peak_mib']:>9.1f}"
              f" {r.get('worker_peak_mib') or '-':>10}  {targets[phase]}{verdict}")
    print("(peak MiB: the phase's process; it held", ", ".join(
        f"{r['start_mib']:.0f}" for r in results.values()), "MiB after its imports, before the work;"
          " worker MiB: the largest page-reading worker's peak)")
    print()
    for phase, r in results.items():
        if phase == "trafilatura":
            print(f"trafilatura: text extracted from {r['extracted']} of {r['articles']} pages")
            continue
        print(f"{phase}: added {r['added']} (near-duplicates {r['near_duplicates']}, {planted} planted), "
              f"duplicates {r['duplicates']}, unchanged {r['unchanged']}, failed {r['failed']}; "
              f"store holds {r['stored']} of {args.articles} expected")
        for error in r["errors"]:
            print(f"  e.g. {error}")
    print(f"\nclaimwatch sources {code}" + ("" if args.profile else f"; figures written to {RESULTS}"), end="")
    print(f"; inputs and stores kept in {work}" if args.keep else "")


if __name__ == "__main__":
    main()
