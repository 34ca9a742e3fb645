"""The analyze stage: one article in, its actors, statements, figures and events out.

    analyzer = Analyzer("full")          # or "fast"; default: full when its model is installed
    analysis = analyzer.analyze(article) # an Analysis record (claimwatch.records)
"""

from __future__ import annotations

from .analyzer import Analyzer
from .pipeline import PIPELINES, build_pipeline, default_pipeline, installed_model

__all__ = [
    "Analyzer", "PIPELINES", "build_pipeline", "default_pipeline", "installed_model",
]
