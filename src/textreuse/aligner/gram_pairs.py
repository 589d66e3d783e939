"""Sentence pairs sharing rare n-grams (see ``gram_pairs_py``, which defines them): the
compiled kernel where the install built it, else the same in Python (see
:mod:`textreuse.implementation`)."""

from __future__ import annotations

from textreuse.aligner import gram_pairs_py
from textreuse.implementation import compiled_or

shared_gram_pairs = compiled_or(gram_pairs_py.shared_gram_pairs, "textreuse.aligner.gram_pairs_c")
COMPILED = shared_gram_pairs is not gram_pairs_py.shared_gram_pairs

__all__ = ["COMPILED", "shared_gram_pairs"]
