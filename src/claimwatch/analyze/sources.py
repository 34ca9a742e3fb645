"""Who a statement comes from: the source's words, actor, country and kind."""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span

from ..lexicon import Role, anonymity_phrases, anonymity_words, group_roles, roles, title_words
from .actors import actors_within, annotated

__all__ = ["Source", "UNATTRIBUTED", "describe_source", "source_span_near"]

_BOUNDARIES = {",", ";", ":", '"', "“", "”", "—", "–", "(", ")", "'", "‘", "’"}
# A quote, colon or semicolon ends a source; a comma may only set off an appositive.
_QUOTE_BOUNDARIES = {";", ":", '"', "“", "”", "'", "‘", "’", "—", "(", ")"}
_PRONOUNS = {"he", "she", "they", "it", "we", "i"}
# Words at the edges of a source span that are not part of the source.
_EDGE_WORDS = {"has", "have", "had", "was", "were", "is", "are", "also", "later", "then", "previously",
               "earlier", "and", "but", "that", "which", "who", "on", "in", "the", "a", "an", "as", "by",
               "to", "while", "when", "however", "reportedly", "publicly", "repeatedly", "already", "further",
               "would", "will", "did", "does", "do", "could", "can", "may", "might", "again"}
_MAX_SOURCE_TOKENS = 18
_MAX_AFTER_VERB = 14


@dataclass(frozen=True, slots=True)
class Source:
    """A statement's source as the analysis understands it."""

    text: str | None
    actor: str | None
    country: str | None
    kind: str
    anonymous: bool = False
    # Character offsets of the words naming the source in the article text, where it names one.
    start: int | None = None
    end: int | None = None


UNATTRIBUTED = Source(None, None, None, "unattributed")


def _trim(span: Span) -> Span | None:
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in _EDGE_WORDS or doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].lower_ in _EDGE_WORDS or doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[start:end] if end > start else None


