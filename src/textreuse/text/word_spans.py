"""Word spans (see ``word_spans_py``, which defines them): the compiled kernel where
the install built it, else the same in Python (as RapidFuzz pairs its ``_cpp`` and
``_py`` modules).

``TEXTREUSE_IMPLEMENTATION=python`` in the environment chooses the Python one even
where the kernel was built (to compare the two); ``=compiled`` makes a missing kernel
an error rather than a silent slowdown.
"""

from __future__ import annotations

import os

from textreuse.errors import ConfigError

_CHOICE = os.environ.get("TEXTREUSE_IMPLEMENTATION", "").strip().lower()
if _CHOICE not in ("", "python", "compiled"):
    raise ConfigError(
        f"TEXTREUSE_IMPLEMENTATION={_CHOICE!r}: expected 'python' or 'compiled' (or unset)"
    )

if _CHOICE == "python":
    from textreuse.text.word_spans_py import word_spans
else:
    try:
        from textreuse.text.word_spans_c import word_spans
    except ImportError:
        if _CHOICE == "compiled":
            raise ConfigError(
                "TEXTREUSE_IMPLEMENTATION=compiled, but the compiled kernels were not "
                "built (reinstall with a C compiler and the Python headers)"
            ) from None
        from textreuse.text.word_spans_py import word_spans

COMPILED = word_spans.__module__.endswith("_c")

__all__ = ["COMPILED", "word_spans"]
