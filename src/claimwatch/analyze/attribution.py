"""The trained attribution model: in a parsed sentence, the words of its attribution cue and of its source.

Two logistic models over hashed features of the dependency parse (attribution_features.py), trained on the
PolNeAR train split by train/attribution.py and shipped as data/attribution_weights.npz: one scores each
token as a cue word, the other picks, for the best cue, the span naming its source (or none).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, Span, Token

from .attribution_features import HASH_BITS, NO_SOURCE, cue_features, hashed, source_candidates, source_features

__all__ = ["MODEL_PATH", "Attribution", "AttributionModel", "attribution_model", "decode_cues"]

MODEL_PATH = Path(__file__).resolve().parent / "data" / "attribution_weights.npz"
# A token next to the cue joins it when the model gives it even odds or better.
_EXTEND_SCORE = 0.0


@dataclass(frozen=True, slots=True)
class Attribution:
    """A sentence's attribution: its cue, the span naming its source (None when it names none), the cue's score."""

    cue: Span
    source: Span | None
    score: float


def decode_cues(scores: np.ndarray, threshold: float, extend: float = _EXTEND_SCORE) -> list[tuple[int, int]]:
    """Cues as [start, end) over the scored tokens, best first: each token over threshold and its scoring neighbours."""
    cues: list[tuple[int, int]] = []
    for best in np.argsort(-scores, kind="stable"):
        if scores[best] < threshold:
            break
        if any(start <= best < end for start, end in cues):
            continue
        start, end = int(best), int(best) + 1
        while start > 0 and scores[start - 1] >= extend:
            start -= 1
        while end < len(scores) and scores[end] >= extend:
            end += 1
        cues.append((start, end))
    return cues


def _outermost(doc: Doc, cues: list[Span]) -> Span:
    """The cue whose clause holds the others: "said" in "X said Y had ordered Z", "According to X, ..."."""
    def anchor(cue: Span) -> tuple[Token, bool]:
        root = cue.root
        # "according to X" modifies the clause it attributes: it stands where that clause's verb stands.
        attached = root.dep_ in ("prep", "agent") and root.head.i != root.i
        return (root.head if attached else root), attached

    anchors = [anchor(cue) for cue in cues]

    def holds(node: Token, other: Token) -> bool:
        return node.i == other.i or node.is_ancestor(other)

    ranked = [(sum(holds(node, other) for j, (other, _) in enumerate(anchors) if j != i), attached, -i)
              for i, (node, attached) in enumerate(anchors)]
    return cues[max(range(len(cues)), key=ranked.__getitem__)]


def _scores(weights: np.ndarray, rows: list[list[str]]) -> np.ndarray:
    """Each row's score: the sum of its features' weights."""
    ids = np.array(hashed([f for row in rows for f in row]), dtype=np.int64)
    starts = np.cumsum([0] + [len(row) for row in rows[:-1]])
    return np.add.reduceat(weights[ids], starts)


class AttributionModel:
    """The cue and source models with the cue threshold chosen in training."""

    def __init__(self, path: Path = MODEL_PATH) -> None:
        with np.load(path) as data:
            self._cue = data["cue"].astype(np.float32)
            self._source = data["source"].astype(np.float32)
            self.threshold = float(data["thresholds"][0])
        if len(self._cue) != 1 << HASH_BITS or len(self._source) != 1 << HASH_BITS:
            raise ValueError(f"{path} holds weights for other features: retrain with train/attribution.py")

    def cue_scores(self, doc: Doc, sentence: Span, quoted: set[int]) -> np.ndarray:
        """Each token's score (log-odds) of being an attribution cue word."""
        return _scores(self._cue, cue_features(doc, sentence, quoted))

    def attribution(self, doc: Doc, sentence: Span, quoted: set[int]) -> Attribution | None:
        """The sentence's best attribution, or None when no cue scores over the threshold."""
        scores = self.cue_scores(doc, sentence, quoted)
        found = decode_cues(scores, self.threshold)
        if not found:
            return None
        cue = _outermost(doc, [doc[sentence.start + start:sentence.start + end] for start, end in found])
        score = float(scores[cue.start - sentence.start:cue.end - sentence.start].max())
        return Attribution(cue, self.source(doc, sentence, cue), score)

    def source(self, doc: Doc, sentence: Span, cue: Span) -> Span | None:
        """The span of the sentence naming who speaks through the cue, or None."""
        candidates = [NO_SOURCE, *source_candidates(doc, sentence, cue)]
        scores = _scores(self._source, source_features(doc, sentence, cue, candidates))
        start, end = candidates[int(np.argmax(scores))]
        return None if (start, end) == NO_SOURCE else doc[start:end]


@cache
def attribution_model() -> AttributionModel:
    """The shipped model, loaded once per process."""
    return AttributionModel()
