"""Which implementation of the compiled core runs, read once from the environment.

Each kernel has a Python reference beside it (``*_py``, which defines what it
computes) and a chooser module that takes the compiled one (``*_c``) where the
install built it (:func:`compiled_or`), as RapidFuzz pairs its ``_cpp`` and ``_py``
modules.
``TEXTREUSE_IMPLEMENTATION=python`` runs the Python code even where the kernels were
built (to compare the two); ``=compiled`` makes a missing kernel an error rather than
a silent slowdown.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from typing import Any, TypeVar, cast

from textreuse.errors import ConfigError

F = TypeVar("F", bound=Callable[..., Any])

CHOICE = os.environ.get("TEXTREUSE_IMPLEMENTATION", "").strip().lower()
"""``python``, ``compiled`` or empty (the compiled kernels where built)."""
if CHOICE not in ("", "python", "compiled"):
    raise ConfigError(
        f"TEXTREUSE_IMPLEMENTATION={CHOICE!r}: expected 'python' or 'compiled' (or unset)"
    )


def compiled_or(reference: F, module: str) -> F:
    """The function of ``reference``'s name in the compiled ``module`` where the install
    built it, else ``reference`` itself (the Python code, which defines what the kernel
    computes and gives its signature to type checkers)."""
    if CHOICE == "python":
        return reference
    try:
        kernel = importlib.import_module(module)
    except ImportError:
        if CHOICE == "compiled":
            raise ConfigError(
                "TEXTREUSE_IMPLEMENTATION=compiled, but the compiled kernels were not "
                "built (reinstall with a C compiler and the Python headers)"
            ) from None
        return reference
    return cast(F, getattr(kernel, reference.__name__))
