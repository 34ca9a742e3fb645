"""What tracking makes of analyses: claims keyed by proposition, their evidence, status and stories."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any

__all__ = [
    "PropositionKey", "Evidence", "StatusChange", "ReportedFigure", "TrackedProposition", "Story", "ArticlePlacement", "StatementHit",
]


@dataclass(frozen=True, slots=True)
class PropositionKey:
    """Who does what to whom, at country level: IRN supply RUS. Parts may be unknown (None)."""

    subject: str | None
    predicate: str | None
    object: str | None

    @property
    def parts(self) -> tuple[str | None, str | None, str | None]:
        """Subject, predicate and object, in that order."""
        return self.subject, self.predicate, self.object

    @property
    def complete(self) -> bool:
        """True when subject and predicate are known: enough to start a proposition."""
        return self.subject is not None and self.predicate is not None

    @property
    def text(self) -> str:
        """The key as JSON shows it: "IRN supply RUS", "IRN ? ?" for a bare "Tehran denied it"."""
        return " ".join(part or "?" for part in self.parts)


@dataclass(slots=True)
class Evidence:
    """A statement as the track stage keeps it: dated, sourced, and traced to its origin."""

    article_id: str
    date: str | None
    outlet: str | None
    source: str | None
    source_actor: str | None
    source_country: str | None
    source_kind: str
    stance: str
    cue: str | None
    sentence: str
    # Who the claim comes from once copies and citations are followed back:
    # statements with the same origin count as one source.
    origin: str
    # outlet → cited outlet → original source, as far as the text says.
    chain: list[str] = field(default_factory=list)
    # What the sentence itself says, before it was placed: IRN supply RUS, or
    # only IRN for a bare "Tehran denied it".
    claim: PropositionKey = PropositionKey(None, None, None)

    def to_dict(self) -> dict[str, Any]:
        """The statement as JSON, its claim as text ("IRN supply RUS", "IRN ? ?")."""
        return {**{f.name: getattr(self, f.name) for f in fields(self)}, "chain": list(self.chain),
                "claim": self.claim.text}


@dataclass(slots=True)
class StatusChange:
    """The day a proposition reached a status, and the statement that moved it."""

    date: str | None
    status: str
    article_id: str
    source: str | None
    source_country: str | None
    stance: str
    sentence: str


@dataclass(slots=True)
class ReportedFigure:
    """A figure one article gives for a proposition's actors, with its date and outlet."""

    date: str | None
    article_id: str
    outlet: str | None
    value: float
    high: float | None
    unit: str
    subject: str | None
    approx: str | None
    text: str


@dataclass(slots=True)
class TrackedProposition:
    """One claim across articles: its statements over time, status, figures and sources."""

    id: str
    label: str
    subject: str | None
    predicate: str | None
    object: str | None
    # speculated | reported | confirmed | acknowledged, or denied when only denials
    # exist; None when nothing had been said of it by the day asked about.
    status: str | None
    denied: bool
    status_changes: list[StatusChange]
    statements: list[Evidence]
    independent_sources: int
    figures: list[ReportedFigure]
    figure_summary: dict[str, Any]
    contradictions: list[dict[str, Any]]
    # A claim a user named (`claimwatch claim add`), rather than one found in the statements.
    named: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The proposition as `claimwatch stories --format json` prints it."""
        return {**asdict(replace(self, statements=[])), "statements": [e.to_dict() for e in self.statements]}


@dataclass(slots=True)
class Story:
    """Articles about one developing story, grouped as they arrive."""

    id: str
    title: str
    first_published: str | None
    last_published: str | None
    articles: list[str]
    outlets: list[str]
    propositions: list[TrackedProposition] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The story as `claimwatch stories --format json` prints it."""
        return {**asdict(replace(self, propositions=[])), "propositions": [p.to_dict() for p in self.propositions]}


@dataclass(frozen=True, slots=True)
class ArticlePlacement:
    """Where tracking put one article: its story, and the proposition each of its statements joined."""

    article_id: str
    story_id: str
    # By statement position; None for a statement that says too little to join a claim.
    proposition_ids: tuple[str | None, ...]
    # Claims merged while this article was placed, (absorbed id, kept id): earlier
    # placements naming an absorbed claim change with it.
    merged_claims: tuple[tuple[str, str], ...] = ()
    # Claims a user named that its statements bear on.
    named_claims: tuple[str, ...] = ()

    def with_merged(self, merged: tuple[tuple[str, str], ...]) -> ArticlePlacement:
        """This placement with every absorbed claim replaced by the claim it merged into."""
        into = dict(merged)
        return replace(self, proposition_ids=tuple(into.get(p, p) if p else p for p in self.proposition_ids))


@dataclass(slots=True)
class StatementHit:
    """A statement found by search, with the article it comes from and the story it sits in."""

    evidence: Evidence
    title: str | None
    story_id: str | None
    proposition_id: str | None
    position: int

    def to_dict(self) -> dict[str, Any]:
        """The hit as JSON: the statement's fields with its article's title and its story."""
        return {**self.evidence.to_dict(), "title": self.title, "story_id": self.story_id,
                "proposition_id": self.proposition_id, "position": self.position}
