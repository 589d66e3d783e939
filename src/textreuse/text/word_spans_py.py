"""Word spans of text whose words the stdlib's ``re`` can find, in Python: the
reference that the compiled kernel (``word_spans_c``) must equal, and the fallback
where it was not built.

A word starts with a ``\\w`` character (the stdlib's), goes on through ``\\w`` and
``parts`` characters (marks, joiners: what the ``regex`` module's ``\\w`` holds beyond
the stdlib's), and joins across an apostrophe, or a run of ``formats`` characters,
followed by more of them. Each word comes with its half-open ``[start, end)``
code-point range.

>>> starts, ends, words = word_spans("Don't panic, 42!")
>>> starts.tolist(), ends.tolist(), words
([0, 6, 13], [5, 11, 15], ("Don't", 'panic', '42'))
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]


def word_spans(
    text: str, parts: str = "", formats: str = ""
) -> tuple[IntArray, IntArray, tuple[str, ...]]:
    """The words of ``text`` with their offsets: starts, ends and the words; ``parts``
    and ``formats`` are in code point order (so that a script's texts share patterns)."""
    return gap_and_word_spans(_pattern(parts, formats).findall(text))


@lru_cache(maxsize=1 << 10)
def _pattern(parts: str, formats: str) -> re.Pattern[str]:
    """A word (as :func:`word_spans` defines it) and the non-word run before it; a
    match only starts at the text's start or right after a word, so each character is
    read once."""
    part = rf"[\w{_code_point_ranges(parts)}]" if parts else r"\w"
    joiner = rf"['’ʼ]|[{_code_point_ranges(formats)}]++" if formats else "['’ʼ]"
    return re.compile(rf"(?:^|(?<={part}))(\W*+)(\w{part}*+(?:(?:{joiner}){part}++)*+)")


def _code_point_ranges(chars: str) -> str:
    """The inside of a character class holding exactly ``chars`` (in code point order)."""
    ranges: list[list[int]] = []
    for point in map(ord, chars):
        if ranges and point == ranges[-1][1] + 1:
            ranges[-1][1] = point
        else:
            ranges.append([point, point])
    return "".join(
        re.escape(chr(first)) + ("-" + re.escape(chr(last)) if last > first else "")
        for first, last in ranges
    )


def gap_and_word_spans(
    pieces: list[tuple[str, str]],
) -> tuple[IntArray, IntArray, tuple[str, ...]]:
    """Offsets of the words of ``(gap, word)`` pieces that tile a text's start."""
    gaps: tuple[str, ...]
    words: tuple[str, ...]
    gaps, words = zip(*pieces, strict=True) if pieces else ((), ())
    # zip and map keep the per-token loops in C.
    gap_lengths = np.fromiter(map(len, gaps), dtype=np.int64, count=len(gaps))
    word_lengths = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
    ends = np.cumsum(gap_lengths + word_lengths)
    return ends - word_lengths, ends, words
