"""The actors component: countries, bodies, forces, agencies, outlets and people, as actor codes.

Gazetteer names are matched with a PhraseMatcher; a country or demonym
followed by a group noun becomes that country's body ("North Korean troops"
→ PRKMIL, "Ukraine's military intelligence" → UKRSPY); a capital right after
"in", "to" or "from" is a place, elsewhere its government ("Moscow said" →
RUSGOV). People come from the model's PERSON entities (full) or from names
after a title (fast), and take role and country from their title or
appositive ("Major General Pat Ryder, the Pentagon press secretary" → USAMIL);
a later bare surname is the same person.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import NamedTuple

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ..lexicon import Role, actor_entries, cue_verb_forms, demonyms, group_roles, people, roles, title_words

__all__ = ["ActorRecognizer", "ROLE_KINDS", "actors_within", "annotated"]

ROLE_KINDS = {"GOV": "government_body", "MIL": "armed_force", "SPY": "intelligence_agency",
              "MED": "media_outlet", "LEG": "government_body", "JUD": "government_body", "COP": "government_body",
              # Doctors, hospitals and laboratories (CAMEO's health sector), scientists and researchers.
              "HLH": "expert", "EDU": "expert"}
_PLACE_PREPOSITIONS = {"in", "to", "from", "at", "near", "into", "across", "around", "outside", "inside", "via",
                       "toward", "towards", "over", "through"}
_MAX_GROUP_WORDS = 3
_TITLE_WINDOW = 8

for _name in ("actor_code", "actor_country", "actor_kind", "source_kind", "actor_title"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)
if not Doc.has_extension("actors"):
    Doc.set_extension("actors", default=[])
if not Doc.has_extension("actor_starts"):
    Doc.set_extension("actor_starts", default=[])


def _role_of(person: Span) -> str:
    code, country = person._.actor_code or "", person._.actor_country or ""
    return code[len(country):] if country and code.startswith(country) else ""


def annotated(doc: Doc, attr: str) -> bool:
    """Whether the model set attr (DEP, TAG, ENT_IOB) on the doc; spaCy's own check scans every token."""
    cache = doc.user_data.setdefault("claimwatch_annotated", {})
    if attr not in cache:
        cache[attr] = doc.has_annotation(attr)
    return cache[attr]


def actors_within(doc: Doc, start: int, end: int) -> list[Span]:
    """The actors lying wholly inside tokens [start, end), by binary search (articles can be long)."""
    first = bisect_left(doc._.actor_starts, start)
    last = bisect_left(doc._.actor_starts, end)
    return [a for a in doc._.actors[first:last] if a.end <= end]


def _phrase_matcher(nlp: Language, phrases: dict[str, str], attr: str) -> PhraseMatcher:
    matcher = PhraseMatcher(nlp.vocab, attr=attr)
    for phrase, label in phrases.items():
        matcher.add(label, [nlp.make_doc(phrase)])
    return matcher


