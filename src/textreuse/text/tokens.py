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
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise, repeat
from typing import Any

import numpy as np
import numpy.typing as npt
import regex

from textreuse.text.languages import detect_language, word_model
from textreuse.text.normalize import normalize_word

IntArray = npt.NDArray[np.int64]

# Text with none of these takes the fast path: one stdlib regex, as for English.
_SPECIAL = regex.compile(r"[\p{M}\p{Cf}\p{Lo}\p{Lm}\p{Nd}--[0-9]]", regex.V1)
_WORD_SHAPING = regex.compile(
    r"[\p{M}\p{Cf}\p{Lm}\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]",
    regex.V1,
)
# A word and the non-word run before it; a match only starts at the text's start or
# right after a word, so a long run of non-word characters is scanned once.
_GAP_AND_WORD = re.compile(r"(?:^|(?<=\w))(\W*+)(\w++(?:['’]\w++)*+)")
# A word starts with a letter or digit (a mark or joiner alone belongs to what stands
# before it); it is found with the run of other characters before it, and a match only
# starts at the text's start or right after a word, so each character is read once.
_GAP_AND_ANY_WORD = regex.compile(
    r"(?:^|(?<=[\w\p{M}]))([^\w--[\p{M}\p{Cf}]]*+)"
    r"([\w--[\p{M}\p{Cf}]][\w\p{M}]*+(?:(?:['’ʼ]|\p{Cf}++)[\w\p{M}]++)*+)",
    regex.V1,
)
_DENSE = regex.compile(
    r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]", regex.V1
)
# Digit runs beside letters of scripts without case are words of their own.
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")  # two UTF-16 code units each in ICU
# Digits stand apart only at the edges of a digit run: looking there alone is faster
# than a lookbehind tried at every character.
_DIGIT_RUN = re.compile(r"\d+")
# A word that ends before one of these may end inside a grapheme cluster (marks and
# joiners extend the cluster before them).
_JOINS_PREVIOUS = regex.compile(r"[\p{M}\p{Cf}]", regex.V1)
# A word that starts after one of these may start inside a grapheme cluster: a prepended
# character or a joiner binds what follows; in text with a conjunct linker (a virama
# that Unicode's conjunct rule reads), any mark between the linker and the consonant
# does too.
_JOINS_NEXT = regex.compile(r"[\p{GCB=Prepend}\p{Cf}]", regex.V1)
_LINKER = regex.compile(r"\p{InCB=Linker}", regex.V1)
_GRAPHEME = regex.compile(r"\X", regex.V1)
_CLUSTER_LOOKBACK = 64
_DIGITS_APART = regex.compile(r"(?<=\p{Lo}[\p{M}]*)(?=\p{Nd})|(?<=\p{Nd})(?=\p{Lo})", regex.V1)


@dataclass(frozen=True, eq=False)
class Tokens:
    """The words of a text: original offsets, normalised forms, content stems, the
    language whose word model made the stems, and whether the text is plain (spaced
    scripts only, no marks or format characters), which lets faster code read it."""

    text: str
    starts: IntArray
    ends: IntArray
    norms: list[str]
    stems: list[str | None]
    language: str = "en"
    plain: bool = True

    def __len__(self) -> int:
        return len(self.norms)


def tokenize(text: str, language: str | None = None) -> Tokens:
    """Split ``text`` into word tokens that remember where they came from.

    ``language`` (an ISO 639-1 code) chooses the stemmer and function words; by
    default it is identified from the text.
    """
    # The distinct characters decide the path: a set of them costs far less than a
    # pattern run over every character.
    non_ascii: list[str] = [] if text.isascii() else [char for char in set(text) if char > "\x7f"]
    plain = not any(map(_special, non_ascii))
    digits = not plain and _digits_apart(text)
    if plain or not (digits or any(map(_inside_words, non_ascii))):
        # Spaced letters without marks or joiners (unvocalised Arabic, say): the
        # stdlib pattern finds the same words.
        starts, ends, words = _plain_words(text)
    else:
        starts, ends, words = _words(text, non_ascii, digits=digits)
    language = language or detect_language(text, words)
    norms: tuple[str, ...]
    stems: tuple[str | None, ...]
    norms, stems = zip(*map(_forms, words, repeat(language)), strict=True) if words else ((), ())
    return Tokens(text, starts, ends, list(norms), list(stems), language, plain)


