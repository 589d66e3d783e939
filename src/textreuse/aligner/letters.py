"""The extent of a copy whose words are broken, read from its letters.

OCR and typing damage break words but keep letters, and they cut sentences where the
source does not: a damaged copy's seeds can leave its first or last sentence on one
side unmatched (a full stop misread, a short sentence with no intact word). Here the
two sides are aligned character by character (rapidfuzz's Indel alignment), widened
a sentence at a time, within the paragraph, where the copy runs on. The copy's
letters are the highest-scoring stretch of that alignment (Kadane's maximum
subarray), each matched letter scoring one and each unmatched one costing what makes
a stretch exactly ``min_letter_similarity`` alike score nothing.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from rapidfuzz.distance import Indel

from textreuse.aligner.pair import MAX_LETTER_CHARS, AlignedPair, Fragment
from textreuse.aligner.prepare import Side

TokenRange = tuple[int, int]
# A copy grows this many sentences past its seeds on each side at most: seeding misses
# an edge sentence only where OCR cut it short or broke every word of it.
_MAX_WIDENINGS = 3


class LetterCopy(NamedTuple):
    """The token ranges of a damaged copy on both sides, and how alike their letters are."""

    derived: TokenRange
    source: TokenRange
    similarity: float


def letter_copy(pair: AlignedPair, fragment: Fragment) -> LetterCopy | None:
    """The fragment's sentences read as a damaged copy: grown over the letters that
    run on past them, with how alike the letters of the two sides are; None where
    nothing says the letters are alike (no seed and not the sentences as a whole are
    at least ``min_letter_similarity`` alike).

    The copy keeps every sentence of the fragment and may run into the sentences
    beside them: a passage whose letters are alike only in part of it is not a copy
    of the whole.
    """
    floor = pair.settings.min_letter_similarity
    if float(fragment.weight.max()) < floor and pair.fragment_letters(fragment) < floor:
        return None
    derived, source = pair.derived, pair.source
    d_sentences, s_sentences = fragment.derived_sentences, fragment.source_sentences
    d_core, s_core = derived.token_range(*d_sentences), source.token_range(*s_sentences)
    for _ in range(_MAX_WIDENINGS):
        found = _best_segment(
            derived, _widened(derived, d_sentences), source, _widened(source, s_sentences), floor
        )
        if found is None:
            break
        d_core, s_core = _union(d_core, found[0]), _union(s_core, found[1])
        grown = _sentences(derived, d_core), _sentences(source, s_core)
        if grown == (d_sentences, s_sentences):
            break
        d_sentences, s_sentences = grown
    return LetterCopy(d_core, s_core, pair.letter_similarity(d_core, s_core))


def _sentences(side: Side, token_range: TokenRange) -> TokenRange:
    """The first and last sentence (inclusive) of a token range."""
    of_token = side.sentence_of_token
    return int(of_token[token_range[0]]), int(of_token[token_range[1] - 1])


def _union(a: TokenRange, b: TokenRange) -> TokenRange:
    return min(a[0], b[0]), max(a[1], b[1])


def _widened(side: Side, sentences: TokenRange) -> TokenRange:
    """The tokens of the sentences with one more on each end, where one stands in the
    same paragraph (a copy running on past a paragraph break has seeds of its own)."""
    first, last = sentences
    paragraph = side.sentences.paragraph
    if first > 0 and paragraph[first - 1] == paragraph[first]:
        first -= 1
    if last + 1 < len(side.sentences) and paragraph[last + 1] == paragraph[last]:
        last += 1
    return side.token_range(first, last)


def _best_segment(
    derived: Side, d_range: TokenRange, source: Side, s_range: TokenRange, floor: float
) -> tuple[TokenRange, TokenRange] | None:
    """The token ranges of the highest-scoring stretch of the two ranges' letter
    alignment: a stretch exactly ``floor`` alike (Indel similarity) scores zero."""
    d_letters, s_letters = derived.letters(d_range), source.letters(s_range)
    if max(len(d_letters), len(s_letters)) > MAX_LETTER_CHARS:
        return None
    # Similarity 2m / (2m + u) of m matched pairs and u unmatched letters is ``floor``
    # where u costs as much as m gains.
    cost = floor / (2 * (1 - floor))
    best, run = 0.0, 0.0
    best_span: tuple[int, int, int, int] | None = None
    start = (0, 0)
    a_end = b_end = 0
    for block in Indel.opcodes(d_letters, s_letters).as_matching_blocks():
        if block.size == 0:
            continue
        run -= cost * ((block.a - a_end) + (block.b - b_end))
        if run <= 0:
            run, start = 0.0, (block.a, block.b)
        run += block.size
        a_end, b_end = block.a + block.size, block.b + block.size
        if run > best:
            best, best_span = run, (start[0], a_end, start[1], b_end)
    if best_span is None:
        return None
    a_start, a_stop, b_start, b_stop = best_span
    return (
        _tokens_of(derived, d_range, a_start, a_stop),
        _tokens_of(source, s_range, b_start, b_stop),
    )


def _tokens_of(side: Side, token_range: TokenRange, start: int, stop: int) -> TokenRange:
    """The tokens of ``token_range`` whose letters (in :meth:`Side.letters`, words
    joined by one space) overlap ``[start, stop)``."""
    lengths = np.fromiter(
        map(len, side.words(token_range)), np.int64, token_range[1] - token_range[0]
    )
    ends = np.cumsum(lengths + 1) - 1  # where each word's letters end
    first = int(np.searchsorted(ends, start, side="right"))
    last = int(np.searchsorted(ends, stop - 1, side="left"))
    return token_range[0] + first, token_range[0] + last + 1