class ActorRecognizer:
    """spaCy component that fills doc._.actors with coded actor spans."""

    def __init__(self, nlp: Language) -> None:
        self._entries = {}
        for entry in (*actor_entries(), *people()):
            self._entries.setdefault(entry.phrase, entry)
        self._names = _phrase_matcher(nlp, {p: f"A{i}" for i, p in enumerate(self._entries)}, "ORTH")
        self._label_entry = {f"A{i}": e for i, e in enumerate(self._entries.values())}
        self._demonyms = _phrase_matcher(nlp, {d: f"D:{c}" for d, c in demonyms().items()}, "ORTH")
        self._groups = {tuple(word.split()): role for word, role in group_roles().items()}
        self._roles = {tuple(word.split()): role for word, role in roles().items()}
        self._titled_names = Matcher(nlp.vocab)
        role_first_words = sorted({w[0] for w in self._roles})
        self._titled_names.add("TITLED", [[{"LOWER": {"IN": role_first_words}}, {"IS_TITLE": True, "OP": "+"}]])

    def __call__(self, doc: Doc) -> Doc:
        spans = self._gazetteer_spans(doc) + self._demonym_spans(doc)
        spans = filter_spans(spans)
        spans = filter_spans(spans + self._people(doc, spans))
        doc._.actors = sorted(spans, key=lambda s: s.start)
        doc._.actor_starts = [s.start for s in doc._.actors]
        return doc

    def _coded(self, doc: Doc, start: int, end: int, code: str, country: str | None, kind: str) -> Span:
        span = Span(doc, start, end)
        span._.actor_code, span._.actor_country, span._.actor_kind = code, country, kind
        return span

    def _group_after(self, doc: Doc, end: int) -> tuple[int, str] | None:
        """A group noun right after a country or demonym: (end of the group, role)."""
        if end < len(doc) and doc[end].text in ("'s", "’s"):
            end += 1
        for size in range(_MAX_GROUP_WORDS, 0, -1):
            words = tuple(t.lower_ for t in doc[end:end + size])
            if len(words) == size and words in self._groups:
                return end + size, self._groups[words]
        return None

    def _gazetteer_spans(self, doc: Doc) -> list[Span]:
        spans = []
        for label, start, end in self._names(doc):
            entry = self._label_entry[doc.vocab.strings[label]]
            code, kind = entry.code, entry.kind
            if kind == "government_body" and code.endswith("GOV") and start > 0 \
                    and doc[start - 1].lower_ in _PLACE_PREPOSITIONS and entry.country:
                code, kind = entry.country, "place"
            if kind == "country" and (group := self._group_after(doc, end)):
                end, role = group
                code, kind = entry.country + role, ROLE_KINDS.get(role, "government_body")
            span = self._coded(doc, start, end, code, entry.country, kind)
            if kind == "person":
                span._.source_kind = "named_official"
            spans.append(span)
        return spans

    def _demonym_spans(self, doc: Doc) -> list[Span]:
        spans = []
        for label, start, end in self._demonyms(doc):
            country = doc.vocab.strings[label][2:]
            code, kind = country, "country"
            if group := self._group_after(doc, end):
                end, role = group
                code, kind = country + role, ROLE_KINDS.get(role, "government_body")
            spans.append(self._coded(doc, start, end, code, country, kind))
        return spans

    def _people(self, doc: Doc, actors: list[Span]) -> list[Span]:
        if annotated(doc, "ENT_IOB"):
            names = [ent for ent in doc.ents if ent.label_ == "PERSON"]
            taken = {i for span in actors for i in range(span.start, span.end)} | {
                i for name in names for i in range(name.start, name.end)}
            names += self._appositive_names(doc, taken)
        else:
            names = [self._without_title(doc, start + 1, end) for _, start, end in self._titled_names(doc)]
            names = [name for name in names if name is not None]
        taken = {i for span in actors for i in range(span.start, span.end)}
        actors = sorted(actors, key=lambda a: a.start)
        starts = [a.start for a in actors]
        names = [n for n in filter_spans(names) if not any(i in taken for i in range(n.start, n.end))]
        surnames = {n[-1].text for n in names} | {a[-1].text for a in actors if a._.actor_kind == "person"}
        names = sorted(names + self._missed_mentions(doc, names, surnames, taken), key=lambda n: n.start)
        described = [self._describe(doc, name, actors, starts, surnames) for name in names]
        # A person is described once ("US National Security Adviser Jake Sullivan") and named
        # bare elsewhere ("Sullivan said"), before or after: the fullest description counts.
        known: dict[str, _Description] = {a[-1].text: _Description(_role_of(a), a._.actor_country, a._.source_kind,
                                                                   a._.actor_title)
                                          for a in actors if a._.actor_kind == "person"}
        for name, found in zip(names, described):
            best = known.get(name[-1].text)
            if best is None or (found.country and not best.country) or (
                    found.role and not best.role and found.country == best.country):
                known[name[-1].text] = found
        # "the senator's spokeswoman Ana Ruiz": a person the text gives no country has their principal's.
        for key, found in list(known.items()):
            principal = known.get(found.principal or "")
            if not found.country and principal is not None and principal.country:
                known[key] = found._replace(country=principal.country)
        people = []
        for name, found in zip(names, described):
            fuller = known[name[-1].text]
            role, country = found.role or fuller.role, found.country or fuller.country
            source_kind, title = found.source_kind or fuller.source_kind, found.title or fuller.title
            code = (country or "") + (role or "")
            if not code and not source_kind:
                continue
            person = self._coded(doc, name.start, name.end, code or "PER", country, "person")
            person._.source_kind = source_kind or "named_official"
            person._.actor_title = title
            people.append(person)
        return people + self._surnames(doc, known, taken | {i for p in people for i in range(p.start, p.end)})

    def _missed_mentions(self, doc: Doc, names: list[Span], surnames: set[str], taken: set[int]) -> list[Span]:
        """Mentions of a person the model named elsewhere but not here: "Ana Ruiz, an adviser to ..."."""
        covered = taken | {i for name in names for i in range(name.start, name.end)}
        found = []
        for token in doc:
            if token.i in covered or not token.is_title or token.text not in surnames:
                continue
            start = token.i
            while (start > max(token.sent.start, token.i - _FIRST_NAMES) and doc[start - 1].is_title
                   and doc[start - 1].i not in covered and doc[start - 1].lower_ not in title_words()):
                start -= 1
            found.append(Span(doc, start, token.i + 1))
            covered.update(range(start, token.i + 1))
        return found

    def _surnames(self, doc: Doc, known: dict[str, _Description], taken: set[int]) -> list[Span]:
        """Bare surnames of people the article has named in full: "Sullivan said"."""
        found = []
        for token in doc:
            if token.i not in taken and token.is_title and token.text in known:
                described = known[token.text]
                if described.role or described.country or described.source_kind:
                    code = (described.country or "") + described.role
                    span = self._coded(doc, token.i, token.i + 1, code or "PER", described.country, "person")
                    span._.source_kind = described.source_kind or "named_official"
                    span._.actor_title = described.title
                    found.append(span)
        return found

    def _without_title(self, doc: Doc, start: int, end: int) -> Span | None:
        """The name in "Major General Pat Ryder" once the title's own words are left out."""
        while start < end and doc[start].lower_ in title_words():
            start += 1
        return Span(doc, start, end) if start < end else None

    def _title_start(self, doc: Doc, name: Span, starts: list[int], actors: list[Span]) -> int:
        """Where the title before a name begins: "Ukraine's defence intelligence chief Kyrylo Budanov".

        The title runs back over title-case words, role words, possessives, actor
        names and (with a parse) the lowercase words of the name's noun phrase
        ("Chilean opposition politician"), and stops at anything else ("in Ukraine, according to").
        """
        inside_actor = {i for a in actors[bisect_left(starts, name.start - _TITLE_WINDOW):
                                         bisect_left(starts, name.start)] for i in range(a.start, a.end)}
        parsed = annotated(doc, "DEP")
        start = name.start
        # "The Foreign Minister of Ukraine, Dmytro Kuleba": a title may stand before the comma.
        if start - 1 > name.sent.start and doc[start - 1].text == ",":
            start -= 1
        while start > max(name.sent.start, name.start - _TITLE_WINDOW):
            token = doc[start - 1]
            if not (token.is_title or token.is_upper or token.lower_ in title_words()
                    or token.text in ("'s", "’s", ".", "of") or token.i in inside_actor
                    or (parsed and token.dep_ in _PREMODIFIERS and token.i < token.head.i < name.end)):
                break
            start -= 1
        return start

    def _appositive(self, doc: Doc, name: Span) -> Span:
        """The words set off beside a name: "X, deputy chief doctor of the hospital," or "Chief physician, X"."""
        root, parsed = name.root, annotated(doc, "DEP")
        appositive = next((c for c in root.children if c.dep_ == "appos" and c.i >= name.end), None) if parsed else None
        if appositive is not None and appositive.pos_ not in _NOT_APPOSITIVE:
            # "X, an adviser to the Head of the Office of the President of Chile, said"
            return doc[appositive.left_edge.i:min(appositive.right_edge.i + 1, name.sent.end)]
        if name.end + 1 < len(doc) and doc[name.end].text == "," and doc[name.end + 1].pos_ not in _NOT_APPOSITIVE:
            # The appositive ends at a comma, a quote or a verb: "X, told reporters" describes nothing,
            # nor does "X, in a statement to the newspaper, denied", nor '"... X," the spokesman said'.
            close = next((t.i for t in doc[name.end + 1:min(len(doc), name.end + _APPOSITIVE_WINDOW)]
                          if t.text in _APPOSITIVE_ENDS or _is_verb(t)), None)
            if close is not None:
                return doc[name.end + 1:close]
        if parsed and root.dep_ == "appos" and root.head.i < name.start:
            head = root.head  # "Chief physician at the state-run hospital, Alexander Murov, told ..."
            return doc[max(head.left_edge.i, name.sent.start, name.start - _APPOSITIVE_WINDOW):name.start]
        return doc[name.end:name.end]

    def _describe(self, doc: Doc, name: Span, actors: list[Span], starts: list[int],
                  surnames: set[str]) -> _Description:
        """Role, country, source kind and title of a person, from the title before or the appositive after."""
        before = doc[self._title_start(doc, name, starts, actors):name.start]
        after = self._appositive(doc, name)
        title = self._role_in(before, True) or self._role_in(after, True) or self._role_in(before) or self._role_in(
            after)
        phrase, role, source_kind = (title[0], title[1].role, title[1].source_kind) if title else (None, "", "")
        country = body = None
        nearby = actors[bisect_left(starts, min(before.start, after.start)):
                        bisect_left(starts, max(name.start, after.end))]
        for span in nearby:
            if before.start <= span.start < before.end or after.start <= span.start < after.end:
                country = span._.actor_country or country
                code = span._.actor_code or ""
                role = role or (code[3:] if len(code) > 3 and code[:3] == span._.actor_country else "")
                if span._.actor_kind == "international_org":
                    body = code  # "EU spokeswoman X": speaks for the body, of no one country
        # Whose spokesperson or aide: "Reis's spokeswoman X", "X, an aide to Reis".
        principal = next((t.text for t in (*before, *after) if t.text in surnames and t.text != name[-1].text), None)
        if body is not None and country is None:
            role = body
        return _Description(role, country, source_kind, phrase, principal)

    def _role_in(self, tokens: Span, people_only: bool = False) -> tuple[str, Role] | None:
        """The title among the words, a person's first ("spokesman" before "foreign ministry"), longest first."""
        words = [t.lower_ for t in tokens]
        for wanted in ((True,) if people_only else (True, False)):
            for size in (3, 2, 1):
                for i in range(len(words) - size, -1, -1):
                    role = self._roles.get(tuple(words[i:i + size]))
                    if role is not None and (not wanted or role.source_kind not in _BODY_KINDS):
                        return " ".join(words[i:i + size]), role
        return None

    def _appositive_names(self, doc: Doc, taken: set[int]) -> list[Span]:
        """Names the model missed that an appositive title marks as people: "Ana Ruiz, Chile's foreign minister,"."""
        found = []
        for comma in (t for t in doc if t.text == ","):
            start = comma.i
            while (start > max(comma.sent.start, comma.i - _FIRST_NAMES - 1) and doc[start - 1].pos_ == "PROPN"
                   and doc[start - 1].i not in taken and doc[start - 1].ent_type_ not in _NOT_PEOPLE):
                start -= 1
            if start == comma.i or start > comma.sent.start and doc[start - 1].pos_ == "PROPN":
                continue
            close = next((t.i for t in doc[comma.i + 1:min(len(doc), comma.i + _APPOSITIVE_WINDOW)]
                          if t.text in _APPOSITIVE_ENDS or _is_verb(t)), None)
            if close is not None and doc[close].text in (",", ".") and self._role_in(doc[comma.i + 1:close], True):
                found.append(Span(doc, start, comma.i))
        return found


