"""The figures component: numbers with what they count, whose, and how exactly.

"up to 12,000 North Korean troops" → 12000 troops of PRKMIL, approx "up to";
"10,000 to 12,000 soldiers" → 10000–12000; "three thousand" → 3000. Dates,
ages, ordinals and numbers that count nothing in the unit lexicon are not
figures.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..lexicon import approximations, cameo_forms, count_breakers, cue_verb_forms, number_words, units
from ..records import Figure
from .actors import actors_within
from .dates import MONTHS

__all__ = ["FigureFinder"]

_RANGE_WORDS = {"to", "-", "–", "and", "or"}
# Words allowed between a number and its unit: "1,700 so-called Shahed explosive drones".
_MAX_GAP = 6
_GAP_PUNCT = {"-", "–", '"', "“", "”", "'", "‘", "’"}
# "several hundred UAVs" is no count; "a hundred drones" is.
_MAGNITUDES = {"hundred", "thousand", "million", "billion", "dozen"}
_MAGNITUDE_ARTICLES = {"a", "an", "one"}
_PARTITIVE_DETERMINERS = {"the", "its", "their", "these", "those", "his", "her"}
_MONTHS = {*MONTHS, "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
           "dec"}
_AGE_WORDS = {"year", "years", "aged", "age", "old", "%", "percent", "per", "cent", "km", "kilometres",
              "kilometers", "miles", "metres", "meters", "hours", "days", "weeks", "months", "minutes"}

if not Doc.has_extension("figures"):
    Doc.set_extension("figures", default=[])


def _value(tokens: list[str]) -> float | None:
    """The value of a number written in digits, words or both ("1.5 million", "three thousand")."""
    words = number_words()
    total, current = 0.0, None
    for token in tokens:
        text = token.lower().replace(",", "")
        try:
            number = float(text)
        except ValueError:
            if text not in words:
                return None
            number = words[text]
        if number >= 100 and current is not None and number in (100, 1000, 1e6, 1e9):
            current *= number
            if number >= 1000:
                total, current = total + current, None
        else:
            current = (current or 0) + number
    return total + (current or 0)


class FigureFinder:
    """spaCy component that fills doc._.figures (needs doc._.actors)."""

    def __init__(self, nlp: Language) -> None:
        self._units = {tuple(w.split()): unit for w, unit in units().items()}
        self._unit_sizes = sorted({len(k) for k in self._units}, reverse=True)
        self._approx = {tuple(p.split()): a for p, a in approximations().items()}
        self._breakers = count_breakers()
        self._verb_forms = cue_verb_forms() | cameo_forms().keys()

    def __call__(self, doc: Doc) -> Doc:
        figures, i = [], 0
        while i < len(doc):
            if not doc[i].like_num or self._is_date_or_age(doc, i) or self._bare_magnitude(doc, i):
                i += 1
                continue
            end = self._number_end(doc, i)
            value = _value([t.text for t in doc[i:end] if t.text not in ("-", "–")])
            high, number_end = None, end
            if value is not None and end + 1 < len(doc) and doc[end].lower_ in _RANGE_WORDS and doc[end + 1].like_num:
                range_end = self._number_end(doc, end + 1)
                high = _value([t.text for t in doc[end + 1:range_end]])
                if high is not None and high > value:
                    number_end = range_end
                else:
                    high = None
            unit = self._unit_after(doc, number_end) if value is not None else None
            if unit is not None and value is not None and value >= 2:
                unit_name, unit_end = unit
                figures.append(self._figure(doc, i, number_end, unit_end, value, high, unit_name))
                i = unit_end
            else:
                i = end
        doc._.figures = figures
        return doc

    @staticmethod
    def _number_end(doc: Doc, start: int) -> int:
        end = start + 1
        while end < len(doc) and (doc[end].like_num or (doc[end].text in ("-", "–") and end + 1 < len(doc)
                                                         and doc[end + 1].like_num and not doc[end - 1].is_digit
                                                         and not doc[end - 1].text.replace(",", "").isdigit())):
            end += 1
        return end

    @staticmethod
    def _is_date_or_age(doc: Doc, i: int) -> bool:
        neighbours = {doc[j].lower_ for j in (i - 1, i + 1, i + 2) if 0 <= j < len(doc)}
        if neighbours & _MONTHS:
            return True
        text = doc[i].text
        if len(text) == 4 and text.isdigit() and 1900 <= int(text) <= 2100:
            return True
        following = {t.lower_ for t in doc[i + 1:i + 4]}
        return bool(following & _AGE_WORDS) and not following & {"troops", "soldiers"}

    @staticmethod
    def _bare_magnitude(doc: Doc, i: int) -> bool:
        return doc[i].lower_ in _MAGNITUDES and (i == 0 or doc[i - 1].lower_ not in _MAGNITUDE_ARTICLES)

    def _counts_nothing_else(self, token) -> bool:
        """True for a word that may stand between a number and its unit."""
        if token.text in _GAP_PUNCT or _in_compound(token):
            return True
        if token.is_punct or token.like_num or token.is_stop or token.lower_ in self._breakers:
            return False
        if token.lower_ in self._verb_forms:
            return False
        return token.pos_ in ("ADJ", "NOUN", "PROPN", "") or token.tag_ in ("VBN",)

    def _unit_after(self, doc: Doc, end: int) -> tuple[str, int] | None:
        # "at least 10 of the unmanned aerial vehicles": a partitive right after the number.
        if end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].lower_ in _PARTITIVE_DETERMINERS:
            end += 2
        for gap in range(0, _MAX_GAP + 1):
            start = end + gap
            if start >= len(doc) or (gap and not self._counts_nothing_else(doc[start - 1])):
                return None
            for size in self._unit_sizes:
                words = tuple(t.lower_ for t in doc[start:start + size])
                if len(words) == size and words in self._units:
                    return self._units[words], start + size
        return None

    def _figure(self, doc: Doc, start: int, number_end: int, unit_end: int, value: float, high: float | None,
                unit: str) -> Figure:
        approx_start, approx = start, None
        for size in (3, 2, 1):
            words = tuple(t.lower_ for t in doc[max(0, start - size):start])
            if len(words) == size and words in self._approx:
                approx_start, approx = start - size, self._approx[words]
                break
        span = doc[approx_start:unit_end]
        return Figure(value=value, unit=unit, subject=self._subject(doc, span), approx=approx, text=span.text,
                      start=span.start_char, end=span.end_char, high=high)

    @staticmethod
    def _subject(doc: Doc, span: Span) -> str | None:
        sent = span.sent
        nearby = actors_within(doc, sent.start, sent.end)
        inside = [a for a in nearby if a.start < span.end and a.end > span.start]
        if inside:
            return inside[-1]._.actor_code
        before = [a for a in nearby if a.end <= span.start and a._.actor_kind not in ("person", "place")]
        return before[-1]._.actor_code if before else None


def _in_compound(token) -> bool:
    """True for part of a hyphenated word ("so-called", "Iranian-made"), written without spaces."""
    doc = token.doc
    before = token.i > 0 and doc[token.i - 1].text in ("-", "–") and not doc[token.i - 1].whitespace_
    after = token.i + 1 < len(doc) and doc[token.i + 1].text in ("-", "–") and not token.whitespace_
    return before or after


@Language.factory("claimwatch_figures")
def make_figure_finder(nlp: Language, name: str) -> FigureFinder:
    """The figures component, built from the unit lexicon."""
    return FigureFinder(nlp)
