"""Word spans (see ``word_spans_py``, which defines them): the
compiled kernel where the install built it, else the same in Python (see
:mod:`textreuse.implementation`)."""

from __future__ import annotations

from textreuse.implementation import compiled_or
from textreuse.text import word_spans_py

word_spans = compiled_or(word_spans_py.word_spans, "textreuse.text.word_spans_c")
COMPILED = word_spans is not word_spans_py.word_spans

__all__ = ["COMPILED", "word_spans"]
