"""Who a source's words stand for: the person or body the article named earlier.

A small resolver over one doc, built once per doc when a source first needs
it. It lists the people and bodies the article names, in order, each with the
kind, country and actor code the text gives them (the actors component reads
those from titles, appositives and possessives), and resolves to them:

- pronouns ("he", "she", "it", "they"): the latest mention that agrees in
  number and in being a person or a body, a grammatical subject first;
- a surname alone: the person named in full (the actors component links those);
- a definite description ("the minister", "the spokesman", "the newspaper",
  "the court"): the latest person or body the article described with that word.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ..lexicon import referring_words
from .actors import annotated

__all__ = ["Referent", "resolve", "referents", "sentence_number"]

_SUBJECTS = {"nsubj", "nsubjpass"}
# How far back (in sentences) a pronoun looks for what it stands for.
_PRONOUN_REACH = 4
_SOURCE_KINDS = {"person": "named_official", "intelligence_agency": "intelligence_agency",
                 "media_outlet": "media_outlet", "expert": "expert"}
_NOT_SPEAKERS = {"place"}


@dataclass(frozen=True, slots=True)
class Referent:
    """A person or body the article names, as the text describes it."""

    text: str
    actor: str | None
    country: str | None
    kind: str
    person: bool


@dataclass(frozen=True, slots=True)
class _Mention:
    start: int
    end: int
    sentence: int
    subject: bool
    # The words that describe it ("minister", "newspaper", "court"), for "the minister" and its kind.
    heads: frozenset[str]
    referent: Referent


def referents(doc: Doc) -> list[_Mention]:
    """The people and bodies the article names, in the order of the text (built once per doc)."""
    return _index(doc).mentions


@dataclass(frozen=True, slots=True)
class _MentionIndex:
    """The mentions of a doc, with lookups that keep each resolution from reading them all."""

    mentions: list[_Mention]
    starts: list[int]
    # Mentions of more than one word by their last word: "Ruiz" → "Ana Ruiz".
    by_last_word: dict[str, list[_Mention]]
    # Mentions by each word that describes them, and the media outlets: "the minister", "the newspaper".
    by_head: dict[str, list[_Mention]]
    outlets: list[_Mention]


def _index(doc: Doc) -> _MentionIndex:
    cached = doc.user_data.get("claimwatch_referents")
    if cached is None:
        mentions = _mentions(doc)
        by_last_word: dict[str, list[_Mention]] = {}
        by_head: dict[str, list[_Mention]] = {}
        for m in mentions:
            if m.end - m.start > 1:
                by_last_word.setdefault(doc[m.end - 1].text, []).append(m)
            for head in m.heads:
                by_head.setdefault(head, []).append(m)
        outlets = [m for m in mentions if m.referent.kind == "media_outlet"]
        cached = doc.user_data["claimwatch_referents"] = _MentionIndex(
            mentions, [m.start for m in mentions], by_last_word, by_head, outlets)
    return cached


def _mentions(doc: Doc) -> list[_Mention]:
    sentence_of = _sentence_index(doc)
    parsed = annotated(doc, "DEP")
    mentions = []
    covered: set[int] = set()
    for actor in doc._.actors:
        kind = actor._.actor_kind
        if kind in _NOT_SPEAKERS:
            continue
        person = kind == "person"
        source_kind = (actor._.source_kind or "named_official") if person else _SOURCE_KINDS.get(
            kind, "government_body")
        referent = Referent(actor.text, actor._.actor_code if actor._.actor_code != "PER" else None,
                            actor._.actor_country, source_kind, person)
        heads = frozenset((actor._.actor_title or "").split()) | _head_words(actor)
        mentions.append(_Mention(actor.start, actor.end, sentence_of[actor.start], _is_subject(actor, parsed),
                                 heads, referent))
        covered.update(range(actor.start, actor.end))
    if annotated(doc, "ENT_IOB"):
        # People and organisations in no list and with no title still speak: "Ana Ruiz said".
        for ent in doc.ents:
            if ent.label_ not in ("PERSON", "ORG") or any(i in covered for i in range(ent.start, ent.end)):
                continue
            person = ent.label_ == "PERSON"
            heads = _head_words(ent)
            kind = "named_official" if person else _body_kind(heads)
            mentions.append(_Mention(ent.start, ent.end, sentence_of[ent.start], _is_subject(ent, parsed), heads,
                                     Referent(ent.text, None, None, kind, person)))
    return sorted(mentions, key=lambda m: m.start)


def sentence_number(doc: Doc, index: int) -> int:
    """The number of the sentence token index stands in, counted from the start of the doc."""
    return _sentence_index(doc)[index]


def _sentence_index(doc: Doc) -> list[int]:
    """The number of the sentence each token stands in (built once per doc)."""
    index = doc.user_data.get("claimwatch_sentence_index")
    if index is None:
        index = [0] * len(doc)
        for number, sentence in enumerate(doc.sents):
            index[sentence.start:sentence.end] = [number] * len(sentence)
        doc.user_data["claimwatch_sentence_index"] = index
    return index


def _is_subject(span: Span, parsed: bool) -> bool:
    return parsed and any(t.dep_ in _SUBJECTS for t in span)


def _head_words(span: Span) -> frozenset[str]:
    """The lowercase describing words of a name: "hospital" in "the St Anne hospital"."""
    return frozenset(t.lower_ for t in span if t.lower_ in referring_words())


def _body_kind(heads: frozenset[str]) -> str:
    """A body's source kind from the words that describe it: a hospital speaks as an expert."""
    kinds = {referring_words()[h] for h in heads}
    return next((k for k in ("expert", "media_outlet", "intelligence_agency") if k in kinds), "government_body")


