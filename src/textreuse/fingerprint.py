"""Stable fingerprints of word n-grams.

Hashes must agree across processes and machines (a Spark executor, a worker pool, an
archive written last year), so they come from xxHash with a fixed seed, never from the
per-process salted built-in ``hash()``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import xxhash

NGRAM_SEED = 0x7E47_2E05


def stable_hash64(data: str, *, seed: int = NGRAM_SEED) -> int:
    """A 64-bit hash of ``data`` that is the same in every process and on every machine."""
    return xxhash.xxh3_64_intdigest(data.encode("utf-8"), seed=seed)


def ngram_hashes(words: Sequence[str], n: int, *, seed: int = NGRAM_SEED) -> np.ndarray:
    """Hashes of every run of ``n`` consecutive ``words``: element ``i`` covers ``words[i:i+n]``.

    Words are joined with a separator that cannot occur inside a word, so
    ``("ab", "c")`` and ``("a", "bc")`` hash differently.
    """
    count = len(words) - n + 1
    if n < 1:
        msg = f"n-gram size must be >= 1, got {n}"
        raise ValueError(msg)
    if count <= 0:
        return np.zeros(0, dtype=np.uint64)
    hashes = [
        xxhash.xxh3_64_intdigest("\x1f".join(words[i : i + n]).encode("utf-8"), seed=seed)
        for i in range(count)
    ]
    return np.asarray(hashes, dtype=np.uint64)
