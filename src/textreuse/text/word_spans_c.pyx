# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
"""Word spans, compiled: one pass over the characters, where the Python reference
(``word_spans_py``, which defines the words) runs a pattern, builds a (gap, word) tuple
per word and measures each piece again. Both must give the same spans for any text."""

import numpy as np

from cpython.unicode cimport Py_UNICODE_ISALNUM
from libc.stdint cimport int64_t


cdef inline bint _is_word(Py_UCS4 char) noexcept:
    """The stdlib's ``\\w`` for str patterns: alphanumeric, or the underscore."""
    return char == u"_" or Py_UNICODE_ISALNUM(char)


cdef inline bint _is_apostrophe(Py_UCS4 char) noexcept:
    return char == u"'" or char == u"’" or char == u"ʼ"


def word_spans(str text, str parts="", str formats=""):
    """The words of ``text`` with their offsets: starts, ends and the words."""
    cdef Py_ssize_t length = len(text), index = 0, start, after, count = 0
    cdef bint extra = len(parts) > 0
    # Words and the gaps between them take a character each at least.
    starts = np.empty(length // 2 + 1, dtype=np.int64)
    ends = np.empty(length // 2 + 1, dtype=np.int64)
    cdef int64_t[::1] starts_view = starts, ends_view = ends
    words = []
    while True:
        while index < length and not _is_word(text[index]):
            index += 1
        if index == length:
            break
        start = index
        index += 1
        while True:
            while index < length and (
                _is_word(text[index]) or (extra and text[index] in parts)
            ):
                index += 1
            # An apostrophe, or a run of format characters, joins what follows.
            after = index
            if after < length and _is_apostrophe(text[after]):
                after += 1
            else:
                while after < length and text[after] in formats:
                    after += 1
            if after > index and after < length and (
                _is_word(text[after]) or (extra and text[after] in parts)
            ):
                index = after
            else:
                break
        starts_view[count] = start
        ends_view[count] = index
        count += 1
        words.append(text[start:index])
    return starts[:count].copy(), ends[:count].copy(), tuple(words)
