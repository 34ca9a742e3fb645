"""The statements component: each attributed claim with its source, stance, cue and proposition."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..lexicon import VERB_KINDS, cameo_forms, materiel_words
from ..records import Proposition, Statement
from .actors import actors_within, annotated
from .attribution import AttributionModel, attribution_model
from .attribution_features import quote_regions
from .cues import CueFinder, CueMatch
from .sources import UNATTRIBUTED, Source, describe_source, source_span_near

__all__ = ["StatementFinder", "MAX_SENTENCE_TOKENS"]

# Cue kinds that make a sentence a statement on their own; modals alone do not.
_STATEMENT_KINDS = {*VERB_KINDS, "phrase", "adverb", "adjective", "noun"}
# Sentences longer than this are run-on text (tables, lists): no statements are read from them.
MAX_SENTENCE_TOKENS = 400
_HEADLINE_COLON_WORDS = 6

if not Doc.has_extension("statements"):
    Doc.set_extension("statements", default=[])


class StatementFinder:
    """spaCy component that fills doc._.statements (needs doc._.actors)."""

    def __init__(self, nlp: Language) -> None:
        self._cues = CueFinder(nlp)
        self._event_forms = cameo_forms()
        self._materiel = materiel_words()

    def __call__(self, doc: Doc) -> Doc:
        by_sentence: dict[int, list[CueMatch]] = {}
        for match in self._cues.in_doc(doc):
            by_sentence.setdefault(match.span.sent.start, []).append(match)
        according = {span.sent.start: span for span in self._cues.according_to(doc)}
        sentences = list(doc.sents)
        quotes = quote_regions(doc)
        quoted = {i for start, end in quotes for i in range(start, end)}
        # With a parse, the trained model finds cues and sources; the rules stand in without one.
        model = attribution_model() if annotated(doc, "DEP") else None
        sources: dict[int, Source] = {}
        found: dict[int, tuple[Span | None, Source]] = {}
        previous = None
        doc.user_data["run_on_sentences"] = sum(1 for s in sentences if len(s) > MAX_SENTENCE_TOKENS)
        for index, sentence in enumerate(sentences):
            if len(sentence) > MAX_SENTENCE_TOKENS:
                continue
            matches = by_sentence.get(sentence.start, [])
            if model is not None:
                source_words, cue = self._trained_attribution(doc, sentence, matches, quoted, model)
            else:
                source_words, cue = self._attribution(doc, sentence, matches, according.get(sentence.start), quoted)
            if cue is None and source_words is None:
                continue
            source = describe_source(doc, source_words, sentence, previous)
            if source is not UNATTRIBUTED:
                previous = sources[index] = source
            found[index] = (cue, source)
        for index, source in _quoted_continuations(quotes, sentences, sources).items():
            cue, own = found.get(index, (None, None))
            if own is None and model is not None:
                continue  # the model read this sentence of the quote and found no attribution of its own
            # Inside a quotation, "we", "it" and no one named are whoever the quotation is attributed to.
            if own is None or own.kind == "unattributed" or _quoted_pronoun(own):
                found[index] = (cue, source)
        statements = []
        for index in sorted(found):
            cue, source = found[index]
            matches = by_sentence.get(sentences[index].start, [])
            if model is not None:
                matches = [m for m in matches if not _qualifies_a_noun(m.span.root, cue)]
            stance_match = max(matches, key=lambda m: m.rank, default=None)
            stance = stance_match.stance if stance_match else "asserts"
            # A plain assertion is carried by its attribution cue ("vowed", "according to"); a hedge or a
            # denial by its own word, unless that word is the attribution cue itself.
            cue_span = cue if cue is not None else (stance_match.span if stance_match else None)
            if stance != "asserts" and (cue is None or not _overlaps(stance_match.span, cue)):
                cue_span = stance_match.span
            if stance == "asserts" and _negated_content(doc, cue, sentences[index]):
                stance = "denies"  # "Iran said it has not sold drones to Russia"
            statements.append(self._statement(doc, sentences[index], source, stance, cue_span, cue))
        doc._.statements = statements
        return doc

    def _trained_attribution(self, doc: Doc, sentence: Span, matches: list[CueMatch], quoted: set[int],
                             model: AttributionModel) -> tuple[Span | None, Span | None]:
        """The model's cue and source; where it finds no cue, a hedge, denial or confirmation of the lexicon."""
        found = model.attribution(doc, sentence, quoted)
        if found is not None:
            if found.source is None and _has_subject(found.cue.root):
                return source_span_near(doc, found.cue), found.cue  # the rules read the subject the model passed over
            return found.source, found.cue
        if (headline := _headline_colon(doc, sentence)) is not None:
            return headline
        if (own := _speakers_own_words(matches, quoted)) is not None:
            return own
        marked = next((m.span for m in matches if m.cue.kind in _STATEMENT_KINDS and m.stance != "asserts"), None)
        return None, marked

    def _attribution(self, doc: Doc, sentence: Span, matches: list[CueMatch], according: Span | None,
                     quoted: set[int]) -> tuple[Span | None, Span | None]:
        """The words naming the source and the cue that attributes to it, either may be None."""
        if according is not None:
            end = according.end
            while end < sentence.end and doc[end].text not in (",", ".", ";", ":", "—") and end - according.end < 12:
                end += 1
            return (doc[according.end:end] if end > according.end else None), according
        verbs = [m for m in matches if m.cue.kind in VERB_KINDS]
        if verbs:
            # '"Our information indicates ...," Sullivan told reporters': the speaker's verb stands outside the quote.
            verb = next((m.span for m in verbs if m.span.start not in quoted), verbs[0].span)
            return source_span_near(doc, verb), verb
        if (headline := _headline_colon(doc, sentence)) is not None:
            return headline
        if any(m.cue.kind in _STATEMENT_KINDS for m in matches):
            return None, next(m.span for m in matches if m.cue.kind in _STATEMENT_KINDS)
        return None, None

    def _statement(self, doc: Doc, sentence: Span, source: Source, stance: str, cue: Span | None,
                   attribution: Span | None) -> Statement:
        text = sentence.text.strip()
        start = sentence.start_char + (len(sentence.text) - len(sentence.text.lstrip()))
        return Statement(
            sentence=text, start=start, end=start + len(text),
            source=source.text, source_actor=source.actor, source_country=source.country,
            source_kind=source.kind, stance=stance, cue=cue.text if cue is not None else None,
            proposition=self._proposition(doc, sentence, cue), cited=_cited(doc, sentence),
            source_start=source.start, source_end=source.end,
            attribution_cue=attribution.text if attribution is not None else None,
            attribution_cue_start=attribution.start_char if attribution is not None else None,
            attribution_cue_end=attribution.end_char if attribution is not None else None,
        )

    def _proposition(self, doc: Doc, sentence: Span, cue: Span | None) -> Proposition:
        """Subject, predicate, object and place of what the sentence reports."""
        after_cue = cue.end if cue is not None and cue.end < sentence.end else sentence.start
        verb = next((t for t in doc[after_cue:sentence.end] if t.lower_ in self._event_forms), None)
        verb = verb or next((t for t in sentence if t.lower_ in self._event_forms), None)
        actors = [a for a in actors_within(doc, sentence.start, sentence.end) if a._.actor_kind != "person"]
        if verb is None:
            subject = actors[0]._.actor_code if actors else None
            return Proposition(subject, None, None, None)
        before = [a for a in actors if a.end <= verb.i]
        after = [a for a in actors if a.start > verb.i]
        subject = before[-1] if before else None
        # "North Korea sent North Korean troops to Russia": the object is another country's actor.
        obj = next((a._.actor_code for a in after if a._.actor_kind != "place"
                    and (subject is None or a._.actor_country != subject._.actor_country)), None)
        place = next((a for a in after if a._.actor_kind == "place"), None)
        if place is None and annotated(doc, "ENT_IOB"):
            place = next((e for e in sentence.ents if e.label_ in ("GPE", "LOC") and e.start > verb.i
                          and not any(a.start <= e.start < a.end for a in actors)), None)
        location = place.text if place is not None else None
        origin = self._equipment_origin(doc, actors)
        if origin is not None and origin._.actor_country in (
                subject._.actor_country if subject is not None else None, _country_of(actors, obj)):
            # "Ukraine shot down an Iranian-made drone used by Russia": Iran is
            # not the target but the supplier, and Russia the one supplied.
            involved = {origin._.actor_country, _country_of(actors, obj),
                        subject._.actor_country if subject is not None else None}
            user = next((a._.actor_code for a in actors if a._.actor_kind != "place"
                         and a._.actor_country not in involved), None)
            return Proposition(origin._.actor_code, "supply", user, location)
        return Proposition(subject._.actor_code if subject is not None else None, self._event_forms[verb.lower_],
                           obj, location)

    def _equipment_origin(self, doc: Doc, actors: list[Span]) -> Span | None:
        """A country named just before weapons it made: "Iranian-made Shahed-136 drones"."""
        for actor in actors:
            if actor._.actor_kind != "country":
                continue
            for token in doc[actor.end:min(actor.end + _ORIGIN_REACH, len(doc))]:
                if token.lower_ in self._materiel:
                    return actor
                if not (token.lower_ in _MADE_WORDS or token.text == "-" or token.is_digit or token.is_title):
                    break
        return None


