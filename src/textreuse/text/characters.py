"""A table of what each character is, worked out once per distinct character.

Decisions about a text (which word pattern reads it, which script it is mostly in)
follow from its distinct characters; classing each by its Unicode properties costs a
few regex matches, so the answer is kept and a character seen before costs one dict
lookup, in C.

>>> table = CharacterTable(str.isalpha)
>>> list(map(table.__getitem__, "a1"))
[True, False]
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

_T = TypeVar("_T")
MAX_CLASSED = 1 << 16


class CharacterTable(dict[str, _T]):
    """``classify`` of each character, computed on first sight; past
    :data:`MAX_CLASSED` characters the table starts afresh, so a text of every code
    point cannot grow it without bound."""

    def __init__(self, classify: Callable[[str], _T]) -> None:
        super().__init__()
        self._classify = classify

    def __missing__(self, char: str) -> _T:
        if len(self) >= MAX_CLASSED:
            self.clear()
        found = self._classify(char)
        self[char] = found
        return found
