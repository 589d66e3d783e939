"""Each word's remembered forms (see ``word_forms_py``, which defines them): the
compiled kernel where the install built it, else the same in Python (see
:mod:`textreuse.implementation`)."""

from __future__ import annotations

from textreuse.implementation import compiled_or
from textreuse.text import word_forms_py

known_forms = compiled_or(word_forms_py.known_forms, "textreuse.text.word_forms_c")
COMPILED = known_forms is not word_forms_py.known_forms

__all__ = ["COMPILED", "known_forms"]
