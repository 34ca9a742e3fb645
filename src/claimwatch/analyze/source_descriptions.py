"""Sources named by what they are: "doctors at the hospital in Lisbon", "his spokeswoman", "the court".

The head of the words says what kind of source it is (a role, a body, an
outlet), the actors among them whose it is; where the text places a person or
body in no country, they speak for the side the story was just hearing from:
the country of the last source (of the last doctors, for doctors), else the
country the article names most.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from ..lexicon import anonymity_words, group_roles, referring_words
from .actors import ROLE_KINDS, actors_within
from .coreference import resolve
from .source_record import Source
from .source_words import GROUP_SOURCE_KINDS, head_of, head_role, titled_name

__all__ = ["by_what_it_is", "side_just_heard", "unaffiliated_code", "HEARD"]

# Where each document remembers the sources described so far, in the order of its sentences.
HEARD = "claimwatch_heard"
_ACTOR_SOURCE_KINDS = {"intelligence_agency": "intelligence_agency", "media_outlet": "media_outlet",
                       "expert": "expert", "person": "named_official"}


def by_what_it_is(doc: Doc, span: Span, sentence: Span, actors: list[Span], previous: Source | None) -> Source:
    """A source described by its own words: its head, the actors among them, a title."""
    head = head_of(span)
    host = next((a for a in actors if a.start <= head.i < a.end), None)
    role = head_role(span, head)
    if host is None and role is not None and (not _is_name(head) or role[1] != "named_official"):
        # "doctors at the hospital", and names headed by what they are: "the State Auditor's Office".
        described = _by_role(doc, span, sentence, actors, previous, role)
        if described is not None:
            return described
    if not actors:
        return _unlisted(doc, span, previous)
    person = host if host is not None and host._.actor_kind == "person" else (
        next((a for a in actors if a._.actor_kind == "person"), None) if host is None else None)
    if person is None and host is None and (title := titled_name(span, actors)) is not None:
        # "White House spokesperson Karine Jean-Pierre", a name the model missed: a named official.
        country = next((a._.actor_country for a in actors if a._.actor_country), None)
        return Source(span.text, (country or "") + title.role or None, country, title.source_kind or "named_official")
    main = person or host or actors[0]
    countries = {a._.actor_country for a in actors if a._.actor_country and a._.actor_kind != "place"}
    if person is None and len(countries) > 1 and (host is None or any(t.lower_ == "and" for t in span)):
        # "Chile and Peru have accused Bolivia": several governments, no one country.
        return Source(span.text, None, None, "government_body")
    if person is not None:
        kind = person._.source_kind or "named_official"
        country = person._.actor_country
        if country is None and _unaffiliated(person):
            # A person the text gives no country speaks for the side the story was just hearing from.
            country = side_just_heard(doc, previous, kind, span.start)
        return Source(span.text, person._.actor_code, country, kind)
    kind = _ACTOR_SOURCE_KINDS.get(main._.actor_kind, "government_body")
    if role is not None and role[1] == "named_official" and not _plural(head) and main._.actor_country:
        # "the Chilean leader", "the Peruvian president": one office-holder of that country.
        return Source(span.text, main._.actor_code, main._.actor_country, "named_official")
    return Source(span.text, main._.actor_code, main._.actor_country, kind)


def _by_role(doc: Doc, span: Span, sentence: Span, actors: list[Span], previous: Source | None,
             role: tuple[str, str, str]) -> Source | None:
    """A source named by what it is: "his spokeswoman", "doctors at the hospital", "the report", "the court"."""
    _, kind, code = role
    if kind == "document":
        return None  # what a source issued speaks for its issuer (sources.py reads those)
    if kind == "media_outlet" and not actors:
        if previous is not None and previous.kind == "media_outlet":
            return replace(previous, text=span.text, start=None, end=None)
        return Source(span.text, None, None, "media_outlet")
    head = head_of(span)
    if kind == "named_official" and _plural(head) and not (head.lower_ in anonymity_words() and _employer_named(span)):
        # "Chilean leaders", "health officials in Osorno": a government speaking together; "officials at
        # Acme Rail" stay officials, named by whom they work for.
        kind = "government_body"
    people = [a for a in actors if a._.actor_kind == "person"]
    if kind == "named_official" and people:
        # "Chancellor Anna Berger's spokesman": the country of whoever they speak for.
        country = people[0]._.actor_country or side_just_heard(doc, previous)
    elif _of_no_one_country(span, actors):
        country = None  # "Western specialists", "international inspectors"
    else:
        country = _country_in(doc, span, sentence, actors)
        if country is None and (kind != "expert" or code == "HLH"):
            # Doctors, a ministry, a court: of the side the story was just hearing from. Analysts
            # and watchdogs the text does not place are of no one country.
            country = side_just_heard(doc, previous, kind, span.start)
    return Source(span.text, (country or "") + code if (country or code) else None, country, kind)


def _employer_named(span: Span) -> bool:
    """True for "officials at Acme Rail", "staff of Harbour Trust": a name after "at", "of", "from", "with"."""
    return any(token.is_title and token.i > span.start and span.doc[token.i - 1].lower_ in _EMPLOYER_PREPOSITIONS
               for token in span)


_EMPLOYER_PREPOSITIONS = {"at", "of", "from", "with", "for"}


def _of_no_one_country(span: Span, actors: list[Span]) -> bool:
    """True for "Western specialists", "a European spy agency", "international inspectors"."""
    in_actor = {i for a in actors for i in range(a.start, a.end)}
    return any(referring_words().get(t.lower_) == "international" and t.i not in in_actor for t in span)


def _country_in(doc: Doc, span: Span, sentence: Span, actors: list[Span]) -> str | None:
    """The country the words place a body or a role in: "the hospital in Lisbon", "his spokeswoman"."""
    country = next((a._.actor_country for a in actors if a._.actor_country and a._.actor_kind != "person"), None)
    if country is not None:
        return country
    for token in span:
        if token.lower_ in ("his", "her", "their") or (token.text in ("'s", "’s") and token.i > span.start):
            # "his spokeswoman", "the country's defence minister": whose, named before.
            owner = span.doc[token.i - 1:token.i] if token.text in ("'s", "’s") else span.doc[token.i:token.i + 1]
            referent = resolve(doc, owner) if owner[0].lower_ in ("his", "her", "their") else _country_named_before(
                doc, owner)
            if isinstance(referent, str):
                return referent
            if referent is not None and referent.country:
                return referent.country
    return None


def _country_named_before(doc: Doc, owner: Span) -> str | None:
    """"The country's": the last country the article named before."""
    if owner[0].lower_ != "country":
        return None
    before = actors_within(doc, 0, owner.start)
    return next((a._.actor_country for a in reversed(before) if a._.actor_kind == "country"), None)


def _unlisted(doc: Doc, span: Span, previous: Source | None) -> Source:
    """A source in no gazetteer: a body named by its kind, an organisation or a person the model found."""
    group = _group_in(span)
    if group is not None:
        # "the air force said", "the agency said": a body of the country the story was just hearing from.
        return Source(span.text, None, side_just_heard(doc, previous), GROUP_SOURCE_KINDS.get(group, "government_body"))
    title = titled_name(span, [])
    if title is not None and title.source_kind in ("named_official", "expert"):
        # "Anna Kalina, deputy chief physician of the hospital": a person by their title.
        country = side_just_heard(doc, previous, title.source_kind, span.start) if title.role in (
            "HLH", "GOV", "MIL", "LEG", "JUD") else None
        return Source(span.text, (country or "") + title.role or None, country, title.source_kind)
    entities = {t.ent_type_ for t in span}
    if "PERSON" in entities:
        return Source(span.text, None, side_just_heard(doc, previous), "named_official")
    if "ORG" in entities:
        # An organisation in no list and with no country in its name: no government's body.
        return Source(span.text, None, None, _organisation_kind(span))
    named = any(t.is_title for t in span)
    return Source(span.text, None, None, "named_official" if named else "unattributed")


def _group_in(span: Span) -> str | None:
    """The role of a group noun ("ministry", "air force") in the source's words, if any."""
    words = [t.lower_ for t in span]
    groups = group_roles()
    return next((groups[" ".join(words[i:i + n])] for n in (3, 2, 1) for i in range(len(words) - n + 1)
                 if " ".join(words[i:i + n]) in groups and words[i] not in anonymity_words()), None)


