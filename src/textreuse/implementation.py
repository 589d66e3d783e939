"""Which implementation of the compiled core runs, read once from the environment.

Each kernel has a Python reference beside it (``*_py``, which defines what it
computes) and a chooser module that imports the compiled one (``*_c``) where the
install built it, as RapidFuzz pairs its ``_cpp`` and ``_py`` modules.
``TEXTREUSE_IMPLEMENTATION=python`` runs the Python code even where the kernels were
built (to compare the two); ``=compiled`` makes a missing kernel an error rather than
a silent slowdown.
"""

from __future__ import annotations

import os

from textreuse.errors import ConfigError

CHOICE = os.environ.get("TEXTREUSE_IMPLEMENTATION", "").strip().lower()
"""``python``, ``compiled`` or empty (the compiled kernels where built)."""
if CHOICE not in ("", "python", "compiled"):
    raise ConfigError(
        f"TEXTREUSE_IMPLEMENTATION={CHOICE!r}: expected 'python' or 'compiled' (or unset)"
    )


def kernel_missing() -> None:
    """Called where a compiled kernel failed to import: an error where the compiled
    code was asked for, else nothing (the chooser falls back to Python)."""
    if CHOICE == "compiled":
        raise ConfigError(
            "TEXTREUSE_IMPLEMENTATION=compiled, but the compiled kernels were not "
            "built (reinstall with a C compiler and the Python headers)"
        )
