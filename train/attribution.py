"""Train claimwatch's attribution model (cue words and source spans) on PolNeAR's train split.

    .venv/bin/python train/attribution.py [--data ../shared/corpus/polnear] [--out WEIGHTS.npz] [--cache DIR]

PolNeAR (Newell, Margolin & Ruths, "An Attribution Relations Corpus for Political News", LREC 2018) annotates
who (source) says, believes or shows what (content) through which words (cue). Only its train split is read.
Each article is parsed with claimwatch's own full pipeline (so tokens, sentences and parses are the ones the
model sees at run time) and the parses are cached with DocBin. Two logistic models are fitted on hashed
features (claimwatch/analyze/attribution_features.py), by full-batch gradient descent, deterministically:

  cue     per token: is it part of an attribution cue?
  source  per cue, over candidate spans of its sentence and "no source": which span names the source?

Thresholds are chosen on a held-out fifth of train; the weights written are then fitted on the whole split.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from claimwatch.analyze.attribution import MODEL_PATH  # noqa: E402
from claimwatch.analyze.attribution_features import (  # noqa: E402
    HASH_BITS, NO_SOURCE, cue_features, hashed, quoted_tokens, source_candidates, source_features)
from claimwatch.analyze.statements import MAX_SENTENCE_TOKENS  # noqa: E402

_EDGE = " \t\n.,;:!?\"'“”‘’()[]—–-"
# What sentence-level precision the cue threshold aims for on held-out articles.
TARGET_PRECISION = 0.82
# L2 penalties chosen on the held-out fifth: the cue model has many rare word features, the source model few.
CUE_L2, SOURCE_L2 = 1e-5, 3e-5


@dataclass
class Examples:
    """Feature rows (hashed) with labels; source rows grouped, one group per gold cue."""

    cue_rows: list[list[int]] = field(default_factory=list)
    cue_labels: list[int] = field(default_factory=list)
    cue_sentences: list[int] = field(default_factory=list)
    source_rows: list[list[int]] = field(default_factory=list)
    source_labels: list[int] = field(default_factory=list)
    source_groups: list[int] = field(default_factory=list)
    sentences: int = 0

    def joined(self, other: Examples) -> Examples:
        """These examples followed by the other's, its sentences and groups numbered on."""
        groups = self.source_groups[-1] + 1 if self.source_groups else 0
        return Examples(self.cue_rows + other.cue_rows, self.cue_labels + other.cue_labels,
                        self.cue_sentences + [i + self.sentences for i in other.cue_sentences],
                        self.source_rows + other.source_rows, self.source_labels + other.source_labels,
                        self.source_groups + [g + groups for g in other.source_groups],
                        self.sentences + other.sentences)


def read_split(data: Path, split: str) -> tuple[list[dict], dict[str, list[dict]]]:
    """The split's articles and the primary annotator's attributions by article id."""
    with open(data / "articles.jsonl", encoding="utf-8") as f:
        articles = [a for a in map(json.loads, f) if a["split"] == split]
    with open(data / "gold.jsonl", encoding="utf-8") as f:
        gold = {g["id"]: g["attributions"] for g in map(json.loads, f) if g["split"] == split and g["primary"]}
    return articles, gold


def parsed(articles: list[dict], cache: Path) -> list:
    """The articles parsed by claimwatch's full pipeline, from the DocBin cache when it holds them."""
    import spacy
    from spacy.tokens import DocBin

    from claimwatch.analyze import build_pipeline

    nlp = build_pipeline("full")
    key = hashlib.sha256("".join(a["id"] + a["text"] for a in articles).encode()).hexdigest()[:16]
    path = cache / f"polnear-{key}-{spacy.__version__}-{nlp.meta.get('version')}.spacy"
    if path.exists():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    parsers = [name for name in nlp.pipe_names if not name.startswith("claimwatch_") or name == "claimwatch_paragraphs"]
    docs, store = [], DocBin(store_user_data=False)
    with nlp.select_pipes(enable=parsers):
        for doc in nlp.pipe((a["text"] for a in articles), batch_size=16):
            docs.append(doc)
            store.add(doc)
    cache.mkdir(parents=True, exist_ok=True)
    store.to_disk(path)
    return docs


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def examples(docs: list, gold: list[list[dict]]) -> Examples:
    """Cue rows for every token of every sentence, source groups for every gold cue, from aligned gold spans."""
    out = Examples()
    for doc, attributions in zip(docs, gold):
        text, quoted = doc.text, quoted_tokens(doc)
        for sentence in doc.sents:
            if len(sentence) > MAX_SENTENCE_TOKENS:
                continue
            inside = [a for a in attributions if sentence.start_char <= a["cue"][0][0] < sentence.end_char]
            cue_tokens = {t.i for a in inside for t in sentence
                          if t.idx < a["cue"][0][1] and t.idx + len(t) > a["cue"][0][0]}
            for token, row in zip(sentence, cue_features(doc, sentence, quoted)):
                out.cue_rows.append(hashed(row))
                out.cue_labels.append(int(token.i in cue_tokens))
                out.cue_sentences.append(out.sentences)
            out.sentences += 1
            for a in inside:
                cue = doc.char_span(*a["cue"][0], alignment_mode="expand")
                if cue is None or cue.end > sentence.end:
                    continue
                candidates = [NO_SOURCE, *source_candidates(doc, sentence, cue)]
                target = NO_SOURCE
                if a["source"]:
                    gold_span = _trimmed(text, *a["source"][0])
                    if sentence.start_char <= gold_span[0] and gold_span[1] <= sentence.end_char:
                        target = next((c for c in candidates[1:] if _trimmed(
                            text, doc[c[0]].idx, doc[c[1] - 1].idx + len(doc[c[1] - 1])) == gold_span), None)
                if target is None:
                    continue  # a source no candidate spans exactly: nothing to learn from it
                group = out.source_groups[-1] + 1 if out.source_groups else 0
                for candidate, row in zip(candidates, source_features(doc, sentence, cue, candidates)):
                    out.source_rows.append(hashed(row))
                    out.source_labels.append(int(candidate == target))
                    out.source_groups.append(group)
    return out


