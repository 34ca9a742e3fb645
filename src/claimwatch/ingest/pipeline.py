"""The ingest stage: drafts normalised, deduplicated and stored in batches."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator

from ..errors import ClaimwatchError, DuplicateIdError, ExtractionError, StoreError
from ..records import Article, IngestOutcome, day_number
from ..store import Store
from .dedup import (
    Fingerprint, content_words, estimated_jaccard, fingerprint, normalized_text, overlap, text_hash,
)
from .draft import Draft
from .normalize import canonical_url, date_from_text, date_from_url, detect_language, iso_date, registrable_domain

__all__ = ["AfterBatch", "Ingester", "normalize_draft"]

# Set between the word overlap of copies and that of other articles on the
# same stories in the bundled sample corpus: see tests/test_sample_corpus.py.
UNIGRAM_THRESHOLD = 0.30
BIGRAM_THRESHOLD = 0.14
# Copies appear within days of their original; older look-alikes are follow-ups.
# Articles whose day is unknown are compared with all.
WINDOW_DAYS = 7
# A signature estimate this far under the threshold may still pass the exact check.
_ESTIMATE_SLACK = 0.1
# Control characters other than tab and line breaks carry no text, break XML and HTML
# output, and are kept free for search to mark matches with.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def normalize_draft(draft: Draft) -> Article:
    """An Article from a draft: canonical URL, outlet, ISO date, language, text hash, id."""
    return _normalize(draft)[0]


def _normalize(draft: Draft) -> tuple[Article, str]:
    text = _CONTROL.sub("", draft.text).strip()
    if not text:
        raise ExtractionError(f"{draft.input}: the article text is empty; nothing to store")
    url = canonical_url(draft.url)
    normalized = normalized_text(text)
    digest = text_hash(text, normalized=normalized)
    published = iso_date(draft.published) or date_from_url(url) or date_from_text(text)
    outlet = (draft.outlet or "").strip().lower().removeprefix("www.") or registrable_domain(url)
    article = Article(
        id=draft.id or _derived_id(url or draft.source, digest),
        text=text,
        title=_CONTROL.sub("", draft.title or "").strip() or None,
        url=url,
        outlet=outlet or None,
        published=published,
        authors=draft.authors,
        site_name=draft.site_name,
        language=detect_language(text),
        source=draft.source,
        text_hash=digest,
        extra=draft.extra,
    )
    return article, normalized


def _derived_id(origin: str, digest: str) -> str:
    # One text at one address: an edited page is a new version, not a clash,
    # and the same text from elsewhere is an exact duplicate, not "already stored".
    return hashlib.sha256(f"{origin}\n{digest}".encode("utf-8")).hexdigest()[:16]


# Called with the store and the articles a batch added, inside the batch's
# transaction: later stages (analysis) store their results with the articles.
AfterBatch = Callable[[Store, list[Article]], None]


class Ingester:
    """Stores drafts in the store, batch by batch, one transaction per batch."""

    def __init__(self, store: Store, *, batch_size: int = 200, after_batch: AfterBatch | None = None) -> None:
        self.store = store
        self.batch_size = batch_size
        self.after_batch = after_batch

    def ingest(self, items: Iterable[Draft | ClaimwatchError]) -> Iterator[IngestOutcome]:
        """Store every draft, yielding one outcome per draft or error, in order."""
        batch: list[Draft | ClaimwatchError] = []
        for item in items:
            batch.append(item)
            if len(batch) >= self.batch_size:
                yield from self._write(batch)
                batch = []
        if batch:
            yield from self._write(batch)

    def _write(self, batch: list[Draft | ClaimwatchError]) -> list[IngestOutcome]:
        outcomes: list[IngestOutcome] = []
        added: list[Article] = []
        with self.store.transaction():
            for item in batch:
                if isinstance(item, ClaimwatchError):
                    outcomes.append(IngestOutcome("failed", str(item).split(": ", 1)[0], error=str(item)))
                    continue
                try:
                    article, normalized = _normalize(item)
                    outcomes.append(self._store_one(article, normalized, item.input))
                    if outcomes[-1].kind in ("added", "near_duplicate"):
                        added.append(article)
                except (DuplicateIdError, ExtractionError) as exc:
                    outcomes.append(IngestOutcome("failed", item.input, error=str(exc)))
                except StoreError:
                    raise
                except Exception as exc:  # noqa: BLE001  one odd article must not stop the batch
                    outcomes.append(IngestOutcome("failed", item.input, error=(
                        f"{item.input}: could not be processed ({type(exc).__name__}: {exc}); "
                        "please report this with the input")))
            if self.after_batch is not None and added:
                self.after_batch(self.store, added)
        return outcomes

    def _store_one(self, article: Article, normalized: str, where: str) -> IngestOutcome:
        existing = self.store.get_article(article.id)
        if existing is not None:
            if existing.text_hash != article.text_hash:
                raise DuplicateIdError(
                    f"{where}: id {article.id!r} is already used by another article "
                    f"(from {existing.source}); give this one a unique id")
            if (existing.source, existing.url) != (article.source, article.url):
                self.store.record_source(article.id, article.source, article.url, article.outlet)
            return IngestOutcome("unchanged", where, article.id, article.id)
        same_text = self.store.article_id_for_hash(article.text_hash)
        if same_text is not None:
            self.store.record_source(same_text, article.source, article.url, article.outlet)
            return IngestOutcome("duplicate", where, article.id, same_text)
        signature = fingerprint(normalized)
        originals = self._near_duplicate_roots(article, signature)
        root = min(originals, key=lambda a: (a.published or "9999", a.ingested_at or ""), default=None)
        # A newcomer published before what it matches is their original, not a copy.
        came_first = bool(root and article.published and root.published and article.published < root.published)
        if root is not None and not came_first:
            article.duplicate_of = root.id
        self.store.insert_article(article, signature.minhash, signature.band_keys, day_number(article.published))
        if root is None:
            return IngestOutcome("added", where, article.id)
        self.store.relink_duplicates([a.id for a in originals], article.id if came_first else root.id)
        if came_first:
            return IngestOutcome("added", where, article.id, became_original_of=len(originals))
        return IngestOutcome("near_duplicate", where, article.id, root.id, became_original_of=len(originals) - 1)

    def _near_duplicate_roots(self, article: Article, signature: Fingerprint) -> list[Article]:
        """The originals (earliest articles of their copy groups) this article copies."""
        roots: dict[str, Article] = {}
        day = day_number(article.published)
        window = (day - WINDOW_DAYS, day + WINDOW_DAYS) if day is not None else None
        for candidate in self.store.near_duplicate_candidates(signature.band_keys, window):
            if estimated_jaccard(signature.minhash, candidate.minhash) < UNIGRAM_THRESHOLD - _ESTIMATE_SLACK:
                continue
            stored = self.store.get_article(candidate.id)
            if stored is None:
                continue
            unigram, bigram = overlap(signature.words, content_words(normalized_text(stored.text)))
            if unigram < UNIGRAM_THRESHOLD or bigram < BIGRAM_THRESHOLD:
                continue
            root_id = candidate.duplicate_of or candidate.id
            if root_id not in roots:
                roots[root_id] = stored if root_id == candidate.id else self.store.get_article(root_id) or stored
        return list(roots.values())
