"""The ingest stage: drafts normalised, deduplicated and stored in batches."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any, Protocol

from ..errors import ClaimwatchError, DuplicateIdError, ExtractionError, StoreError
from ..records import Article, IngestOutcome, day_number
from ..settings import (
    COPY_BIGRAM_THRESHOLD, COPY_ESTIMATE_SLACK, COPY_UNIGRAM_THRESHOLD, COPY_WINDOW_DAYS, INGEST_BATCH_SIZE,
    MAX_TEXT_CHARACTERS,
)
from ..store import Store
from .dedup import (
    Fingerprint, content_words, estimated_jaccard, fingerprint, normalized_text, overlap, text_hash,
)
from .draft import Draft
from .normalize import canonical_url, date_from_text, date_from_url, detect_language, iso_date, registrable_domain

__all__ = ["AfterBatch", "Ingester", "normalize_draft"]

# Control characters other than tab and line breaks carry no text, break XML and HTML
# output, and are kept free for search to mark matches with.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# A cut text ends at the last paragraph, line, sentence or word end found this close to the cap.
_CUT_REACH = 20_000
_BOUNDARIES = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"[.!?][\"'”’)\]]*\s"))


def normalize_draft(draft: Draft) -> Article:
    """An Article from a draft: canonical URL, outlet, ISO date, language, text hash, id; text capped."""
    return _normalize(draft)[0]


def _normalize(draft: Draft) -> tuple[Article, str, str | None]:
    """The article, its normalised text, and a note when its text had to be cut."""
    text = _CONTROL.sub("", draft.text).strip()
    if not text:
        raise ExtractionError(f"{draft.input}: the article text is empty; nothing to store")
    note, extra = None, draft.extra
    if len(text) > MAX_TEXT_CHARACTERS:
        original = len(text)
        text = _cut(text)
        note = (f"{draft.input}: text of {original:,} characters cut to the first {len(text):,}; "
                "split the document to keep the rest")
        extra = {**draft.extra, "original_text_length": original}
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
        extra=extra,
    )
    return article, normalized, note


def _cut(text: str) -> str:
    """The text's first MAX_TEXT_CHARACTERS at most, ending at a paragraph, line, sentence or word if one is near."""
    head = text[:MAX_TEXT_CHARACTERS]
    floor = MAX_TEXT_CHARACTERS - _CUT_REACH
    for boundary in _BOUNDARIES:
        ends = [match.end() for match in boundary.finditer(head, floor)]
        if ends:
            return head[:ends[-1]].rstrip()
    space = head.rfind(" ", floor)
    return head[:space].rstrip() if space > 0 else head


def _derived_id(origin: str, digest: str) -> str:
    # One text at one address: an edited page is a new version, not a clash,
    # and the same text from elsewhere is an exact duplicate, not "already stored".
    return hashlib.sha256(f"{origin}\n{digest}".encode("utf-8")).hexdigest()[:16]


class AfterBatch(Protocol):
    """Later stages (analysis, tracking, alerts) run for the articles each batch adds.

    The slow part runs before the batch's write transaction, so that other writers
    (a second ingest, the web) wait seconds rather than minutes; what it produced is
    stored inside the transaction, with the articles.
    """

    def prepare(self, articles: list[Article]) -> Any:
        """Work that needs no write lock (the analysis) for articles that may turn out new."""

    def save(self, store: Store, articles: list[Article], prepared: Any) -> None:
        """Inside the batch's transaction: store what is needed for the articles it did add."""


@dataclass(frozen=True, slots=True)
class _InTransaction:
    """A plain hook(store, articles), run whole inside the batch's transaction as before prepare/save existed."""

    hook: Callable[[Store, list[Article]], None]

    def prepare(self, articles: list[Article]) -> None:
        return None

    def save(self, store: Store, articles: list[Article], prepared: None) -> None:
        self.hook(store, articles)


@dataclass(slots=True)
class _Pending:
    """A normalised draft waiting for its batch's transaction."""

    index: int
    article: Article
    normalized: str
    input: str
    note: str | None
    signature: Fingerprint | None = None


