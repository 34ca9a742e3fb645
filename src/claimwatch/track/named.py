"""Named claims in the track stage: each statement placed, or already stored, judged toward them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import numpy as np

from ..claims.embedding import sentence_encoder
from ..claims.grouping import statement_content
from ..claims.named import NamedClaim, may_bear, stance_toward
from ..records import Statement
from ..store import NamedClaimRow, Store, TrackingStore

__all__ = ["add_named_claim", "judge_placed", "named_claim_of"]


def named_claim_of(row: NamedClaimRow) -> NamedClaim:
    """A stored named claim, ready to judge statements."""
    return NamedClaim.from_bytes(row.id, row.text, row.story_id, row.counters, row.vector, row.counter_vectors,
                                 row.subject, row.object)


def judge_placed(store: TrackingStore, story_id: str, article_id: str, statements: list[Statement],
                 vectors: np.ndarray) -> tuple[str, ...]:
    """Judge an article's statements, just placed in a story, toward the named claims there; returns those hit."""
    claims = [named_claim_of(row) for row in store.named_claims(story_id)]
    links = [(claim.id, article_id, position, stance)
             for claim in claims for position, (statement, vector) in enumerate(zip(statements, vectors))
             if (stance := stance_toward(claim, statement, vector)) is not None]
    store.add_named_statements(links)
    return tuple(dict.fromkeys(claim_id for claim_id, _, _, _ in links))


def add_named_claim(store: Store, claim: NamedClaim, *,
                    on_article: Callable[[int], None] | None = None) -> Counter[str]:
    """Store the claim and judge every stored statement of its story (or of all) toward it; stances counted.

    Three steps, so that the write lock is held only while writing: the claim is stored first (new
    articles are judged toward it from then on), the stored statements are judged without the lock,
    and the judgements written at the end.
    """
    with store.transaction():
        store.save_named_claim(NamedClaimRow(
            claim.id, claim.text, claim.story_id, claim.counters, claim.vector.astype("<f4").tobytes(),
            claim.counter_vectors.astype("<f4").tobytes(), subject=claim.subject, object=claim.object))
    links = []
    for done, article_id in enumerate(store.tracked_articles(claim.story_id), 1):
        analysis = store.get_analysis(article_id)
        # Positions are the analysis's statement order, as tracking stored them.
        candidates = [(p, s) for p, s in enumerate(analysis.statements if analysis else []) if may_bear(claim, s)]
        vectors = sentence_encoder().encode([statement_content(s) for _, s in candidates])
        links += [(claim.id, article_id, position, stance) for (position, statement), vector in zip(candidates, vectors)
                  if (stance := stance_toward(claim, statement, vector)) is not None]
        if on_article is not None:
            on_article(done)
    with store.transaction():
        store.add_named_statements(links)
    return Counter(stance for *_, stance in links)