def source_span_near(doc: Doc, verb: Span) -> Span | None:
    """The words naming who speaks through a reporting verb."""
    sent = verb.sent
    head = verb[0]
    if annotated(doc, "DEP"):
        for child in head.children:
            if child.dep_ in ("nsubj", "nsubjpass") or (child.dep_ == "agent" and list(child.children)):
                subtree = list(child.subtree) if child.dep_ != "agent" else list(list(child.children)[0].subtree)
                # A relative clause ("who asked not to be named") tells about the source; keep it for anonymity.
                return _trim(doc[subtree[0].i:subtree[-1].i + 1])
        if (head.tag_ == "VBG" and head.dep_ == "advcl") or head.dep_ == "conj":
            # "Iran responded to the remarks, saying ...", "Iran met them and said ...":
            # the speaker is the subject of the verb the cue hangs from.
            subject = next((c for c in head.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None:
                subtree = list(subject.subtree)
                return _trim(doc[subtree[0].i:subtree[-1].i + 1])
    # Inverted order: '"...," said a senior official in Seoul.'
    if _inverted(doc, verb):
        end = verb.end
        while end < min(sent.end, verb.end + _MAX_AFTER_VERB) and doc[end].text not in (".", ";", "?", "!"):
            end += 1
        after = _trim(doc[verb.end:end])
        if after is not None and not after[0].is_punct:
            return after
    # Plain order: "Moscow has denied ...", '"...," Ryder said', "Ryder, the press secretary, said".
    start = verb.start
    while start > sent.start and doc[start - 1].text not in _QUOTE_BOUNDARIES and verb.start - start < _MAX_SOURCE_TOKENS:
        start -= 1
    # "The drones were Iranian, Kuleba said": the source is what follows the last comma, unless
    # the comma closes an appositive right before the verb ("Ryder, the press secretary, said").
    last_comma = next((t.i for t in reversed(doc[start:verb.start]) if t.text == ","), None)
    if last_comma is not None and last_comma + 1 < verb.start:
        start = last_comma + 1
    return _trim(doc[start:verb.start])


def _inverted(doc: Doc, verb: Span) -> bool:
    """True for "..., said X": a quote or comma before the verb, the source after it."""
    sent = verb.sent
    if verb.start <= sent.start or verb.end >= sent.end or doc[verb.start - 1].text not in _BOUNDARIES:
        return False
    following = doc[verb.end]
    return following.lower_ in ("a", "an", "the") or (following.is_title and not following.lower_ in _EDGE_WORDS)


def _actors_in(doc: Doc, span: Span) -> list[Span]:
    return actors_within(doc, span.start, span.end)


def _is_anonymous(span: Span, actors: list[Span]) -> bool:
    if any(a._.actor_kind == "person" for a in actors):
        return False
    words = {t.lower_ for t in span}
    named = any(t.is_title and not t.is_sent_start and t.lower_ not in words & anonymity_words()
                and not any(a.start <= t.i < a.end for a in actors) for t in span)
    return bool(words & anonymity_words()) and not named


_GROUP_KINDS = {"SPY": "intelligence_agency", "MED": "media_outlet"}


def _group_in(span: Span) -> str | None:
    """The role of a group noun ("ministry", "air force") in the source's words, if any."""
    words = [t.lower_ for t in span]
    groups = group_roles()
    return next((groups[" ".join(words[i:i + n])] for n in (3, 2, 1) for i in range(len(words) - n + 1)
                 if " ".join(words[i:i + n]) in groups and words[i] not in anonymity_words()), None)


def _titled_name(span: Span, actors: list[Span]) -> Role | None:
    """The role of a "title + name" source whose name is no known actor, else None."""
    words = [t.lower_ for t in span]
    role = next((roles()[" ".join(words[i:i + n])] for n in (3, 2, 1) for i in range(len(words) - n + 1)
                 if " ".join(words[i:i + n]) in roles()), None)
    if role is None:
        return None
    in_actor = {i for a in actors for i in range(a.start, a.end)}
    names = [t for t in span if t.is_title and t.i not in in_actor and t.lower_ not in title_words()
             and t.lower_ not in anonymity_words()]
    return role if names else None


_SINGULAR_UNNAMED = {"official", "diplomat", "source", "aide", "insider", "spokesperson", "spokesman",
                     "spokeswoman"}
_INDEFINITE = {"a", "an", "one", "another"}


def _refers_back(span: Span, actors: list[Span], previous: Source | None) -> bool:
    """True for a definite singular "the official" when a named official has already spoken."""
    if previous is None or previous.kind != "named_official" or not _is_anonymous(span, actors):
        return False
    doc = span.doc
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    return span[-1].lower_ in _SINGULAR_UNNAMED and before not in _INDEFINITE and span[0].lower_ not in _INDEFINITE


def describe_source(doc: Doc, span: Span | None, sentence: Span, previous: Source | None) -> Source:
    """Source kind, actor and country of the words naming a source, and where they stand in the text."""
    source = _described(doc, span, sentence, previous)
    if span is None or source.text is None:
        return source
    return replace(source, start=span.start_char, end=span.end_char)


def _described(doc: Doc, span: Span | None, sentence: Span, previous: Source | None) -> Source:
    sentence_text = sentence.text.lower()
    anonymous_here = any(p in sentence_text for p in anonymity_phrases())
    if span is None:
        if anonymous_here:
            return Source(None, None, None, "anonymous_official", anonymous=True)
        return UNATTRIBUTED
    if len(span) == 1 and span[0].lower_ in _PRONOUNS:
        if previous is not None and previous.kind != "unattributed":
            return Source(span.text, previous.actor, previous.country, previous.kind, previous.anonymous)
        return Source(span.text, None, None, "named_official")
    actors = _actors_in(doc, span)
    if not anonymous_here and _refers_back(span, actors, previous):
        # "the US official", "the top diplomat": someone the article has already named.
        return Source(span.text, previous.actor, previous.country, previous.kind)
    if anonymous_here or _is_anonymous(span, actors):
        country = next((a._.actor_country for a in actors if a._.actor_country), None)
        if country is None:
            # "Washington is not ruling it out, officials said": unnamed officials of the one country named.
            named = {a._.actor_country for a in _actors_in(doc, sentence) if a._.actor_kind != "place"}
            country = named.pop() if len(named) == 1 else (previous.country if previous is not None else None)
        actor = next((a._.actor_code for a in actors), None)
        return Source(span.text, actor, country, "anonymous_official", anonymous=True)
    if not actors:
        group = _group_in(span)
        if group is not None:
            # "the air force said", "the agency said": a body of the country the story was just hearing from.
            country = previous.country if previous is not None else None
            return Source(span.text, None, country, _GROUP_KINDS.get(group, "government_body"))
        named = any(t.is_title or t.ent_type_ == "PERSON" for t in span)
        return Source(span.text, None, None, "named_official" if named else "unattributed")
    person = next((a for a in actors if a._.actor_kind == "person"), None)
    if person is None and (title := _titled_name(span, actors)) is not None:
        # "White House spokesperson Karine Jean-Pierre", a name the model missed: a named official.
        country = next((a._.actor_country for a in actors if a._.actor_country), None)
        return Source(span.text, (country or "") + title.role or None, country, title.source_kind or "named_official")
    main = person or actors[0]
    countries = {a._.actor_country for a in actors if a._.actor_country and a._.actor_kind != "place"}
    if person is None and len(countries) > 1:
        # "Ukraine and the United States have accused Iran": several governments, no one country.
        return Source(span.text, None, None, "government_body")
    kind = {"person": main._.source_kind or "named_official", "intelligence_agency": "intelligence_agency",
            "media_outlet": "media_outlet"}.get(main._.actor_kind, "government_body")
    return Source(span.text, main._.actor_code, main._.actor_country, kind)
