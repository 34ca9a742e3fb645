"""Each analysed article joins a story (or starts one) and its statements join propositions.

Tracking is incremental: an article is placed once, against the profiles
of the stories active around its date, found through the store's term
index; nothing already placed moves unless the user merges or splits.
"""

from __future__ import annotations

import hashlib
import math

import numpy as np

from ..claims.embedding import sentence_encoder
from ..claims.grouping import ClaimGroup, join_claims, statement_content
from ..claims.judge import statement_stance
from ..records import (Analysis, Article, ArticlePlacement, Evidence, Mention, PropositionKey, ReportedFigure,
                       Statement, day_number)
from ..settings import (BACKGROUND_ARTICLES, CLAIM_ESTABLISHED_STATEMENTS, CLAIM_RESTATED_SIMILARITY, STORIES_PER_TERM,
                        STORY_JOIN_THRESHOLD, STORY_RESUME_CANDIDATES, STORY_RESUME_DAYS, STORY_RESUME_LOOSE_SHARE,
                        STORY_RESUME_LOOSE_STATEMENTS, STORY_RESUME_SHARE,
                        STORY_RESUME_STATEMENTS, STORY_WINDOW_DAYS)
from ..store import ArticleStore, PropositionRow, StoryMatch, TrackedStatement, TrackingStore
from .features import article_terms
from .named import judge_placed
from .origins import origin_and_chain
from .propositions import country_of, statement_key

__all__ = ["Tracker", "statement_vectors"]


class Tracker:
    """Places analysed articles in stories and their statements in propositions."""

    def __init__(self, stories: TrackingStore, articles: ArticleStore, *, window_days: int = STORY_WINDOW_DAYS,
                 threshold: float = STORY_JOIN_THRESHOLD, stories_per_term: int = STORIES_PER_TERM) -> None:
        # Stories and claims are read and written; articles only read, for a copy's original outlet.
        self.stories = stories
        self.articles = articles
        self.window_days = window_days
        self.threshold = threshold
        self.stories_per_term = stories_per_term

    def track(self, article: Article, analysis: Analysis) -> str:
        """Place one article and its statements; returns its story id (the same one if already placed)."""
        return self.place(article, analysis).story_id

    def place(self, article: Article, analysis: Analysis, vectors: np.ndarray | None = None) -> ArticlePlacement:
        """Place one article and its statements; returns where they went (its story alone if already placed).

        vectors are the statements' content vectors (statement_vectors), when encoded already with others.
        """
        placed = self.stories.story_of(article.id)
        if placed is not None:
            return ArticlePlacement(article.id, placed, ())
        places = _place_countries(analysis)
        keyed = [(s, *statement_key(s, places)) for s in analysis.statements]
        terms = article_terms(article, analysis, [key for _, key, _ in keyed])
        day = day_number(article.published)
        if vectors is None:
            vectors = statement_vectors([analysis])[0]
        story_id = self._story_for(article, terms, day, vectors)
        self.stories.add_to_story(story_id, article.id, day=day, published=article.published, title=article.title,
                                terms=terms)
        proposition_ids, merged = self._place_statements(article, story_id, keyed, vectors, analysis.actors)
        named = judge_placed(self.stories, story_id, article.id, analysis.statements, vectors)
        self.stories.add_figures(_figures(article, analysis))
        return ArticlePlacement(article.id, story_id, proposition_ids, merged, named)

    def _story_for(self, article: Article, terms: list[str], day: int | None, vectors: np.ndarray) -> str:
        if article.duplicate_of:
            # A copy belongs wherever its original went.
            original_story = self.stories.story_of(article.duplicate_of)
            if original_story is not None:
                return self.stories.resolve_story(original_story) or original_story
        matches = self.stories.matching_stories(terms, day, STORY_RESUME_DAYS, self.stories_per_term)
        scored = self._scored(terms, matches)
        recent = [(share, match.article_count, match.id) for share, match in scored
                  if share >= self.threshold and _within(day, match, self.window_days)]
        if recent:
            return max(recent)[2]
        resumed = self._resumed(scored, vectors)
        if resumed is not None:
            return resumed
        story_id = "s" + hashlib.sha256(article.id.encode()).hexdigest()[:11]
        self.stories.create_story(story_id, article.title or "")
        return story_id

    def _scored(self, terms: list[str], matches: list[StoryMatch]) -> list[tuple[float, StoryMatch]]:
        """Each matching story with its weighted share of the article's terms."""
        if not matches:
            return []
        counts, total = self.stories.term_counts(terms)
        # Rare terms weigh more: sharing "Shahed" says more than sharing "USA".
        weights = {t: math.log(1 + (total + BACKGROUND_ARTICLES) / (counts.get(t, 0) + 1)) for t in terms}
        whole = sum(weights.values()) or 1.0
        scored = []
        for match in matches:
            # A term half the story's articles carry is fully the story's.
            share = sum(weights[t] * min(1.0, 2 * n / max(match.article_count, 1)) for t, n in match.shared.items())
            scored.append((share / whole, match))
        return scored

    def _resumed(self, scored: list[tuple[float, StoryMatch]], vectors: np.ndarray) -> str | None:
        """A story, quiet or only loosely worded alike, whose established claims the article restates."""
        candidates = sorted(((share, match.id) for share, match in scored if share >= STORY_RESUME_LOOSE_SHARE),
                            reverse=True)
        for share, story_id in candidates[:STORY_RESUME_CANDIDATES]:
            centres = [_group(row).centre for row in self.stories.story_propositions(story_id)
                       if row.centroid is not None and row.statements >= CLAIM_ESTABLISHED_STATEMENTS]
            # Fewer shared words ask for more restated claims; among stories restated enough, the
            # one sharing most words wins (a generic statement may restate another story's claim).
            needed = STORY_RESUME_STATEMENTS if share >= STORY_RESUME_SHARE else STORY_RESUME_LOOSE_STATEMENTS
            if _restated(vectors, centres) >= needed:
                return story_id
        return None

    def _place_statements(self, article: Article, story_id: str,
                          keyed: list[tuple[Statement, PropositionKey, str | None]], vectors: np.ndarray,
                          actors: list[Mention]) -> tuple[tuple[str | None, ...], tuple[tuple[str, str], ...]]:
        original_outlet = self._original_outlet(article)
        statements = [statement for statement, _, _ in keyed]
        claims = [_group(row) for row in self.stories.story_propositions(story_id) if row.centroid is not None]
        joining = join_claims(story_id, article.id, statements, vectors, claims, [key for _, key, _ in keyed])
        for absorbed, kept in joining.merged:
            self.stories.merge_claims(absorbed, kept)
        tracked = []
        for position, ((statement, key, location), claim) in enumerate(zip(keyed, joining.claims)):
            origin, chain = origin_and_chain(statement, article.outlet, original_outlet,
                                             _outlets_within(actors, statement))
            evidence = Evidence(article.id, article.published, article.outlet, statement.source,
                                statement.source_actor, statement.source_country,
                                statement.source_kind or "unattributed", statement_stance(statement),
                                statement.cue, statement.sentence or "", origin, chain, key)
            tracked.append(TrackedStatement(article.id, position, story_id, claim.id if claim else None, location,
                                            evidence))
        for claim in claims:
            if claim.changed:
                self.stories.save_proposition(PropositionRow(
                    claim.id, *claim.key.parts, label=claim.label,
                    centroid=claim.vector_sum.astype("<f4").tobytes(), label_fit=claim.label_fit,
                    label_vector=None if claim.label_vector is None else claim.label_vector.astype("<f4").tobytes(),
                    label_penalty=claim.label_penalty))
        self.stories.add_statements(tracked)
        return tuple(t.proposition_id for t in tracked), tuple(joining.merged)

    def _original_outlet(self, article: Article) -> str | None:
        if not article.duplicate_of:
            return None
        original = self.articles.get_article(article.duplicate_of)
        return original.outlet if original is not None else None