@lru_cache(maxsize=1 << 16)
def _special(char: str) -> bool:
    """Whether a character needs the multi-script path (a mark, a format character, a
    letter of a script without case, a non-ASCII digit)."""
    return _SPECIAL.match(char) is not None


@lru_cache(maxsize=1 << 16)
def _inside_words(char: str) -> bool:
    """Whether a character changes where words start and end beyond what the stdlib
    pattern sees: a mark, a format character, a modifier letter (the ʼ apostrophe), a
    letter of a script written without spaces."""
    return _WORD_SHAPING.match(char) is not None


@lru_cache(maxsize=1 << 16)
def _cluster_joining(char: str) -> tuple[bool, bool, bool]:
    """Whether a character joins the grapheme cluster before it (a mark or format
    character), binds the one after it (a prepended character or joiner), and is a
    conjunct linker; classed once per distinct character, as the others here."""
    return (
        _JOINS_PREVIOUS.match(char) is not None,
        _JOINS_NEXT.match(char) is not None,
        _LINKER.match(char) is not None,
    )


@lru_cache(maxsize=1 << 16)
def _dense(char: str) -> bool:
    """Whether a character is of a script written without spaces between words."""
    return _DENSE.match(char) is not None


@lru_cache(maxsize=1 << 18)
def _forms(word: str, language: str) -> tuple[str, str | None]:
    """A word's normalised form and content stem, computed once per distinct word."""
    norm = normalize_word(word)
    return norm, content_stem(norm, language)


def _plain_words(text: str) -> tuple[IntArray, IntArray, tuple[str, ...]]:
    """Words of text in scripts that separate words by spaces and need no folding."""
    return _gap_and_word_spans(_GAP_AND_WORD.findall(text))


def _words(
    text: str, non_ascii: list[str], *, digits: bool
) -> tuple[IntArray, IntArray, tuple[str, ...]]:
    """Words of text in any script: marks kept, unspaced scripts segmented by ICU,
    digits cut from uncased letters (where ``digits``), no edge inside a grapheme."""
    stdlib = all(map(_stdlib_agrees, non_ascii))
    pattern = _stdlib_words().gap_and_word if stdlib else _GAP_AND_ANY_WORD
    starts, ends, words = _gap_and_word_spans(pattern.findall(text))
    dense = any(map(_dense, non_ascii))
    if dense or digits:
        spans = [
            piece
            for start, end, word in zip(starts.tolist(), ends.tolist(), words, strict=True)
            for piece in _pieces(word, start, end, dense, digits)
        ]
        bounds = np.array(spans, dtype=np.int64).reshape(-1, 2)
        starts, ends = bounds[:, 0].copy(), bounds[:, 1].copy()
    classes = dict(zip(non_ascii, map(_cluster_joining, non_ascii), strict=True))
    joins_previous = {char for char, (previous, _, _) in classes.items() if previous}
    if joins_previous:
        joins_next = {char for char, (_, following, _) in classes.items() if following}
        if any(linker for _, _, linker in classes.values()):
            joins_next |= joins_previous
        starts, ends = _whole_graphemes(text, starts, ends, joins_previous, joins_next)
    elif not (dense or digits):
        return starts, ends, words
    return starts, ends, tuple(map(text.__getitem__, map(slice, starts.tolist(), ends.tolist())))


@dataclass(frozen=True)
class _StdlibWords:
    """:data:`_GAP_AND_ANY_WORD` for the stdlib's ``re`` (about three times faster),
    with the classes it is built of, to check it against the ``regex`` module's."""

    gap_and_word: re.Pattern[str]
    start: re.Pattern[str]
    part: re.Pattern[str]
    format: re.Pattern[str]


@cache
def _stdlib_words() -> _StdlibWords:
    """The stdlib's ``\\w`` holds no marks, so the marks and format characters are
    spelled out, as the ``regex`` module lists them (built once, in about 20 ms)."""
    planes = "".join(map(chr, (*range(0x30000), *range(0xE0000, 0xE1000))))
    marks = _code_point_ranges(regex.sub(r"[^\p{M}]++", "", planes))
    formats = _code_point_ranges(regex.sub(r"[^\p{Cf}]++", "", planes))
    part = rf"[\w{marks}]"
    return _StdlibWords(
        gap_and_word=re.compile(
            rf"(?:^|(?<={part}))(\W*+)(\w{part}*+(?:(?:['’ʼ]|[{formats}]++){part}++)*+)"
        ),
        start=re.compile(r"\w"),
        part=re.compile(part),
        format=re.compile(f"[{formats}]"),
    )


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


