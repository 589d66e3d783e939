# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
"""Sentence pairs that share rare n-grams, compiled: two binary searches per derived
n-gram and one pass writing the pairs, where the Python reference (``gram_pairs_py``,
which defines them) makes a dozen numpy calls, each costing more than its arithmetic
on a news text's few hundred n-grams. Both must give the same pairs in the same order."""

import numpy as np

from libc.stdint cimport int64_t, uint64_t


cdef inline Py_ssize_t _first_at_least(
    const uint64_t[::1] values, uint64_t target
) noexcept nogil:
    cdef Py_ssize_t low = 0, high = values.shape[0], middle
    while low < high:
        middle = (low + high) // 2
        if values[middle] < target:
            low = middle + 1
        else:
            high = middle
    return low


cdef inline Py_ssize_t _first_above(const uint64_t[::1] values, uint64_t target) noexcept nogil:
    cdef Py_ssize_t low = 0, high = values.shape[0], middle
    while low < high:
        middle = (low + high) // 2
        if values[middle] <= target:
            low = middle + 1
        else:
            high = middle
    return low


def shared_gram_pairs(grams_d, sent_d, grams_s, sent_s, Py_ssize_t most, int64_t n):
    """One entry ``i * n + j`` per occurrence of an n-gram of derived sentence ``i``
    matched in source sentence ``j``, for n-grams found at most ``most`` times in each
    document (see ``gram_pairs_py.shared_gram_pairs``)."""
    order = np.argsort(grams_s, kind="stable")
    cdef const uint64_t[::1] source = np.ascontiguousarray(grams_s[order], dtype=np.uint64)
    cdef const int64_t[::1] owner = np.ascontiguousarray(sent_s[order], dtype=np.int64)
    cdef const uint64_t[::1] derived = np.ascontiguousarray(grams_d, dtype=np.uint64)
    cdef const int64_t[::1] sentence = np.ascontiguousarray(sent_d, dtype=np.int64)
    cdef const uint64_t[::1] in_derived = np.sort(derived)
    cdef Py_ssize_t count = derived.shape[0], total = 0, k, low, high, position, written = 0
    lows = np.empty(count, dtype=np.int64)
    highs = np.empty(count, dtype=np.int64)
    cdef int64_t[::1] low_of = lows, high_of = highs
    cdef uint64_t gram
    with nogil:
        for k in range(count):
            gram = derived[k]
            low = _first_at_least(source, gram)
            high = _first_above(source, gram)
            if (
                high == low
                or high - low > most
                or _first_above(in_derived, gram) - _first_at_least(in_derived, gram) > most
            ):
                high = low  # not rare in both: no pairs
            low_of[k], high_of[k] = low, high
            total += high - low
    pairs = np.empty(total, dtype=np.int64)
    cdef int64_t[::1] out = pairs
    with nogil:
        for k in range(count):
            for position in range(low_of[k], high_of[k]):
                out[written] = sentence[k] * n + owner[position]
                written += 1
    return pairs
