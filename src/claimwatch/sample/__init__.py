"""The sample corpus shipped with claimwatch: three developing stories, in several formats."""

from pathlib import Path

__all__ = ["SAMPLE_DIR"]

SAMPLE_DIR = Path(__file__).parent
