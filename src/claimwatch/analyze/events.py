"""The events component: CAMEO-coded events from the verb lexicon, with actors, place and date."""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from ..lexicon import cameo_forms, cameo_verbs, cues
from ..records import Event
from .actors import actors_within, annotated
from .dates import resolve_date

__all__ = ["EventFinder"]

if not Doc.has_extension("events"):
    Doc.set_extension("events", default=[])


class EventFinder:
    """spaCy component that fills doc._.events (needs doc._.actors)."""

    def __init__(self, nlp: Language) -> None:
        # Reporting verbs ("say", "deny") make statements, not events.
        reporting = {cue.cue for cue in cues() if cue.kind == "verb"}
        self._verbs = {lemma: verb for lemma, verb in cameo_verbs().items() if lemma not in reporting}
        forms_of: dict[str, list[str]] = {}
        for form, lemma in cameo_forms().items():
            forms_of.setdefault(lemma, []).append(form)
        self._matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for lemma in self._verbs:
            self._matcher.add(lemma, [nlp.make_doc(form) for form in forms_of[lemma]])

    def __call__(self, doc: Doc) -> Doc:
        published = doc.user_data.get("published")
        events = []
        matches = sorted(self._matcher(doc), key=lambda m: (m[1], -(m[2] - m[1])))
        last_end = -1
        for label, start, end in matches:
            if start < last_end:
                continue
            last_end = end
            verb = Span(doc, start, end)
            if annotated(doc, "TAG") and verb[0].pos_ not in ("VERB", "AUX"):
                continue
            event = self._event(doc, verb, self._verbs[doc.vocab.strings[label]], published)
            if event is not None:
                events.append(event)
        doc._.events = events
        return doc

    def _event(self, doc: Doc, verb: Span, cameo, published: str | None) -> Event | None:
        sent = verb.sent
        actors = actors_within(doc, sent.start, sent.end)
        doers = [a for a in actors if a.end <= verb.start and a._.actor_kind != "place"]
        others = [a for a in actors if a.start >= verb.end and a._.actor_kind != "place"]
        actor1 = doers[-1]._.actor_code if doers else None
        actor2 = next((a._.actor_code for a in others if a._.actor_code != actor1), None)
        if actor1 is None and actor2 is None:
            return None
        place = next((a.text for a in actors if a._.actor_kind == "place"), None)
        if place is None and annotated(doc, "ENT_IOB"):
            place = next((e.text for e in sent.ents if e.label_ in ("GPE", "LOC")
                          and not any(a.start <= e.start < a.end for a in actors)), None)
        return Event(code=cameo.code, name=cameo.name, goldstein=cameo.goldstein, actor1=actor1, actor2=actor2,
                     location=place, date=resolve_date(sent, published), sentence=sent.text.strip())


@Language.factory("claimwatch_events")
def make_event_finder(nlp: Language, name: str) -> EventFinder:
    """The events component, built from the CAMEO verb lexicon."""
    return EventFinder(nlp)
