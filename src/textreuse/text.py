"""Tokens and sentences of a text, with offsets back into the original string.

Comparison happens on normalised words (Unicode NFKC, case folded, one apostrophe),
while every token keeps the half-open ``[start, end)`` code-point range it came from.
Whitespace, line breaks and punctuation are never part of a token, so any
normalisation of them is free and every result maps back to the original text
exactly.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import snowballstemmer

from textreuse.stopwords import ENGLISH_STOPWORDS

_WORD = re.compile(r"\w+(?:['’]\w+)*")
# A sentence ends at . ! ? (plus closing quotes/brackets) before an upper-case letter,
# a digit or an opening quote; "study.Bachelor" (a missing space) counts too.
_SENTENCE_END = re.compile(r"""[.!?]+["'”’)\]]*(?:\s+(?=["'“‘(\[]?[A-Z0-9])|(?=[A-Z][a-z]))""")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")
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
    return _STEMMER.stemWord(norm)


@dataclass(frozen=True)
class Tokens:
    """The words of a text: original offsets, normalised forms and content stems."""

    text: str
    starts: np.ndarray
    ends: np.ndarray
    norms: list[str]
    stems: list[str | None]

    def __len__(self) -> int:
        return len(self.norms)


def tokenize(text: str) -> Tokens:
    """Split ``text`` into word tokens that remember where they came from."""
    starts: list[int] = []
    ends: list[int] = []
    norms: list[str] = []
    for match in _WORD.finditer(text):
        starts.append(match.start())
        ends.append(match.end())
        norms.append(normalize_word(match.group()))
    stems = [content_stem(n) for n in norms]
    return Tokens(
        text=text,
        starts=np.asarray(starts, dtype=np.int64),
        ends=np.asarray(ends, dtype=np.int64),
        norms=norms,
        stems=stems,
    )


@dataclass(frozen=True)
class Sentences:
    """Sentences as token ranges: sentence ``k`` holds tokens ``[first[k], stop[k])``.

    ``paragraph[k]`` numbers the paragraph (text between blank lines) it belongs to.
    """

    first: np.ndarray
    stop: np.ndarray
    paragraph: np.ndarray

    def __len__(self) -> int:
        return len(self.first)


def split_sentences(
    tokens: Tokens, *, min_content_words: int = 3, max_content_words: int = 60
) -> Sentences:
    """Group tokens into sentences fit for comparison.

    Sentences with fewer than ``min_content_words`` content words are merged into the
    next one of the same paragraph (so "Mr." or a heading does not stand alone), and
    run-on text without punctuation is cut every ``max_content_words`` content words
    so that no unit grows without bound.
    """
    n = len(tokens)
    if n == 0:
        empty = np.zeros(0, dtype=np.int64)
        return Sentences(first=empty, stop=empty, paragraph=empty)
    text = tokens.text
    sentence_ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    paragraph_ends = [m.start() for m in _PARAGRAPH_BREAK.finditer(text)]
    # Token index where each boundary falls: the first token starting at or after it.
    sentence_cuts = set(np.searchsorted(tokens.starts, sentence_ends).tolist())
    paragraph_cuts = set(np.searchsorted(tokens.starts, paragraph_ends).tolist())

    is_content = [s is not None for s in tokens.stems]
    first: list[int] = []
    stop: list[int] = []
    start = 0
    content = 0
    for i in range(n):
        if i > start and (
            i in paragraph_cuts or (i in sentence_cuts and content >= min_content_words)
        ):
            first.append(start)
            stop.append(i)
            start, content = i, 0
        content += is_content[i]
        if content >= max_content_words:
            first.append(start)
            stop.append(i + 1)
            start, content = i + 1, 0
    if start < n:
        if first and content < min_content_words and start not in paragraph_cuts:
            stop[-1] = n  # a short tail joins the sentence before it
        else:
            first.append(start)
            stop.append(n)
    first_array = np.asarray(first, dtype=np.int64)
    # A sentence belongs to the paragraph counted by the breaks before its first token.
    paragraph_starts = np.asarray(sorted(paragraph_cuts), dtype=np.int64)
    paragraph = np.searchsorted(paragraph_starts, first_array, side="right")
    return Sentences(first=first_array, stop=np.asarray(stop, dtype=np.int64), paragraph=paragraph)
