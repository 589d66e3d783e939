"""Sampled letter n-grams of a document's sentences, in Python: the reference that the
compiled kernel (``letter_grams_c``) must match exactly, and its fallback.

Letters are read with spaces dropped (OCR drops and adds them); an n-gram never spans
two sentences. One n-gram in eight is kept, chosen by its hash, so that two documents
keep the same ones (as fingerprinting by value does): a copy shares its sample with
its source, at an eighth of the cost of matching every n-gram.
"""

from __future__ import annotations

import numpy as np

from textreuse.fingerprint import HashArray
from textreuse.text.tokens import IntArray

# The n-gram hash folds its letters' code points: h = h * FOLD + code (mod 2**64).
FOLD = 1_000_003
# An n-gram is sampled where the top three bits of its hash times this odd constant
# (the golden ratio's) are zero.
MIX = 0x9E3779B97F4A7C15
SAMPLE_SHIFT = 61


def letter_gram_hashes(sentences: list[str], size: int) -> tuple[HashArray, IntArray]:
    """The sampled hashes of the runs of ``size`` letters within each sentence (spaces
    dropped), in order, and the sentence of each."""
    if size < 1:
        raise ValueError(f"letter n-grams of {size} letters")
    letters = [sentence.replace(" ", "") for sentence in sentences]
    codes = np.frombuffer("".join(letters).encode("utf-32-le"), np.uint32).astype(np.uint64)
    count = len(codes) - size + 1
    if count <= 0:
        return np.zeros(0, np.uint64), np.zeros(0, np.int64)
    lengths = np.fromiter(map(len, letters), np.int64, len(letters))
    owner = np.repeat(np.arange(len(letters), dtype=np.int64), lengths)
    hashes = codes[:count].copy()
    for offset in range(1, size):
        hashes = hashes * np.uint64(FOLD) + codes[offset : offset + count]
    sampled = (hashes * np.uint64(MIX)) >> np.uint64(SAMPLE_SHIFT) == 0
    kept = sampled & (owner[:count] == owner[size - 1 :])
    return hashes[kept], owner[:count][kept]
