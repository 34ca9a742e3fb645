"""What the words naming a source say by themselves: their head, whether they name anyone, and whom.

"Doctors at the hospital in Lisbon" are doctors (the head), "Chilean and
Western officials" are unnamed and of no one country, "his spokeswoman" is one
person the reader can name, "no one" and "the suspect" (of "the suspect is
accused") are nobody speaking.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..lexicon import (Role, anonymity_words, cue_verb_forms, group_roles, hearsay_phrases, not_sources,
                       referring_words, roles, single_posts, title_words, unnamed_heads)
from .actors import annotated

__all__ = ["GROUP_SOURCE_KINDS", "anonymous_words", "counts_people", "definite_office_holder", "described_part",
           "head_of", "head_role", "mixed_countries", "names_a_speaker", "names_nobody", "other_speaker",
           "titled_name"]

_DEFINITE = {"the", "his", "her", "its", "their", "this"}
_POSSESSIVE = {"'s", "’s"}
_NOBODY = {"no", "none", "nobody", "neither", "nothing"}
# Words that end the head noun phrase of a source where there is no parse: "doctors | at the hospital".
_HEAD_STOPS = {"of", "at", "in", "for", "from", "on", "with", "who", "which", "that", ",", "(", "to", "and", "by"}
# Source kinds of the role codes of group nouns ("authorities" GOV, "doctors" HLH); others are government bodies.
GROUP_SOURCE_KINDS = {"SPY": "intelligence_agency", "MED": "media_outlet", "HLH": "expert", "EDU": "expert"}


def described_part(span: Span) -> Span:
    """The words before a relative clause: "the newspaper" of "the newspaper, which called him an officer"."""
    cut = next((t.i for t in span[1:] if t.lower_ in _RELATIVES or t.tag_ in ("WDT", "WP", "WP$")), None)
    if cut is None:
        return span
    while cut > span.start + 1 and (span.doc[cut - 1].is_punct or span.doc[cut - 1].is_space):
        cut -= 1
    return span.doc[span.start:cut]


_RELATIVES = {"who", "which", "whom", "whose"}


def head_of(span: Span) -> Token:
    """The word the source's words are about: "doctors" in "doctors at the hospital in Lisbon"."""
    if annotated(span.doc, "DEP"):
        # The first noun whose head lies outside the words: not "on" of "Ana Ruiz on Monday".
        tops = [t for t in span if (not span.start <= t.head.i < span.end or t.head.i == t.i)
                and t.dep_ not in ("poss", "det", "case", "punct")]
        nominal = next((t for t in tops if t.pos_ in _NOMINALS), None)
        # "Current and former officials" parsed as an adjective with a conjunct: the conjunct.
        nominal = nominal or next((c for t in tops for c in t.children if c.dep_ == "conj" and c.pos_ in _NOMINALS),
                                  None)
        # Words running into a verb ("Lima has been asked by"): the verb's subject.
        nominal = nominal or next((t for t in span if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ in _NOMINALS
                                   and t.tag_ not in ("WP", "WDT")), None)
        return nominal or next((t for t in span if t.pos_ in ("NOUN", "PROPN")), span.root)
    end = next((t.i for t in span[1:] if t.lower_ in _HEAD_STOPS), span.end)
    return span.doc[end - 1]


_NOMINALS = {"NOUN", "PROPN", "PRON", "NUM"}


def _word(token: Token) -> str:
    """A head's word in the singular ("leaders" is "leader") where the lists only hold that."""
    word = token.lower_
    if word in referring_words() or word in group_roles() or word in roles():
        return word
    lemma = token.lemma_.lower() if token.lemma_ else word.removesuffix("s")
    return lemma if lemma in referring_words() or lemma in roles() else word


def head_role(span: Span, head: Token) -> tuple[str, str, str] | None:
    """(phrase, source kind, role code) of the role or body word at the head: "military laboratory", "report"."""
    doc = span.doc
    for size in (3, 2):
        if head.i - size + 1 < span.start:
            continue
        phrase = " ".join(t.lower_ for t in doc[head.i - size + 1:head.i + 1])
        role = roles().get(phrase)
        if role is not None:
            return phrase, role.source_kind, role.role
        if phrase in referring_words():
            return phrase, referring_words()[phrase], ""
    word = _word(head)
    kind = referring_words().get(word)
    role = roles().get(word)
    group = group_roles().get(word)
    if kind is None and group is not None:
        kind = GROUP_SOURCE_KINDS.get(group, "government_body")
    if kind is None:
        return None
    return word, kind, role.role if role is not None else (group or "")


