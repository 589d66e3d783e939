"""Sentence pairs sharing rare n-grams (see ``gram_pairs_py``, which defines them): the
compiled kernel where the install built it, else the same in Python (see
:mod:`textreuse.implementation`)."""

from __future__ import annotations

from textreuse.implementation import CHOICE, kernel_missing

if CHOICE == "python":
    from textreuse.aligner.gram_pairs_py import shared_gram_pairs
else:
    try:
        from textreuse.aligner.gram_pairs_c import shared_gram_pairs
    except ImportError:
        kernel_missing()
        from textreuse.aligner.gram_pairs_py import shared_gram_pairs

COMPILED = shared_gram_pairs.__module__.endswith("_c")

__all__ = ["COMPILED", "shared_gram_pairs"]
