"""Stable fingerprints of word n-grams.

Hashes must agree across processes and machines (a Spark executor, a worker pool, an
archive written last year), so they come from xxHash with a fixed seed, never from the
per-process salted built-in ``hash()``.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache, partial

import numpy as np
import xxhash

NGRAM_SEED = 0x7E47_2E05


def stable_hash64(data: str, *, seed: int = NGRAM_SEED) -> int:
    """A 64-bit hash of ``data`` that is the same in every process and on every machine."""
    return xxhash.xxh3_64_intdigest(data.encode("utf-8"), seed=seed)


@lru_cache(maxsize=1 << 18)
def _cached_word_hash(word: str) -> int:
    """Word hashes with the default seed, remembered: vocabularies repeat across documents."""
    return stable_hash64(word)


_MIX = np.uint64(0x9E37_79B9_7F4A_7C15)  # odd 64-bit constant (golden ratio)


def ngram_hashes(words: Sequence[str], n: int, *, seed: int = NGRAM_SEED) -> np.ndarray:
    """Hashes of every run of ``n`` consecutive ``words``: element ``i`` covers ``words[i:i+n]``.

    Each distinct word is hashed once with xxHash; an n-gram's hash folds its word
    hashes in order (``h = h * MIX + word``, modulo 2**64), so it is vectorised,
    order-sensitive and, like its parts, the same in every process.
    """
    if n < 1:
        msg = f"n-gram size must be >= 1, got {n}"
        raise ValueError(msg)
    count = len(words) - n + 1
    if count <= 0:
        return np.zeros(0, dtype=np.uint64)
    word_hash = _cached_word_hash if seed == NGRAM_SEED else partial(stable_hash64, seed=seed)
    word_hashes = np.fromiter(map(word_hash, words), dtype=np.uint64, count=len(words))
    hashes = word_hashes[:count].copy()
    for offset in range(1, n):
        hashes *= _MIX
        hashes += word_hashes[offset : offset + count]
    return hashes


def winnow(hashes: np.ndarray, window: int) -> np.ndarray:
    """Positions of the fingerprints that winnowing keeps (Schleimer, Wilkerson and Aiken, 2003).

    The smallest hash of every ``window`` consecutive hashes is kept, so two texts that
    share a run of ``window`` n-grams are guaranteed to share a fingerprint, while only
    about ``2 / (window + 1)`` of the n-grams are stored. A text with fewer hashes than
    a window keeps its smallest one.
    """
    if window < 1:
        msg = f"winnowing window must be >= 1, got {window}"
        raise ValueError(msg)
    if len(hashes) == 0:
        return np.zeros(0, dtype=np.int64)
    if len(hashes) <= window:
        return np.array([int(np.argmin(hashes))], dtype=np.int64)
    windows = np.lib.stride_tricks.sliding_window_view(hashes, window)
    return np.unique(windows.argmin(axis=1) + np.arange(len(windows)))
