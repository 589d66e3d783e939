"""Sentences of a tokenized text, as runs of tokens fit for comparison.

A sentence ends at ``.``, ``!`` or ``?`` (plus closing quotes and brackets) before an
upper-case or uncased letter, a digit or an opening quote, at every other sentence
terminal of Unicode (``。``, ``।``, ``۔``, ``؟``...), at a space in Thai and Lao text,
and at every paragraph break (a blank line). Units too short to compare are merged
into the next one, run-on text is cut, and each sentence remembers its paragraph.

>>> from textreuse.text.tokens import tokenize
>>> tokens = tokenize("The bridge is shut. Repairs start on Monday morning.\\n\\nA new page.")
>>> sentence_texts(tokens, split_sentences(tokens, min_content_words=1))
['The bridge is shut', 'Repairs start on Monday morning', 'A new page']
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

import numpy as np
import regex

from textreuse.text.tokens import IntArray, Tokens

# A sentence ends at . ! ? (plus closing quotes/brackets) before a capital or uncased
# letter (Arabic, Hebrew, Devanagari, CJK... have no case), a digit or an opening
# quote; "study.Bachelor" (a missing space) counts too. Every other sentence terminal
# of Unicode (。！？ । ۔ ؟ ။ ...) ends a sentence wherever it stands, and so does a
# space between Thai or Lao words (those scripts end sentences with a space and put
# none between words). A match starts
# only at the first mark of a run and never backtracks, so a run costs its length.
_SENTENCE_END = regex.compile(
    r"""[.!?](?<![.!?].)[.!?]*+["'”’)\]»]*+"""
    r"""(?:\s++(?=["'“‘(\[«]?[\p{Lu}\p{Lt}\p{Lo}\p{Nd}])|(?=[A-Z][a-z]))"""
    r"""|[\p{STerm}--[.!?]](?<!\p{STerm}.)[\p{STerm}--[.!?]]*+["'”’)\]»」』）]*+"""
    r"""|\s(?<=[\p{Thai}\p{Lao}]\s)\s*+(?=[\p{Thai}\p{Lao}])""",
    regex.V1,
)
# The same for text in spaced scripts without marks (most text, all English), with the
# standard library's faster engine: what follows a match is checked in Python. The
# pattern opens with the mark, not the lookbehind, so that the engine skips ahead to
# the next mark (about three times faster).
_PLAIN_SENTENCE_END = re.compile(
    r"""[.!?](?<![.!?].)[.!?]*+["'”’)\]»]*+"""
    r"""(?:\s++(?=["'“‘(\[«]?(?:[A-Z0-9]|[^\x00-\x7f]))|(?=[A-Z][a-z]))"""
)
_OPENING_QUOTES = "\"'“‘([«"
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")


@dataclass(frozen=True, eq=False)
class Sentences:
    """Sentences as token ranges: sentence ``k`` holds tokens ``[first[k], stop[k])``.

    ``paragraph[k]`` numbers the paragraph (text between blank lines) it belongs to.
    """

    first: IntArray
    stop: IntArray
    paragraph: IntArray

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
    sentence_ends = _sentence_ends(text, plain=tokens.plain)
    paragraph_ends = [m.start() for m in _PARAGRAPH_BREAK.finditer(text)]
    # Token index where each boundary falls: the first token starting at or after it.
    sentence_cuts = set(np.searchsorted(tokens.starts, sentence_ends).tolist())
    paragraph_cuts = set(np.searchsorted(tokens.starts, paragraph_ends).tolist())
    content = np.zeros(n + 1, dtype=np.int64)
    content[tokens.content + 1] = 1
    units = _Units(np.cumsum(content).tolist(), max_content_words)
    for cut in sorted(c for c in sentence_cuts | paragraph_cuts if 0 < c < n):
        units.cap_until(cut)
        if cut > units.start and (
            cut in paragraph_cuts or units.content_since_start(cut) >= min_content_words
        ):
            units.close(cut)
    units.cap_until(n)
    if units.start < n:
        tail_is_short = units.content_since_start(n) < min_content_words
        if units.first and tail_is_short and units.start not in paragraph_cuts:
            units.stop[-1] = n  # a short tail joins the sentence before it
        else:
            units.close(n)
    first_array = np.asarray(units.first, dtype=np.int64)
    # A sentence belongs to the paragraph counted by the breaks before its first token.
    paragraph_starts = np.asarray(sorted(paragraph_cuts), dtype=np.int64)
    paragraph = np.searchsorted(paragraph_starts, first_array, side="right").astype(np.int64)
    stop_array = np.asarray(units.stop, dtype=np.int64)
    return Sentences(first=first_array, stop=stop_array, paragraph=paragraph)


def _sentence_ends(text: str, *, plain: bool) -> list[int]:
    """Where sentences end (see the module docstring)."""
    if not plain:
        return [m.end() for m in _SENTENCE_END.finditer(text)]
    ends = [match.end() for match in _PLAIN_SENTENCE_END.finditer(text)]
    return ends if text.isascii() else [end for end in ends if _starts_sentence(text, end)]


def _starts_sentence(text: str, end: int) -> bool:
    """Whether what follows ``end`` (past an opening quote) is a capital or a digit."""
    follower = text[end + 1] if text[end] in _OPENING_QUOTES else text[end]
    return follower.isupper() or follower.istitle() or follower.isdecimal()


class _Units:
    """The sentences being cut: closed token ranges, and where the open one starts.

    ``content_before[i]`` counts the content words among tokens ``[0, i)``.
    """

    def __init__(self, content_before: list[int], max_content_words: int) -> None:
        self.content_before = content_before
        self.max_content_words = max_content_words
        self.first: list[int] = []
        self.stop: list[int] = []
        self.start = 0

    def content_since_start(self, cut: int) -> int:
        return self.content_before[cut] - self.content_before[self.start]

    def close(self, cut: int) -> None:
        self.first.append(self.start)
        self.stop.append(cut)
        self.start = cut

    def cap_until(self, cut: int) -> None:
        """Close run-on sentences every max_content_words content words before ``cut``."""
        while self.content_since_start(cut) >= self.max_content_words:
            target = self.content_before[self.start] + self.max_content_words
            self.close(bisect_left(self.content_before, target))


def sentence_texts(tokens: Tokens, sentences: Sentences) -> list[str]:
    """Each sentence's text, from its first word to its last, as the original has it."""
    return [
        tokens.text[tokens.starts[first] : tokens.ends[stop - 1]]
        for first, stop in zip(sentences.first, sentences.stop, strict=True)
    ]
