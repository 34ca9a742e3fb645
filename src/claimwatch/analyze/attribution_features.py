"""Features of a parsed sentence for the attribution model: one list per token (is it a cue word?) and one per
candidate source span (is this who speaks through the cue?).

Features are short strings hashed into a fixed number of weights, so the model ships as two arrays and no
vocabulary. The training script (train/attribution.py) and the runtime model read the same functions.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from functools import cache

from spacy.tokens import Doc, Span, Token

from ..lexicon import cues

__all__ = ["HASH_BITS", "NO_SOURCE", "hashed", "quote_regions", "quoted_tokens", "cue_features", "source_candidates",
           "source_features"]

HASH_BITS = 20
_MASK = (1 << HASH_BITS) - 1
# The candidate that says the sentence names no source for its cue.
NO_SOURCE = (-1, -1)
# Candidate sources are at most this many tokens long; longer gold sources are rare.
_MAX_SOURCE_TOKENS = 30
_CUT_MARKS = {",", "—", "–", ":", "(", ")", "-"}
_QUOTE_MARKS = {'"', "“", "”"}
# Parts of speech that head the words naming a source: 99 % of PolNeAR's train sources.
_SOURCE_HEADS = {"NOUN", "PROPN", "PRON", "NUM", "ADJ", "X"}
# Feature strings recur (every sentence has "t=NN"): their hashes are remembered, up to this many.
_HASHES: dict[str, int] = {}
_MAX_REMEMBERED = 1 << 20


def hashed(features: Iterable[str]) -> list[int]:
    """The weight index of each feature (CRC-32, stable across processes, unlike hash()), remembered."""
    known = _HASHES
    if len(known) > _MAX_REMEMBERED:
        known.clear()
    return [known.get(f) or known.setdefault(f, zlib.crc32(f.encode()) & _MASK) for f in features]


def quote_regions(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges inside quotation marks, straight or curly."""
    regions, opened = [], None
    for token in doc:
        if token.text in ("“", "”", '"'):
            if opened is None and token.text != "”":
                opened = token.i
            elif opened is not None and token.text != "“":
                regions.append((opened, token.i + 1))
                opened = None
    return regions


def quoted_tokens(doc: Doc) -> set[int]:
    """The indices of the tokens inside quotation marks."""
    return {i for start, end in quote_regions(doc) for i in range(start, end)}


@cache
def _lexicon_stances() -> dict[str, str]:
    """Single-word cues of the lexicon (verb lemmas and other words) to their stance."""
    return {c.cue: c.stance for c in cues() if " " not in c.cue and c.kind != "modal"}


def _lemma(token: Token) -> str:
    return token.lemma_.lower() or token.lower_


def cue_features(doc: Doc, sentence: Span, quoted: set[int]) -> list[list[str]]:
    """The features of each token of the sentence as a possible attribution cue word."""
    lexicon = _lexicon_stances()
    start, end = sentence.start, sentence.end
    lowers = [t.lower_ for t in sentence]
    lemmas = [_lemma(t) for t in sentence]
    tags = [t.tag_ for t in sentence]
    has_quote = any(w in _QUOTE_MARKS for w in lowers)
    rows = []
    for k, token in enumerate(sentence):
        low, lem, tag, dep = lowers[k], lemmas[k], tags[k], token.dep_
        head = token.head
        prev_w = lowers[k - 1] if k > 0 else "<s>"
        next_w = lowers[k + 1] if k + 1 < len(lowers) else "</s>"
        prev_t = tags[k - 1] if k > 0 else "<s>"
        next_t = tags[k + 1] if k + 1 < len(tags) else "</s>"
        head_lemma = _lemma(head) if start <= head.i < end else "<out>"
        f = ["b", "w=" + low, "l=" + lem, "t=" + tag, "d=" + dep, "ld=" + lem + "|" + dep, "lt=" + lem + "|" + tag,
             "hl=" + head_lemma + "|" + dep, "ht=" + head.tag_ + "|" + dep + "|" + tag, "s3=" + low[-3:],
             "w-1=" + prev_w, "w+1=" + next_w, "t-1=" + prev_t, "t+1=" + next_t, "w-1w=" + prev_w + "|" + low,
             "ww+1=" + low + "|" + next_w, "t-1t+1=" + prev_t + "|" + tag + "|" + next_t,
             "q=" + str(token.i in quoted) + "|" + str(has_quote), "pos=" + str(min(k, 3)) + "|" + tag]
        if k >= 2:
            f.append("w-2=" + lowers[k - 2])
        if k + 2 < len(lowers):
            f.append("w+2=" + lowers[k + 2])
        if token.ent_type_:
            f.append("e=" + token.ent_type_)
        stance = lexicon.get(lem) or lexicon.get(low)
        if stance:
            f.append("x=" + stance + "|" + token.pos_)
        head_stance = lexicon.get(head_lemma)
        if head_stance and head.i != token.i:
            f.append("hx=" + dep + "|" + head_stance)
        for child in token.children:
            f.append("c=" + child.dep_)
            f.append("lc=" + lem + "|" + child.dep_)
        rows.append(f)
    return rows