def statement_vectors(analyses: list[Analysis]) -> list[np.ndarray]:
    """The content vectors of each analysis's statements, encoded together (one batch sorts best)."""
    contents = [[statement_content(s) for s in analysis.statements] for analysis in analyses]
    flat = sentence_encoder().encode([text for texts in contents for text in texts])
    bounds = np.cumsum([0] + [len(texts) for texts in contents])
    return [flat[start:end] for start, end in zip(bounds[:-1], bounds[1:])]


def _within(day: int | None, match: StoryMatch, window_days: int) -> bool:
    """Whether the day falls within the window around the story's first and last days."""
    if day is None:
        return True
    after_start = match.first_day is None or match.first_day - day <= window_days
    before_end = match.last_day is None or day - match.last_day <= window_days
    return after_start and before_end


def _restated(vectors: np.ndarray, centres: list[np.ndarray]) -> int:
    """How many of the article's statement vectors lie near one of the claim centres."""
    if not centres or not len(vectors):
        return 0
    similarity = vectors @ np.vstack(centres).T
    return int((similarity.max(axis=1) >= CLAIM_RESTATED_SIMILARITY).sum())


def _group(row: PropositionRow) -> ClaimGroup:
    """A stored claim as grouping sees it."""
    return ClaimGroup(row.id, np.frombuffer(row.centroid, dtype="<f4").copy(), row.statements, row.label,
                      row.label_fit, PropositionKey(row.subject, row.predicate, row.object),
                      label_vector=None if row.label_vector is None else np.frombuffer(row.label_vector, dtype="<f4"),
                      label_penalty=row.label_penalty)


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
