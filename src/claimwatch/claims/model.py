"""The article-level stance model: multinomial logistic regression over claim–article features."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = ["LABELS", "StanceModel", "fit", "load_model"]

# Article-level labels the model tells apart; judge.py turns them into claimwatch's stances.
LABELS = ("unrelated", "agree", "disagree", "discuss")


@dataclass(frozen=True, slots=True)
class StanceModel:
    """Weights per label over standardised features, as train/stance.py writes them."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[tuple[float, ...], ...]  # one row per label
    bias: tuple[float, ...]

    def scores(self, values: list[float]) -> list[float]:
        """The score of each label (higher is likelier)."""
        x = [(v - m) / s for v, m, s in zip(values, self.mean, self.scale)]
        return [b + sum(w * xi for w, xi in zip(row, x)) for row, b in zip(self.weights, self.bias)]

    def predict(self, values: list[float]) -> str:
        """The likeliest label for one article's features."""
        scores = self.scores(values)
        return LABELS[max(range(len(LABELS)), key=scores.__getitem__)]

    def to_json(self) -> dict:
        """The model as the JSON object its data file holds."""
        return {"labels": list(LABELS), "features": list(self.features), "mean": list(self.mean),
                "scale": list(self.scale), "weights": [list(r) for r in self.weights], "bias": list(self.bias)}


@cache
def load_model() -> StanceModel:
    """The shipped model (data/stance_model.json), loaded once."""
    data = json.loads(resources.files("claimwatch.claims").joinpath("data/stance_model.json").read_text("utf-8"))
    return StanceModel(tuple(data["features"]), tuple(data["mean"]), tuple(data["scale"]),
                       tuple(tuple(r) for r in data["weights"]), tuple(data["bias"]))


def fit(rows: list[list[float]], labels: list[str], features: tuple[str, ...], *, class_weight: dict[str, float],
        l2: float = 1e-3) -> StanceModel:
    """A model minimising the class-weighted cross-entropy plus an L2 penalty (numpy, scipy's L-BFGS)."""
    import numpy as np
    from scipy.optimize import minimize

    x = np.asarray(rows, dtype=float)
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    x = (x - mean) / scale
    onehot = np.eye(len(LABELS))[[LABELS.index(label) for label in labels]]
    sample_weight = np.asarray([class_weight.get(label, 1.0) for label in labels])
    sample_weight = sample_weight / sample_weight.sum()
    shape = (x.shape[1] + 1, len(LABELS))
    xb = np.hstack([x, np.ones((len(x), 1))])

    def loss(flat):
        w = flat.reshape(shape)
        logits = xb @ w
        logits -= logits.max(axis=1, keepdims=True)
        log_p = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
        penalty = 0.5 * l2 * (w[:-1] ** 2).sum()
        grad = xb.T @ ((np.exp(log_p) - onehot) * sample_weight[:, None])
        grad[:-1] += l2 * w[:-1]
        return -(sample_weight * (onehot * log_p).sum(axis=1)).sum() + penalty, grad.ravel()

    w = minimize(loss, np.zeros(shape).ravel(), jac=True, method="L-BFGS-B", options={"maxiter": 1000}).x
    w = w.reshape(shape)
    return StanceModel(features, tuple(mean.tolist()), tuple(scale.tolist()),
                       tuple(tuple(col) for col in w[:-1].T.tolist()), tuple(w[-1].tolist()))
