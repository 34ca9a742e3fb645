"""Who a statement comes from: the source's words, actor, country and kind.

The words are those the text names the source by (source_spans.py, or the
trained attribution model); what they stand for is read from the text around
them, lists of names being a fallback: the head of the words ("doctors at the
hospital" are doctors, "the chancellor's spokesman" a spokesman), the actors and
places among them, the person or body a pronoun, a surname or "the minister"
points back to (coreference.py), the unnamed people an outlet cites, and where
the text gives nothing, the side the story was just hearing from.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Span

from ..lexicon import anonymity_phrases, anonymity_words, hearsay_phrases
from .actors import actors_within
from .coreference import resolve, sentence_number
from .source_descriptions import HEARD, by_what_it_is, side_just_heard, unaffiliated_code
from .source_record import UNATTRIBUTED, Source
from .source_spans import source_span_near, without_dateline
from .source_words import (anonymous_words, counts_people, definite_office_holder, described_part, head_of, head_role,
                           mixed_countries, names_a_speaker, names_nobody, other_speaker)

__all__ = ["Source", "UNATTRIBUTED", "describe_source", "source_span_near"]


_PRONOUNS = {"he", "she", "they", "it", "we", "i"}
_FIRST_PERSON_POSSESSIVES = {"our", "my"}
# "It" is as often no one ("it was stated") as a body: it stays the source just heard from.
_RESOLVED_PRONOUNS = {"he", "she", "they"}
# How many sentences back a hedge with no source ("is said to") still leans on the last source.
_HEARSAY_REACH = 3
_CITING = re.compile(r"\b(?:citing|quoting|with reference to|in reference to)\s", re.IGNORECASE)
_CITED_STOPS = {",", ".", ";", ":", "who", "that", "which", "as", "—", "–", "saying", "to"}
_MAX_CITED_TOKENS = 16


def describe_source(doc: Doc, span: Span | None, sentence: Span, previous: Source | None) -> Source:
    """Source kind, actor and country of the words naming a source, and where they stand in the text."""
    span = without_dateline(span) if span is not None else None
    if span is not None and len(span) > 1 and span[0].lower_ == "by":
        span = span[1:]  # the agent of a passive: "was voiced by the adviser"
    heard = doc.user_data.setdefault(HEARD, [])
    if previous is None or previous.kind == "unattributed":
        # "No one has claimed it": words in a source's place that named no one; the last that did.
        previous = next((s for start, s in reversed(heard) if start < sentence.start_char
                         and s.kind != "unattributed"), None)
    source = _described(doc, span, sentence, previous)
    if span is not None and source.text is not None and source.start is None:
        # The words as written, all of them, though only some of them said who it is.
        source = replace(source, text=span.text, start=span.start_char, end=span.end_char)
    heard.append((sentence.start_char, source))
    return source



def _described(doc: Doc, span: Span | None, sentence: Span, previous: Source | None) -> Source:
    sentence_text = sentence.text.lower()
    anonymous_here = any(p in sentence_text for p in anonymity_phrases())
    if span is not None and span[0].lower_ in _FIRST_PERSON_POSSESSIVES:
        # "our intelligence", "my information": the speaker's own, whoever is speaking.
        return _pronoun(doc, span, previous)
    if span is None or not names_a_speaker(span):
        return _nobody_named(doc, span, sentence, previous, anonymous_here)
    if len(span) == 1 and span[0].lower_ in _PRONOUNS:
        return _pronoun(doc, span, previous)
    # What a relative clause says ("the newspaper, which called him a Chilean officer") is not who speaks.
    described = described_part(span)
    actors = actors_within(doc, described.start, described.end)
    if anonymous_here or anonymous_words(described, actors):
        return _unnamed(doc, described, sentence, actors, previous, anonymous_here)
    source = _named(doc, described, sentence, actors, previous)
    cited = _cited_anonymously(doc, sentence, previous) if source.kind == "media_outlet" else None
    # "the Gazette reported, citing people familiar with the plan": the origin is who the outlet cites.
    return cited or source


def _nobody_named(doc: Doc, span: Span | None, sentence: Span, previous: Source | None,
                  anonymous_here: bool) -> Source:
    """No one speaks in the words ("no one has claimed it", "the suspect is accused of", none at all):
    an unnamed origin the sentence cites, a speaker elsewhere in it, or the source just quoted."""
    cited = _cited_anonymously(doc, sentence, previous)
    if cited is not None:
        return cited
    if span is not None and _unnamed_people_in(span) and not counts_people(span):
        actors = actors_within(doc, span.start, span.end)
        if anonymous_words(span, actors):
            # "The information comes from anonymous sources": whoever it is, they are unnamed.
            return _anonymous(doc, span, sentence, actors, previous)
    if anonymous_here:
        return Source(span.text if span else None, None, None, "anonymous_official", anonymous=True)
    if span is not None and names_nobody(span):
        other = other_speaker(sentence, span)
        if other is not None:
            # "No one has claimed it and Chile has denied any role": the one who denies.
            found = _described(doc, other, sentence, previous)
            return replace(found, text=other.text, start=other.start_char, end=other.end_char)
    hearsay = _hearsay(doc, sentence, previous)
    if hearsay is not None:
        return hearsay
    # The words stay, as written ("the data show"), but no one is speaking through them.
    return UNATTRIBUTED if span is None else Source(span.text, None, None, "unattributed")


def _unnamed(doc: Doc, span: Span, sentence: Span, actors: list[Span], previous: Source | None,
             anonymous_here: bool) -> Source:
    """Officials, sources, a spokesperson: unnamed, unless it is the official just heard from."""
    if not anonymous_here and previous is not None and _the_same_official(span, previous):
        own = next((a._.actor_country for a in actors if a._.actor_country), previous.country)
        if own == previous.country:
            # "the US official", "the official" after a named or unnamed one: the same person.
            return replace(previous, text=span.text, start=None, end=None)
        # "the US official" after someone of another country: one the article named before.
        return Source(span.text, next((a._.actor_code for a in actors), None), own, "named_official")
    return _anonymous(doc, span, sentence, actors, previous)


def _named(doc: Doc, span: Span, sentence: Span, actors: list[Span], previous: Source | None) -> Source:
    """A source the words name or describe: resolved if they point back, else read from the words."""
    referent = resolve(doc, span)
    if referent is None:
        head = head_of(span)
        role = head_role(span, head)
        if role is not None and role[1] == "document" and not any(a.start <= head.i < a.end for a in actors):
            return _document(doc, span, sentence, previous)
        return by_what_it_is(doc, span, sentence, actors, previous)
    # "the minister", "the newspaper", "the court": the one the article described so before.
    country = referent.country
    if country is None and referent.person and unaffiliated_code(referent.actor):
        country = side_just_heard(doc, previous)
    return Source(span.text, referent.actor, country, referent.kind)


def _unnamed_people_in(span: Span) -> bool:
    """True where the words hold unnamed people ("comes from anonymous sources"), not a word like "unofficial"."""
    return any(t.lower_ in anonymity_words() and t.pos_ in ("NOUN", "PROPN", "") for t in span)


def _pronoun(doc: Doc, span: Span, previous: Source | None) -> Source:
    """"He", "she", "they": the person or body named before; "it", "I", "we": whoever spoke last."""
    referent = resolve(doc, span) if span[0].lower_ in _RESOLVED_PRONOUNS else None
    if referent is not None:
        country = referent.country
        if country is None and referent.person and unaffiliated_code(referent.actor):
            country = side_just_heard(doc, previous)
        return Source(span.text, referent.actor, country, referent.kind)
    if previous is not None:
        return Source(span.text, previous.actor, previous.country, previous.kind, previous.anonymous)
    return Source(span.text, None, None, "named_official")


def _the_same_official(span: Span, previous: Source) -> bool:
    """True for "the official" (definite, singular) when an official has just spoken."""
    return previous.kind in ("named_official", "anonymous_official") and definite_office_holder(span, any_office=True)


def _anonymous(doc: Doc, span: Span, sentence: Span, actors: list[Span], previous: Source | None) -> Source:
    actor = next((a._.actor_code for a in actors), None)
    if mixed_countries(span, actors):
        return Source(span.text, None, None, "anonymous_official", anonymous=True)
    country = next((a._.actor_country for a in actors if a._.actor_country), None)
    if country is None:
        # "Washington is not ruling it out, officials said": unnamed officials of the one country named.
        named = {a._.actor_country for a in actors_within(doc, sentence.start, sentence.end)
                 if a._.actor_kind != "place"}
        country = named.pop() if len(named) == 1 else (previous.country if previous is not None else None)
    return Source(span.text, actor, country, "anonymous_official", anonymous=True)


def _cited_anonymously(doc: Doc, sentence: Span, previous: Source | None) -> Source | None:
    """The unnamed origin an outlet cites: "..., citing people familiar with the matter"."""
    found = _CITING.search(sentence.text)
    if found is None:
        return None
    first = doc.char_span(sentence.start_char + found.end(), sentence.end_char, alignment_mode="expand")
    if first is None:
        return None
    end = first.start
    while end < sentence.end and doc[end].lower_ not in _CITED_STOPS and end - first.start < _MAX_CITED_TOKENS:
        end += 1
    words = doc[first.start:end]
    actors = actors_within(doc, words.start, words.end)
    if not words or not anonymous_words(words, actors):
        return None
    country = None if mixed_countries(words, actors) else next(
        (a._.actor_country for a in actors if a._.actor_country), None)
    if country is None and actors and not mixed_countries(words, actors):
        # "representatives of the group headed by prosecutor Jan Roe": of the side of whoever they serve.
        country = side_just_heard(doc, previous)
    return Source(words.text, next((a._.actor_code for a in actors), None), country, "anonymous_official",
                  anonymous=True, start=words.start_char, end=words.end_char)


def _hearsay(doc: Doc, sentence: Span, previous: Source | None) -> Source | None:
    """The source just quoted, for a sentence that passes on what it says: "the plan is said to have ..."."""
    if previous is None or previous.start is None:
        return None
    text = f" {sentence.text.lower()} "
    if not any(f" {phrase} " in text for phrase in hearsay_phrases()):
        return None
    quoted = doc.char_span(previous.start, previous.end, alignment_mode="expand")
    if quoted is None or sentence_number(doc, sentence.start) - sentence_number(doc, quoted.start) > _HEARSAY_REACH:
        return None
    return previous


def _document(doc: Doc, span: Span, sentence: Span, previous: Source | None) -> Source:
    """"The report said": the report speaks for whoever issued it, "a report by X", else the last source."""
    by = next((t.i for t in span if t.lower_ in ("by", "from", "of")), None)
    if by is not None and by + 1 < span.end:
        author = doc[by + 1:span.end]
        described = _described(doc, author, sentence, previous)
        return replace(described, text=span.text, start=None, end=None)
    if previous is None:
        return Source(span.text, None, None, "unattributed")
    if previous.kind in ("named_official", "anonymous_official"):
        # What an official's side issued is their government's: "the document says".
        return Source(span.text, previous.country, previous.country, "government_body")
    return replace(previous, text=span.text, start=None, end=None)


