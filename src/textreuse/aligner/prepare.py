"""Stage 1: a document prepared for alignment, remembered for the next pair.

Tokens, sentences, which sentence each token is in, and the content words the
similarity measures read; in semantic mode, one embedding per sentence as well.
One document is often aligned with many (a query with its candidates, a scan), so
the last few prepared documents are kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt
import regex

from textreuse.aligner.letter_grams import letter_gram_hashes
from textreuse.aligner.settings import AlignSettings
from textreuse.fingerprint import HashArray, fold_ngrams
from textreuse.model import Span
from textreuse.text import Sentences, Tokens, latin_equivalent, split_sentences, tokenize
from textreuse.text.tokens import IntArray

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
Embeddings = npt.NDArray[np.floating[Any]]

_REMEMBERED_TEXT_CHARS = 200_000
_OPENING = "\"'“‘«([{¿¡「『（【《〈"
_CLOSING = "\"'”’».,;:!?)]}%…。！？」』）】》〉、，；：।॥۔؟،؛"
# A closing mark with the marks or joiners written on it is one character to a reader.
_GRAPHEME = regex.compile(r"\X", regex.V1)
# Letter n-grams pair sentences that share no word: five letters, about a short word,
# are rarely shared by chance once n-grams frequent in a document are skipped.
LETTER_GRAM = 5


@dataclass(frozen=True, eq=False)
class Side:
    """One document prepared for alignment; ``ngram_size`` is the length of the
    content-word n-grams it is seeded by (the settings' own), ``length_weight`` turns its
    characters into Latin-equivalent ones, ``embeddings`` (semantic mode only) holds one
    unit vector per sentence."""

    tokens: Tokens
    sentences: Sentences
    sentence_of_token: IntArray
    ngram_size: int
    length_weight: float = 1.0
    embeddings: Embeddings | None = None

    def with_embeddings(self, embeddings: Embeddings) -> Side:
        """The same document with one unit vector per sentence."""
        return replace(self, embeddings=embeddings)

    def token_range(self, first: int, last: int) -> tuple[int, int]:
        """The tokens ``[start, stop)`` of sentences ``first`` to ``last`` (inclusive)."""
        return int(self.sentences.first[first]), int(self.sentences.stop[last])

    def token_span(self, first: int, stop: int) -> Span:
        """The character span of tokens ``[first, stop)``, with adjoining quotes and
        punctuation."""
        text = self.tokens.text
        start = int(self.tokens.starts[first])
        end = int(self.tokens.ends[stop - 1])
        while start > 0 and text[start - 1] in _OPENING:
            start -= 1
        token_end = end
        while end < len(text) and text[end] in _CLOSING:
            end += 1
        # Never end between a closing mark and a mark on it (what continues a grapheme
        # cluster is never ASCII, so most ends need no look).
        if end > token_end and end < len(text) and not text[end].isascii():
            last = _GRAPHEME.match(text, end - 1)
            end = last.end() if last is not None else end
        return Span(start, end)

    def sentence_span(self, first: int, last: int) -> Span:
        """The character span of sentences ``first`` to ``last`` (inclusive)."""
        return self.token_span(*self.token_range(first, last))

    def sentences_within(self, spans: Sequence[Span]) -> BoolArray:
        """For each sentence, whether it overlaps one of ``spans``."""
        starts = np.asarray(self.tokens.starts)[self.sentences.first]
        ends = np.asarray(self.tokens.ends)[self.sentences.stop - 1]
        within = np.zeros(len(self.sentences), dtype=bool)
        for span in spans:
            within |= (starts < span.end) & (ends > span.start)
        return within

    def weighted_length(self, span: Span) -> float:
        """A span's length in Latin-equivalent characters."""
        return len(span) * self.length_weight

    def words(self, token_range: tuple[int, int]) -> list[str]:
        """The normalised words of tokens ``[start, stop)``."""
        return self.tokens.norms[token_range[0] : token_range[1]]

    def letters(self, token_range: tuple[int, int]) -> str:
        """The normalised words of tokens ``[start, stop)`` as one string, for comparing
        character by character (OCR damage and typos break words, not letters)."""
        return " ".join(self.words(token_range))

    @property
    def content(self) -> IntArray:
        """The positions of its content-word tokens."""
        return self.tokens.content

    @property
    def stem_hashes(self) -> HashArray:
        """The stable hash of each content stem: the stem's term in the sentence vectors
        and the unit its n-grams fold."""
        return self.tokens.content_hashes

    @cached_property
    def content_sentences(self) -> IntArray:
        """The sentence of each content word."""
        return self.sentence_of_token[self.content]

    @cached_property
    def content_grams(self) -> tuple[HashArray, IntArray]:
        """Hashes of its content-word n-grams (``ngram_size`` words) and the sentence each
        starts in."""
        hashes = fold_ngrams(self.stem_hashes, self.ngram_size)
        return hashes, self.content_sentences[: len(hashes)]

    @cached_property
    def letter_lengths(self) -> IntArray:
        """The length of each sentence's :attr:`sentence_letters`."""
        return np.fromiter(map(len, self.sentence_letters), np.int64, len(self.sentences))

    @cached_property
    def sentence_letters(self) -> list[str]:
        """Each sentence as :meth:`letters` gives it."""
        norms = self.tokens.norms
        bounds = zip(self.sentences.first.tolist(), self.sentences.stop.tolist(), strict=True)
        return [" ".join(norms[first:stop]) for first, stop in bounds]

    @cached_property
    def letter_grams(self) -> tuple[HashArray, IntArray]:
        """Hashes of a sample of the runs of :data:`LETTER_GRAM` letters within a
        sentence, read with spaces dropped (OCR drops and adds them), and the sentence
        of each (see :mod:`~textreuse.aligner.letter_grams_py`)."""
        return letter_gram_hashes(self.sentence_letters, LETTER_GRAM)


def prepare(text: str, settings: AlignSettings) -> Side:
    """A document prepared for alignment, in ``settings.language`` or the language
    identified in it; the last few (of news size) are remembered."""
    if len(text) <= _REMEMBERED_TEXT_CHARS:
        return _remembered(text, settings)
    return _prepare(tokenize(text, settings.language), settings)


def prepare_pair(derived: str, source: str, settings: AlignSettings) -> tuple[Side, Side]:
    """Both documents prepared in one language: the override, or else the language
    identified in the longer one, the more reliable guess (words compare only when
    the same stemmer and function words read both sides)."""
    d_side, s_side = prepare(derived, settings), prepare(source, settings)
    d_language, s_language = d_side.tokens.language, s_side.tokens.language
    if settings.language is not None or d_language == s_language:
        return d_side, s_side
    if len(derived) >= len(source):
        return d_side, prepare(source, replace(settings, language=d_language))
    return prepare(derived, replace(settings, language=s_language)), s_side


@lru_cache(maxsize=16)
def _remembered(text: str, settings: AlignSettings) -> Side:
    return _prepare(tokenize(text, settings.language), settings)


def _prepare(tokens: Tokens, settings: AlignSettings) -> Side:
    sentences = split_sentences(
        tokens,
        min_content_words=settings.min_sentence_words,
        max_content_words=settings.max_sentence_words,
    )
    sentence_of_token = np.repeat(
        np.arange(len(sentences), dtype=np.int64), sentences.stop - sentences.first
    )
    return Side(
        tokens,
        sentences,
        sentence_of_token,
        settings.ngram_size,
        1.0 if tokens.plain else latin_equivalent(tokens.text),
    )
