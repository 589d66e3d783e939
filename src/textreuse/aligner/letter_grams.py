"""Sampled letter n-grams of a document's sentences (see ``letter_grams_py``, which
defines them): the compiled kernel where the install built it, else the same in
Python (see :mod:`textreuse.implementation`)."""

from __future__ import annotations

from textreuse.implementation import CHOICE, kernel_missing

if CHOICE == "python":
    from textreuse.aligner.letter_grams_py import letter_gram_hashes
else:
    try:
        from textreuse.aligner.letter_grams_c import letter_gram_hashes
    except ImportError:
        kernel_missing()
        from textreuse.aligner.letter_grams_py import letter_gram_hashes

COMPILED = letter_gram_hashes.__module__.endswith("_c")

__all__ = ["COMPILED", "letter_gram_hashes"]
