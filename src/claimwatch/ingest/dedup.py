"""Exact and near-duplicate detection.

Exact duplicates share the sha256 of their normalised text. Near-duplicates
(syndicated copies, rewrites) are found with MinHash LSH over content-word
shingles: the signature's bands are kept in the store, so a new article is
compared only with the few stored articles sharing a band (an index lookup),
then confirmed on the exact word overlap of both texts.

Rewrites keep the content words but reorder paragraphs and change a word
here and there, so unigram overlap of content words separates them from
other articles on the same story better than long shingles do; a second,
bigram check keeps two articles that merely share a vocabulary apart.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
from datasketch import MinHash

__all__ = ["Fingerprint", "fingerprint", "normalized_text", "text_hash", "content_words", "overlap",
           "estimated_jaccard"]

# 64 bands of 2 rows: a pair at the 0.30 word-set Jaccard threshold becomes a
# candidate with probability 0.998 (0.25: 0.98), an unrelated pair at 0.05 with
# 0.15. Unrelated candidates are cheap: the lookup is limited to a publication
# window and to the articles sharing most bands, and signatures weed them out.
NUM_PERM = 128
BANDS = 64
ROWS = NUM_PERM // BANDS
_SEED = 20241023
# Named, not left to the library default, so stored signatures stay comparable.
_SCHEME = "affine32"

_WORD = re.compile(r"\w+", re.UNICODE)
_SPACE = re.compile(r"\s+")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"', "–": "-", "—": "-"})


@cache
def _stopwords() -> frozenset[str]:
    text = resources.files("claimwatch.ingest").joinpath("data/stopwords.txt").read_text("utf-8")
    return frozenset(w for line in text.splitlines() if not line.startswith("#") for w in line.split())


@cache
def _permutations() -> np.ndarray:
    return MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME).permutations


def normalized_text(text: str) -> str:
    """Text with Unicode, quotes, case and whitespace made uniform."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()).strip()


def text_hash(text: str, *, normalized: str | None = None) -> str:
    """The sha256 of the normalised text: equal for exact duplicates."""
    return hashlib.sha256((normalized or normalized_text(text)).encode("utf-8")).hexdigest()


def content_words(normalized: str) -> list[str]:
    """The words of a normalised text that carry content, in order."""
    stop = _stopwords()
    return [w for w in _WORD.findall(normalized) if w not in stop]


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What near-duplicate detection needs of one text."""

    minhash: bytes
    band_keys: list[int]
    words: list[str]


def fingerprint(normalized: str) -> Fingerprint:
    """The MinHash signature of a normalised text's content words and its LSH band keys."""
    words = content_words(normalized)
    # CRC32 is a C call per word; the affine32 scheme mixes its bits before permuting.
    signature = MinHash(num_perm=NUM_PERM, seed=_SEED, permutations=_permutations(), scheme=_SCHEME,
                        hashfunc=zlib.crc32)
    if words:
        signature.update_batch([w.encode("utf-8") for w in set(words)])
    values = signature.hashvalues.astype(np.uint32)
    keys = []
    for band in range(BANDS):
        digest = hashlib.blake2b(values[band * ROWS : (band + 1) * ROWS].tobytes(), digest_size=8,
                                 salt=band.to_bytes(2, "little"))
        keys.append(int.from_bytes(digest.digest(), "little", signed=True))
    return Fingerprint(values.tobytes(), keys if words else [], words)


def estimated_jaccard(a: bytes, b: bytes) -> float:
    """The word-set Jaccard similarity two MinHash signatures estimate."""
    left, right = np.frombuffer(a, dtype=np.uint32), np.frombuffer(b, dtype=np.uint32)
    return float(np.count_nonzero(left == right)) / len(left)


def overlap(words_a: list[str], words_b: list[str]) -> tuple[float, float]:
    """Exact Jaccard similarity of the two word lists' unigrams and bigrams."""
    return _jaccard(set(words_a), set(words_b)), _jaccard(set(zip(words_a, words_a[1:])), set(zip(words_b, words_b[1:])))


def _jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


