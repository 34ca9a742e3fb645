"""One article in, one Analysis out: the analyze stage's entry point."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from ..lexicon import anonymity_words
from ..records import Analysis, Article, Mention, Statement
from ..settings import ANALYSIS_BATCH_SIZE, MAX_TEXT_CHARACTERS
from .pipeline import build_pipeline, default_pipeline
from .statements import MAX_SENTENCE_TOKENS

__all__ = ["Analyzer"]

_MARKUP = re.compile(r"<(?:/?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?|!--.*?--)>", re.DOTALL)
_NOT_COUNTRY_MENTIONS = {"person", "media_outlet", "place"}


class Analyzer:
    """Analyses articles with one of the two pipelines (`full` when its model is installed)."""

    def __init__(self, pipeline: str | None = None) -> None:
        self.pipeline = pipeline or default_pipeline()
        self.nlp = build_pipeline(self.pipeline)

    def analyze(self, article: Article) -> Analysis:
        """The analysis of one article."""
        return next(self.analyze_many([article]))

    def analyze_many(self, articles: Iterable[Article], *, n_process: int = 1,
                     batch_size: int = ANALYSIS_BATCH_SIZE) -> Iterator[Analysis]:
        """The analyses of many articles, in order, the model run in batches (in n_process processes)."""
        if n_process > 1:
            yield from _analyse_in_processes(self.pipeline, articles, n_process, batch_size)
            return
        prepared = (self._prepare(article) for article in articles)
        for doc in self.nlp.pipe(prepared, batch_size=batch_size):
            yield self._analysis(doc)

    def _prepare(self, article: Article) -> Doc:
        text, notes = article.text or "", []
        original = None
        if _MARKUP.search(text):
            original = text
            text = _MARKUP.sub(lambda m: " " * len(m.group()), text)  # keeps offsets into the stored text
            notes.append("markup in the text was ignored")
        if len(text) > MAX_TEXT_CHARACTERS:
            notes.append(f"text cut at {MAX_TEXT_CHARACTERS:,} of {len(text):,} characters")
            text = text[:MAX_TEXT_CHARACTERS]
        if not text.strip():
            notes.append("empty text: nothing to analyse")
        english = article.language in (None, "en")
        if not english:
            notes.append(f"language {article.language!r} is not English: only gazetteer names and figures are read")
        doc = self.nlp.make_doc(text)
        doc.user_data.update(id=article.id, published=article.published, language=article.language,
                             english=english, notes=notes, original=original)
        return doc

    def _analysis(self, doc: Doc) -> Analysis:
        data = doc.user_data
        notes = list(data.get("notes", []))
        statements = doc._.statements if data.get("english", True) else []
        if skipped := data.get("run_on_sentences"):
            notes.append(f"{skipped} run-on sentences of over {MAX_SENTENCE_TOKENS} tokens were not read for statements")
        actors = [Mention(a.text, a._.actor_code, a._.actor_country, a._.actor_kind, a.start_char, a.end_char)
                  for a in doc._.actors]
        # Countries named, by demonym, or by their bodies; not where a person or an outlet
        # comes from, nor a capital that is only a place ("talks in Vienna").
        countries = sorted({a.country for a in actors if a.country and a.kind not in _NOT_COUNTRY_MENTIONS})
        if data.get("original") is not None:
            _quote_original(data["original"], actors, doc._.figures, statements)
        return Analysis(
            id=data.get("id"), language=data.get("language"), countries=countries, actors=actors,
            figures=doc._.figures, statements=statements,
            anonymous_source=any(s.source_kind == "anonymous_official" or _cites_anonymously(s) for s in statements),
            events=doc._.events if data.get("english", True) else [], pipeline=self.pipeline, notes=notes,
        )


def _cites_anonymously(statement: Statement) -> bool:
    """True for an outlet "citing unnamed officials" or "citing government sources": no name at the origin."""
    if not statement.cited:
        return False
    words = [w.strip('"“”\'').lower() for w in statement.cited.split()]
    words = words[1:] if words and words[0] in ("the", "a", "an", "two", "three", "several") else words
    return bool(set(words[:2]) & anonymity_words())


def _quote_original(original: str, *groups: list) -> None:
    """Make every text field an exact substring of the article as stored, markup and all."""
    for group in groups:
        for item in group:
            fields = ("sentence",) if hasattr(item, "sentence") else ("text",)
            for name in fields:
                setattr(item, name, original[item.start:item.end])
            if getattr(item, "cue", None) and item.cue not in item.sentence:
                item.cue = None


# Each worker process builds its pipeline once; Analysis records travel back, not Docs,
# whose extension values spaCy's own multiprocessing cannot serialise.
_worker_analyzer: Analyzer | None = None


def _start_worker(pipeline: str) -> None:
    global _worker_analyzer
    _worker_analyzer = Analyzer(pipeline)


def _analyse_chunk(articles: list[Article]) -> list[Analysis]:
    return list(_worker_analyzer.analyze_many(articles))


def _analyse_in_processes(pipeline: str, articles: Iterable[Article], n_process: int,
                          batch_size: int) -> Iterator[Analysis]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from itertools import islice

    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(n_process, mp_context=context, initializer=_start_worker,
                             initargs=(pipeline,)) as pool:
        stream = iter(articles)
        chunks = iter(lambda: list(islice(stream, batch_size)), [])
        for chunk in pool.map(_analyse_chunk, chunks):
            yield from chunk
