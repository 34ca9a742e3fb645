"""The words of DESIGN.md's vocabulary, defined once: stances, source kinds, statuses, reactions.

Code, JSON and pages use these words and no others. Figure units are not
listed here: they are the canonical units of lexicon/data/units.tsv.
"""

from __future__ import annotations

__all__ = ["STANCES", "SOURCE_KINDS", "STATUSES", "DENIED", "REACTIONS"]

# A statement's stance toward a claim (not toward its own verb).
STANCES = ("asserts", "confirms", "denies", "unverified", "speculates")
# Who a statement's source is, as far as the text tells.
SOURCE_KINDS = ("named_official", "anonymous_official", "intelligence_agency", "government_body", "media_outlet",
                "expert", "unattributed")
# The ladder a claim climbs, lowest first; DENIED runs beside it.
STATUSES = ("speculated", "reported", "confirmed", "acknowledged")
DENIED = "denied"
# What a reader can say of an article or a story, in the order pages show them.
REACTIONS = ("like", "dislike", "love", "funny", "angry", "sad", "wow")
