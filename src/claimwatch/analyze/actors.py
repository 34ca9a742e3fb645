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

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..lexicon import Role, actor_entries, demonyms, group_roles, people, roles, title_words

__all__ = ["ActorRecognizer", "ROLE_KINDS", "actors_within", "annotated"]

ROLE_KINDS = {"GOV": "government_body", "MIL": "armed_force", "SPY": "intelligence_agency",
              "MED": "media_outlet", "LEG": "government_body", "JUD": "government_body"}
_PLACE_PREPOSITIONS = {"in", "to", "from", "at", "near", "into", "across", "around", "outside", "inside", "via",
                       "toward", "towards", "over", "through"}
_MAX_GROUP_WORDS = 3
_TITLE_WINDOW = 8

for _name in ("actor_code", "actor_country", "actor_kind", "source_kind"):
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
        else:
            names = [self._without_title(doc, start + 1, end) for _, start, end in self._titled_names(doc)]
            names = [name for name in names if name is not None]
        taken = {i for span in actors for i in range(span.start, span.end)}
        actors = sorted(actors, key=lambda a: a.start)
        starts = [a.start for a in actors]
        names = [n for n in filter_spans(names) if not any(i in taken for i in range(n.start, n.end))]
        described = [self._describe(doc, name, actors, starts) for name in names]
        # A person is described once ("US National Security Adviser Jake Sullivan") and named
        # bare elsewhere ("Sullivan said"), before or after: the fullest description counts.
        known: dict[str, tuple[str, str | None, str]] = {
            a[-1].text: (_role_of(a), a._.actor_country, a._.source_kind) for a in actors if a._.actor_kind == "person"}
        for name, (role, country, source_kind) in zip(names, described):
            best = known.get(name[-1].text)
            if best is None or (country and not best[1]) or (role and not best[0] and country == best[1]):
                known[name[-1].text] = (role, country, source_kind)
        people = []
        for name, (role, country, source_kind) in zip(names, described):
            fuller = known[name[-1].text]
            role, country, source_kind = role or fuller[0], country or fuller[1], source_kind or fuller[2]
            code = (country or "") + (role or "")
            if not code and not source_kind:
                continue
            person = self._coded(doc, name.start, name.end, code or "PER", country, "person")
            person._.source_kind = source_kind or "named_official"
            people.append(person)
        return people + self._surnames(doc, known, taken | {i for p in people for i in range(p.start, p.end)})

    def _surnames(self, doc: Doc, known: dict[str, tuple[str, str | None, str]], taken: set[int]) -> list[Span]:
        """Bare surnames of people the article has named in full: "Sullivan said"."""
        found = []
        for token in doc:
            if token.i not in taken and token.is_title and token.text in known:
                role, country, source_kind = known[token.text]
                if role or country:
                    span = self._coded(doc, token.i, token.i + 1, (country or "") + role, country, "person")
                    span._.source_kind = source_kind or "named_official"
                    found.append(span)
        return found

    def _without_title(self, doc: Doc, start: int, end: int) -> Span | None:
        """The name in "Major General Pat Ryder" once the title's own words are left out."""
        while start < end and doc[start].lower_ in title_words():
            start += 1
        return Span(doc, start, end) if start < end else None

    def _title_start(self, doc: Doc, name: Span, starts: list[int], actors: list[Span]) -> int:
        """Where the title before a name begins: "Ukraine's defence intelligence chief Kyrylo Budanov".

        The title runs back over title-case words, role words, possessives and
        actor names, and stops at anything else ("in Ukraine, according to").
        """
        inside_actor = {i for a in actors[bisect_left(starts, name.start - _TITLE_WINDOW):
                                         bisect_left(starts, name.start)] for i in range(a.start, a.end)}
        start = name.start
        # "The Foreign Minister of Ukraine, Dmytro Kuleba": a title may stand before the comma.
        if start - 1 > name.sent.start and doc[start - 1].text == ",":
            start -= 1
        while start > max(name.sent.start, name.start - _TITLE_WINDOW):
            token = doc[start - 1]
            if not (token.is_title or token.is_upper or token.lower_ in title_words()
                    or token.text in ("'s", "’s", ".", "of") or token.i in inside_actor):
                break
            start -= 1
        return start

    def _describe(self, doc: Doc, name: Span, actors: list[Span], starts: list[int]) -> tuple[str, str | None, str]:
        """Role code, country and source kind of a person, from the title before or the appositive after."""
        before = doc[self._title_start(doc, name, starts, actors):name.start]
        after = doc[name.end:name.end]
        if name.end < len(doc) and doc[name.end].text == ",":
            close = next((t.i for t in doc[name.end + 1:min(len(doc), name.end + 14)] if t.text in ",.;"), None)
            after = doc[name.end + 1:close] if close else after
        title = self._role_in(before) or self._role_in(after)
        role, source_kind = (title.role, title.source_kind) if title else ("", "")
        country = None
        nearby = actors[bisect_left(starts, before.start):bisect_left(starts, max(name.start, after.end))]
        for span in nearby:
            if before.start <= span.start < name.start or after.start <= span.start < after.end:
                country = span._.actor_country or country
                code = span._.actor_code or ""
                role = role or (code[3:] if len(code) > 3 and code[:3] == span._.actor_country else "")
        return role, country, source_kind

    def _role_in(self, tokens: Span) -> Role | None:
        words = [t.lower_ for t in tokens]
        for size in (3, 2, 1):
            for i in range(len(words) - size, -1, -1):
                role = self._roles.get(tuple(words[i:i + size]))
                if role is not None:
                    return role
        return None


@Language.factory("claimwatch_actors")
def make_actor_recognizer(nlp: Language, name: str) -> ActorRecognizer:
    """The actors component, built from the gazetteers."""
    return ActorRecognizer(nlp)

