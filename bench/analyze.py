"""Analysis benchmark: words per second of claimwatch's two pipelines beside bare spaCy.

On the same generated articles (bench/newsgen.py, about 600 words each) it times, each in its
own child process so that peak memory is its own:

  blank        spacy.blank("en") tokenisation alone (nlp.pipe)
  model        the bare en_core_web_sm pipeline (nlp.pipe)
  fast         claimwatch's fast pipeline: tokenizer, sentencizer and its rule components
  full         claimwatch's full pipeline: en_core_web_sm and its rule components
  full-2proc   the full pipeline with n_process=2
  ingest       `claimwatch ingest` of the same articles as one JSONL file into a fresh SQLite store,
               with the full pipeline's flow: analysed, saved, placed in stories (claims encoded), alerted

and prints words/s, the ratios full/model and fast/model (targets: full >= 0.8 x model, fast >= 5 x
model), the gain from n_process=2, ingest's articles/s against full analysis alone (target >= 0.5),
and peak RSS per phase.

    .venv/bin/python bench/analyze.py [--articles 2000] [--phases blank,model,fast,full,full-2proc]
"""

from __future__ import annotations

import argparse
import json
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from newsgen import generate  # bench/newsgen.py, beside this script

PHASES = ("blank", "model", "fast", "full", "full-2proc", "ingest")
FULL_TARGET, FAST_TARGET, INGEST_TARGET = 0.8, 5.0, 0.5


def run_phase(phase: str, corpus: Path) -> dict:
    """One phase in this (child) process: seconds, words and peak memory."""
    import spacy

    from claimwatch.analyze import Analyzer, installed_model
    from claimwatch.records import Article

    rows = [json.loads(line) for line in corpus.read_text().splitlines()]
    words = sum(len(r["text"].split()) for r in rows)
    if phase == "ingest":
        return _ingest_phase(corpus, words)
    if phase in ("blank", "model"):
        nlp = spacy.blank("en") if phase == "blank" else spacy.load(installed_model())
        list(nlp.pipe(r["text"] for r in rows[:20]))  # warm up
        start = time.perf_counter()
        for _ in nlp.pipe((r["text"] for r in rows), batch_size=32):
            pass
    else:
        analyzer = Analyzer("fast" if phase == "fast" else "full")
        articles = [Article(id=r["id"], text=r["text"], published=r["published"], language="en") for r in rows]
        list(analyzer.analyze_many(articles[:20]))
        start = time.perf_counter()
        for _ in analyzer.analyze_many(articles, n_process=2 if phase == "full-2proc" else 1):
            pass
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"phase": phase, "seconds": round(seconds, 2), "words": words, "rate": round(words / seconds),
            "peak_mib": round(max(peak, children), 1)}


def _ingest_phase(corpus: Path, words: int) -> dict:
    """The whole flow over the corpus, as `claimwatch ingest` runs it (the model is loaded before timing)."""
    from claimwatch.claims.embedding import sentence_encoder
    from claimwatch.flow import Flow
    from claimwatch.ingest import ingest_sources
    from claimwatch.store import open_store

    flow = Flow.loaded("full")
    sentence_encoder()
    with tempfile.TemporaryDirectory(prefix="claimwatch-bench-store-") as work:
        store = open_store(str(Path(work) / "bench.db"))
        start = time.perf_counter()
        ingest_sources(store, [str(corpus)], after_batch=flow)
        seconds = time.perf_counter() - start
        store.close()
        with sqlite3.connect(Path(work) / "bench.db") as db:
            placed = db.execute("SELECT count(*) FROM story_articles").fetchone()[0]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"phase": "ingest", "seconds": round(seconds, 2), "words": words, "rate": round(words / seconds),
            "peak_mib": round(peak, 1), "placed": placed}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--phases", default=",".join(PHASES))
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(run_phase(args.phase, Path(args.corpus))))
        return
    phases = [p for p in PHASES if p in args.phases.split(",")]
    articles, _ = generate(args.articles, args.seed)
    with tempfile.TemporaryDirectory(prefix="claimwatch-bench-") as work:
        corpus = Path(work) / "articles.jsonl"
        corpus.write_text("".join(json.dumps(a) + "\n" for a in articles))
        results = {}
        for phase in phases:
            child = subprocess.run([sys.executable, __file__, "--phase", phase, "--corpus", str(corpus)],
                                   capture_output=True, text=True, check=False)
            if child.returncode != 0:
                sys.exit(f"phase {phase} failed:\n{child.stderr}")
            results[phase] = json.loads(child.stdout.strip().splitlines()[-1])
    model = results.get("model", {}).get("rate")
    print(f"{len(articles)} articles, {results[phases[0]]['words']:,} words\n")
    print(f"{'phase':<11} {'seconds':>8} {'words/s':>9} {'x model':>8} {'peak MiB':>9}")
    for phase, r in results.items():
        ratio = f"{r['rate'] / model:.2f}" if model else "-"
        print(f"{phase:<11} {r['seconds']:>8.1f} {r['rate']:>9,} {ratio:>8} {r['peak_mib']:>9.1f}")
    if model and "full" in results:
        print(f"\nfull / model: {results['full']['rate'] / model:.2f} (target >= {FULL_TARGET})")
    if model and "fast" in results:
        print(f"fast / model: {results['fast']['rate'] / model:.2f} (target >= {FAST_TARGET})")
    if "full" in results and "full-2proc" in results:
        print(f"n_process=2 gain for full: {results['full-2proc']['rate'] / results['full']['rate']:.2f}x")
    if "full" in results and "ingest" in results:
        ratio = results["ingest"]["rate"] / results["full"]["rate"]
        print(f"ingest with tracking / full analysis alone: {ratio:.2f} (target >= {INGEST_TARGET})")
    out = Path(__file__).resolve().parent / "results" / "analyze.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"articles": len(articles), "phases": results}, indent=2) + "\n")


if __name__ == "__main__":
    main()