_MADE_WORDS = {"made", "built", "designed", "manufactured", "produced", "supplied", "new"}
# Words between a maker and its weapon: "Iranian - made Shahed - 136 drone".
_ORIGIN_REACH = 6


def _country_of(actors: list[Span], code: str | None) -> str | None:
    return next((a._.actor_country for a in actors if a._.actor_code == code), None) if code else None


_OPENING_QUOTES = {'"', "“", "'", "‘"}
_QUOTES = {'"', "“", "”", "'", "‘", "’"}
_CONTENT_NEGATIONS = {"not", "n't", "never", "no"}
_QUOTED_PRONOUNS = {"i", "we", "it", "our", "my", "us", "this", "that"}
_FIRST_PERSON = {"i", "we"}


def _headline_colon(doc: Doc, sentence: Span) -> tuple[Span, Span] | None:
    """The speaker and the colon of a headline's "Zelensky: 'Troops are in Kursk'"; not "Photo: Agency archive"."""
    colon = next((t for t in sentence[:_HEADLINE_COLON_WORDS + 1] if t.text == ":"), None)
    if colon is not None and colon.i > sentence.start and all(t.is_title for t in doc[sentence.start:colon.i]) \
            and colon.i + 1 < sentence.end and doc[colon.i + 1].text in _OPENING_QUOTES:
        return doc[sentence.start:colon.i], doc[colon.i:colon.i + 1]
    return None


