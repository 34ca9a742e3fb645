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
    cached = doc.user_data.get("claimwatch_referents")
    if cached is None:
        cached = doc.user_data["claimwatch_referents"] = _mentions(doc)
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
    mentions = referents(doc)
    words = [t.lower_ for t in span]
    if len(span) == 1 and words[0] in _PRONOUNS:
        return _antecedent(doc, span, mentions, *_PRONOUNS[words[0]])
    name = [t for t in span if t.lower_ != "the"]
    if len(name) == 1 and name[0].is_title:
        # "the Gazette" after "the Harbour Gazette", "Ruiz" after "Ana Ruiz": the last word of a name.
        fuller = next((m.referent for m in reversed(mentions) if m.end <= span.start and m.end - m.start > 1
                       and span.doc[m.end - 1].text == name[0].text), None)
        if fuller is not None:
            return fuller
    if any(span.start <= m.start and m.end <= span.end for m in mentions):
        return None  # the span names someone itself: the source's own words describe it
    head = span[-1].lower_
    if head in referring_words() and span[0].lower_ in _DEFINITE:
        return _described_before(span, mentions, head)
    return None


# Pronoun → (a person?, plural?): None where either will do.
_PRONOUNS = {"he": (True, False), "she": (True, False), "him": (True, False), "her": (True, False),
             "it": (False, False), "they": (None, True), "them": (None, True)}
_DEFINITE = {"the", "this", "that", "his", "her", "its", "their"}


def _antecedent(doc: Doc, pronoun: Span, mentions: list[_Mention], person: bool | None,
                plural: bool) -> Referent | None:
    """The latest agreeing mention before a pronoun, a subject first, within a few sentences."""
    sentence = _sentence_index(doc)[pronoun.start]
    candidates = [m for m in mentions if m.end <= pronoun.start and sentence - m.sentence <= _PRONOUN_REACH
                  and _agrees(m.referent, person, plural)]
    if not candidates:
        return None
    subjects = [m for m in candidates if m.subject]
    return (subjects or candidates)[-1].referent


def _agrees(referent: Referent, person: bool | None, plural: bool) -> bool:
    # "They" stands for a group or a body ("the doctors ... they said"), never one named person.
    return referent.person == person if person is not None else not (plural and referent.person)


def _described_before(span: Span, mentions: list[_Mention], head: str) -> Referent | None:
    """The latest person or body described by the head word of "the minister", "the newspaper"."""
    kind = referring_words()[head]
    described = [m for m in mentions if m.end <= span.start
                 and (head in m.heads or (kind == "media_outlet" and m.referent.kind == "media_outlet"))]
    # The one that spoke (a subject) before one only mentioned: "the Gazette reported ... with the Courier".
    chosen = next((m for m in reversed(described) if m.subject), None) or (described[-1] if described else None)
    return chosen.referent if chosen is not None else None

