"""Extraction benchmark: claimwatch's article text against bare trafilatura on real pages.

Reads a folder in the layout of scrapinghub/article-extraction-benchmark (pages/ID.html.gz and
ground-truth.json.gz: ID -> {"articleBody"}), extracts every page with claimwatch's
extract_page and with trafilatura alone under several settings, and prints per extractor the
benchmark's F1, precision and recall, the pages left empty, and ms/page.

The metric is the benchmark's evaluate.py: words are runs of \\w; a page's text is its multiset
of 4-word shingles; per page, tp/fp/fn are counted over shingles and divided by their sum (so
long pages weigh no more than short ones); precision is averaged over the pages where something
was predicted, recall over the pages that have true text; F1 is taken from those two averages.

    .venv/bin/python bench/extract.py [CORPUS] [--worst N] [--json]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import time
from collections import Counter
from pathlib import Path

import trafilatura

from claimwatch.errors import ClaimwatchError
from claimwatch.ingest.decoding import decode_bytes
from claimwatch.ingest.html import EXTRACTION_OPTIONS, extract_page

DEFAULT_CORPUS = Path("/work/shared/corpus/extraction")
SHINGLE_WORDS = 4
_WORD = re.compile(r"\w+")

# Bare trafilatura as the corpus README measures it, then tuned for precision, then as claimwatch calls it.
TRAFILATURA_SETTINGS = {
    "trafilatura default": {"include_comments": False},
    "trafilatura precision": {"include_comments": False, "favor_precision": True},
    "trafilatura claimwatch-options": EXTRACTION_OPTIONS,
}


def shingle_counts(text: str) -> Counter:
    """The text's 4-word shingles with their counts (a text shorter than 4 words is one shingle)."""
    words = _WORD.findall(text or "")
    return Counter(tuple(words[i:i + SHINGLE_WORDS]) for i in range(max(1, len(words) - SHINGLE_WORDS + 1))
                   if words[i:i + SHINGLE_WORDS])


