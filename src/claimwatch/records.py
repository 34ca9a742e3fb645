"""The typed records that pass between the stages of the flow.

Each stage (ingest → analyze → track → store → serve/watch) hands the next
one these records and nothing else; they are defined here once.
"""

from __future__ import annotations

from dataclasses import MISSING, asdict, dataclass, field, fields, replace
from datetime import date
from typing import Any

__all__ = [
    "Article", "IngestOutcome", "IngestReport",
    "Mention", "Figure", "Proposition", "Statement", "Event", "Analysis",
    "day_number",
    "PropositionKey", "Evidence", "StatusChange", "ReportedFigure", "TrackedProposition", "Story", "ArticlePlacement",
    "REACTIONS", "StatementHit", "ALERT_KINDS", "Watch", "Alert", "Delivery", "Source",
]

# What a reader can say of an article or a story, in the order pages show them.
REACTIONS = ("like", "dislike", "love", "funny", "angry", "sad", "wow")

_EPOCH = date(1970, 1, 1)


def day_number(published: str | None) -> int | None:
    """Days since 1970-01-01 of a full ISO date; None for a month-only or unknown date."""
    if not published or len(published) != 10:
        return None
    try:
        return (date.fromisoformat(published) - _EPOCH).days
    except ValueError:
        return None


@dataclass(slots=True)
class Article:
    """One news article, as extracted and normalised by the ingest stage."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    # ISO 8601: YYYY-MM-DD, or YYYY-MM where only the month is known.
    published: str | None = None
    authors: list[str] = field(default_factory=list)
    site_name: str | None = None
    language: str | None = None
    # Where the article came from: a path, "-" for stdin, a URL or feed URL.
    source: str = ""
    # sha256 of the normalised text: equal hashes are the same article.
    text_hash: str = ""
    # Id of the earliest stored article this one rewrites or copies.
    duplicate_of: str | None = None
    # Fields of the input record that claimwatch has no column for, kept as given.
    extra: dict[str, Any] = field(default_factory=dict)
    # Set by the store: when the article was first stored (UTC, ISO 8601).
    ingested_at: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The article as a plain JSON-ready dict."""
        return asdict(self)


@dataclass(slots=True, frozen=True)
class IngestOutcome:
    """What happened to one article, or one input that failed."""

    # "added" | "near_duplicate" | "duplicate" | "unchanged" | "failed"
    kind: str
    input: str
    article_id: str | None = None
    # For duplicates and near-duplicates: the stored article it matches.
    match_id: str | None = None
    error: str | None = None
    # Stored articles that this (earlier) article turned into near-duplicates of itself.
    became_original_of: int = 0
    # What the reader should know about an article kept: "FILE: text of N characters cut to the first M; ...".
    note: str | None = None


@dataclass(slots=True)
class IngestReport:
    """Counts of one ingest run, by outcome."""

    added: int = 0
    near_duplicates: int = 0
    duplicates: int = 0
    unchanged: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)

    def count(self, outcome: IngestOutcome) -> None:
        """Add one outcome to the counts."""
        if outcome.kind == "added":
            self.added += 1
            self.near_duplicates += outcome.became_original_of
        elif outcome.kind == "near_duplicate":
            # A near-duplicate is stored too: it counts as added and as a copy.
            self.added += 1
            self.near_duplicates += 1
        elif outcome.kind == "duplicate":
            self.duplicates += 1
        elif outcome.kind == "unchanged":
            self.unchanged += 1
        else:
            self.failed += 1
            if outcome.error:
                self.errors.append(outcome.error)

    @property
    def ok(self) -> bool:
        """True when no input failed."""
        return self.failed == 0


@dataclass(slots=True)
class Mention:
    """An actor named in the text, normalised to a CAMEO-style code."""

    text: str
    code: str
    # ISO 3166 alpha-3 of the actor's country; None for international bodies.
    country: str | None
    # country | government_body | armed_force | intelligence_agency |
    # international_org | media_outlet | person | group
    kind: str
    start: int
    end: int


@dataclass(slots=True)
class Figure:
    """A number with what it counts: 12,000 troops of PRKMIL, "up to"."""

    value: float
    unit: str
    subject: str | None
    approx: str | None
    text: str
    start: int
    end: int
    # The upper end of a range ("10,000 to 12,000"); value is the lower end.
    high: float | None = None


@dataclass(slots=True)
class Proposition:
    """What a statement is about, normalised: PRKMIL deploy RUS Kursk."""

    subject: str | None
    predicate: str | None
    object: str | None
    location: str | None


@dataclass(slots=True)
class Statement:
    """One attributed claim: who says what, and how sure they are."""

    sentence: str
    start: int
    end: int
    source: str | None
    source_actor: str | None
    source_country: str | None
    # named_official | anonymous_official | intelligence_agency |
    # government_body | media_outlet | expert | unattributed
    source_kind: str
    # asserts | confirms | denies | unverified | speculates
    stance: str
    cue: str | None
    proposition: Proposition
    # Whom the source cites ("according to TV Chosun"), when the text says.
    cited: str | None = None