def _organisation_kind(span: Span) -> str:
    kinds = {referring_words().get(t.lower_) for t in span}
    if kinds & {"government_body", "named_official"}:
        return "government_body"
    return "media_outlet" if "media_outlet" in kinds else "expert"


def _is_name(token: Token) -> bool:
    return token.ent_type_ in ("PERSON", "ORG") or (token.pos_ == "PROPN" and token.lower_ not in referring_words())


def _plural(token: Token) -> bool:
    return token.tag_ in ("NNS", "NNPS") if token.tag_ else token.lower_.endswith("s")


def _unaffiliated(person: Span) -> bool:
    return unaffiliated_code(person._.actor_code)


def unaffiliated_code(code: str | None) -> bool:
    """True for a person's code that names no country or body: a bare role ("MIL") or none."""
    return not code or code == "PER" or code in ROLE_KINDS


def side_just_heard(doc: Doc, previous: Source | None, kind: str | None = None, before: int = 0) -> str | None:
    """The country of the source just heard from, else the country the article names most (before: where
    the source stands, as a token index)."""
    if kind == "expert":
        # Doctors the text does not place: of the hospital or doctors it named last ("a Peruvian hospital"),
        # else those it last heard from.
        same = next((a._.actor_country for a in reversed(actors_within(doc, 0, before))
                     if a._.actor_kind == "expert" and a._.actor_country), None) or next(
            (source.country for _, source in reversed(doc.user_data.get(HEARD, []))
             if source.kind == kind and source.country), None)
        if same is not None:
            return same
    if previous is not None and previous.country:
        return previous.country
    return _main_country(doc)


def _main_country(doc: Doc) -> str | None:
    cached = doc.user_data.get("claimwatch_main_country", "")
    if cached == "":
        named = Counter(a._.actor_country for a in doc._.actors
                        if a._.actor_country and a._.actor_kind not in ("person", "place", "media_outlet"))
        cached = doc.user_data["claimwatch_main_country"] = named.most_common(1)[0][0] if named else None
    return cached
