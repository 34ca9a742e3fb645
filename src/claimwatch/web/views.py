"""What pages and the JSON API show, built once here: both render these records, never their own queries."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

from ..errors import NotFoundError
from ..records import Analysis, Article, ReportedFigure, Story, TrackedProposition
from ..store import ArticleStore, Placement, SearchFilters, SearchHit, Store, TrackingStore
from ..track import proposition_timeline, stories_report, story_with_propositions, tracked_propositions
from ..vocabulary import REACTIONS
from .charts import actor_edges

__all__ = [
    "REACTION_KINDS", "ArticleSummary", "StorySummary", "StoryPage", "ArticlePage", "Origin",
    "home_stories", "story_page", "article_page", "article_list", "search", "proposition",
    "stories_json", "reactions", "set_reaction",
]

# What readers react to, and the path segment their pages and API live under.
REACTION_KINDS = {"article": "articles", "story": "stories"}
# The home page's propositions per story: its most stated claims.
MAIN_PROPOSITIONS = 3


@dataclass(slots=True)
class ArticleSummary:
    """An article as lists show it."""

    id: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    duplicate_of: str | None = None
    snippet: str | None = None

    @classmethod
    def of(cls, article: Article, snippet: str | None = None) -> ArticleSummary:
        """The summary of a stored article."""
        return cls(article.id, article.title, article.outlet, article.published, article.url,
                   article.duplicate_of, snippet)

    @classmethod
    def of_hit(cls, hit: SearchHit) -> ArticleSummary:
        """The summary of a search hit, its snippet as plain text."""
        return cls.of(hit.article, hit.marked("", ""))


@dataclass(slots=True)
class StorySummary:
    """A story as the home page lists it: period, counts and its main claims' status."""

    id: str
    title: str
    first_published: str | None
    last_published: str | None
    article_count: int
    outlet_count: int
    main_propositions: list[dict[str, Any]]


@dataclass(slots=True)
class Origin:
    """One independent source behind a proposition, and the statements that go back to it."""

    origin: str
    statements: int
    outlets: list[str]
    # Statements from articles that are near-duplicates of another: copies, not corroboration.
    copies: int


@dataclass(slots=True)
class StoryPage:
    """A story with its propositions, where their sources come from, its articles and its actors."""

    story: Story
    articles: list[ArticleSummary]
    origins: dict[str, list[Origin]]
    network: dict[tuple[str, str], int]
    figures: list[ReportedFigure] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The page's content as the API gives it."""
        return {
            **self.story.to_dict(),
            "article_list": [asdict(a) for a in self.articles],
            "duplicates": [{"id": a.id, "duplicate_of": a.duplicate_of} for a in self.articles if a.duplicate_of],
            "origins": {pid: [asdict(o) for o in origins] for pid, origins in self.origins.items()},
            "network": [{"actors": list(pair), "statements": weight} for pair, weight in self.network.items()],
        }


@dataclass(slots=True)
class ArticlePage:
    """An article with its analysis, where its statements went, and its story."""

    article: Article
    analysis: Analysis | None
    placements: dict[int, Placement]
    story: dict[str, str] | None
    original: ArticleSummary | None

    def to_dict(self) -> dict[str, Any]:
        """The page's content as the API gives it."""
        return {
            **self.article.to_dict(),
            "analysis": self.analysis.to_dict() if self.analysis else None,
            "story": self.story,
            "original": asdict(self.original) if self.original else None,
            "placements": [asdict(p) for p in self.placements.values()],
        }


def home_stories(store: TrackingStore, *, limit: int = 50) -> list[StorySummary]:
    """The most recently active stories with their main propositions' status."""
    summaries = []
    for story in store.stories(limit=limit):
        rows = store.story_propositions(story.id)[:MAIN_PROPOSITIONS]
        main = [{"id": tracked.id, "label": tracked.label, "status": tracked.status, "denied": tracked.denied,
                 "independent_sources": tracked.independent_sources, "statements": len(tracked.statements)}
                for tracked in tracked_propositions(store, rows, story.id)]
        summaries.append(StorySummary(story.id, story.title, story.first_published, story.last_published,
                                      len(story.articles), len(story.outlets), main))
    return summaries


def stories_json(store: TrackingStore, *, limit: int | None = None) -> dict[str, Any]:
    """Exactly what `claimwatch stories --format json` prints."""
    return stories_report(store, limit=limit)


