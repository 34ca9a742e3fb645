"""One article's analysis: its actors, figures, statements and events."""

from __future__ import annotations

from dataclasses import MISSING, asdict, dataclass, field, fields
from typing import Any

__all__ = ["Mention", "Figure", "Proposition", "Statement", "Event", "Analysis"]


@dataclass(slots=True)
class Mention:
    """An actor named in the text, normalised to a CAMEO-style code."""

    text: str
    code: str
    # ISO 3166 alpha-3 of the actor's country; None for international bodies.
    country: str | None
    # country | government_body | armed_force | intelligence_agency |
    # international_org | media_outlet | expert (health, research) | person | group
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
    # Where the source and the attribution cue ("said", "according to", a headline colon) stand
    # in the article text, as character offsets; `cue` is the word that carries the stance.
    source_start: int | None = None
    source_end: int | None = None
    attribution_cue: str | None = None
    attribution_cue_start: int | None = None
    attribution_cue_end: int | None = None


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