@dataclass(slots=True)
class Event:
    """A CAMEO-style event: who did what to whom, where and when."""

    code: str
    name: str
    goldstein: float
    actor1: str | None
    actor2: str | None
    location: str | None
    date: str | None
    sentence: str


@dataclass(slots=True)
class Analysis:
    """Everything the analyze stage extracts from one article."""

    id: str
    language: str | None
    countries: list[str]
    actors: list[Mention]
    figures: list[Figure]
    statements: list[Statement]
    anonymous_source: bool
    events: list[Event]
    pipeline: str
    # Why the analysis is partial (another language, text cut, no sentences…).
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The analysis as the JSON object `claimwatch analyze` prints."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Analysis:
        """The analysis from the JSON object to_dict() gives, as the store keeps it."""
        statements = [_record(Statement, s, proposition=_record(Proposition, s.get("proposition") or {}))
                      for s in data.get("statements") or []]
        return _record(cls, data, countries=list(data.get("countries") or []),
                       actors=[_record(Mention, m) for m in data.get("actors") or []],
                       figures=[_record(Figure, f) for f in data.get("figures") or []],
                       statements=statements, events=[_record(Event, e) for e in data.get("events") or []])


def _record(cls: type, data: dict[str, Any], **given: Any) -> Any:
    """A record from its JSON object; a field the object lacks (an older store's) takes its default, or None."""
    values = dict(given)
    for f in fields(cls):
        if f.name in values:
            continue
        if f.name in data:
            values[f.name] = data[f.name]
        elif f.default is MISSING and f.default_factory is MISSING:
            values[f.name] = None
    return cls(**values)


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
    # By statement position; None while a statement that names too little waits for a fitting claim.
    proposition_ids: tuple[str | None, ...]
    # Waiting statements of other articles, (article id, position, proposition id), that
    # claims this article created took in: their articles' placements change with it.
    placed_waiting: tuple[tuple[str, int, str], ...] = ()

    def with_placed(self, position: int, proposition_id: str) -> ArticlePlacement:
        """This placement with the statement at position (one that waited) placed in proposition_id."""
        ids = list(self.proposition_ids)
        ids[position] = proposition_id
        return replace(self, proposition_ids=tuple(ids))


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


# What makes a watch fire: a new matching statement, a claim's status moving, a new
# independent source behind a claim, a figure outside the range reported so far.
ALERT_KINDS = ("statement", "status", "source", "figure")


@dataclass(slots=True)
class Watch:
    """What a user watches for: any of actors, words, a proposition or a story, narrowed by stances and kinds."""

    name: str
    actors: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    proposition: str | None = None
    story: str | None = None
    stances: list[str] = field(default_factory=list)
    source_kinds: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The watch as JSON."""
        return asdict(self)


@dataclass(slots=True)
class Alert:
    """One change a watch fired on, with the evidence behind it; the same event never alerts twice."""

    watch: str
    kind: str
    # Names the event: a watch alerts once per key, however often tracking sees it.
    event_key: str
    summary: str
    proposition_id: str | None
    story_id: str | None
    article_id: str | None
    sentence: str | None
    # The original article's address, where the text gave one.
    article_url: str | None = None
    id: int | None = None
    created_at: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The alert as `claimwatch alerts --format json` prints it."""
        return asdict(self)


@dataclass(slots=True)
class Delivery:
    """Where alerts go besides the terminal and the feed: a webhook or a JSONL file, with how far it got."""

    kind: str  # "webhook" | "jsonl"
    target: str
    watch: str | None = None
    # Webhooks sign each body with it (HMAC-SHA256) so receivers can check where it came from.
    secret: str | None = None
    id: int | None = None
    # Alerts up to this id have been delivered; the next ones go in order.
    delivered_up_to: int = 0
    failures: int = 0
    # Unix time before which a failing target is not tried again (back-off).
    next_try_at: float = 0.0
    last_error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The delivery as `claimwatch deliver list --format json` prints it (the secret left out)."""
        return {k: v for k, v in asdict(self).items() if k != "secret"} | {"signed": bool(self.secret)}


@dataclass(slots=True)
class Source:
    """A feed, page or folder that `claimwatch run` polls on a schedule, with what it learnt last time."""

    name: str
    location: str
    every: float = 900.0  # seconds between polls
    paused: bool = False
    id: int | None = None
    # HTTP validators of the last answer, sent back so an unchanged feed costs a 304.
    etag: str | None = None
    last_modified: str | None = None
    # Folders: the files already read, by path, with the size and mtime they had.
    seen: dict[str, list[int]] = field(default_factory=dict)
    next_poll_at: float = 0.0
    failures: int = 0
    last_error: str | None = None
    last_polled_at: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The source as `claimwatch source list --format json` prints it."""
        return {k: v for k, v in asdict(self).items() if k != "seen"} | {"files_seen": len(self.seen)}
