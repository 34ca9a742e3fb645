"""What an article is about, as terms a story can share: actors, places, events, claims, key words."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from importlib import resources

from ..records import Analysis, Article, PropositionKey

__all__ = ["article_terms", "KEYWORDS_PER_ARTICLE"]

KEYWORDS_PER_ARTICLE = 12
_WORD = re.compile(r"[a-z][a-z'-]{3,}")


@cache
def _common_words() -> frozenset[str]:
    """English stop words and words too common in news to tell stories apart."""
    return frozenset(_word_list("data/stop_words.txt") | _word_list("data/common_words.txt"))


def _word_list(path: str) -> set[str]:
    text = resources.files("claimwatch.track").joinpath(path).read_text("utf-8")
    return {line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")}


def keywords(text: str, limit: int = KEYWORDS_PER_ARTICLE) -> list[str]:
    """The article's most frequent words beyond stop words and news boilerplate."""
    common = _common_words()
    counts = Counter(w.strip("'-") for w in _WORD.findall(text.lower()))
    return [w for w, _ in counts.most_common(limit * 3) if w not in common and len(w) > 3][:limit]


def article_terms(article: Article, analysis: Analysis, keys: list[PropositionKey]) -> list[str]:
    """The terms an article is grouped by, each prefixed by its kind (a: actor, k: claim, w: word…)."""
    terms = {f"c:{code}" for code in analysis.countries}
    for actor in analysis.actors:
        kind, text = actor.kind, (actor.text or "").lower()
        if kind == "person":
            terms.add(f"n:{text.split()[-1]}" if text.split() else "n:")
        elif kind == "place":
            terms.add(f"p:{text}")
        elif actor.code:
            terms.add(f"a:{actor.code}")
    for event in analysis.events:
        if event.actor1 and event.actor2:
            terms.add(f"e:{event.actor1}:{str(event.code)[:2]}:{event.actor2}")
    for key in keys:
        if key.complete and key.object:
            terms.add("k:" + "|".join(part or "" for part in key.parts))
    words = f"{article.title or ''}\n{article.text}"
    terms.update(f"w:{word}" for word in keywords(words))
    terms.discard("n:")
    return sorted(terms)
