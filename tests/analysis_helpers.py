"""Building articles and analysing them with either pipeline, for the analysis tests."""

from functools import cache

import pytest

from claimwatch.analyze import Analyzer, installed_model
from claimwatch.records import Article

# Every behaviour is checked with both pipelines, unless the model is missing.
PIPELINES = ["fast", pytest.param("full", marks=pytest.mark.skipif(
    installed_model() is None, reason="en_core_web_sm is not installed"))]


@cache
def analyzer(pipeline: str) -> Analyzer:
    return Analyzer(pipeline)


def analyse(text: str, pipeline: str = "full", *, published: str | None = "2024-10-23", language: str = "en"):
    """The Analysis of an article holding just this text."""
    article = Article(id="t1", text=text, published=published, language=language)
    return analyzer(pipeline if installed_model() else "fast").analyze(article)
