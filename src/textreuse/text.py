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
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

import numpy as np
import snowballstemmer

from textreuse.stopwords import ENGLISH_STOPWORDS

_WORD = re.compile(r"\w+(?:['’]\w+)*")
# A word and the non-word run before it: one findall gives words and offsets at once.
_GAP_AND_WORD = re.compile(r"(\W*)(\w+(?:['’]\w+)*)")
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


@lru_cache(maxsize=1 << 18)
def _forms(word: str) -> tuple[str, str | None]:
    """A word's normalised form and content stem, computed once per distinct word."""
    norm = normalize_word(word)
    return norm, content_stem(norm)


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
    pieces = _GAP_AND_WORD.findall(text)
    gaps, words = zip(*pieces, strict=True) if pieces else ((), ())
    gap_lengths = np.fromiter(map(len, gaps), dtype=np.int64, count=len(gaps))
    word_lengths = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
    ends = np.cumsum(gap_lengths + word_lengths)
    norms, stems = zip(*map(_forms, words), strict=True) if words else ((), ())
    return Tokens(
        text=text, starts=ends - word_lengths, ends=ends, norms=list(norms), stems=list(stems)
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

    # content_before[i]: content words among tokens [0, i).
    content_before = [0, *accumulate(stem is not None for stem in tokens.stems)]
    first: list[int] = []
    stop: list[int] = []
    start = 0

    def cap_until(cut: int) -> None:
        """Close run-on sentences every max_content_words content words before ``cut``."""
        nonlocal start
        while content_before[cut] - content_before[start] >= max_content_words:
            limit = bisect_left(content_before, content_before[start] + max_content_words)
            first.append(start)
            stop.append(limit)
            start = limit

    for cut in sorted(c for c in sentence_cuts | paragraph_cuts if 0 < c < n):
        cap_until(cut)
        long_enough = content_before[cut] - content_before[start] >= min_content_words
        if cut > start and (cut in paragraph_cuts or long_enough):
            first.append(start)
            stop.append(cut)
            start = cut
    cap_until(n)
    if start < n:
        tail_is_short = content_before[n] - content_before[start] < min_content_words
        if first and tail_is_short and start not in paragraph_cuts:
            stop[-1] = n  # a short tail joins the sentence before it
        else:
            first.append(start)
            stop.append(n)
    first_array = np.asarray(first, dtype=np.int64)
    # A sentence belongs to the paragraph counted by the breaks before its first token.
    paragraph_starts = np.asarray(sorted(paragraph_cuts), dtype=np.int64)
    paragraph = np.searchsorted(paragraph_starts, first_array, side="right")
    return Sentences(first=first_array, stop=np.asarray(stop, dtype=np.int64), paragraph=paragraph)


def sentence_texts(tokens: Tokens, sentences: Sentences) -> list[str]:
    """Each sentence's text, from its first word to its last, as the original has it."""
    return [
        tokens.text[tokens.starts[first] : tokens.ends[stop - 1]]
        for first, stop in zip(sentences.first, sentences.stop, strict=True)
    ]
