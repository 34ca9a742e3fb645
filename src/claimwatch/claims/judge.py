"""The stance of an article's statements, and of the article, toward a claim given in words."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from ..records import Statement
from .cues import NEGATIONS, find_cues
from .model import LABELS, StanceModel, load_model
from .reading import ArticleReading, Passage
from .words import content_stems, name_stems, stems

__all__ = ["ClaimStance", "Claim", "FEATURES", "article_features", "judge", "passage_stance", "statement_stance"]

STANCE_ORDER = ("denies", "unverified", "speculates", "confirms")
# A passage bears on the claim when it holds this share of the claim's weighted words.
BEARING_SHARE = 0.34
# Negation this many words before a claim word denies it ("did not die").
_NEGATION_REACH = 4
# An article this short (in words) is read as a headline.
_HEADLINE_WORDS = 35

FEATURES = (
    "coverage", "best_overlap", "top3_overlap", "name_coverage", "pair_coverage", "title_overlap",
    "bearing_count", *(f"share_{s}" for s in STANCE_ORDER), *(f"best_{s}" for s in STANCE_ORDER),
    *(f"head_{s}" for s in STANCE_ORDER), "share_attributes", "text_denies", "text_hedges",
    "claim_denies", "claim_hedges", "claim_question", "passage_count", "negated_claim_word",
    "best_overlap_squared", "head_attributed", "best_attributed", "share_attributed", "head_question",
    "lead_hedged", *(f"headline_only_{name}" for name in ("attributed", "hedged", "denies", "plain")),
    "share_plain", "text_attributed",
)


@dataclass(frozen=True, slots=True)
class Claim:
    """A claim in words, read once: its content stems weighted (names and numbers count double)."""

    text: str
    weights: dict[str, float]
    pairs: frozenset[tuple[str, str]]
    stances: frozenset[str]

    @classmethod
    def of(cls, text: str) -> Claim:
        """The claim read from its words."""
        words = content_stems(text)
        names = name_stems(text)
        weights = {w: (2.0 if w in names or w.isdigit() else 1.0) for w in words}
        # The claim's own cues: "X denies Y" is agreed with by a text that reports the denial.
        return cls(text, weights, frozenset(zip(words, words[1:])),
                   frozenset(c.stance for c in find_cues(stems(text))))


@dataclass(slots=True)
class ClaimStance:
    """An article's stance toward a claim, and the statements that carry it."""

    stance: str
    statements: list[Statement]


def statement_stance(statement: Statement) -> str:
    """A statement's stance toward what it says: its own, unless its words leave the matter open.

    "Despite no explicit confirmation of X, Y acknowledged Z" confirms nothing of X: a cue of
    doubt ("no confirmation", "could not verify", "not ruling out") makes it unverified.
    """
    found = {cue.stance for cue in find_cues(stems(statement.sentence or ""))}
    if "unverified" in found and "denies" not in found:
        return "unverified"
    return statement.stance or "asserts"


def overlap(claim: Claim, passage: Passage) -> float:
    """The share of the claim's weighted words that the passage holds."""
    total = sum(claim.weights.values())
    if not total:
        return 0.0
    present = passage.stem_set
    return sum(w for word, w in claim.weights.items() if word in present) / total


def passage_stance(claim: Claim, passage: Passage) -> str:
    """The passage's stance toward the claim (not toward its own verb)."""
    found = {cue.stance for cue in passage.cues}
    if "denies" in found and "denies" in claim.stances:
        found.discard("denies")  # reporting a denial the claim itself states agrees with it
    if "denies" not in claim.stances and _negates_claim_word(claim, passage):
        found.add("denies")
    for stance in STANCE_ORDER:
        if stance in found:
            return stance
    own = passage.statement.stance
    return own if passage.statement.cue and own in STANCE_ORDER and own != "denies" else "asserts"


def _negates_claim_word(claim: Claim, passage: Passage) -> bool:
    in_cue = {i for cue in passage.cues if cue.stance == "unverified" for i in range(cue.first, cue.last + 1)}
    for index, word in enumerate(passage.stems):
        if word in NEGATIONS and index not in in_cue:
            if any(w in claim.weights for w in passage.stems[index + 1:index + 1 + _NEGATION_REACH]):
                return True
    return False