_V1_WORD_START = regex.compile(r"[\w--[\p{M}\p{Cf}]]", regex.V1)
_V1_WORD_PART = regex.compile(r"[\w\p{M}]", regex.V1)
_V1_FORMAT = regex.compile(r"\p{Cf}", regex.V1)


@lru_cache(maxsize=1 << 16)
def _stdlib_agrees(char: str) -> bool:
    """Whether the stdlib pattern classes a character as the ``regex`` one does (a
    word's start, a word's part, a format character). They differ on a few:
    superscript digits, circled letters, characters newer than Python's tables."""
    words = _stdlib_words()
    return (
        (words.start.match(char) is None) == (_V1_WORD_START.match(char) is None)
        and (words.part.match(char) is None) == (_V1_WORD_PART.match(char) is None)
        and (words.format.match(char) is None) == (_V1_FORMAT.match(char) is None)
    )


def _gap_and_word_spans(
    pieces: list[tuple[str, str]],
) -> tuple[IntArray, IntArray, tuple[str, ...]]:
    """Offsets of the words of ``(gap, word)`` pieces that tile a text's start."""
    gaps: tuple[str, ...]
    words: tuple[str, ...]
    gaps, words = zip(*pieces, strict=True) if pieces else ((), ())
    # zip and map keep the per-token loops in C: tokenizing is the floor of a compare.
    gap_lengths = np.fromiter(map(len, gaps), dtype=np.int64, count=len(gaps))
    word_lengths = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
    ends = np.cumsum(gap_lengths + word_lengths)
    return ends - word_lengths, ends, words


def _whole_graphemes(
    text: str, starts: IntArray, ends: IntArray, joins_previous: set[str], joins_next: set[str]
) -> tuple[IntArray, IntArray]:
    """The spans widened where an edge falls inside a grapheme cluster (a letter that a
    virama or other mark before it joins, as Unicode's conjunct rule does), and merged
    where widening makes two meet. Only edges beside a character that can join are
    looked at, found for all words at once, so ordinary text costs no Python per word."""
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    after = np.minimum(ends, len(text) - 1)
    suspect = (ends < len(text)) & np.isin(codes[after], [ord(c) for c in joins_previous])
    if joins_next:
        before = codes[np.maximum(starts - 1, 0)]
        suspect |= (starts > 0) & np.isin(before, [ord(c) for c in joins_next])
    if not suspect.any():
        return starts, ends
    starts, ends = starts.copy(), ends.copy()
    for index in np.flatnonzero(suspect).tolist():
        start, end = int(starts[index]), int(ends[index])
        if start > 0 and text[start - 1] in joins_next:
            starts[index] = _cluster_around(text, start)[0]
        if end < len(text) and text[end] in joins_previous:
            ends[index] = _cluster_around(text, end - 1)[1]
    return _merged(starts, ends)


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


def _pieces(word: str, start: int, end: int, dense: bool, digits: bool) -> list[tuple[int, int]]:
    """A word (``text[start:end]``) cut where ICU's word break iterator cuts an unspaced
    script, or where its digits meet letters of a script without case."""
    if dense and _DENSE.search(word):
        return [(start + a, start + b) for a, b in _segmented(word)]
    if digits and _DIGITS_APART.search(word):
        cuts = [0, *(m.start() for m in _DIGITS_APART.finditer(word)), len(word)]
        return [(start + a, start + b) for a, b in pairwise(cuts)]
    return [(start, end)]


def _segmented(word: str) -> list[tuple[int, int]]:
    """Where ICU's word break iterator cuts a run of letters (code-point offsets)."""
    iterator = _break_iterator()
    if iterator is None:  # no ICU: one token per character with its marks
        return [match.span() for match in regex.finditer(r"\X", word)]
    iterator.setText(word)
    cuts = [0, *iterator]
    if _ASTRAL.search(word):  # ICU counts UTF-16 code units
        units = np.cumsum([0] + [2 if ord(char) > 0xFFFF else 1 for char in word])
        cuts = np.searchsorted(units, cuts).tolist()
    return [(a, b) for a, b in pairwise(cuts) if b > a]


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
