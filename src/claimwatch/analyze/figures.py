"""The figures component: numbers with what they count, whose, and how exactly.

"up to 12,000 North Korean troops" → 12000 troops of PRKMIL, approx "up to";
"10 to 12,000 soldiers" → 10000–12000, and its upper end 12000 as a figure of
its own; "three thousand" → 3000; "a brigade of 2,500" and "a 2,500-strong
contingent" → 2500 troops; "300 soldiers were killed" → 300 killed, not troops.
Dates, ages, ordinals and numbers that count nothing in the unit lexicon are
not figures.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..lexicon import approximations, cameo_forms, count_breakers, cue_verb_forms, predicates, units
from ..lexicon.numbers import casualty_words, force_words
from ..records import Figure
from .actors import actors_within
from .written_numbers import Number, number_at

__all__ = ["FigureFinder"]

# Words allowed between a number and its unit: "1,700 so-called Shahed explosive drones".
_MAX_GAP = 6
_GAP_PUNCT = {"-", "–", '"', "“", "”", "'", "‘", "’"}
# Stop words that still leave the count to the unit after them: "3,000 more troops".
_GAP_STOP_WORDS = {"more", "other", "further"}
_PARTITIVE_DETERMINERS = {"the", "its", "their", "these", "those", "his", "her"}
# "four of which were drones", "ten of them were killed".
_RELATIVE_PARTITIVES = {"which", "whom", "them"}
_COPULAS = {"were", "was", "are", "is"}
# Units that count people, who may be killed, wounded, captured or missing rather than deployed.
_PEOPLE_UNITS = {"troops", "civilians", "police", "officers", "people"}
# Units counted only as casualties: "2,000 people were surveyed" is no figure, "9 people were killed" is.
_CASUALTIES_ONLY = {"people"}
# "500 officers" are troops where the sentence is about troops, and police or staff elsewhere.
_RANKS = {"officers"}
# Words between counted people and what happened to them: "300 soldiers were reportedly killed".
_FATE_GAP = {"were", "was", "are", "is", "have", "has", "had", "been", "be", "being", "who", "that", "all",
             "reportedly", "reported", "believed", "feared", "confirmed", "presumed", "already", "now", "still",
             "remain", "remained", "remains", "went"}
# Words between a unit named first and its number: "troops, numbering about 11,000".
_LINK_WORDS = {"numbering", "numbered", "number", "numbers", "totalling", "totaling", "totalled", "totaled",
               "total", "totals"}
_SIZE_NOUNS = {"number", "total", "count", "strength", "tally"}
# Words after a number that leave its unit to be named elsewhere: "some 3,000 strong"; "men" beside a force.
_BARE_FOLLOWERS = {"strong", "men"}
# Parts of speech (full pipeline) after a number that show no noun follows it: "a force of 12,000 crossed".
_NOT_COUNTED_POS = {"VERB", "AUX", "ADV", "ADP", "CCONJ", "SCONJ", "PART", "DET", "PRON", "PUNCT"}
_DEFINITE = {"the", "these", "those"}
# A count added to one given before, whose unit it shares: "followed by another 4,000".
_ANOTHER = {"another", "further", "additional", "more", "extra"}
# How far a unit named after a bare count may be: "sent 3,000 to the port, where the soldiers train".
_LATER_WINDOW = 20

if not Doc.has_extension("figures"):
    Doc.set_extension("figures", default=[])


class FigureFinder:
    """spaCy component that fills doc._.figures (needs doc._.actors)."""

    def __init__(self, nlp: Language) -> None:
        self._units = {tuple(w.split()): unit for w, unit in units().items()}
        self._unit_sizes = sorted({len(k) for k in self._units}, reverse=True)
        self._approx = {tuple(p.split()): a for p, a in approximations().items()}
        self._breakers = count_breakers()
        self._verb_forms = cue_verb_forms() | cameo_forms().keys()
        supply = {lemma for lemma, predicate in predicates().items() if predicate.name == "supply"}
        self._supply_forms = {form for form, lemma in cameo_forms().items() if lemma in supply}
        self._fates_after = _phrases(casualty_words("after"))
        self._fates_before = _phrases(casualty_words("before"))
        self._forces = _phrases(force_words())
        self._troop_words = {word for word, unit in [*units().items(), *force_words().items()] if unit == "troops"}

    def __call__(self, doc: Doc) -> Doc:
        figures, resume = [], 0
        for token in doc:
            if token.i < resume or not (token.like_num or token.text[:1].isdigit()):
                continue
            number = number_at(doc, token.i)
            if number is not None:
                found, resume = self._figures(doc, number)
                figures.extend(found)
        doc._.figures = figures
        return doc

    # --- what it counts -----------------------------------------------------------------

    def _figures(self, doc: Doc, number: Number) -> tuple[list[Figure], int]:
        """The figure a number gives (and its upper end's, for a range), and the token to read on from."""
        if number.value < 2:
            return [], number.end
        approx_start, approx = self._approx_before(doc, number.start)
        counted = self._unit_counted(doc, number, approx_start)
        if counted is None:
            return [], number.end
        unit, span_end = counted
        if unit in _CASUALTIES_ONLY:
            return [], span_end
        span = doc[approx_start:span_end]
        subject = self._subject(doc, span)
        figure = Figure(value=number.value, unit=unit, subject=subject, approx=approx, text=span.text,
                        start=span.start_char, end=span.end_char, high=number.high)
        if number.high is None:
            return [figure], span_end
        # The text gives both ends as counts; the range stays on the first.
        upper = Figure(value=number.high, unit=unit, subject=subject, approx=approx,
                       text=doc.text[number.high_char:span.end_char], start=number.high_char, end=span.end_char)
        return [figure, upper], span_end

    def _unit_counted(self, doc: Doc, number: Number, approx_start: int) -> tuple[str, int] | None:
        """The unit a number counts, from wherever the sentence names it, and where the figure's words end."""
        after = self._unit_after(doc, number.end) or self._strength(doc, number.end)
        if after is not None:
            return self._as_counted(doc, after[0], approx_start, after[1]), after[1]
        if self._is_name(doc, approx_start):
            return None
        fate = _match_at(self._fates_after, doc, _skip(doc, number.end, _FATE_GAP))
        # "43 remain missing" tells what happened to them; "43 missing students" counts students.
        if fate is not None and self._is_bare(doc, fate[1]):
            return fate
        if not self._is_bare(doc, number.end):
            return None
        before = self._unit_before(doc, approx_start, number.end, approx_start < number.start)
        if before is not None:
            return self._as_counted(doc, before[0], approx_start, before[1]), number.end
        named = self._force_of(doc, approx_start) or (
            self._unit_later(doc, number.end) if self._is_sent(doc, approx_start) else None)
        return (self._as_counted(doc, named, approx_start, number.end), number.end) if named else None

    def _as_counted(self, doc: Doc, unit: str, start: int, end: int) -> str:
        """The unit as the sentence means it: officers are troops in a military sentence, and people killed,
        wounded, captured or missing are casualties."""
        if unit in _RANKS and self._is_military(doc[start].sent):
            unit = "troops"
        if unit in _PEOPLE_UNITS:
            unit = self._fate(doc, start, end) or unit
        return unit

    @staticmethod
    def _is_name(doc: Doc, start: int) -> bool:
        """True for a number after a capitalised word, which it names: "Boeing 727", "Resolution 2231"."""
        return start > 0 and not doc[start].is_sent_start and doc[start - 1].is_title

    def _is_bare(self, doc: Doc, end: int) -> bool:
        """True for a number that no noun follows, whose unit may be named elsewhere."""
        if end >= len(doc):
            return True
        token = doc[end]
        return (token.is_stop or not token.is_alpha or token.lower_ in _BARE_FOLLOWERS
                or token.lower_ in self._verb_forms or token.pos_ in _NOT_COUNTED_POS)

    def _counts_nothing_else(self, token: Token) -> bool:
        """True for a word that may stand between a number and its unit."""
        if token.text in _GAP_PUNCT or _in_compound(token) or token.lower_ in _GAP_STOP_WORDS:
            return True
        if token.is_punct or token.like_num or token.is_stop or token.lower_ in self._breakers:
            return False
        if token.lower_ in self._verb_forms:
            return False
        return token.pos_ in ("ADJ", "NOUN", "PROPN", "") or token.tag_ in ("VBN",)

    def _unit_after(self, doc: Doc, end: int) -> tuple[str, int] | None:
        if end + 1 < len(doc) and doc[end].lower_ == "of":
            # "at least 10 of the unmanned aerial vehicles": a partitive right after the number.
            if doc[end + 1].lower_ in _PARTITIVE_DETERMINERS:
                end += 2
            elif doc[end + 1].lower_ in _RELATIVE_PARTITIVES:
                end = _skip(doc, end + 2, _COPULAS)
        for gap in range(0, _MAX_GAP + 1):
            start = end + gap
            if start >= len(doc) or (gap and not self._counts_nothing_else(doc[start - 1])):
                return None
            unit = self._unit_at(doc, start)
            if unit is not None:
                return unit
        return None

    def _unit_at(self, doc: Doc, start: int) -> tuple[str, int] | None:
        """The unit named at start and where its words end; none where it only qualifies the next noun."""
        for size in self._unit_sizes:
            words = tuple(t.lower_ for t in doc[start:start + size])
            if len(words) == size and words in self._units:
                unit_end = start + size
                # "jet-powered drones", "anti-drone systems": a unit word inside a hyphenated word qualifies.
                if _in_compound(doc[start]) or _in_compound(doc[unit_end - 1]):
                    return None
                # "20 drone attacks" counts attacks: a singular unit word before a noun of the breakers.
                if (not words[-1].endswith("s") and unit_end < len(doc)
                        and doc[unit_end].lower_ in self._breakers):
                    return None
                return self._units[words], unit_end
        return None

    def _strength(self, doc: Doc, end: int) -> tuple[str, int] | None:
        """A force sized by a number before it: "a 4,000-strong contingent"."""
        end = _skip(doc, end, {"-", "–"})
        if end >= len(doc) or doc[end].lower_ != "strong":
            return None
        for start in range(end + 1, min(end + 1 + _MAX_GAP, len(doc))):
            named = _match_at(self._forces, doc, start) or self._unit_at(doc, start)
            if named is not None:
                return named if named[0] else None
            if not self._counts_nothing_else(doc[start]):
                return None
        return None

    def _force_of(self, doc: Doc, start: int) -> str | None:
        """Troops, for a number after a force and "of": "a brigade of 2,500"."""
        if start < 2 or doc[start - 1].lower_ != "of":
            return None
        return "troops" if _match_before(self._forces, doc, start - 1) else None

    def _unit_before(self, doc: Doc, start: int, end: int, approximate: bool) -> tuple[str, int] | None:
        """The unit named before a bare number and tied to it, and where it is named: "troops, numbering 11,000",
        "the number of troops is estimated at 7,000", "bringing the total to 11,000", "then another 4,000"."""
        if start == 0:
            return None
        j, linked = start - 1, approximate or doc[start - 1].lower_ in _LINK_WORDS
        while j >= 0 and (doc[j].text == "," or doc[j].lower_ in _LINK_WORDS):
            j -= 1
        if linked and j >= 0:
            named = _match_before(self._forces, doc, j + 1) or _match_before(self._units, doc, j + 1)
            if named is not None:
                return named, j + 1
        sent_start = doc[start].sent.start
        more = end < len(doc) and doc[end].lower_ == "more" and self._is_bare(doc, end + 1)
        if doc[start - 1].lower_ in _ANOTHER or more:
            return self._last_unit(doc, sent_start, start)
        if start > 1 and doc[start - 2].lower_ in _SIZE_NOUNS and doc[start - 1].lower_ in ("to", "at"):
            return self._last_unit(doc, sent_start, start - 2)
        for k in range(start - 1, sent_start, -1):
            if doc[k].like_num:
                return None
            if doc[k - 1].lower_ in _SIZE_NOUNS and doc[k].lower_ == "of":
                ends = range(k + 2, min(k + 5, start))
                return next(((unit, e) for e in ends if (unit := _match_before(self._units, doc, e))), None)
        return None

    def _last_unit(self, doc: Doc, start: int, end: int) -> tuple[str, int] | None:
        """The last unit named between start and end, and where its words end."""
        for k in range(end, start, -1):
            unit = _match_before(self._units, doc, k)
            if unit is not None:
                return unit, k
        return None

    def _is_sent(self, doc: Doc, start: int) -> bool:
        """True where a verb of sending takes the number: "has sent (another) 3,000"."""
        j = start - 1
        while j >= 0 and doc[j].lower_ in _ANOTHER | {"a", "an"}:
            j -= 1
        return j >= 0 and doc[j].lower_ in self._supply_forms

    def _unit_later(self, doc: Doc, end: int) -> str | None:
        """The unit of a bare count, named later with a definite article: "sent 3,000 ..., where the soldiers"."""
        stop = min(doc[end - 1].sent.end, end + _LATER_WINDOW)
        for k in range(end, stop):
            if doc[k].like_num:
                return None
            if doc[k].lower_ in _DEFINITE:
                for start in range(k + 1, min(k + 4, stop)):
                    unit = self._unit_at(doc, start)
                    if unit is not None:
                        return unit[0]
        return None

    def _is_military(self, sent: Span) -> bool:
        """True for a sentence that names troops, a force or an armed body."""
        return (any(t.lower_ in self._troop_words for t in sent)
                or any((a._.actor_code or "").endswith("MIL") for a in actors_within(sent.doc, sent.start, sent.end)))

    def _fate(self, doc: Doc, start: int, end: int) -> str | None:
        """The casualty unit of counted people, from what the words around them say happened to them."""
        after = _match_at(self._fates_after, doc, _skip(doc, end, _FATE_GAP))
        if after is not None:
            return after[0]
        before = start - 1 if start > 0 and doc[start - 1].lower_ == "of" else start
        return _match_before(self._fates_before, doc, before)

    # --- how exact, and whose -----------------------------------------------------------

    def _approx_before(self, doc: Doc, start: int) -> tuple[int, str | None]:
        for size in (3, 2, 1):
            words = tuple(t.lower_ for t in doc[max(0, start - size):start])
            if len(words) == size and words in self._approx:
                return start - size, self._approx[words]
        return start, None

    @staticmethod
    def _subject(doc: Doc, span: Span) -> str | None:
        sent = span.sent
        nearby = actors_within(doc, sent.start, sent.end)
        inside = [a for a in nearby if a.start < span.end and a.end > span.start]
        if inside:
            return inside[-1]._.actor_code
        before = [a for a in nearby if a.end <= span.start and a._.actor_kind not in ("person", "place")]
        return before[-1]._.actor_code if before else None


def _phrases(table: dict[str, str]) -> dict[tuple[str, ...], str]:
    return {tuple(phrase.split()): value for phrase, value in table.items()}


def _match_at(phrases: dict[tuple[str, ...], str], doc: Doc, start: int) -> tuple[str, int] | None:
    """The longest phrase starting at start, as (its value, where it ends)."""
    for size in (3, 2, 1):
        words = tuple(t.lower_ for t in doc[start:start + size])
        if len(words) == size and words in phrases:
            return phrases[words], start + size
    return None


def _match_before(phrases: dict[tuple[str, ...], str], doc: Doc, end: int) -> str | None:
    """The value of the longest phrase ending just before end."""
    for size in (3, 2, 1):
        words = tuple(t.lower_ for t in doc[max(0, end - size):end])
        if len(words) == size and words in phrases:
            return phrases[words]
    return None


def _skip(doc: Doc, i: int, words: set[str]) -> int:
    while i < len(doc) and doc[i].lower_ in words:
        i += 1
    return i


def _in_compound(token: Token) -> bool:
    """True for part of a hyphenated word ("so-called", "Iranian-made"), written without spaces."""
    doc = token.doc
    before = token.i > 0 and doc[token.i - 1].text in ("-", "–") and not doc[token.i - 1].whitespace_
    after = token.i + 1 < len(doc) and doc[token.i + 1].text in ("-", "–") and not token.whitespace_
    return before or after


@Language.factory("claimwatch_figures")
def make_figure_finder(nlp: Language, name: str) -> FigureFinder:
    """The figures component, built from the unit lexicon."""
    return FigureFinder(nlp)