def source_candidates(doc: Doc, sentence: Span, cue: Span) -> list[tuple[int, int]]:
    """Token ranges of the sentence beside the cue that could name its source: subtrees, their left parts, entities."""
    found = set()
    for token in sentence:
        if token.pos_ not in _SOURCE_HEADS:
            continue
        left, right = max(token.left_edge.i, sentence.start), min(token.right_edge.i + 1, sentence.end)
        for span in ((left, right), (left, token.i + 1), (token.i, token.i + 1), (token.i, right)):
            found.add(span)
            marks = [i for i in range(span[0], token.i) if doc[i].text in _CUT_MARKS]
            if marks:
                found.add((marks[-1] + 1, span[1]))  # "CITY (Agency) — party hopeful Jane Doe": no dateline
            comma = next((i for i in range(token.i + 1, span[1]) if doc[i].text in _CUT_MARKS), None)
            if comma is not None:
                found.add((span[0], comma))  # "Jane Doe, who ...": the name without its clause
    for ent in sentence.ents:
        found.add((ent.start, ent.end))
    return sorted(s for s in found if 0 < s[1] - s[0] <= _MAX_SOURCE_TOKENS and (s[1] <= cue.start or s[0] >= cue.end)
                  and _clean(doc, s))


def _clean(doc: Doc, span: tuple[int, int]) -> bool:
    first, last = doc[span[0]], doc[span[1] - 1]
    return not (first.is_punct or first.is_space or last.is_space) or first.text in ("'", "“", '"')


def _head_of(doc: Doc, span: tuple[int, int]) -> Token:
    """The token of the span whose head lies outside it."""
    for i in range(span[0], span[1]):
        if not span[0] <= doc[i].head.i < span[1] or doc[i].head.i == i:
            return doc[i]
    return doc[span[0]]


def _path(token: Token, target: Token) -> str:
    """Dependency labels from token up to the common ancestor and down to target, or "far"."""
    up, seen = [], {}
    node = token
    for step in range(6):
        seen[node.i] = step
        if node.head.i == node.i:
            break
        up.append(node.dep_)
        node = node.head
    down, node = [], target
    for _ in range(6):
        if node.i in seen:
            steps = seen[node.i]
            return "/".join(up[:steps]) + "^" + "/".join(reversed(down))
        if node.head.i == node.i:
            break
        down.append(node.dep_)
        node = node.head
    return "far"


def source_features(doc: Doc, sentence: Span, cue: Span, candidates: list[tuple[int, int]]) -> list[list[str]]:
    """The features of each candidate source (NO_SOURCE among them) for the cue."""
    cue_head = _head_of(doc, (cue.start, cue.end))
    cue_lemma = _lemma(cue_head)
    by_head: dict[int, list[str]] = {}
    rows = []
    for candidate in candidates:
        if candidate == NO_SOURCE:
            subject = any(c.dep_.startswith("nsubj") for c in cue_head.children)
            rows.append(["none", "none|l=" + cue_lemma, "none|d=" + cue_head.dep_, "none|t=" + cue_head.tag_,
                         "none|subj=" + str(subject), "none|w0=" + cue[0].lower_,
                         "none|first=" + str(cue.start == sentence.start)])
            continue
        head = _head_of(doc, candidate)
        if head.i not in by_head:
            by_head[head.i] = _head_features(head, cue_head, cue_lemma)
        rows.append(by_head[head.i] + _span_features(doc, sentence, cue, candidate, head))
    return rows


def _head_features(head: Token, cue_head: Token, cue_lemma: str) -> list[str]:
    """What a candidate's head word is and how it stands to the cue."""
    path = _path(head, cue_head)
    head_word = head.lower_ if head.pos_ in ("PRON", "DET") else _lemma(head)
    return ["p=" + path, "pl=" + path + "|" + cue_lemma, "pt=" + path + "|" + head.tag_, "hd=" + head.dep_,
            "ht=" + head.tag_, "he=" + head.ent_type_, "hw=" + head_word, "dd=" + head.dep_ + "|" + cue_head.dep_]


def _span_features(doc: Doc, sentence: Span, cue: Span, candidate: tuple[int, int], head: Token) -> list[str]:
    """Where a candidate's words start and end, and what they hold."""
    start, end = candidate
    first, last = doc[start], doc[end - 1]
    before = doc[start - 1] if start > sentence.start else None
    after = doc[end] if end < sentence.end else None
    side = "left" if end <= cue.start else "right"
    gap = cue.start - end if side == "left" else start - cue.end
    gap_bucket = str(gap) if gap < 4 else "4-7" if gap < 8 else "8+"
    size = end - start
    size_bucket = str(size) if size < 5 else "5-8" if size < 9 else "9+"
    punct_inside = "".join(sorted({t.text for t in doc[start:end] if t.text in _CUT_MARKS or t.text in _QUOTE_MARKS}))
    entity = first.ent_iob_ == "B" and (after is None or after.ent_iob_ != "I") and all(
        t.ent_iob_ == "I" for t in doc[start + 1:end])
    f = ["side=" + side, "sg=" + side + "|" + gap_bucket, "sz=" + size_bucket, "f=" + first.tag_,
         "fw=" + first.lower_, "l=" + last.tag_, "lw=" + last.lower_,
         "b=" + (before.text if before is not None else "<s>"), "a=" + (after.text if after is not None else "</s>"),
         "bt=" + (before.tag_ if before is not None else "<s>"), "at=" + (after.tag_ if after is not None else "</s>"),
         "pi=" + punct_inside, "whole=" + str(start == head.left_edge.i and end == head.right_edge.i + 1),
         "left=" + str(start == head.left_edge.i) + "|" + str(end == head.i + 1), "ent=" + str(entity),
         "sd=" + side + "|" + head.dep_]
    for child in head.children:
        if start <= child.i < end and child.dep_ in ("relcl", "appos", "prep", "acl", "cc", "conj", "punct"):
            f.append("hc=" + child.dep_)
    return f
