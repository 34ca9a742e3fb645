"""The sample corpus shipped with claimwatch: three developing stories, in several formats.

``SAMPLE_DIR`` holds only articles (JSONL, HTML pages, an RSS feed), so it can
be ingested as a folder; the duplicate manifests beside it say which articles
copy which, for tests and tuning.
"""

from pathlib import Path

__all__ = ["SAMPLE_DIR", "NEAR_DUPLICATES", "EXACT_DUPLICATES"]

SAMPLE_DIR = Path(__file__).parent / "articles"
NEAR_DUPLICATES = Path(__file__).parent / "near_duplicates.json"
EXACT_DUPLICATES = Path(__file__).parent / "exact_duplicates.json"
