"""The trained attribution model: which words are the cue, which name the source, and how it is retrained."""

import importlib.util
import json
import sys
from pathlib import Path

import numpy as np
import pytest

from claimwatch.analyze import installed_model
from claimwatch.analyze.attribution import AttributionModel, attribution_model
from claimwatch.analyze.attribution_features import HASH_BITS
from tests.analysis_helpers import analyse

REPO = Path(__file__).resolve().parent.parent
needs_model = pytest.mark.skipif(installed_model() is None, reason="en_core_web_sm is not installed")


def only_statement(text):
    statements = analyse(text, "full").statements
    assert len(statements) == 1, statements
    return statements[0]


def test_the_shipped_weights_load_with_a_threshold():
    model = attribution_model()
    assert np.isfinite(model.threshold)
    assert model is attribution_model()  # loaded once per process


@needs_model
@pytest.mark.parametrize(("sentence", "cue", "source"), [
    ("The senator urged colleagues to reject the bill.", "urged", "The senator"),
    ("The union vowed to keep the factory gates shut until spring.", "vowed", "The union"),
    ("Local farmers praised the new irrigation scheme.", "praised", "Local farmers"),
    ("New figures show that rents rose sharply last year.", "show", "New figures"),
    ("The mayor said the rebels had ordered a retreat.", "said", "The mayor"),
    ("According to the fire brigade, the blaze started in the kitchen.", "According to", "the fire brigade"),
])
def test_attributions_beyond_said_are_statements_with_their_cue_and_source(sentence, cue, source):
    statement = only_statement(sentence)
    assert (statement.attribution_cue, statement.source) == (cue, source)


@needs_model
def test_a_sentence_without_attribution_is_no_statement():
    assert analyse("The bridge reopened to traffic on Sunday after repairs.", "full").statements == []


@needs_model
def test_a_plain_assertion_is_carried_by_its_attribution_cue():
    statement = only_statement("The committee vowed to publish the audit.")
    assert (statement.stance, statement.cue) == ("asserts", "vowed")


@needs_model
def test_a_hedge_in_a_relative_clause_does_not_set_the_stance():
    statement = only_statement("The minister said the plan includes steps that may raise taxes.")
    assert (statement.stance, statement.cue) == ("asserts", "said")


def test_weights_for_other_features_are_refused(tmp_path):
    stale = tmp_path / "weights.npz"
    np.savez(stale, cue=np.zeros(16), source=np.zeros(16), thresholds=np.zeros(1))
    with pytest.raises(ValueError, match="retrain"):
        AttributionModel(stale)


# --------------------------------------------------------------------------- retraining

_ARTICLES = [
    ("The council said the road would close in May. Traffic was light.", [("said", "The council")]),
    ("Residents complained about the noise, the newspaper reported. The mayor vowed to act.",
     [("reported", "the newspaper"), ("vowed", "The mayor")]),
    ("Engineers warned that the dam was weak. Rain fell all week.", [("warned", "Engineers")]),
    ("According to the police, two cars collided. Nobody was hurt.", [("According to", "the police")]),
    ("The coach praised his players. The team flew home on Monday.", [("praised", "The coach")]),
]


def _fixture(folder: Path) -> Path:
    """A PolNeAR-shaped corpus of five short articles in the train split."""
    articles, gold = [], []
    for number, (text, attributions) in enumerate(_ARTICLES):
        article_id = f"a{number}"
        articles.append({"id": article_id, "url": None, "outlet": "example.org", "published": "2020-01-01",
                         "title": text.split(".")[0], "text": text, "split": "train"})
        found = []
        for index, (cue, source) in enumerate(attributions):
            cue_at, source_at = text.index(cue), text.index(source)
            found.append({"id": f"E{index}", "type": "Attribution", "cue": [[cue_at, cue_at + len(cue)]],
                          "source": [[source_at, source_at + len(source)]], "content": [], "source_text": source,
                          "cue_text": cue})
        gold.append({"id": article_id, "split": "train", "annotator": "x", "primary": True, "attributions": found})
    for name, rows in (("articles.jsonl", articles), ("gold.jsonl", gold)):
        (folder / name).write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return folder


@needs_model
def test_the_training_script_writes_weights_the_model_loads(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("train_attribution", REPO / "train" / "attribution.py")
    script = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, script)  # its dataclasses look their module up there
    spec.loader.exec_module(script)
    weights = tmp_path / "weights.npz"
    script.main(["--data", str(_fixture(tmp_path)), "--out", str(weights), "--cache", str(tmp_path / "cache"),
                 "--iterations", "3"])
    model = AttributionModel(weights)
    assert np.isfinite(model.threshold)
    with np.load(weights) as data:
        assert len(data["cue"]) == len(data["source"]) == 1 << HASH_BITS
