"""The part of the storage interface the track stage reads and writes through."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..records import Evidence, ReportedFigure, StatementHit, Story
from .web_base import Placement, SearchFilters
from .writes import Writes

__all__ = ["NamedClaimRow", "TrackingStore", "StoryMatch", "TrackedStatement", "PropositionRow"]


@dataclass(frozen=True, slots=True)
class StoryMatch:
    """A recent story sharing features with a new article, and how many of its articles carry each."""

    id: str
    article_count: int
    first_day: int | None
    last_day: int | None
    shared: dict[str, int]


@dataclass(slots=True)
class TrackedStatement:
    """A statement placed in a story, with its normalised key (evidence.claim) and (once known) its proposition."""

    article_id: str
    position: int
    story_id: str
    proposition_id: str | None
    location: str | None
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class PropositionRow:
    """A proposition's facets and label, how many statements it has (in a story, when asked so), and its centre."""

    id: str
    subject: str | None
    predicate: str | None
    object: str | None
    label: str
    statements: int = 0
    # The sum of its statements' sentence vectors (float32 bytes); None for a claim keyed by actors only.
    centroid: bytes | None = None
    label_fit: float = -1.0
    # The label's content vector (float32 bytes) and its length and stance penalty, where known.
    label_vector: bytes | None = None
    label_penalty: float = 0.0


@dataclass(frozen=True, slots=True)
class NamedClaimRow:
    """A claim a user named: its proposition id, words, scope, counter-claims and their vectors (float32 bytes)."""

    id: str
    text: str
    story_id: str | None
    counters: tuple[str, ...]
    vector: bytes
    counter_vectors: bytes
    created_at: str | None = None
    # The countries its words name first and second: its proposition's subject and object.
    subject: str | None = None
    object: str | None = None


class TrackingStore(Writes, ABC):
    """Stories, propositions, tracked statements and figures."""

    @abstractmethod
    def story_of(self, article_id: str) -> str | None:
        """The story an article was placed in, or None if it is not tracked."""

    @abstractmethod
    def resolve_story(self, story_id: str) -> str | None:
        """The live story an id names, following merges; None if there is no such story."""

    @abstractmethod
    def matching_stories(self, terms: Sequence[str], day: int | None, window_days: int,
                         per_term: int) -> list[StoryMatch]:
        """Live stories active within window_days of day that share terms, at most per_term a term."""

    @abstractmethod
    def term_counts(self, terms: Sequence[str]) -> tuple[dict[str, int], int]:
        """In how many tracked articles each term occurs, and how many articles are tracked."""

    @abstractmethod
    def create_story(self, story_id: str, title: str) -> None:
        """Start an empty story."""

    @abstractmethod
    def add_to_story(self, story_id: str, article_id: str, *, day: int | None, published: str | None,
                     title: str | None, terms: Sequence[str], assigned_by: str = "auto") -> None:
        """Place an article in a story and add its terms to the story's profile."""

    @abstractmethod
    def save_proposition(self, proposition: PropositionRow) -> None:
        """Store a proposition, or replace the facets, label and centre of the one with its id."""

    @abstractmethod
    def merge_claims(self, absorbed: str, kept: str) -> None:
        """Move every statement of claim absorbed to claim kept, for good; absorbed's id then leads to kept."""

    @abstractmethod
    def add_statements(self, statements: Iterable[TrackedStatement]) -> None:
        """Store tracked statements (replacing any of the same article and position)."""

    @abstractmethod
    def story_propositions(self, story_id: str) -> list[PropositionRow]:
        """The propositions with statements in a story, most statements first."""

    @abstractmethod
    def get_proposition(self, proposition_id: str) -> PropositionRow | None:
        """A proposition by id, with its number of statements, or None."""

    @abstractmethod
    def add_figures(self, figures: Iterable[tuple[int, str | None, ReportedFigure]]) -> None:
        """Store an article's figures as (position, country of the subject, figure)."""

    @abstractmethod
    def evidence_of(self, proposition_ids: Sequence[str], story_id: str | None = None) -> dict[str, list[Evidence]]:
        """Each proposition's statements in publication order, within one story if given: a page's in one query."""

    @abstractmethod
    def figures_of(self, countries: Mapping[str, Sequence[str]],
                   story_id: str | None = None) -> dict[str, list[ReportedFigure]]:
        """For each proposition, the figures about its countries in the articles that state it, oldest first."""

    def evidence(self, proposition_id: str, story_id: str | None = None) -> list[Evidence]:
        """A proposition's statements in publication order, within one story if given."""
        return self.evidence_of([proposition_id], story_id)[proposition_id]

    def figures_for(self, proposition_id: str, countries: Sequence[str],
                    story_id: str | None = None) -> list[ReportedFigure]:
        """Figures about these countries in the articles that state the proposition, oldest first."""
        return self.figures_of({proposition_id: countries}, story_id)[proposition_id]

    @abstractmethod
    def stories(self, *, limit: int | None = None) -> list[Story]:
        """Live stories, most recently active first, without their propositions."""

    @abstractmethod
    def get_story(self, story_id: str) -> Story | None:
        """One live story (following merges), without its propositions, or None."""

    @abstractmethod
    def duplicate_pairs(self, article_ids: Sequence[str] | None = None) -> list[tuple[str, str]]:
        """(article, the earlier article it copies) for every near-duplicate, or those among article_ids."""

    @abstractmethod
    def merge_stories(self, target: str, absorbed: str) -> None:
        """Move every article of absorbed into target, for good; absorbed's id then leads to target."""

    @abstractmethod
    def move_articles(self, article_ids: Sequence[str], story_id: str) -> None:
        """Put articles in a story by the user's choice, then rebuild the profiles of the stories touched."""

    @abstractmethod
    def untracked_articles(self, limit: int) -> list[str]:
        """Ids of stored articles not yet in a story, oldest publication first."""

    @abstractmethod
    def save_named_claim(self, claim: NamedClaimRow) -> None:
        """Store a named claim (and its proposition), replacing the one with its id and its judged statements."""

    @abstractmethod
    def named_claims(self, story_id: str | None = None) -> list[NamedClaimRow]:
        """Every named claim, or those judged in one story (named for it, or for every story), oldest first."""

    @abstractmethod
    def remove_named_claim(self, claim_id: str) -> bool:
        """Forget a named claim and its judged statements; False when there was none."""

    @abstractmethod
    def add_named_statements(self, links: Iterable[tuple[str, str, int, str]]) -> None:
        """Store (claim id, article id, position, stance) for statements that bear on named claims."""

    @abstractmethod
    def article_named_claims(self, article_id: str) -> list[str]:
        """The ids of the named claims an article's statements bear on."""

    @abstractmethod
    def story_named_claims(self, story_id: str) -> list[PropositionRow]:
        """The named claims with judged statements in a story, most statements first."""

    @abstractmethod
    def tracked_articles(self, story_id: str | None = None) -> list[str]:
        """Ids of the articles placed in a story (or in any), oldest publication first."""

    @abstractmethod
    def find_statements(self, filters: SearchFilters) -> list[StatementHit]:
        """Tracked statements matching the words and filters, newest first (QueryError as find_articles)."""

    @abstractmethod
    def statement_placements(self, article_id: str) -> list[Placement]:
        """The article's tracked statements by position, with their propositions' labels."""
