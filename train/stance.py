"""Train claimwatch's article stance model (claims/data/stance_model.json) on FNC-1 and Emergent train parts.

    .venv/bin/python train/stance.py [--data ../shared/corpus/stance] [--cache DIR] [--write]

FNC-1 (Fake News Challenge stage 1, 2017: the stance of an article body toward a headline) and Emergent
(Ferreira & Vlachos, NAACL 2016: the stance of a headline toward a claim), train parts only, as converted in
../shared/corpus/stance (see its README for sources and licences). Each distinct text is analysed once with
claimwatch's own pipeline (cached under --cache), read toward its claim by claimwatch.claims, and a
multinomial logistic regression is fitted on the resulting features (agree / disagree / discuss / unrelated;
Emergent's for / against / observing as the first three).

Held out before any tuning, by hash: a fifth of FNC-1's bodies and a fifth of Emergent's claims. The script
prints held-out figures (FNC-1 weighted score, accuracy, macro-F1; Emergent accuracy and macro-F1 over the
held-out fifth and by five-fold cross-validation over claims) and, with --write, ships a model fitted on
the other four fifths, so the held-out figures stay honest.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from claimwatch.claims import Claim, read_article  # noqa: E402
from claimwatch.claims.judge import FEATURES, article_features  # noqa: E402
from claimwatch.claims.model import LABELS, fit  # noqa: E402
from claimwatch.records import Analysis, Article  # noqa: E402

MODEL_PATH = REPO / "src/claimwatch/claims/data/stance_model.json"
EMERGENT_LABELS = {"for": "agree", "against": "disagree", "observing": "discuss"}
# Related pairs weigh more: FNC-1's score counts them four times an unrelated one, and the rare
# disagree class would otherwise vanish.
CLASS_WEIGHT = {"unrelated": 1.0, "agree": 2.0, "disagree": 6.0, "discuss": 1.5}


def _fold(key: str) -> int:
    return int(hashlib.sha1(key.encode("utf-8")).hexdigest(), 16) % 5


def _analyses(pairs: list[dict], cache: Path) -> dict[str, Analysis]:
    """Each distinct text's analysis, from the cache or the full pipeline."""
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / "analyses.jsonl"
    found: dict[str, Analysis] = {}
    for part in sorted(cache.glob("*.jsonl")):  # analyses keyed by the sha1 of their text
        for line in part.open(encoding="utf-8"):
            data = json.loads(line)
            found[data["id"]] = Analysis.from_dict(data)
    todo = {}
    for pair in pairs:
        key = hashlib.sha1(pair["text"].encode("utf-8")).hexdigest()
        if key not in found:
            todo[key] = Article(id=key, text=pair["text"].strip())
    if todo:
        from claimwatch.analyze import Analyzer

        with path.open("a", encoding="utf-8") as out:
            for analysis in Analyzer("full").analyze_many(todo.values()):
                found[analysis.id] = analysis
                out.write(json.dumps(analysis.to_dict(), ensure_ascii=False) + "\n")
    return found


def _load(data: Path, name: str) -> list[dict]:
    gold = {json.loads(line)["id"]: json.loads(line)["label"] for line in (data / name / "gold.jsonl").open()}
    pairs = [json.loads(line) for line in (data / name / "pairs.jsonl").open()]
    for pair in pairs:
        label = gold[pair["id"]]
        pair["label"] = EMERGENT_LABELS.get(label, label)
        pair["fold"] = _fold(pair["text"] if name == "fnc1" else pair["claim"])
        pair["dataset"] = name
    return pairs


def _rows(pairs: list[dict], analyses: dict[str, Analysis]) -> list[list[float]]:
    readings, claims, rows = {}, {}, []
    for pair in pairs:
        key = hashlib.sha1(pair["text"].encode("utf-8")).hexdigest()
        if key not in readings:
            readings[key] = read_article(pair["text"].strip(), pair.get("title"), analyses[key])
        claim = claims.setdefault(pair["claim"], Claim.of(pair["claim"]))
        rows.append(article_features(claim, readings[key])[0])
    return rows


def _figures(gold: list[str], predicted: list[str], labels: tuple[str, ...]) -> dict[str, float]:
    accuracy = sum(g == p for g, p in zip(gold, predicted)) / len(gold)
    f1s = []
    for label in labels:
        tp = sum(g == p == label for g, p in zip(gold, predicted))
        fp = sum(p == label != g for g, p in zip(gold, predicted))
        fn = sum(g == label != p for g, p in zip(gold, predicted))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    score = sum((0.25 if (g == "unrelated") == (p == "unrelated") else 0) + (0.75 if g == p != "unrelated" else 0)
                for g, p in zip(gold, predicted))
    best = sum(0.25 if g == "unrelated" else 1.0 for g in gold)
    return {"accuracy": round(accuracy, 4), "macro_f1": round(sum(f1s) / len(f1s), 4),
            "fnc_score": round(100 * score / best, 2), **{f"f1_{l}": round(f, 3) for l, f in zip(labels, f1s)}}


def _predict(model, rows):
    return [model.predict(row) for row in rows]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared/corpus/stance")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/claimwatch-stance-cache"))
    parser.add_argument("--write", action="store_true", help="write the model fitted on the training folds")
    args = parser.parse_args()
    fnc, emergent = _load(args.data, "fnc1"), _load(args.data, "emergent")
    analyses = _analyses(fnc + emergent, args.cache)
    fnc_rows, em_rows = _rows(fnc, analyses), _rows(emergent, analyses)
    train = [(r, p["label"]) for r, p in zip(fnc_rows + em_rows, fnc + emergent) if p["fold"] != 0]
    model = fit([r for r, _ in train], [l for _, l in train], FEATURES, class_weight=CLASS_WEIGHT)
    held_fnc = [(r, p["label"]) for r, p in zip(fnc_rows, fnc) if p["fold"] == 0]
    held_em = [(r, p["label"]) for r, p in zip(em_rows, emergent) if p["fold"] == 0]
    print("FNC-1 held-out fifth:", _figures([l for _, l in held_fnc], _predict(model, [r for r, _ in held_fnc]), LABELS))
    print("Emergent held-out fifth:", _figures([l for _, l in held_em], _predict(model, [r for r, _ in held_em]),
                                               LABELS[1:]))  # an unrelated answer counts as wrong
    folds = []
    for fold in range(5):
        rows = [(r, p["label"]) for r, p in zip(fnc_rows + em_rows, fnc + emergent)
                if p["fold"] != (fold if p["dataset"] == "emergent" else 0)]
        fitted = fit([r for r, _ in rows], [l for _, l in rows], FEATURES, class_weight=CLASS_WEIGHT)
        test = [(r, p["label"]) for r, p in zip(em_rows, emergent) if p["fold"] == fold]
        folds.append(_figures([l for _, l in test], _predict(fitted, [r for r, _ in test]), LABELS[1:])["accuracy"])
    print("Emergent five-fold accuracy:", round(sum(folds) / 5, 4), folds)
    if args.write:
        MODEL_PATH.write_text(json.dumps(model.to_json(), indent=1) + "\n", encoding="utf-8")
        print("wrote", MODEL_PATH)


if __name__ == "__main__":
    main()
