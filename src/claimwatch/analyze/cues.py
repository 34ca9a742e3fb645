"""Finding stance cues in a doc: reporting verbs, hedges, denial words, "according to"."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from ..lexicon import VERB_KINDS, Cue, cues, verb_forms
from .actors import annotated

__all__ = ["CueMatch", "CueFinder", "STANCE_PRIORITY"]

# When two cues of one strength meet, the rarer, more telling stance wins.
STANCE_PRIORITY = {"denies": 5, "confirms": 4, "unverified": 3, "speculates": 2, "asserts": 1}
_NEGATIONS = {"not", "n't", "never", "no", "neither", "nor"}
# A negated cue says the speaker would not vouch: "did not confirm", "would not deny".
_NEGATED = {"confirms": "unverified", "denies": "unverified", "asserts": "unverified"}
# "If confirmed, it would be the first time...": a condition vouches for nothing.
_CONDITIONS = {"if", "unless", "until", "once", "whether"}


@dataclass(frozen=True, slots=True)
class CueMatch:
    """One cue found in a sentence, with the stance it gives there."""

    span: Span
    cue: Cue
    stance: str

    @property
    def rank(self) -> tuple[int, int]:
        return self.cue.strength, STANCE_PRIORITY[self.stance]


class CueFinder:
    """Matches every cue of the lexicon, verbs in all their forms."""

    def __init__(self, nlp: Language) -> None:
        self._matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._cues: dict[str, Cue] = {}
        for index, cue in enumerate(cues()):
            label = f"C{index}"
            self._cues[label] = cue
            phrases = verb_forms(cue.cue) if cue.kind in VERB_KINDS else {cue.cue}
            self._matcher.add(label, [nlp.make_doc(p) for p in phrases])
        self._according = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._according.add("ACCORDING", [nlp.make_doc("according to")])

    def in_doc(self, doc: Doc) -> list[CueMatch]:
        """Every cue in the doc, in text order, longest match first where they overlap."""
        found = []
        # "United States" holds no verb "states": words of a named actor are never cues.
        in_actor = {i for actor in doc._.actors for i in range(actor.start, actor.end)}
        for label, start, end in self._matcher(doc):
            cue = self._cues[doc.vocab.strings[label]]
            span = Span(doc, start, end)
            if in_actor.intersection(range(start, end)):
                continue
            if cue.kind in VERB_KINDS and annotated(doc, "TAG") and not span[0].pos_ in ("VERB", "AUX"):
                continue  # "a report" is a noun, not "to report"
            if cue.kind == "modal" and span[0].is_title and not span[0].is_sent_start:
                continue  # "May" the month
            if start > 0 and doc[start - 1].lower_ in _CONDITIONS and cue.stance in ("confirms", "denies"):
                continue
            found.append(CueMatch(span, cue, self._stance(doc, span, cue)))
        found.sort(key=lambda m: (m.span.start, -len(m.span)))
        kept, covered = [], set()
        for match in found:
            if not covered.intersection(range(match.span.start, match.span.end)):
                kept.append(match)
                covered.update(range(match.span.start, match.span.end))
        return kept

    def according_to(self, doc: Doc) -> list[Span]:
        """Every "according to" in the doc."""
        return [Span(doc, start, end) for _, start, end in self._according(doc)]

    @staticmethod
    def _stance(doc: Doc, span: Span, cue: Cue) -> str:
        if cue.kind not in (*VERB_KINDS, "noun"):
            return cue.stance
        window = doc[max(span.sent.start, span.start - 3):span.start]
        # Without a parse, spaCy's tree edges can point past the doc's end: reading children then crashes.
        parsed = annotated(doc, "DEP")
        negated = any(t.lower_ in _NEGATIONS for t in window) or (
            parsed and any(c.dep_ == "neg" for c in span[0].children))
        return _NEGATED.get(cue.stance, cue.stance) if negated else cue.stance
