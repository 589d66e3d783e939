"""Checks that settings objects run on every field, raising one :class:`ConfigError`.

Every settings dataclass (aligner, fingerprints, scan, service limits) validates
itself in ``__post_init__`` with these, so a bad value fails where it is set, with
the field, the value and what is allowed, instead of deep inside a run.

>>> require_fraction("AlignSettings", "min_cosine", 1.5)
Traceback (most recent call last):
...
textreuse.errors.ConfigError: AlignSettings.min_cosine must be a number within [0, 1], got 1.5
"""

from __future__ import annotations

import math
from typing import TypeGuard

from textreuse.errors import ConfigError


def require_fraction(owner: str, name: str, value: object) -> None:
    """A threshold: a real number within [0, 1]."""
    if not _is_number(value) or not 0.0 <= value <= 1.0:
        _refuse(owner, name, value, "a number within [0, 1]")


def require_number(owner: str, name: str, value: object, *, minimum: float) -> None:
    """A finite real number of at least ``minimum``."""
    if not _is_number(value) or not minimum <= value < math.inf:
        _refuse(owner, name, value, f"a number >= {minimum:g}")


def require_count(owner: str, name: str, value: object, *, minimum: int) -> None:
    """A whole number of at least ``minimum``."""
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        _refuse(owner, name, value, f"a whole number >= {minimum}")


def require_flag(owner: str, name: str, value: object) -> None:
    """A boolean switch."""
    if not isinstance(value, bool):
        _refuse(owner, name, value, "True or False")


def require_type(owner: str, name: str, value: object, expected: type) -> None:
    """A nested settings object of the expected class."""
    if not isinstance(value, expected):
        _refuse(owner, name, value, f"a {expected.__name__}")


def require_language(owner: str, name: str, value: object) -> None:
    """A language: a two- or three-letter ISO 639 code in lower case."""
    if not (
        isinstance(value, str)
        and 2 <= len(value) <= 3
        and value.isascii()
        and value.isalpha()
        and value.islower()
    ):
        _refuse(owner, name, value, "an ISO 639-1 code such as 'en', 'de' or 'zh'")


def _is_number(value: object) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool) and value == value


def _refuse(owner: str, name: str, value: object, allowed: str) -> None:
    msg = f"{owner}.{name} must be {allowed}, got {value!r}"
    raise ConfigError(msg)