def article_features(claim: Claim, reading: ArticleReading) -> tuple[list[float], list[tuple[float, Passage, str]]]:
    """The article's features toward the claim, and each passage's overlap and stance."""
    scored = [(overlap(claim, p), p, passage_stance(claim, p)) for p in reading.passages]
    bearing = [item for item in scored if item[0] >= BEARING_SHARE]
    ranked = sorted(scored, key=lambda item: -item[0])
    everything = set().union(*(p.stem_set for p in reading.passages)) if reading.passages else set()
    title = reading.title
    if title is not None:
        everything |= title.stem_set
    total = sum(claim.weights.values()) or 1.0
    names = [w for w, weight in claim.weights.items() if weight > 1]
    best = ranked[0][0] if ranked else 0.0
    weight_sum = sum(o for o, _, _ in bearing) or 1.0
    shares = [sum(o for o, _, s in bearing if s == stance) / weight_sum for stance in STANCE_ORDER]
    best_stance = ranked[0][2] if ranked else "asserts"
    head = title if title is not None else (reading.passages[0] if reading.passages else None)
    head_stance = passage_stance(claim, head) if head is not None else "asserts"
    n = max(len(reading.passages), 1)
    cue_kinds = [{c.stance for c in p.cues} for p in reading.passages]
    features = [
        sum(w for word, w in claim.weights.items() if word in everything) / total,
        best,
        sum(o for o, _, _ in ranked[:3]) / 3,
        (sum(1 for w in names if w in everything) / len(names)) if names else 1.0,
        _pair_coverage(claim, reading),
        overlap(claim, title) if title is not None else best,
        math.log1p(len(bearing)),
        *shares,
        *(1.0 if best_stance == stance else 0.0 for stance in STANCE_ORDER),
        *(1.0 if head_stance == stance else 0.0 for stance in STANCE_ORDER),
        sum(o for o, p, _ in bearing if any(c.stance == "attributes" for c in p.cues)) / weight_sum,
        sum("denies" in kinds for kinds in cue_kinds) / n,
        sum(bool(kinds & {"speculates", "unverified"}) for kinds in cue_kinds) / n,
        1.0 if "denies" in claim.stances else 0.0,
        1.0 if "speculates" in claim.stances else 0.0,
        1.0 if claim.text.rstrip().endswith("?") else 0.0,
        math.log1p(len(reading.passages)),
        1.0 if any(_negates_claim_word(claim, p) for _, p, _ in bearing) else 0.0,
        best * best,
        1.0 if head is not None and _attributed(head) else 0.0,
        1.0 if ranked and _attributed(ranked[0][1]) else 0.0,
        sum(o for o, p, _ in bearing if _attributed(p)) / weight_sum,
        1.0 if head is not None and "?" in head.stems else 0.0,
        1.0 if any(c.stance in ("speculates", "unverified") for p in reading.passages[:2] for c in p.cues) else 0.0,
        *_headline_only(reading, head, head_stance),
        sum(o for o, p, st in bearing if st == "asserts" and not _attributed(p)) / weight_sum,
        sum(_attributed(p) for p in reading.passages) / n,
    ]
    return features, scored


def _headline_only(reading: ArticleReading, head: Passage | None, head_stance: str) -> list[float]:
    """For an article of a line or two (a headline), what those lines do; zeros for a longer one."""
    passages = reading.passages
    if not passages or len(passages) > 2 or sum(len(p.stems) for p in passages) > _HEADLINE_WORDS:
        return [0.0, 0.0, 0.0, 0.0]
    kinds = {c.stance for p in passages for c in p.cues}
    attributed = any(_attributed(p) for p in passages)
    hedged = bool(kinds & {"speculates", "unverified"})
    denies = "denies" in kinds
    return [float(attributed), float(hedged), float(denies), float(not (attributed or hedged or denies))]


def _attributed(passage: Passage) -> bool:
    """Whether the passage says whose word it is (a named source, "according to", a headline colon)."""
    statement = passage.statement
    return bool(statement.source or statement.attribution_cue) or any(c.stance == "attributes" for c in passage.cues)


def _pair_coverage(claim: Claim, reading: ArticleReading) -> float:
    if not claim.pairs:
        return 0.0
    seen: set[tuple[str, str]] = set()
    passages = reading.passages + ([reading.title] if reading.title is not None else [])
    for passage in passages:
        seen.update(zip(passage.stems, passage.stems[1:]))
        seen.update(zip(passage.stems, passage.stems[2:]))  # one function word between
    return len(claim.pairs & seen) / len(claim.pairs)


def judge(claim: Claim, reading: ArticleReading, model: StanceModel | None = None) -> ClaimStance:
    """The article's stance toward the claim, with the statements that carry it."""
    features, scored = article_features(claim, reading)
    label = (model or load_model()).predict(features)
    if label != "unrelated" and _title_denies(claim, reading):
        label = "disagree"  # the headline is the article's own summary: a denial there is the article's line
    elif label == "disagree" and not _denial_made(scored):
        label = _runner_up(model or load_model(), features)  # a denial needs a statement that makes it
    if label == "unrelated":
        return ClaimStance("unrelated", [])
    best = max(scored, key=lambda item: item[0], default=None)
    bearing = sorted((item for item in scored if item[0] >= BEARING_SHARE or item is best),
                     key=lambda item: item[1].index)
    wanted = {"agree": ("asserts", "confirms"), "disagree": ("denies",),
              "discuss": ("unverified", "speculates")}[label]
    carrying = [item for item in bearing if item[2] in wanted] or bearing
    stance = _article_stance(label, [s for _, _, s in carrying])
    return ClaimStance(stance, [_restanced(p, s) for _, p, s in carrying])


def _denial_made(scored: list[tuple[float, Passage, str]]) -> bool:
    """Whether a bearing passage, or the one nearest the claim, denies it."""
    best = max(scored, key=lambda item: item[0], default=None)
    return any(s == "denies" for o, _, s in scored if o >= BEARING_SHARE) or (best is not None and best[2] == "denies")


def _runner_up(model: StanceModel, features: list[float]) -> str:
    scores = dict(zip(LABELS, model.scores(features)))
    return max(("agree", "discuss"), key=scores.__getitem__)


def _title_denies(claim: Claim, reading: ArticleReading) -> bool:
    title = reading.title
    return title is not None and overlap(claim, title) >= BEARING_SHARE and passage_stance(claim, title) == "denies"


def _article_stance(label: str, stances: list[str]) -> str:
    if label == "disagree":
        return "denies"
    if label == "agree":
        return "confirms" if "confirms" in stances else "asserts"
    return "unverified" if stances.count("unverified") >= max(1, stances.count("speculates")) else "speculates"


def _restanced(passage: Passage, stance: str) -> Statement:
    """The passage's statement with its stance toward the claim, and the words that carry it."""
    statement = passage.statement
    cue = next((c for c in passage.cues if c.stance == stance), None)
    if cue is None:
        return replace(statement, stance=stance, cue=statement.cue if stance == statement.stance else None)
    start, end = passage.offsets[cue.first][0] - statement.start, passage.offsets[cue.last][1] - statement.start
    return replace(statement, stance=stance, cue=statement.sentence[start:end])