def resolve(doc: Doc, span: Span) -> Referent | None:
    """The person or body the words of span stand for, if the article named it before."""
    index = _index(doc)
    mentions = index.mentions
    words = [t.lower_ for t in span]
    if len(span) == 1 and words[0] in _PRONOUNS:
        return _antecedent(doc, span, index, *_PRONOUNS[words[0]])
    name = [t for t in span if t.lower_ != "the"]
    if len(name) == 1 and name[0].is_title:
        # "the Gazette" after "the Harbour Gazette", "Ruiz" after "Ana Ruiz": the last word of a name.
        fuller = _latest_before(index.by_last_word.get(name[0].text, []), span.start)
        if fuller is not None:
            return fuller.referent
    position = bisect_left(index.starts, span.start)
    while position < len(mentions) and mentions[position].start < span.end:
        if mentions[position].end <= span.end:
            return None  # the span names someone itself: the source's own words describe it
        position += 1
    head = span[-1].lower_
    if head in referring_words() and span[0].lower_ in _DEFINITE:
        return _described_before(span, index, head)
    return None


def _latest_before(mentions: list[_Mention], start: int) -> _Mention | None:
    """The last of mentions (in text order) that ends before start."""
    return next((m for m in reversed(mentions) if m.end <= start), None)


# Pronoun → (a person?, plural?): None where either will do.
_PRONOUNS = {"he": (True, False), "she": (True, False), "him": (True, False), "her": (True, False),
             "it": (False, False), "they": (None, True), "them": (None, True)}
_DEFINITE = {"the", "this", "that", "his", "her", "its", "their"}


def _antecedent(doc: Doc, pronoun: Span, index: _MentionIndex, person: bool | None,
                plural: bool) -> Referent | None:
    """The latest agreeing mention before a pronoun, a subject first, within a few sentences."""
    sentence = _sentence_index(doc)[pronoun.start]
    latest = None
    for position in range(bisect_left(index.starts, pronoun.start) - 1, -1, -1):
        m = index.mentions[position]
        if sentence - m.sentence > _PRONOUN_REACH:
            break
        if m.end <= pronoun.start and _agrees(m.referent, person, plural):
            if m.subject:
                return m.referent
            latest = latest or m
    return latest.referent if latest is not None else None


def _agrees(referent: Referent, person: bool | None, plural: bool) -> bool:
    # "They" stands for a group or a body ("the doctors ... they said"), never one named person.
    return referent.person == person if person is not None else not (plural and referent.person)


def _described_before(span: Span, index: _MentionIndex, head: str) -> Referent | None:
    """The latest person or body described by the head word of "the minister", "the newspaper"."""
    kind = referring_words()[head]
    pool = index.by_head.get(head, [])
    if kind == "media_outlet":
        pool = sorted({id(m): m for m in pool + index.outlets}.values(), key=lambda m: m.start)
    described = [m for m in pool if m.end <= span.start]
    # The one that spoke (a subject) before one only mentioned: "the Gazette reported ... with the Courier".
    chosen = next((m for m in reversed(described) if m.subject), None) or (described[-1] if described else None)
    return chosen.referent if chosen is not None else None