def names_a_speaker(span: Span) -> bool:
    """False for words that name nobody who speaks: "no one", "blood samples", "he" of "he is suspected"."""
    if names_nobody(span):
        return False
    head = head_of(span)
    word = _word(head)
    named = head.pos_ == "PROPN" or (head.is_title and not _opens_sentence(head))
    if (word in not_sources() or head.lemma_.lower() in not_sources()) and not named:
        return False  # not "Yahoo News"
    if word == "article" and head.i + 1 < len(span.doc) and span.doc[head.i + 1].like_num:
        return False  # "Article 5 of the treaty"
    return True


def names_nobody(span: Span) -> bool:
    """True for words in a source's place that stand for no one speaking, so that whoever speaks is
    elsewhere: "no one", "After this text was revealed", "the minister allegedly approved", "he is suspected"."""
    if span[0].lower_ in _NOBODY or span[0].pos_ in ("ADP", "SCONJ") and span[0].lower_ not in ("by", "according"):
        return True
    if counts_people(span):
        return True  # "Liked by 5 people": a count, not someone speaking
    if not annotated(span.doc, "DEP"):
        return False
    head = head_of(span)
    if head.dep_ in ("nsubj", "nsubjpass") and _hearsay_verb(head.head, head):
        return True  # "the minister allegedly approved it", "he is said to have": the one spoken of
    # "He is suspected of ...", "two divers have been identified": the ones spoken of. Not so "he was
    # quoted as saying", nor a name ("Lima was asked ... and has denied it"), nor "it was stated"
    # (whoever was speaking).
    verb = head.head
    return (head.dep_ == "nsubjpass" and head.lower_ != "it" and head.pos_ != "PROPN"
            and verb.lemma_ not in ("quote", "cite")
            and not any(c.dep_ == "conj" and c.lower_ in cue_verb_forms() and not any(
                g.dep_ in ("nsubj", "nsubjpass") for g in c.children) for c in verb.children))


def _word_before(verb: Token) -> Token | None:
    """The name right before a verb the parser left without a subject: "... and Chile has denied"."""
    before = verb.i - 1
    while before >= verb.sent.start and verb.doc[before].pos_ in ("AUX", "PART", "ADV"):
        before -= 1
    token = verb.doc[before] if before >= verb.sent.start else None
    return token if token is not None and token.pos_ == "PROPN" else None


def counts_people(span: Span) -> bool:
    """True for a bare count of people ("5 people"), which tells no one's words."""
    words = [t for t in span if not t.is_punct]
    return len(words) == 2 and words[0].like_num and words[1].lower_ in ("people", "persons")


def other_speaker(sentence: Span, span: Span) -> Span | None:
    """Another speaker in the sentence: the subject of a reporting verb that is not the span's own."""
    if not annotated(sentence.doc, "DEP"):
        return None
    for verb in sentence:
        if (verb.pos_ not in ("VERB", "AUX") or verb.lower_ not in cue_verb_forms() or span.start <= verb.i < span.end
                or not _main_clause(verb)):
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None) or _word_before(verb)
        if subject is None or span.start <= subject.i < span.end:
            continue
        words = span.doc[subject.left_edge.i:subject.right_edge.i + 1]
        if names_a_speaker(words):
            return words
    if span[0].pos_ in ("ADP", "SCONJ"):
        # "After the report came out, Ana Ruiz ... wrote that": the main clause's subject.
        subject = next((c for c in sentence.root.children if c.dep_ == "nsubj"), None)
        if subject is not None and not span.start <= subject.i < span.end:
            words = span.doc[subject.left_edge.i:subject.right_edge.i + 1]
            return words if names_a_speaker(words) else None
    return None


def _main_clause(verb: Token) -> bool:
    """True for the sentence's own verb or one joined to it: not "what the agency had suggested"."""
    return verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")


