"""Where a source stands: the words naming who speaks through a reporting verb.

The rules the fast pipeline uses (and the full one where its trained attribution
model finds no source): the verb's subject or agent, the words after an inverted
verb ('"...," said a senior official'), else the words before the verb up to a
quote, colon or comma. A dateline before the source ("LIMA (Agency) -") is not
part of it.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from .actors import annotated

__all__ = ["source_span_near", "without_dateline"]

_BOUNDARIES = {",", ";", ":", '"', "“", "”", "—", "–", "(", ")", "'", "‘", "’"}
# A quote, colon or semicolon ends a source; a comma may only set off an appositive.
_QUOTE_BOUNDARIES = {";", ":", '"', "“", "”", "'", "‘", "’", "—", "(", ")"}
# Words at the edges of a source span that are not part of the source.
_EDGE_WORDS = {"has", "have", "had", "was", "were", "is", "are", "also", "later", "then", "previously",
               "earlier", "and", "but", "that", "which", "who", "on", "in", "the", "a", "an", "as", "by",
               "to", "while", "when", "however", "reportedly", "publicly", "repeatedly", "already", "further",
               "would", "will", "did", "does", "do", "could", "can", "may", "might", "again"}
_MAX_SOURCE_TOKENS = 18
_MAX_AFTER_VERB = 14


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


_DASHES = {"—", "–", "-", "--", "―"}
# "date 2024-05-01 " before the first words of a text, as some archives print it.
_LEADING_DATE = re.compile(r"^\s*(?:date\s+)?\d{4}-\d{2}(?:-\d{2})?\s+", re.IGNORECASE)
# How far into a source a dateline may reach: "WASHINGTON, March 7 (Agency) -".
_DATELINE_TOKENS = 10


def without_dateline(span: Span) -> Span | None:
    """The span less a dateline or a date it starts with: "LIMA (Agency) - the minister" is "the minister"."""
    doc = span.doc
    dated = _LEADING_DATE.match(span.text)
    start = span.start
    if dated is not None:
        cut = doc.char_span(span.start_char + dated.end(), span.end_char, alignment_mode="expand")
        start = cut.start if cut is not None else span.end
    dash = next((t.i for t in doc[start:min(span.end, start + _DATELINE_TOKENS)] if t.text in _DASHES), None)
    if dash is not None and dash > start and _dateline(doc[start:dash]):
        start = dash + 1
    while start < span.end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return doc[start:span.end] if start < span.end else None


def _dateline(tokens: Span) -> bool:
    """Capitals, a date and an agency in brackets: "OSLO", "LIMA (Agency)", "QUITO, May 3"."""
    bracketed = False
    for token in tokens:
        if token.text == "(":
            bracketed = True
        elif token.text == ")":
            bracketed = False
        elif not (bracketed or token.is_upper or token.is_punct or token.like_num or token.is_space
                  or (token.is_title and token.ent_type_ == "DATE")):
            return False
    return any(t.is_upper and t.is_alpha and len(t) > 1 for t in tokens)