class Ingester:
    """Stores drafts in the store, batch by batch, one short write transaction per batch."""

    def __init__(self, store: Store, *, batch_size: int = INGEST_BATCH_SIZE,
                 after_batch: AfterBatch | Callable[[Store, list[Article]], None] | None = None) -> None:
        self.store = store
        self.batch_size = batch_size
        if after_batch is not None and not hasattr(after_batch, "prepare"):
            # A plain function holds the write lock while it runs; AfterBatch's prepare() does not.
            after_batch = _InTransaction(after_batch)
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
        outcomes: list[IngestOutcome | None] = [None] * len(batch)
        pending: list[_Pending] = []
        for index, item in enumerate(batch):
            if isinstance(item, ClaimwatchError):
                outcomes[index] = IngestOutcome("failed", str(item).split(": ", 1)[0], error=str(item))
                continue
            try:
                article, normalized, note = _normalize(item)
                pending.append(_Pending(index, article, normalized, item.input, note))
            except ExtractionError as exc:
                outcomes[index] = IngestOutcome("failed", item.input, error=str(exc))
            except Exception as exc:  # noqa: BLE001  one odd article must not stop the batch
                outcomes[index] = _unexpected(item.input, exc)
        if not pending:
            return [outcome for outcome in outcomes if outcome is not None]
        fresh = self._maybe_new(pending)
        prepared = self.after_batch.prepare([p.article for p in fresh]) if self.after_batch and fresh else None
        added: list[Article] = []
        with self.store.transaction():
            # Decided again here, under the lock: another writer may have stored the same since.
            stored_ids, stored_hashes = self._stored(pending)
            for entry in pending:
                try:
                    # Its writes undone alone if it fails, and the batch goes on (PostgreSQL would
                    # otherwise refuse every later statement of the transaction).
                    with self.store.savepoint():
                        outcome = self._store_one(entry, stored_ids, stored_hashes)
                except DuplicateIdError as exc:
                    outcome = IngestOutcome("failed", entry.input, error=str(exc))
                except StoreError:
                    raise
                except Exception as exc:  # noqa: BLE001  one odd article must not stop the batch
                    outcome = _unexpected(entry.input, exc)
                if outcome.kind in ("added", "near_duplicate"):
                    added.append(entry.article)
                    stored_ids.add(entry.article.id)
                    stored_hashes.add(entry.article.text_hash)
                if entry.note and outcome.kind != "failed":
                    outcome = replace(outcome, note=entry.note)
                outcomes[entry.index] = outcome
            if self.after_batch is not None and added:
                self.after_batch.save(self.store, added, prepared)
        return [outcome for outcome in outcomes if outcome is not None]

    def _maybe_new(self, pending: list[_Pending]) -> list[_Pending]:
        """The drafts that may be new, by reads alone: not stored already by id or text, nor earlier in the batch."""
        ids: set[str] = set()
        hashes: set[str] = set()
        stored_ids, stored_hashes = self._stored(pending)
        fresh = []
        for entry in pending:
            article = entry.article
            known = article.id in ids or article.text_hash in hashes
            ids.add(article.id)
            hashes.add(article.text_hash)
            if known or article.id in stored_ids or article.text_hash in stored_hashes:
                continue
            # Worked out here, outside the lock, for the write to use.
            entry.signature = fingerprint(entry.normalized)
            fresh.append(entry)
        return fresh

    def _stored(self, pending: list[_Pending]) -> tuple[set[str], set[str]]:
        """The batch's ids and text hashes already stored, in one query rather than two an article."""
        return self.store.stored_among([e.article.id for e in pending], [e.article.text_hash for e in pending])

    def _store_one(self, entry: _Pending, stored_ids: set[str], stored_hashes: set[str]) -> IngestOutcome:
        """Store one article: stored_ids and stored_hashes say what the store holds, this batch's writes included."""
        article, where = entry.article, entry.input
        existing = self.store.get_article(article.id) if article.id in stored_ids else None
        if existing is not None:
            if existing.text_hash != article.text_hash:
                raise DuplicateIdError(
                    f"{where}: id {article.id!r} is already used by another article "
                    f"(from {existing.source}); give this one a unique id")
            if (existing.source, existing.url) != (article.source, article.url):
                self.store.record_source(article.id, article.source, article.url, article.outlet)
            return IngestOutcome("unchanged", where, article.id, article.id)
        same_text = self.store.article_id_for_hash(article.text_hash) if article.text_hash in stored_hashes else None
        if same_text is not None:
            self.store.record_source(same_text, article.source, article.url, article.outlet)
            return IngestOutcome("duplicate", where, article.id, same_text)
        signature = entry.signature or fingerprint(entry.normalized)
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
        window = (day - COPY_WINDOW_DAYS, day + COPY_WINDOW_DAYS) if day is not None else None
        for candidate in self.store.near_duplicate_candidates(signature.band_keys, window):
            if estimated_jaccard(signature.minhash, candidate.minhash) < COPY_UNIGRAM_THRESHOLD - COPY_ESTIMATE_SLACK:
                continue
            stored = self.store.get_article(candidate.id)
            if stored is None:
                continue
            unigram, bigram = overlap(signature.words, content_words(normalized_text(stored.text)))
            if unigram < COPY_UNIGRAM_THRESHOLD or bigram < COPY_BIGRAM_THRESHOLD:
                continue
            root_id = candidate.duplicate_of or candidate.id
            if root_id not in roots:
                roots[root_id] = stored if root_id == candidate.id else self.store.get_article(root_id) or stored
        return list(roots.values())


def _unexpected(where: str, exc: Exception) -> IngestOutcome:
    return IngestOutcome("failed", where, error=(
        f"{where}: could not be processed ({type(exc).__name__}: {exc}); please report this with the input"))
