"""Sampled letter n-grams of a document's sentences (see ``letter_grams_py``, which
defines them): the compiled kernel where the install built it, else the same in Python
(see :mod:`textreuse.implementation`)."""

from __future__ import annotations

from textreuse.aligner import letter_grams_py
from textreuse.implementation import compiled_or

letter_gram_hashes = compiled_or(
    letter_grams_py.letter_gram_hashes, "textreuse.aligner.letter_grams_c"
)
COMPILED = letter_gram_hashes is not letter_grams_py.letter_gram_hashes

__all__ = ["COMPILED", "letter_gram_hashes"]
