"""Claims in words, and the stance of statements and articles toward them.

    reading = read_article(article.text, article.title, analysis)   # once per article text
    result = judge(Claim.of("the vessel was a spy ship"), reading)  # ClaimStance(stance, statements)
"""

from __future__ import annotations

from .judge import Claim, ClaimStance, judge
from .reading import ArticleReading, read_article

__all__ = ["ArticleReading", "Claim", "ClaimStance", "judge", "read_article"]
