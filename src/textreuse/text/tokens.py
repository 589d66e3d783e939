"""Word tokens of a text in any script, with offsets back into the original string.

Comparison happens on normalised words, while every token keeps the half-open
``[start, end)`` code-point range it came from. Whitespace, line breaks and
punctuation are never part of a token, so any normalisation of them is free and
every result maps back to the original text exactly.

* Words are runs of letters, digits and combining marks (so a Devanagari word keeps
  its vowel signs and a decomposed ``é`` stays one word), joined across apostrophes
  and invisible format characters (soft hyphen, zero-width joiners, word joiner).
* Scripts written without spaces (Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar)
  are cut into words by ICU's dictionary-based word break iterator.
* A digit run beside letters of a script without case (Arabic, Devanagari...) is a
  word of its own, so "میں3" and "میں 3" read the same.
* :func:`~textreuse.text.normalize.normalize_word` folds what differs between copies
  of the same word.

>>> tokens = tokenize("Don’t panic, Ünïcode!", language="en")
>>> tokens.norms, tokens.stems
(["don't", 'panic', 'ünïcode'], [None, 'panic', 'ünïcode'])
>>> [tokens.text[s:e] for s, e in zip(tokens.starts, tokens.ends)]
['Don’t', 'panic', 'Ünïcode']
>>> tokenize("北京今天举行会议。", language="zh").norms
['北京', '今天', '举行', '会议']
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache, reduce
from operator import or_
from typing import Any

import numpy as np
import numpy.typing as npt
import regex

from textreuse.text.characters import CharacterTable
from textreuse.text.languages import detect_language, word_model
from textreuse.text.normalize import normalize_word
from textreuse.text.stable_hashes import HashArray, stable_hash64
from textreuse.text.word_forms import known_forms
from textreuse.text.word_forms_py import Forms
from textreuse.text.word_spans import word_spans
from textreuse.text.word_spans_py import IntArray as IntArray
from textreuse.text.word_spans_py import gap_and_word_spans

# Text with none of these takes the fast path: one stdlib regex, as for English.
_SPECIAL_CHAR = regex.compile(r"[\p{M}\p{Cf}\p{Lo}\p{Lm}\p{Nd}--[0-9]]", regex.V1)
_WORD_SHAPING = regex.compile(
    r"[\p{M}\p{Cf}\p{Lm}\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]",
    regex.V1,
)
# A word starts with a letter or digit (a mark or joiner alone belongs to what stands
# before it); it is found with the run of other characters before it, and a match only
# starts at the text's start or right after a word, so each character is read once.
_GAP_AND_ANY_WORD = regex.compile(
    r"(?:^|(?<=[\w\p{M}]))([^\w--[\p{M}\p{Cf}]]*+)"
    r"([\w--[\p{M}\p{Cf}]][\w\p{M}]*+(?:(?:['’ʼ]|\p{Cf}++)[\w\p{M}]++)*+)",
    regex.V1,
)
_UNSPACED_LETTER = r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]"
_DENSE = regex.compile(_UNSPACED_LETTER, regex.V1)
_DENSE_RUN = regex.compile(_UNSPACED_LETTER + "+", regex.V1)
# Digit runs beside letters of scripts without case are words of their own.
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")  # two UTF-16 code units each in ICU
# Digits stand apart only at the edges of a digit run: looking there alone is faster
# than a lookbehind tried at every character.
_DIGIT_RUN = re.compile(r"\d+")
# A word that ends before one of these may end inside a grapheme cluster (marks and
# joiners extend the cluster before them).
_JOINS_PREVIOUS_CHAR = regex.compile(r"[\p{M}\p{Cf}]", regex.V1)
# A word that starts after one of these may start inside a grapheme cluster: a prepended
# character or a joiner binds what follows; in text with a conjunct linker (a virama
# that Unicode's conjunct rule reads), any mark between the linker and the consonant
# does too.
_JOINS_NEXT_CHAR = regex.compile(r"[\p{GCB=Prepend}\p{Cf}]", regex.V1)
_LINKER_CHAR = regex.compile(r"\p{InCB=Linker}", regex.V1)
_GRAPHEME = regex.compile(r"\X", regex.V1)
_CLUSTER_LOOKBACK = 64
_ASCII = frozenset(map(chr, range(128)))
_STDLIB_WORD = re.compile(r"\w")
_V1_WORD_START = regex.compile(r"[\w--[\p{M}\p{Cf}]]", regex.V1)
_V1_WORD_PART = regex.compile(r"[\w\p{M}]", regex.V1)
_V1_FORMAT = regex.compile(r"\p{Cf}", regex.V1)
_DIGITS_APART = regex.compile(r"(?<=\p{Lo}[\p{M}]*)(?=\p{Nd})|(?<=\p{Nd})(?=\p{Lo})", regex.V1)


@dataclass(frozen=True, eq=False)
class Tokens:
    """The words of a text: original offsets, normalised forms, content stems, the
    positions of the content words (those with a stem) and their stems' stable hashes
    (what n-gram fingerprints and sentence vectors are made of), the language whose
    word model made the stems, and whether the text is plain (spaced scripts only, no
    marks or format characters), which lets faster code read it."""

    text: str
    starts: IntArray
    ends: IntArray
    norms: list[str]
    stems: list[str | None]
    content: IntArray
    content_hashes: HashArray
    language: str = "en"
    plain: bool = True

    def __len__(self) -> int:
        return len(self.norms)


def tokenize(text: str, language: str | None = None) -> Tokens:
    """Split ``text`` into word tokens that remember where they came from.

    ``language`` (an ISO 639-1 code) chooses the stemmer and function words; by
    default it is identified from the text.
    """
    # The distinct characters decide the path: classing each of them costs far less
    # than a pattern run over every character.
    chars = _Characters.of(text)
    plain = not chars.bits & _SPECIAL
    digits = not plain and _digits_apart(text)
    if plain or not (digits or chars.bits & _SHAPES_WORDS):
        # Spaced letters without marks or joiners (unvocalised Arabic, say): the
        # stdlib pattern finds the same words.
        starts, ends, words = word_spans(text)
    else:
        starts, ends, words = _words(text, chars, digits=digits)
    language = language or detect_language(text, words)
    norms, stems, content, content_hashes = _word_forms(words, language)
    return Tokens(text, starts, ends, norms, stems, content, content_hashes, language, plain)


# What a character is, as bits: each distinct character of a text is classed once, in
# one lookup, and a text's path follows from the bits of its characters together.
_SPECIAL = 1  # needs the multi-script path: a mark, a format character, a letter of
# a script without case, a non-ASCII digit
_SHAPES_WORDS = 2  # moves word edges beyond what the stdlib pattern sees: a mark, a
# format character, a modifier letter (the ʼ apostrophe), a letter of an unspaced script
_UNSPACED = 4  # of a script written without spaces between words
_STDLIB_DIFFERS = 8  # the stdlib's ``\w`` and the ``regex`` word pattern class it apart
_STDLIB_PART = 16  # in words for ``regex`` but not in the stdlib's ``\w`` (a mark, a
# zero-width joiner)
_FORMAT = 32  # a format character
_JOINS_PREVIOUS = 64  # joins the grapheme cluster before it (a mark, a format character)
_JOINS_NEXT = 128  # binds the cluster after it (a prepended character, a joiner)
_LINKER = 256  # a conjunct linker (a virama that Unicode's conjunct rule reads)


def _char_class(char: str) -> int:
    """The bits of one character."""
    word = _STDLIB_WORD.match(char) is not None
    part = _V1_WORD_PART.match(char) is not None
    agrees = word == (_V1_WORD_START.match(char) is not None) and (not word or part)
    tests = (
        (_SPECIAL, _SPECIAL_CHAR.match(char)),
        (_SHAPES_WORDS, _WORD_SHAPING.match(char)),
        (_UNSPACED, _DENSE.match(char)),
        (_STDLIB_DIFFERS, not agrees),
        (_STDLIB_PART, part and not word),
        (_FORMAT, _V1_FORMAT.match(char)),
        (_JOINS_PREVIOUS, _JOINS_PREVIOUS_CHAR.match(char)),
        (_JOINS_NEXT, _JOINS_NEXT_CHAR.match(char)),
        (_LINKER, _LINKER_CHAR.match(char)),
    )
    return sum(bit for bit, found in tests if found)


_CLASSES = CharacterTable(_char_class)


@dataclass(frozen=True)
class _Characters:
    """A text's distinct non-ASCII characters, the class of each, and the bits of all
    of them together."""

    chars: list[str]
    classes: list[int]
    bits: int

    @classmethod
    def of(cls, text: str) -> _Characters:
        chars = [] if text.isascii() else list(set(text).difference(_ASCII))
        classes = list(map(_CLASSES.__getitem__, chars))
        return cls(chars, classes, reduce(or_, classes, 0))

    def having(self, bit: int) -> set[str]:
        """The characters whose class has ``bit`` (none where no character has it)."""
        if not self.bits & bit:
            return set()
        return {char for char, found in zip(self.chars, self.classes, strict=True) if found & bit}


_MAX_REMEMBERED_WORDS = 1 << 18
# Per language, each distinct word's normalised form and content stem: a plain dict,
# as a lookup in one costs a fraction of a call to a cached function of two
# arguments, and tokens are the most numerous thing here.
_FORMS: dict[str, Forms] = {}


def _word_forms(
    words: Sequence[str], language: str
) -> tuple[list[str], list[str | None], IntArray, HashArray]:
    """Each word's normalised form and content stem, each distinct word computed once,
    and the positions of the content words with their stems' stable hashes; past
    :data:`_MAX_REMEMBERED_WORDS` of a language, its words start afresh in a new dict
    (entries are only ever added to a dict, each word's forms at once, so a thread
    reading one never finds part of them)."""
    forms = _FORMS.setdefault(language, {})
    try:
        return known_forms(words, forms)  # most texts hold no word new to the language
    except KeyError:
        pass
    missing = set(words).difference(forms)
    if len(forms) + len(missing) > _MAX_REMEMBERED_WORDS:
        forms, missing = {}, set(words)
        _FORMS[language] = forms
    for word in missing:
        norm = normalize_word(word)
        stem = content_stem(norm, language)
        forms[word] = (norm, stem, 0 if stem is None else stable_hash64(stem))
    return known_forms(words, forms)


def _words(
    text: str, chars: _Characters, *, digits: bool
) -> tuple[IntArray, IntArray, tuple[str, ...]]:
    """Words of text in any script: marks kept, unspaced scripts segmented by ICU,
    digits cut from uncased letters (where ``digits``), no edge inside a grapheme."""
    if chars.bits & _STDLIB_DIFFERS:
        starts, ends, words = gap_and_word_spans(_GAP_AND_ANY_WORD.findall(text))
    else:
        starts, ends, words = word_spans(text, *_stdlib_word_parts(chars))
    dense = bool(chars.bits & _UNSPACED)
    if dense or digits:
        starts, ends = _cut(text, starts, ends, words, dense=dense, digits=digits)
    widened = False
    if chars.bits & _JOINS_PREVIOUS:
        joins_previous = chars.having(_JOINS_PREVIOUS)
        joins_next = chars.having(_JOINS_NEXT)
        if chars.bits & _LINKER:
            joins_next |= joins_previous
        starts, ends, widened = _whole_graphemes(text, starts, ends, joins_previous, joins_next)
    if not (dense or digits or widened):
        return starts, ends, words
    return starts, ends, tuple(map(text.__getitem__, map(slice, starts.tolist(), ends.tolist())))


def _stdlib_word_parts(chars: _Characters) -> tuple[str, str]:
    """What :func:`~textreuse.text.word_spans.word_spans` needs beside the stdlib's
    ``\\w`` to find the words of :data:`_GAP_AND_ANY_WORD` (about twice as fast as the
    ``regex`` module), for a text of ``chars``: the stdlib's ``\\w`` holds no marks,
    nor the zero-width joiners that the ``regex`` module's does (Unicode's
    Join_Control, written inside Persian words), so those of them the text holds are
    spelled out (the parts), and its format characters. Classes of a text's few
    characters read faster than classes of every mark in Unicode. Right where no
    character has :data:`_STDLIB_DIFFERS`."""
    parts = "".join(sorted(chars.having(_STDLIB_PART)))
    formats = "".join(sorted(chars.having(_FORMAT)))
    return parts, formats


def _whole_graphemes(
    text: str, starts: IntArray, ends: IntArray, joins_previous: set[str], joins_next: set[str]
) -> tuple[IntArray, IntArray, bool]:
    """The spans widened where an edge falls inside a grapheme cluster (a letter that a
    virama or other mark before it joins, as Unicode's conjunct rule does), merged
    where widening makes two meet, and whether any edge was looked at again. Only edges
    beside a character that can join are looked at, found for all words at once, so
    ordinary text costs no Python per word."""
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    after = np.minimum(ends, len(text) - 1)
    suspect = (ends < len(text)) & _among(codes[after], joins_previous)
    if joins_next:
        before = codes[np.maximum(starts - 1, 0)]
        suspect |= (starts > 0) & _among(before, joins_next)
    if not suspect.any():
        return starts, ends, False
    starts, ends = starts.copy(), ends.copy()
    for index in np.flatnonzero(suspect).tolist():
        start, end = int(starts[index]), int(ends[index])
        if start > 0 and text[start - 1] in joins_next:
            starts[index] = _cluster_around(text, start)[0]
        if end < len(text) and text[end] in joins_previous:
            ends[index] = _cluster_around(text, end - 1)[1]
    return (*_merged(starts, ends), True)


def _among(codes: npt.NDArray[np.uint32], chars: set[str]) -> npt.NDArray[np.bool_]:
    """Which code points are those of ``chars``: a binary search in the few sorted
    codes, some times faster than ``np.isin`` on arrays of a document's size."""
    sorted_codes = np.array(sorted(map(ord, chars)), dtype=np.uint32)
    found = np.minimum(np.searchsorted(sorted_codes, codes), len(sorted_codes) - 1)
    return np.asarray(sorted_codes[found] == codes)


def _merged(starts: IntArray, ends: IntArray) -> tuple[IntArray, IntArray]:
    """Spans (in order of their starts) merged where they overlap."""
    reach = np.maximum.accumulate(ends)
    first = np.ones(len(starts), dtype=bool)
    first[1:] = starts[1:] >= reach[:-1]
    group = np.cumsum(first) - 1
    merged_starts = np.minimum.reduceat(starts, np.flatnonzero(first))
    merged_ends = np.zeros(int(group[-1]) + 1, dtype=np.int64)
    np.maximum.at(merged_ends, group, ends)
    return merged_starts, merged_ends


def _cluster_around(text: str, index: int) -> tuple[int, int]:
    """The grapheme cluster holding ``text[index]``, read from the last space before it."""
    origin = max(text.rfind(" ", 0, index) + 1, index - _CLUSTER_LOOKBACK, 0)
    for cluster in _GRAPHEME.finditer(text, origin, min(len(text), index + _CLUSTER_LOOKBACK)):
        if cluster.start() <= index < cluster.end():
            return int(cluster.start()), int(cluster.end())
    return index, index + 1


def _digits_apart(text: str) -> bool:
    """Whether a digit run meets a letter of a script without case, where it is cut."""
    return any(
        _DIGITS_APART.search(text, run.start(), run.end() + 1) for run in _DIGIT_RUN.finditer(text)
    )


def _cut(
    text: str,
    starts: IntArray,
    ends: IntArray,
    words: tuple[str, ...],
    *,
    dense: bool,
    digits: bool,
) -> tuple[IntArray, IntArray]:
    """The words cut where ICU's word break iterator cuts a word holding letters of an
    unspaced script (where ``dense``), and, in the other words (where ``digits``),
    where digits meet letters of a script without case. The cuts fall strictly inside
    words that do not overlap, so sorting them in with the edges pairs every piece's
    start with its end, for all words at once."""
    in_dense = np.zeros(len(starts), dtype=bool)
    cuts = [np.zeros(0, dtype=np.int64)]
    if dense:
        # Runs of unspaced letters are in order and apart: a word holds one where the
        # last run to start before the word's end reaches past its start.
        runs = [match.span() for match in _DENSE_RUN.finditer(text)]
        run_starts, run_ends = np.array(runs, dtype=np.int64).reshape(-1, 2).T
        last = np.searchsorted(run_starts, ends, side="left") - 1
        in_dense = (last >= 0) & (run_ends[np.maximum(last, 0)] > starts)
        breaks = np.asarray(_word_breaks(text), dtype=np.int64)
        word = np.searchsorted(starts, breaks, side="right") - 1
        breaks, word = breaks[word >= 0], word[word >= 0]
        cuts.append(breaks[(breaks > starts[word]) & (breaks < ends[word]) & in_dense[word]])
    if digits:
        for index in np.flatnonzero(~in_dense).tolist():
            if _DIGITS_APART.search(words[index]):
                start = int(starts[index])
                found = _DIGITS_APART.finditer(words[index])
                cuts.append(np.array([start + m.start() for m in found], dtype=np.int64))
    inside = np.concatenate(cuts)
    return np.sort(np.concatenate((starts, inside))), np.sort(np.concatenate((ends, inside)))


def _word_breaks(text: str) -> list[int]:
    """Where ICU's dictionary-based word break iterator cuts ``text`` (code-point
    offsets, in order), read in one pass over the whole text: a call per word cost more
    than the cutting. Without ICU, every grapheme cluster is a word of its own."""
    iterator = _break_iterator()
    if iterator is None:
        return [match.end() for match in _GRAPHEME.finditer(text)]
    iterator.setText(text)
    cuts = list(iterator)
    if _ASTRAL.search(text):  # ICU counts UTF-16 code units
        units = np.cumsum([0] + [2 if ord(char) > 0xFFFF else 1 for char in text])
        cuts = np.searchsorted(units, cuts).tolist()
    return cuts


_ICU = threading.local()  # ICU's iterators are not safe to share between threads


def _break_iterator() -> Any:
    """This thread's ICU word break iterator, or None where PyICU is not installed."""
    if not hasattr(_ICU, "iterator"):
        try:
            import icu
        except ImportError:
            _ICU.iterator = None
        else:
            _ICU.iterator = icu.BreakIterator.createWordInstance(icu.Locale.getRoot())
    return _ICU.iterator


@lru_cache(maxsize=1 << 18)
def content_stem(norm: str, language: str = "en") -> str | None:
    """The stem of a normalised word, or None for a function word that carries no content
    (a stop word of the language, or a lone letter of an alphabet)."""
    model = word_model(language)
    if norm in model.stopwords:
        return None
    if len(norm) == 1 and not norm.isdigit() and _DENSE.match(norm) is None:
        return None
    return model.stem(norm)