def page_tp_fp_fn(true: str, predicted: str) -> tuple[float, float, float]:
    """One page's true positives, false positives and false negatives, as shares of their sum."""
    true_shingles, predicted_shingles = shingle_counts(true), shingle_counts(predicted)
    tp = sum((true_shingles & predicted_shingles).values())
    fp = sum((predicted_shingles - true_shingles).values())
    fn = sum((true_shingles - predicted_shingles).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    return 1.0 if fp == fn == 0 else 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    return 1.0 if fp == fn == 0 else 0.0 if tp == fn == 0 else tp / (tp + fn)


def page_f1(counts: tuple[float, float, float]) -> float:
    """One page's F1, for listing the pages where two extractors differ."""
    precision, recall = _precision(*counts), _recall(*counts)
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def scores(counts: list[tuple[float, float, float]]) -> dict:
    """The benchmark's precision, recall (each averaged over pages) and F1 from them."""
    precision = statistics.mean([_precision(*c) for c in counts if c[0] + c[1] > 0])
    recall = statistics.mean([_recall(*c) for c in counts if c[0] + c[2] > 0])
    return {"f1": 2 * precision * recall / (precision + recall), "precision": precision, "recall": recall}


def claimwatch_text(html: str, name: str) -> str:
    """The text claimwatch stores for the page; empty when it refuses the page."""
    try:
        return extract_page(html, name).text
    except ClaimwatchError:
        return ""


def trafilatura_text(html: str, options: dict) -> str:
    """The text bare trafilatura finds with these options; empty when it finds none."""
    document = trafilatura.bare_extraction(html, **options)
    return (document.text or "") if document else ""


def load_corpus(corpus: Path) -> list[tuple[str, str, str]]:
    """(page id, decoded HTML, true text) for every page of the corpus, in id order."""
    truth = json.loads(gzip.decompress((corpus / "ground-truth.json.gz").read_bytes()))
    pages = []
    for page_id in sorted(truth):
        name = f"{page_id}.html.gz"
        html = decode_bytes(gzip.decompress((corpus / "pages" / name).read_bytes()), name)
        pages.append((page_id, html, truth[page_id].get("articleBody", "")))
    return pages


def measure(pages: list[tuple[str, str, str]], extractors: dict) -> dict:
    """Every extractor's scores, empty pages, ms/page and per-page counts over the pages."""
    # Page by page rather than extractor by extractor, so that all meet the same machine load.
    texts = {label: {} for label in extractors}
    counts = {label: {} for label in extractors}
    seconds = dict.fromkeys(extractors, 0.0)
    for page_id, html, true in pages:
        for label, extract in extractors.items():
            start = time.perf_counter()
            texts[label][page_id] = extract(html, page_id)
            seconds[label] += time.perf_counter() - start
            counts[label][page_id] = page_tp_fp_fn(true, texts[label][page_id])
    results = {}
    for label in extractors:
        results[label] = scores(list(counts[label].values()))
        results[label].update(empty=sorted(p for p, t in texts[label].items() if not _WORD.search(t)),
                              ms_per_page=1000 * seconds[label] / len(pages), counts=counts[label])
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS,
                        help=f"folder with pages/ and ground-truth.json.gz (default {DEFAULT_CORPUS})")
    parser.add_argument("--worst", type=int, default=0, metavar="N",
                        help="also list the N pages where claimwatch's F1 trails the best trafilatura setting most")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON line")
    args = parser.parse_args()
    if not (args.corpus / "ground-truth.json.gz").is_file():
        parser.error(f"{args.corpus}: no ground-truth.json.gz there; give the extraction corpus folder")

    pages = load_corpus(args.corpus)
    extractors = {"claimwatch": claimwatch_text}
    for label, options in TRAFILATURA_SETTINGS.items():
        extractors[label] = lambda html, _name, options=options: trafilatura_text(html, options)
    results = measure(pages, extractors)
    best = max(TRAFILATURA_SETTINGS, key=lambda label: results[label]["f1"])
    found_by_trafilatura = {page_id for page_id, _, _ in pages
                            if any(page_id not in results[label]["empty"] for label in TRAFILATURA_SETTINGS)}
    empty_where_found = sorted(set(results["claimwatch"]["empty"]) & found_by_trafilatura)

    if args.json:
        print(json.dumps({"pages": len(pages), "best_trafilatura": best, "claimwatch_empty_where_found":
                          empty_where_found, **{label: {k: (round(v, 4) if isinstance(v, float) else v)
                                                        for k, v in r.items() if k != "counts"}
                                                for label, r in results.items()}}))
        return
    print(f"{len(pages)} pages from {args.corpus}")
    print(f"{'extractor':<32} {'F1':>6} {'prec':>6} {'recall':>6} {'empty':>5} {'ms/page':>8}")
    for label, r in results.items():
        print(f"{label:<32} {r['f1']:6.3f} {r['precision']:6.3f} {r['recall']:6.3f} "
              f"{len(r['empty']):5d} {r['ms_per_page']:8.1f}")
    verdict = "met" if results["claimwatch"]["f1"] >= results[best]["f1"] and not empty_where_found else "NOT met"
    print(f"target (F1 >= {best}, no page empty where trafilatura finds text): {verdict}; "
          f"empty only in claimwatch: {len(empty_where_found)} {' '.join(p[:12] for p in empty_where_found)}")
    if args.worst:
        gaps = {page_id: page_f1(results["claimwatch"]["counts"][page_id]) - page_f1(results[best]["counts"][page_id])
                for page_id, _, _ in pages}
        trailing = sorted((gap, page_id) for page_id, gap in gaps.items() if gap < 0)
        print(f"pages where claimwatch trails {best}: {len(trailing)}; ahead: {sum(g > 0 for g in gaps.values())}")
        for gap, page_id in trailing[:args.worst]:
            print(f"  {page_id[:12]}  claimwatch F1 {page_f1(results['claimwatch']['counts'][page_id]):.3f}"
                  f"  {best} {page_f1(results[best]['counts'][page_id]):.3f}")


if __name__ == "__main__":
    main()
