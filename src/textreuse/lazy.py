"""Public names that a package loads from their modules when first used (PEP 562).

A package's ``__init__`` that imports every part makes ``import textreuse`` (and so
``textreuse --version``) pay for the aligner, SciPy and Spark's engine. With
:func:`lazy_names` it names where each public name lives instead, and the name's
module is imported on first use:

>>> attribute, listing = lazy_names("example", {"sqrt": "math"})
>>> attribute("sqrt")(9.0), listing()
(3.0, ['sqrt'])
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any


def lazy_names(
    package: str, homes: Mapping[str, str], public: list[str] | None = None
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """A package's ``__getattr__`` and ``__dir__`` for names kept in other modules.

    Args:
        package: the package's name, for the error on an unknown name.
        homes: each lazy name and the module it lives in.
        public: what ``dir()`` lists (the package's ``__all__``); ``homes``' names by
            default.
    """

    def attribute(name: str) -> Any:
        home = homes.get(name)
        if home is None:
            msg = f"module {package!r} has no attribute {name!r}"
            raise AttributeError(msg)
        return getattr(import_module(home), name)

    def listing() -> list[str]:
        return sorted(public if public is not None else homes)

    return attribute, listing
