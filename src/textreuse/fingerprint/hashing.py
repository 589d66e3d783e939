"""Stable fingerprints of content-word n-grams, as the archive stores and scan pairs them.

Their words' hashes come from :mod:`textreuse.text.stable_hashes` (xxHash with a fixed
seed): the same in every process and on every machine.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache, partial
from typing import Any

import numpy as np
import numpy.typing as npt

from textreuse.config import require_count
from textreuse.fingerprint.settings import FingerprintSettings
from textreuse.text import tokenize
from textreuse.text.stable_hashes import NGRAM_SEED as NGRAM_SEED
from textreuse.text.stable_hashes import HashArray as HashArray
from textreuse.text.stable_hashes import stable_hash64 as stable_hash64

FingerprintArray = npt.NDArray[np.int64]
PositionArray = npt.NDArray[np.integer[Any]]
"""Where fingerprints occur (content-word numbers), in 64 bits or, held in bulk, 32."""


@lru_cache(maxsize=1 << 18)
def _cached_word_hash(word: str) -> int:
    """Word hashes with the default seed, remembered: vocabularies repeat across documents."""
    return stable_hash64(word)


_MIX = np.uint64(0x9E37_79B9_7F4A_7C15)  # odd 64-bit constant (golden ratio)


def ngram_hashes(words: Sequence[str], n: int, *, seed: int = NGRAM_SEED) -> HashArray:
    """Hashes of every run of ``n`` consecutive ``words``: element ``i`` covers ``words[i:i+n]``.

    Each distinct word is hashed once with xxHash; an n-gram's hash folds its word
    hashes in order (``h = h * MIX + word``, modulo 2**64), so it is vectorised,
    order-sensitive and, like its parts, the same in every process.
    """
    require_count("ngram_hashes", "n", n, minimum=1)
    if len(words) < n:
        return np.zeros(0, dtype=np.uint64)
    return fold_ngrams(_word_hashes(words, seed=seed), n)


def _word_hashes(words: Sequence[str], *, seed: int = NGRAM_SEED) -> HashArray:
    """The stable hash of each word (those of the default seed remembered)."""
    word_hash = _cached_word_hash if seed == NGRAM_SEED else partial(stable_hash64, seed=seed)
    return np.fromiter(map(word_hash, words), dtype=np.uint64, count=len(words))


def fold_ngrams(hashed_words: HashArray, n: int) -> HashArray:
    """The hashes of every run of ``n`` consecutive words, folded from the words' hashes
    (see :func:`ngram_hashes`): a caller that keeps the word hashes reuses them."""
    count = len(hashed_words) - n + 1
    if count <= 0:
        return np.zeros(0, dtype=np.uint64)
    hashes = hashed_words[:count].copy()
    for offset in range(1, n):
        hashes *= _MIX
        hashes += hashed_words[offset : offset + count]
    return hashes


def winnow(hashes: HashArray, window: int) -> PositionArray:
    """Positions of the fingerprints that winnowing keeps (Schleimer, Wilkerson and Aiken, 2003).

    The smallest hash of every ``window`` consecutive hashes is kept, so two texts that
    share a run of ``window`` n-grams are guaranteed to share a fingerprint, while only
    about ``2 / (window + 1)`` of the n-grams are stored. A text with fewer hashes than
    a window keeps its smallest one.
    """
    require_count("winnow", "window", window, minimum=1)
    if len(hashes) == 0:
        return np.zeros(0, dtype=np.int64)
    if len(hashes) <= window:
        return np.array([int(np.argmin(hashes))], dtype=np.int64)
    windows = np.lib.stride_tricks.sliding_window_view(hashes, window)
    return np.unique(windows.argmin(axis=1) + np.arange(len(windows), dtype=np.int64))


def content_ngram_hashes(text: str, ngram: int, language: str | None = None) -> HashArray:
    """Hashes of every run of ``ngram`` content-word stems of ``text`` (function words
    skipped), in ``language`` or the language identified in it."""
    require_count("content_ngram_hashes", "ngram", ngram, minimum=1)
    return fold_ngrams(tokenize(text, language).content_hashes, ngram)


def located_fingerprints(
    text: str, settings: FingerprintSettings, language: str | None = None
) -> tuple[FingerprintArray, PositionArray]:
    """The distinct winnowed fingerprints of ``text`` in ascending order, and where each
    first occurs (its n-gram's index among the text's content words)."""
    hashes = content_ngram_hashes(text, settings.ngram, language)
    kept = winnow(hashes, settings.window)
    unique, first = np.unique(hashes[kept].view(np.int64), return_index=True)
    return unique, kept[first]


def document_fingerprints(
    text: str, settings: FingerprintSettings, language: str | None = None
) -> FingerprintArray:
    """The distinct winnowed fingerprints of ``text``, as signed 64-bit integers (SQLite's).

    >>> prints = document_fingerprints("The harbour wall was rebuilt after the storm.",
    ...                                FingerprintSettings())
    >>> len(prints), str(prints.dtype)
    (1, 'int64')
    """
    return located_fingerprints(text, settings, language)[0]