def _speakers_own_words(matches: list[CueMatch], quoted: set[int]) -> tuple[Span, Span] | None:
    """Inside a quotation, the speaker's "we believe", "I suspect": the pronoun and its verb."""
    for match in matches:
        verb = match.span.root
        if match.cue.kind in VERB_KINDS and verb.i in quoted:
            subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.lower_ in _FIRST_PERSON), None)
            if subject is not None:
                return match.span.doc[subject.i:subject.i + 1], match.span
    return None


def _quoted_pronoun(source: Source) -> bool:
    return (source.text or "").lower().split(" ", 1)[0] in _QUOTED_PRONOUNS


def _qualifies_a_noun(token: Token, cue: Span | None) -> bool:
    """True for a word in a relative clause outside the attribution: "steps that may escalate", "a plan it denied"."""
    for node in (token, *token.ancestors):
        if cue is not None and cue.start <= node.i < cue.end:
            return False
        if node.dep_ in ("relcl", "acl"):
            return True
    return False


def _has_subject(verb: Token) -> bool:
    """True when the verb, or the verb it is joined to ("responded, saying"; "admitted but said"), has a subject."""
    subject = ("nsubj", "nsubjpass")
    return any(c.dep_ in subject for c in verb.children) or (
        verb.dep_ in ("conj", "advcl") and any(c.dep_ in subject for c in verb.head.children))


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _negated_content(doc: Doc, cue: Span | None, sentence: Span) -> bool:
    """True when what a plain report (or a quotation) says is itself negated."""
    if cue is None:
        content = sentence
    elif any(t.text in _QUOTES for t in doc[sentence.start:cue.start]):
        content = doc[sentence.start:cue.start]  # '"We are not helping," the minister said.'
    else:
        content = doc[cue.end:sentence.end]  # 'Tehran said it had never sold drones.'
    return any(t.lower_ in _CONTENT_NEGATIONS for t in content)


_CITING = {"cite", "cites", "cited", "citing"}
_CITED_STOPS = {",", ".", ";", ":", "that", "as", "who", "which", "—", "saying", "and"}
_MAX_CITED_TOKENS = 10


def _cited(doc: Doc, sentence: Span) -> str | None:
    """Whom the source cites: "TV Chosun cited government sources", "..., citing the NIS"."""
    verb = next((t for t in sentence if t.lower_ in _CITING), None)
    if verb is None:
        return None
    end = verb.i + 1
    while end < sentence.end and doc[end].lower_ not in _CITED_STOPS and end - verb.i <= _MAX_CITED_TOKENS:
        end += 1
    cited = doc[verb.i + 1:end].text.strip()
    return cited or None


def _quoted_continuations(regions: list[tuple[int, int]], sentences: list[Span],
                          sources: dict[int, Source]) -> dict[int, Source]:
    """Sentences of a quotation spanning several sentences, credited to whoever the quote is attributed to."""
    credited = {}
    for start, end in regions:
        inside = [i for i, s in enumerate(sentences) if s.start < end and s.end > start]
        # The attribution stands in a sentence the quote touches, or in the one right after it.
        candidates = inside + ([inside[-1] + 1] if inside and inside[-1] + 1 < len(sentences) else [])
        # The speaker is named outside the quote: a "we" inside it is who the quote is waiting for.
        speaker = next((sources[i] for i in candidates if i in sources and not _quoted_pronoun(sources[i])), None)
        if speaker is not None and len(inside) > 1:
            credited.update({i: speaker for i in inside})
    return credited


@Language.factory("claimwatch_statements")
def make_statement_finder(nlp: Language, name: str) -> StatementFinder:
    """The statements component, built from the cue lexicon."""
    return StatementFinder(nlp)
