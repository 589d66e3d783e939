"""Word tokens of a text, with offsets back into the original string.

Comparison happens on normalised words (Unicode NFKC, case folded, one apostrophe),
while every token keeps the half-open ``[start, end)`` code-point range it came from.
Whitespace, line breaks and punctuation are never part of a token, so any
normalisation of them is free and every result maps back to the original text
exactly.

>>> tokens = tokenize("Don’t panic, Ünïcode!")
>>> tokens.norms, tokens.stems
(["don't", 'panic', 'ünïcode'], [None, 'panic', 'ünïcode'])
>>> [tokens.text[s:e] for s, e in zip(tokens.starts, tokens.ends)]
['Don’t', 'panic', 'Ünïcode']
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt
import snowballstemmer

from textreuse.text.stopwords import ENGLISH_STOPWORDS

IntArray = npt.NDArray[np.int64]

# A word and the non-word run before it: one findall gives words and offsets at once.
_GAP_AND_WORD = re.compile(r"(\W*)(\w+(?:['’]\w+)*)")
_STEMMER = snowballstemmer.stemmer("english")


@lru_cache(maxsize=1 << 18)
def normalize_word(word: str) -> str:
    """The comparison form of a word: NFKC, case folded, typographic apostrophe made plain."""
    return unicodedata.normalize("NFKC", word).casefold().replace("’", "'")


@lru_cache(maxsize=1 << 18)
def content_stem(norm: str) -> str | None:
    """The stem of a normalised word, or None for a function word that carries no content."""
    if norm in ENGLISH_STOPWORDS or (len(norm) == 1 and not norm.isdigit()):
        return None
    stem: str = _STEMMER.stemWord(norm)
    return stem


@lru_cache(maxsize=1 << 18)
def _forms(word: str) -> tuple[str, str | None]:
    """A word's normalised form and content stem, computed once per distinct word."""
    norm = normalize_word(word)
    return norm, content_stem(norm)


@dataclass(frozen=True, eq=False)
class Tokens:
    """The words of a text: original offsets, normalised forms and content stems."""

    text: str
    starts: IntArray
    ends: IntArray
    norms: list[str]
    stems: list[str | None]

    def __len__(self) -> int:
        return len(self.norms)


def tokenize(text: str) -> Tokens:
    """Split ``text`` into word tokens that remember where they came from."""
    pieces: list[tuple[str, str]] = _GAP_AND_WORD.findall(text)
    # zip and map keep the per-token loops in C: tokenizing is the floor of a compare.
    gaps: tuple[str, ...]
    words: tuple[str, ...]
    gaps, words = zip(*pieces, strict=True) if pieces else ((), ())
    gap_lengths = np.fromiter(map(len, gaps), dtype=np.int64, count=len(gaps))
    word_lengths = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
    ends = np.cumsum(gap_lengths + word_lengths)
    norms: tuple[str, ...]
    stems: tuple[str | None, ...]
    norms, stems = zip(*map(_forms, words), strict=True) if words else ((), ())
    return Tokens(
        text=text, starts=ends - word_lengths, ends=ends, norms=list(norms), stems=list(stems)
    )
