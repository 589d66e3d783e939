# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
"""Sampled letter n-grams, compiled: one pass over each sentence's letters, where the
Python reference (``letter_grams_py``, which defines them) copies the letters of the
whole document into arrays and makes a numpy pass per letter of the n-gram. Both must
give the same hashes and sentences in the same order."""

import numpy as np

from libc.stdint cimport int64_t, uint64_t

from textreuse.aligner.letter_grams_py import FOLD, MIX, SAMPLE_SHIFT

cdef uint64_t _FOLD = FOLD, _MIX = MIX
cdef int _SHIFT = SAMPLE_SHIFT


def letter_gram_hashes(list sentences, Py_ssize_t size):
    """The sampled hashes of the runs of ``size`` letters within each sentence (spaces
    dropped), in order, and the sentence of each."""
    cdef Py_ssize_t total = 0, kept = 0, owner, start, k, length
    cdef str sentence
    cdef Py_UCS4 char
    cdef uint64_t value
    if size < 1:
        raise ValueError(f"letter n-grams of {size} letters")
    for sentence in sentences:
        total += len(sentence)
    hashes = np.empty(total, dtype=np.uint64)
    owners = np.empty(total, dtype=np.int64)
    codes = np.empty(total, dtype=np.uint64)
    cdef uint64_t[::1] hashes_view = hashes, codes_view = codes
    cdef int64_t[::1] owners_view = owners
    for owner in range(len(sentences)):
        sentence = sentences[owner]
        length = 0
        for char in sentence:
            if char != u" ":
                codes_view[length] = char
                length += 1
        for start in range(length - size + 1):
            value = codes_view[start]
            for k in range(1, size):
                value = value * _FOLD + codes_view[start + k]
            if (value * _MIX) >> _SHIFT == 0:
                hashes_view[kept] = value
                owners_view[kept] = owner
                kept += 1
    return hashes[:kept].copy(), owners[:kept].copy()
