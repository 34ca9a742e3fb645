"""Each analysed article joins a story (or starts one) and its statements join propositions.

Tracking is incremental: an article is placed once, against the profiles
of the stories active around its date, found through the store's term
index; nothing already placed moves unless the user merges or splits.
"""

from __future__ import annotations

import hashlib
import math

from ..records import (Analysis, Article, ArticlePlacement, Evidence, Mention, PropositionKey, ReportedFigure,
                       Statement, day_number)
from ..settings import BACKGROUND_ARTICLES, STORIES_PER_TERM, STORY_JOIN_THRESHOLD, STORY_WINDOW_DAYS
from ..store import PropositionRow, Store, StoryMatch, TrackedStatement
from .features import article_terms
from .origins import origin_and_chain
from .propositions import best_fit, country_of, proposition_id, proposition_label, statement_key

__all__ = ["Tracker"]


class Tracker:
    """Places analysed articles in stories and their statements in propositions."""

    def __init__(self, store: Store, *, window_days: int = STORY_WINDOW_DAYS, threshold: float = STORY_JOIN_THRESHOLD,
                 stories_per_term: int = STORIES_PER_TERM) -> None:
        self.store = store
        self.window_days = window_days
        self.threshold = threshold
        self.stories_per_term = stories_per_term

    def track(self, article: Article, analysis: Analysis) -> str:
        """Place one article and its statements; returns its story id (the same one if already placed)."""
        return self.place(article, analysis).story_id

    def place(self, article: Article, analysis: Analysis) -> ArticlePlacement:
        """Place one article and its statements; returns where they went (its story alone if already placed)."""
        placed = self.store.story_of(article.id)
        if placed is not None:
            return ArticlePlacement(article.id, placed, ())
        places = _place_countries(analysis)
        keyed = [(s, *statement_key(s, places)) for s in analysis.statements]
        terms = article_terms(article, analysis, [key for _, key, _ in keyed])
        day = day_number(article.published)
        story_id = self._story_for(article, terms, day)
        self.store.add_to_story(story_id, article.id, day=day, published=article.published, title=article.title,
                                terms=terms)
        proposition_ids, placed_waiting = self._place_statements(article, story_id, keyed, analysis.actors)
        self.store.add_figures(_figures(article, analysis))
        return ArticlePlacement(article.id, story_id, proposition_ids, placed_waiting)

    def _story_for(self, article: Article, terms: list[str], day: int | None) -> str:
        if article.duplicate_of:
            # A copy belongs wherever its original went.
            original_story = self.store.story_of(article.duplicate_of)
            if original_story is not None:
                return self.store.resolve_story(original_story) or original_story
        matches = self.store.matching_stories(terms, day, self.window_days, self.stories_per_term)
        best = self._best_match(terms, matches)
        if best is not None:
            return best
        story_id = "s" + hashlib.sha256(article.id.encode()).hexdigest()[:11]
        self.store.create_story(story_id, article.title or "")
        return story_id

    def _best_match(self, terms: list[str], matches: list[StoryMatch]) -> str | None:
        if not matches:
            return None
        counts, total = self.store.term_counts(terms)
        # Rare terms weigh more: sharing "Shahed" says more than sharing "USA".
        weights = {t: math.log(1 + (total + BACKGROUND_ARTICLES) / (counts.get(t, 0) + 1)) for t in terms}
        whole = sum(weights.values()) or 1.0
        scored = []
        for match in matches:
            # A term half the story's articles carry is fully the story's.
            share = sum(weights[t] * min(1.0, 2 * n / max(match.article_count, 1)) for t, n in match.shared.items())
            scored.append((share / whole, match.article_count, match.id))
        share, _, story_id = max(scored)
        return story_id if share >= self.threshold else None

    def _place_statements(self, article: Article, story_id: str,
                          keyed: list[tuple[Statement, PropositionKey, str | None]],
                          actors: list[Mention]) -> tuple[tuple[str | None, ...], tuple[tuple[str, int, str], ...]]:
        original_outlet = self._original_outlet(article)
        candidates = [(_key(row), row.id, row.statements) for row in self.store.story_propositions(story_id)]
        tracked = []
        created: list[PropositionKey] = []
        for position, (statement, key, location) in enumerate(keyed):
            origin, chain = origin_and_chain(statement, article.outlet, original_outlet,
                                             _outlets_within(actors, statement))
            evidence = Evidence(article.id, article.published, article.outlet, statement.source,
                                statement.source_actor, statement.source_country,
                                statement.source_kind or "unattributed", statement.stance or "asserts",
                                statement.cue, statement.sentence or "", origin, chain, key)
            target = self._proposition_for(key, evidence, candidates, created,
                                           _countries_within(actors, statement))
            tracked.append(TrackedStatement(article.id, position, story_id, target, location, evidence,
                                            sorted(_countries_within(actors, statement))))
            if target is not None:
                candidates = _counted(candidates, key if key.object else None, target)
        self.store.add_statements(tracked)
        proposition_ids = [t.proposition_id for t in tracked]
        placed_waiting = self._place_waiting(story_id) if created else []
        # The article's own waiting statements may fit a claim it created itself.
        for article_id, position, target in placed_waiting:
            if article_id == article.id:
                proposition_ids[position] = target
        return tuple(proposition_ids), tuple(p for p in placed_waiting if p[0] != article.id)

    def _proposition_for(self, key: PropositionKey, evidence: Evidence,
                         candidates: list[tuple[PropositionKey, str, int]],
                         created: list[PropositionKey], mentioned: frozenset[str]) -> str | None:
        if key.complete and key.object:
            pid = proposition_id(key)
            if all(pid != known for _, known, _ in candidates):
                self.store.save_proposition(PropositionRow(pid, *key.parts, label=proposition_label(
                    key, evidence.sentence)))
                created.append(key)
            return pid
        # A statement that names too little ("Tehran denied it") joins the
        # story's best-supported claim it fits, or waits for one to appear.
        return best_fit(key, candidates, mentioned)

    def _place_waiting(self, story_id: str) -> list[tuple[str, int, str]]:
        """Place the story's waiting statements that now fit a claim; returns them (article id, position, claim)."""
        candidates = [(_key(row), row.id, row.statements) for row in self.store.story_propositions(story_id)]
        placed: dict[str, list[tuple[str, int]]] = {}
        for waiting in self.store.unplaced_statements(story_id):
            target = best_fit(waiting.evidence.claim, candidates, frozenset(waiting.mentioned))
            if target is not None:
                placed.setdefault(target, []).append((waiting.article_id, waiting.position))
        for target, keys in placed.items():
            self.store.place_statements(keys, target)
        return [(article_id, position, target) for target, keys in placed.items() for article_id, position in keys]

    def _original_outlet(self, article: Article) -> str | None:
        if not article.duplicate_of:
            return None
        original = self.store.get_article(article.duplicate_of)
        return original.outlet if original is not None else None