class Sparse:
    """Rows of hashed feature indices (all values 1) as flat arrays, for vectorised products."""

    def __init__(self, rows: list[list[int]]) -> None:
        lengths = np.fromiter((len(r) for r in rows), dtype=np.int64, count=len(rows))
        self.columns = np.fromiter((i for r in rows for i in r), dtype=np.int64, count=int(lengths.sum()))
        self.starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
        self.row_of = np.repeat(np.arange(len(rows)), lengths)

    def scores(self, weights: np.ndarray) -> np.ndarray:
        return np.add.reduceat(weights[self.columns], self.starts)

    def gradient(self, residual: np.ndarray, size: int) -> np.ndarray:
        return np.bincount(self.columns, weights=residual[self.row_of], minlength=size)


def fit(rows: list[list[int]], labels: list[int], groups: list[int] | None = None, *, iterations: int = 200,
        l2: float = 1e-5, rate: float = 0.05) -> np.ndarray:
    """Logistic weights by Adam on the full batch: per row (groups None) or softmax within each group."""
    size = 1 << HASH_BITS
    x, y = Sparse(rows), np.asarray(labels, dtype=np.float64)
    if groups is not None:
        groups_arr = np.asarray(groups)
        group_starts = np.flatnonzero(np.r_[True, groups_arr[1:] != groups_arr[:-1]])
        sizes = np.diff(np.r_[group_starts, len(groups_arr)])
    w, m, v = np.zeros(size), np.zeros(size), np.zeros(size)
    for step in range(1, iterations + 1):
        s = x.scores(w)
        if groups is None:
            p = 1 / (1 + np.exp(-s))
            residual = p - y
            n = len(y)
        else:
            top = np.repeat(np.maximum.reduceat(s, group_starts), sizes)
            e = np.exp(s - top)
            p = e / np.repeat(np.add.reduceat(e, group_starts), sizes)
            residual = p - y
            n = len(group_starts)
        grad = x.gradient(residual, size) / n + l2 * w
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad * grad
        w -= rate * (m / (1 - 0.9 ** step)) / (np.sqrt(v / (1 - 0.999 ** step)) + 1e-8)
    return w.astype(np.float32)


def sentence_threshold(weights: np.ndarray, held: Examples) -> float:
    """The lowest sentence threshold whose held-out precision (the sentence holds a gold cue) reaches the target."""
    scores = Sparse(held.cue_rows).scores(weights.astype(np.float64))
    sentences = np.asarray(held.cue_sentences)
    labels = np.asarray(held.cue_labels)
    best = np.full(held.sentences, -np.inf)
    np.maximum.at(best, sentences, scores)
    has_cue = np.zeros(held.sentences, dtype=bool)
    has_cue[sentences[labels > 0]] = True
    for threshold in np.arange(-3.0, 3.01, 0.05):
        chosen = best >= threshold
        precision = has_cue[chosen].mean() if chosen.any() else 1.0
        if precision >= TARGET_PRECISION:
            recall = chosen[has_cue].mean()
            print(f"  sentence threshold {threshold:.2f}: precision {precision:.3f}, recall {recall:.3f}")
            return float(threshold)
    return 3.0


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "corpus" / "polnear")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "claimwatch-attribution-cache")
    parser.add_argument("--iterations", type=int, default=200)
    args = parser.parse_args(argv)
    began = time.perf_counter()
    articles, gold = read_split(args.data, "train")
    docs = parsed(articles, args.cache)
    print(f"{len(docs)} articles parsed in {time.perf_counter() - began:.0f} s")
    annotations = [gold.get(a["id"], []) for a in articles]
    held = [i for i in range(len(docs)) if i % 5 == 4]
    kept = [i for i in range(len(docs)) if i % 5 != 4]
    part = examples([docs[i] for i in kept], [annotations[i] for i in kept])
    held_out = examples([docs[i] for i in held], [annotations[i] for i in held])
    cue_weights = fit(part.cue_rows, part.cue_labels, iterations=args.iterations, l2=CUE_L2)
    threshold = sentence_threshold(cue_weights, held_out)
    every = part.joined(held_out)
    print(f"{len(every.cue_rows)} tokens, {every.source_groups[-1] + 1} cues with sources to learn")
    cue_weights = fit(every.cue_rows, every.cue_labels, iterations=args.iterations, l2=CUE_L2)
    source_weights = fit(every.source_rows, every.source_labels, every.source_groups, iterations=args.iterations,
                         l2=SOURCE_L2)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.out, cue=cue_weights.astype(np.float16), source=source_weights.astype(np.float16),
                        thresholds=np.array([threshold], dtype=np.float32))
    print(f"weights written to {args.out} ({args.out.stat().st_size / 1e6:.1f} MB) "
          f"in {time.perf_counter() - began:.0f} s")


if __name__ == "__main__":
    main()
