"""The typed records that pass between the stages of the flow.

Each stage (ingest → analyze → track → store → serve/watch) hands the next
one these records and nothing else; they are defined here once, a module per
stage's output, and imported from this package:

    articles.py   Article, IngestOutcome, IngestReport        (ingest)
    analysis.py   Analysis, Statement, Mention, Figure, Event  (analyze)
    tracking.py   PropositionKey, Evidence, Story, ...         (track)
    watching.py   Watch, Alert, Delivery, Source               (watch)
"""

from __future__ import annotations

from ..vocabulary import REACTIONS
from .analysis import Analysis, Event, Figure, Mention, Proposition, Statement
from .articles import Article, IngestOutcome, IngestReport, day_number
from .tracking import (
    ArticlePlacement, Evidence, PropositionKey, ReportedFigure, StatementHit, StatusChange, Story, TrackedProposition,
)
from .watching import ALERT_KINDS, Alert, Delivery, Source, Watch

__all__ = [
    "Article", "IngestOutcome", "IngestReport",
    "Mention", "Figure", "Proposition", "Statement", "Event", "Analysis",
    "day_number",
    "PropositionKey", "Evidence", "StatusChange", "ReportedFigure", "TrackedProposition", "Story", "ArticlePlacement",
    "REACTIONS", "StatementHit", "ALERT_KINDS", "Watch", "Alert", "Delivery", "Source",
]