def _key(row: PropositionRow) -> PropositionKey:
    return PropositionKey(row.subject, row.predicate, row.object)


def _counted(candidates: list[tuple[PropositionKey, str, int]], key: PropositionKey | None,
             target: str) -> list[tuple[PropositionKey, str, int]]:
    """The candidates with one more statement for target (added when it is new)."""
    if any(pid == target for _, pid, _ in candidates):
        return [(k, pid, n + (pid == target)) for k, pid, n in candidates]
    return [*candidates, (key, target, 1)] if key is not None else candidates


def _countries_within(actors: list[Mention], statement: Statement) -> frozenset[str]:
    """The countries (and bodies) named inside a statement's sentence."""
    return frozenset(country_of(a.country or a.code) for a in actors
                     if statement.start <= a.start < statement.end and (a.country or a.code))


def _outlets_within(actors: list[Mention], statement: Statement) -> frozenset[str]:
    """The news outlets named inside a statement's sentence, lower case, without a leading "the"."""
    return frozenset(_without_the(a.text or "") for a in actors
                     if a.kind == "media_outlet" and statement.start <= a.start < statement.end)


def _without_the(name: str) -> str:
    name = name.strip().lower()
    return name[4:] if name.startswith("the ") else name


def _place_countries(analysis: Analysis) -> dict[str, str]:
    """Place and capital names in the article to their country: "kharkiv" → UKR."""
    return {actor.text.lower(): actor.country for actor in analysis.actors
            if actor.country and actor.kind in ("place", "government_body", "country")}


def _figures(article: Article, analysis: Analysis) -> list[tuple[int, str | None, ReportedFigure]]:
    return [(position, country_of(f.subject),
             ReportedFigure(article.published, article.id, article.outlet, f.value, f.high, f.unit,
                            f.subject, f.approx, f.text or ""))
            for position, f in enumerate(analysis.figures)]
