"""The pair being aligned, and the pieces every stage hands to the next.

:class:`AlignedPair` carries both prepared documents, their sentence vectors and the
settings, so a stage takes one argument for "the pair" instead of six. Seeds are
matched sentence pairs; a fragment is a group of seeds that may become a passage.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, NamedTuple, TypeVar, cast

import numpy as np
from rapidfuzz.distance import Indel

from textreuse.aligner.prepare import FloatArray, Side
from textreuse.aligner.settings import AlignSettings
from textreuse.aligner.vectors import SentenceVectors, range_cosine, row_cosine, sentence_vectors
from textreuse.text.tokens import IntArray

T = TypeVar("T")

MAX_LETTER_CHARS = 20_000
"""Longest text compared character by character (the comparison is quadratic)."""


class Seeds(NamedTuple):
    """Seed sentence pairs: derived sentence ``i``, source sentence ``j``, their similarity
    (tf-isf cosine, or embedding cosine in semantic mode)."""

    i: IntArray
    j: IntArray
    weight: FloatArray


NO_SEEDS = Seeds(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0))


@dataclass(frozen=True, eq=False)
class Fragment:
    """A candidate passage: the seeds behind it and the sentence ranges they span."""

    i: IntArray
    j: IntArray
    weight: FloatArray

    @cached_property
    def derived_sentences(self) -> tuple[int, int]:
        """First and last derived sentence (inclusive); every later stage asks, often."""
        return int(self.i.min()), int(self.i.max())

    @cached_property
    def source_sentences(self) -> tuple[int, int]:
        """First and last source sentence (inclusive)."""
        return int(self.j.min()), int(self.j.max())

    def with_pairs(self, added: list[tuple[int, int, float]]) -> Fragment:
        """The fragment with more ``(derived sentence, source sentence, weight)`` seeds."""
        if not added:
            return self
        i, j, weight = (np.asarray(column) for column in zip(*added, strict=True))
        return Fragment(
            np.concatenate([self.i, i.astype(np.int64)]),
            np.concatenate([self.j, j.astype(np.int64)]),
            np.concatenate([self.weight, weight.astype(self.weight.dtype)]),
        )


@dataclass(frozen=True, eq=False)
class AlignedPair:
    """Two prepared documents being aligned, their sentence vectors, and the settings."""

    derived: Side
    source: Side
    derived_vectors: SentenceVectors
    source_vectors: SentenceVectors
    settings: AlignSettings
    remembered: dict[Any, Any] = field(default_factory=dict, init=False, repr=False)
    """Results the stages keep by what they depend on (token or sentence ranges): one
    fragment's sides are measured again and again, as it is grown, split and typed."""

    @classmethod
    def of(cls, derived: Side, source: Side, settings: AlignSettings) -> AlignedPair:
        """The pair with its sentence vectors computed over one vocabulary."""
        derived_vectors, source_vectors = sentence_vectors(derived, source)
        return cls(derived, source, derived_vectors, source_vectors, settings)

    def remember(self, key: Hashable, compute: Callable[[], T]) -> T:
        """What ``compute`` gives, computed the first time ``key`` is asked for (the key
        names the measure and the ranges it depends on)."""
        if key not in self.remembered:
            self.remembered[key] = compute()
        return cast(T, self.remembered[key])

    def swapped(self) -> AlignedPair:
        """The same pair seen from the source's side."""
        return AlignedPair(
            self.source, self.derived, self.source_vectors, self.derived_vectors, self.settings
        )

    def row_cosine(self, i: int, j: int) -> float:
        """tf-isf cosine of derived sentence ``i`` and source sentence ``j``."""
        return row_cosine(self.derived_vectors, i, self.source_vectors, j)

    def word_similarity(self, i: int, j: int) -> float:
        """Indel similarity of two sentences' word sequences."""
        derived = self.derived.words(self.derived.token_range(i, i))
        source = self.source.words(self.source.token_range(j, j))
        return float(Indel.normalized_similarity(derived, source))

    def letter_similarity(self, d_range: tuple[int, int], s_range: tuple[int, int]) -> float:
        """Indel similarity of two token ranges compared character by character; 0 past
        ``MAX_LETTER_CHARS`` on either side, where it would cost too much."""

        def measured() -> float:
            derived, source = self.derived.letters(d_range), self.source.letters(s_range)
            if max(len(derived), len(source)) > MAX_LETTER_CHARS:
                return 0.0
            return float(Indel.normalized_similarity(derived, source))

        return self.remember(("letters", d_range, s_range), measured)

    def fragment_letters(self, fragment: Fragment) -> float:
        """Character similarity of the two sides of a fragment taken as a whole."""
        return self.letter_similarity(
            self.derived.token_range(*fragment.derived_sentences),
            self.source.token_range(*fragment.source_sentences),
        )

    def fragment_cosine(self, fragment: Fragment) -> float:
        """tf-isf cosine of the two sides of a fragment taken as a whole."""
        return self.remember(
            ("cosine", fragment.derived_sentences, fragment.source_sentences),
            lambda: range_cosine(
                self.derived_vectors.weights,
                fragment.derived_sentences,
                self.source_vectors.weights,
                fragment.source_sentences,
            ),
        )

    def fragment_meaning(self, fragment: Fragment) -> float:
        """Cosine of the mean sentence embeddings of the two sides (0 without embeddings)."""
        if self.derived.embeddings is None or self.source.embeddings is None:
            return 0.0
        return range_cosine(
            self.derived.embeddings,
            fragment.derived_sentences,
            self.source.embeddings,
            fragment.source_sentences,
        )
