"""Sentence pairs that share rare n-grams, in Python: the reference that the compiled
kernel (``gram_pairs_c``) must match exactly, and its fallback."""

from __future__ import annotations

import numpy as np

from textreuse.fingerprint import HashArray
from textreuse.text.tokens import IntArray


def shared_gram_pairs(
    grams_d: HashArray,
    sent_d: IntArray,
    grams_s: HashArray,
    sent_s: IntArray,
    most: int,
    n: int,
) -> IntArray:
    """One entry ``i * n + j`` (``n`` the source's sentences) per occurrence of an
    n-gram in derived sentence ``i`` matched in source sentence ``j``, for n-grams
    found at most ``most`` times in each document: n-grams frequent in either
    (boilerplate, repeated text, common letter runs) say nothing about where a passage
    came from and would pair everything with everything."""
    order = np.argsort(grams_s, kind="stable")
    grams_s, sent_s = grams_s[order], sent_s[order]
    lo = np.searchsorted(grams_s, grams_d, side="left")
    matches = np.searchsorted(grams_s, grams_d, side="right") - lo
    sorted_d = np.sort(grams_d)
    in_derived = np.searchsorted(sorted_d, grams_d, side="right") - np.searchsorted(
        sorted_d, grams_d, side="left"
    )
    rare = (matches > 0) & (matches <= most) & (in_derived <= most)
    lo, matches, sent_d = lo[rare], matches[rare], sent_d[rare]
    # Expand each derived n-gram into its matches lo, lo+1, ..., lo+matches-1.
    first_of_run = np.repeat(np.cumsum(matches) - matches, matches)
    positions = np.repeat(lo, matches) + np.arange(int(matches.sum())) - first_of_run
    return np.asarray(np.repeat(sent_d, matches) * n + sent_s[positions], dtype=np.int64)
