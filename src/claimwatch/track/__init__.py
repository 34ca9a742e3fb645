"""The track stage: articles grouped into stories, statements into propositions with an arc.

    tracker = Tracker(store, store)                 # its stories and claims; the articles, read for originals
    story_id = tracker.track(article, analysis)     # analysis: the Analysis record `analyze` gives
    statement_vectors(analyses)                     # statements encoded ahead, for tracker.place(..., vectors)
    stories_report(store)                           # what `claimwatch stories --format json` prints
    proposition_timeline(store, proposition_id)     # a TrackedProposition record
"""

from __future__ import annotations

from .hooks import track_articles, track_stored
from .report import (proposition_timeline, stories_report, story_with_propositions, tracked_proposition,
                     tracked_propositions)
from .propositions import country_of
from .status import status_at, status_changes, supporting_origins
from .stories import merge_stories, split_story
from .tracker import Tracker, statement_vectors

__all__ = [
    "Tracker", "country_of", "status_changes", "supporting_origins", "merge_stories", "proposition_timeline", "split_story", "status_at",
    "statement_vectors", "stories_report", "story_with_propositions", "track_stored", "tracked_proposition",
    "tracked_propositions", "track_articles",
]
