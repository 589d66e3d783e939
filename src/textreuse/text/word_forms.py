"""Each word's remembered forms (see ``word_forms_py``, which defines them): the
compiled kernel where the install built it, else the same in Python (see
:mod:`textreuse.implementation`)."""

from __future__ import annotations

from textreuse.implementation import CHOICE, kernel_missing

if CHOICE == "python":
    from textreuse.text.word_forms_py import known_forms
else:
    try:
        from textreuse.text.word_forms_c import known_forms
    except ImportError:
        kernel_missing()
        from textreuse.text.word_forms_py import known_forms

COMPILED = known_forms.__module__.endswith("_c")

__all__ = ["COMPILED", "known_forms"]