def story_page(store: Store, story_id: str) -> StoryPage:
    """Everything the story page shows (of the surviving story, when story_id was merged into another)."""
    live = store.resolve_story(story_id)
    if live is None:
        raise NotFoundError(f"story {story_id}: no such story; the home page lists them")
    story = story_with_propositions(store, live)
    articles = [ArticleSummary.of(a) for a in store.get_articles(story.articles)]
    copies = {a.id for a in articles if a.duplicate_of}
    origins = {p.id: _origins(p, copies) for p in story.propositions}
    return StoryPage(story, articles, origins, actor_edges(story.propositions), _story_figures(story.propositions))


def _origins(proposition: TrackedProposition, copies: set[str]) -> list[Origin]:
    statements: Counter[str] = Counter()
    copied: Counter[str] = Counter()
    outlets: dict[str, list[str]] = defaultdict(list)
    for evidence in proposition.statements:
        statements[evidence.origin] += 1
        copied[evidence.origin] += evidence.article_id in copies
        if evidence.outlet and evidence.outlet not in outlets[evidence.origin]:
            outlets[evidence.origin].append(evidence.outlet)
    return [Origin(origin, count, outlets[origin], copied[origin]) for origin, count in statements.most_common()]


def _story_figures(propositions: list[TrackedProposition]) -> list[ReportedFigure]:
    """Each figure the story's articles report, once, though several propositions may carry it."""
    seen, figures = set(), []
    for proposition in propositions:
        for figure in proposition.figures:
            key = (figure.article_id, figure.value, figure.high, figure.unit, figure.text)
            if key not in seen:
                seen.add(key)
                figures.append(figure)
    return sorted(figures, key=lambda f: (f.date or "", f.article_id))


def proposition(store: TrackingStore, proposition_id: str, *, at: str | None = None) -> TrackedProposition:
    """A proposition's timeline across stories, as of day at when given."""
    if store.get_proposition(proposition_id) is None:
        raise NotFoundError(f"proposition {proposition_id}: no such proposition; a story page lists them")
    return proposition_timeline(store, proposition_id, at=at)


def article_page(store: Store, article_id: str) -> ArticlePage:
    """Everything the article page shows."""
    article = store.get_article(article_id)
    if article is None:
        raise NotFoundError(f"article {article_id}: no such article; search lists the stored ones")
    placements = {p.position: p for p in store.statement_placements(article_id)}
    story_id = store.story_of(article_id)
    story = store.get_story(story_id) if story_id else None
    original = store.get_article(article.duplicate_of) if article.duplicate_of else None
    return ArticlePage(article, store.get_analysis(article_id), placements,
                       {"id": story.id, "title": story.title} if story else None,
                       ArticleSummary.of(original) if original else None)


def article_list(store: ArticleStore, filters: SearchFilters) -> list[ArticleSummary]:
    """Articles matching the filters, with a snippet that marks the words found."""
    return [ArticleSummary.of_hit(hit) for hit in store.find_articles(filters)]


def search(store: Store, filters: SearchFilters) -> dict[str, Any]:
    """Articles and statements matching the filters: what the search page and API show."""
    return {"articles": store.find_articles(filters), "statements": store.find_statements(filters)}


def _target_exists(store: Store, kind: str, target_id: str) -> str:
    """The id reactions are kept under (a merged story's surviving id); NotFoundError if none."""
    if kind == "article":
        if store.get_article(target_id) is None:
            raise NotFoundError(f"article {target_id}: no such article to react to")
        return target_id
    if kind == "story":
        live = store.resolve_story(target_id)
        if live is None:
            raise NotFoundError(f"story {target_id}: no such story to react to")
        return live
    raise NotFoundError(f"{kind}: readers react to an article or a story")


def reactions(store: Store, kind: str, target_id: str, reader: str | None) -> dict[str, Any]:
    """The counts of each reaction, and the reader's own one (None if none)."""
    target = _target_exists(store, kind, target_id)
    counts = store.reaction_counts(kind, target)
    mine = store.reader_reaction(kind, target, reader) if reader else None
    return {"counts": counts, "total": sum(counts.values()), "mine": mine}


def set_reaction(store: Store, kind: str, target_id: str, reader: str, reaction: str | None) -> dict[str, Any]:
    """Give, change (a new one) or withdraw (None) the reader's reaction; returns the new counts."""
    if reaction is not None and reaction not in REACTIONS:
        raise ValueError(f"reaction {reaction!r}: use one of {', '.join(REACTIONS)}, or null to withdraw")
    target = _target_exists(store, kind, target_id)
    # In a transaction, so that a store busy past the web's wait raises StoreBusyError (a 503).
    with store.transaction():
        store.react(kind, target, reader, reaction)
    return reactions(store, kind, target, reader)