class _Description(NamedTuple):
    """What the text says of a person: role code, country, source kind, title words, whose aide."""

    role: str
    country: str | None
    source_kind: str
    title: str | None
    principal: str | None = None


# Dependencies of the lowercase words in a name's noun phrase: "Chilean opposition politician X".
_PREMODIFIERS = {"compound", "amod", "nmod", "poss", "det", "case", "nummod", "punct"}
_APPOSITIVE_WINDOW = 14
# Given names before a surname the model did not tag: "Ana" of "Ana Ruiz".
_FIRST_NAMES = 3
_NOT_APPOSITIVE = {"ADP", "ADV", "VERB", "AUX", "SCONJ", "CCONJ", "PART"}
_APPOSITIVE_ENDS = {",", ".", ";", '"', "“", "”", "'", "‘", "’"}
# Titles of bodies, not of people: "foreign ministry" in "a spokesman for the foreign ministry".
_BODY_KINDS = {"government_body", "intelligence_agency"}
# Entities no appositive makes a person: "On Monday, the spokesman ...".
_NOT_PEOPLE = {"DATE", "TIME", "GPE", "LOC", "NORP", "FAC", "EVENT", "CARDINAL", "ORDINAL"}
_FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}


def _is_verb(token: Token) -> bool:
    """A finite verb (by the parser's tag), or a reporting verb where there is no tagger."""
    return token.tag_ in _FINITE_TAGS if token.tag_ else token.lower_ in cue_verb_forms()


@Language.factory("claimwatch_actors")
def make_actor_recognizer(nlp: Language, name: str) -> ActorRecognizer:
    """The actors component, built from the gazetteers."""
    return ActorRecognizer(nlp)

