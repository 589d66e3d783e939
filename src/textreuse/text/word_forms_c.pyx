# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
"""Each word's remembered forms, compiled: one dict lookup per word and the lists
filled in place, where the Python reference (``word_forms_py``, which defines what is
returned) looks each word up through a comprehension and walks the stems again for
the content words. Both must give the same lists and positions for any words."""

import numpy as np

from cpython.dict cimport PyDict_GetItem
from cpython.list cimport PyList_New, PyList_SET_ITEM
from cpython.ref cimport Py_INCREF, PyObject
from cpython.tuple cimport PyTuple_GET_ITEM
from libc.stdint cimport int64_t, uint64_t


def known_forms(words, dict forms):
    """Each word's normalised form and stem, the positions of the words that have a
    stem (the content words) and their stems' hashes. Raises KeyError for a word
    ``forms`` lacks."""
    cdef tuple sequence = tuple(words)
    cdef Py_ssize_t count = len(sequence), k, found = 0
    cdef PyObject* entry
    cdef object word, norm, stem
    norms = PyList_New(count)
    stems = PyList_New(count)
    content = np.empty(count, dtype=np.int64)
    hashes = np.empty(count, dtype=np.uint64)
    cdef int64_t[::1] content_view = content
    cdef uint64_t[::1] hashes_view = hashes
    for k in range(count):
        word = <object>PyTuple_GET_ITEM(sequence, k)
        entry = PyDict_GetItem(forms, word)
        if entry is NULL:
            raise KeyError(word)
        norm = <object>PyTuple_GET_ITEM(<object>entry, 0)
        stem = <object>PyTuple_GET_ITEM(<object>entry, 1)
        Py_INCREF(norm)  # the lists steal a reference
        PyList_SET_ITEM(norms, k, norm)
        Py_INCREF(stem)
        PyList_SET_ITEM(stems, k, stem)
        if stem is not None:
            content_view[found] = k
            hashes_view[found] = <object>PyTuple_GET_ITEM(<object>entry, 2)
            found += 1
    return norms, stems, content[:found].copy(), hashes[:found].copy()
