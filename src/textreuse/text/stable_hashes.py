"""Stable 64-bit hashes of words: the unit that content-word n-gram fingerprints and
sentence vectors are made of.

Hashes must agree across processes and machines (a Spark executor, a worker pool, an
archive written last year), so they come from xxHash with a fixed seed, never from the
per-process salted built-in ``hash()``.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import xxhash

NGRAM_SEED = 0x7E47_2E05

HashArray = npt.NDArray[np.uint64]


def stable_hash64(data: str, *, seed: int = NGRAM_SEED) -> int:
    """A 64-bit hash of ``data`` that is the same in every process and on every machine."""
    return xxhash.xxh3_64_intdigest(data.encode("utf-8"), seed=seed)
