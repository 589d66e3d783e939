"""Word spans (see ``word_spans_py``, which defines them): the compiled kernel where
the install built it, else the same in Python (see :mod:`textreuse.implementation`)."""

from __future__ import annotations

from textreuse.implementation import CHOICE, kernel_missing

if CHOICE == "python":
    from textreuse.text.word_spans_py import word_spans
else:
    try:
        from textreuse.text.word_spans_c import word_spans
    except ImportError:
        kernel_missing()
        from textreuse.text.word_spans_py import word_spans

COMPILED = word_spans.__module__.endswith("_c")

__all__ = ["COMPILED", "word_spans"]