# Passive verbs whose subject is spoken of: "he is said to", "they are believed to", "she is suspected of".
_SPOKEN_OF = {"say", "believe", "think", "suspect", "allege", "report", "understand", "rumour", "rumor"}


def _hearsay_verb(verb: Token, subject: Token) -> bool:
    """True for a verb that passes on hearsay about its subject: "allegedly approved", "is said to have"."""
    if subject.dep_ == "nsubjpass" and verb.lemma_ in _SPOKEN_OF:
        return True
    return any(child.dep_ == "advmod" and child.lower_ in hearsay_phrases() for child in verb.children)


def anonymous_words(span: Span, actors: list[Span]) -> bool:
    """True for words that leave the source unnamed: "officials", "a Pentagon spokesperson", "sources"."""
    head = head_of(span)
    if any(a._.actor_kind == "person" and not _in_clause(a.root, head) for a in actors):
        return False  # "official Jane Doe"; not "representatives of the group headed by Jane Doe"
    words = {t.lower_ for t in span}
    if not words & anonymity_words() and head.lower_ not in unnamed_heads():
        return False  # "leaks to the press" are unnamed sources, "a pipe's gas leaks" are not
    if head.lower_ not in anonymity_words() and any(a.start <= head.i < a.end for a in actors):
        return False  # "the Gazette and other outlets' reporters": a named outlet speaks
    in_actor = {i for a in actors for i in range(a.start, a.end)}
    # A name beside the words names the source ("official Jane Doe"); "Western" or "Chilean" does not,
    # nor one further off ("representatives of the group headed by Prosecutor Jan Roe").
    named = any(t.is_title and not _opens_sentence(t) and t.lower_ not in anonymity_words() and t.i not in in_actor
                and t.ent_type_ != "NORP" and t.tag_ != "JJ" and not _in_clause(t, head) for t in span)
    return not named and not definite_office_holder(span)


def _in_clause(token: Token, head: Token) -> bool:
    """True where token stands in a clause hanging from the head: "the group headed by Jane Doe"."""
    if not annotated(token.doc, "DEP"):
        return False
    while token.i != head.i and token.head.i != token.i:
        if token.dep_ in ("acl", "relcl", "advcl"):
            return True
        token = token.head
    return False


def definite_office_holder(span: Span, any_office: bool = False) -> bool:
    """True for "his spokeswoman", "the ministry's spokesperson" (with any_office, "the official" too)."""
    head = head_of(span)
    offices = single_posts() if not any_office else anonymity_words() & frozenset(roles())
    if head.lower_ not in offices or _plural(head):
        return False
    doc = span.doc
    before = doc[max(span.start - 1, 0):head.i] if span.start > 0 else doc[span.start:head.i]
    if any(t.lower_ in ("a", "an", "one", "another") for t in before):
        return False
    return any(t.lower_ in _DEFINITE or t.text in _POSSESSIVE for t in before)


def _plural(token: Token) -> bool:
    return token.tag_ in ("NNS", "NNPS") if token.tag_ else token.lower_.endswith("s")


def mixed_countries(span: Span, actors: list[Span]) -> bool:
    """True for "Chilean and Western officials", "Peruvian officials and European sources": no one country."""
    words = [t.lower_ for t in span]
    if "and" not in words:
        return False
    cut = words.index("and") + span.start
    in_actor = {i for a in actors for i in range(a.start, a.end)}
    sides = []
    for side in (span.doc[span.start:cut], span.doc[cut + 1:span.end]):
        countries = {a._.actor_country for a in actors if side.start <= a.start < side.end and a._.actor_country}
        # "Western", "European": a side named by a word no gazetteer places in one country.
        unplaced = any(t.is_title and not _opens_sentence(t) and t.i not in in_actor and t.lower_ not in title_words()
                       and t.lower_ not in anonymity_words() for t in side)
        sides.append(countries | ({None} if unplaced else set()))
    return all(sides) and sides[0] != sides[1]


def _opens_sentence(token: Token) -> bool:
    """True for the first word of a sentence, spaces and punctuation before it aside."""
    return all(t.is_space or t.is_punct for t in token.doc[token.sent.start:token.i])


def titled_name(span: Span, actors: list[Span]) -> Role | None:
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

