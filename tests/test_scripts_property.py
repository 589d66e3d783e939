"""Offsets stay exact in every script: property tests over text drawn from 17 scripts,
with combining marks, emoji sequences, bidi marks, format characters and CRLF."""

from __future__ import annotations

import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from textreuse import compare
from textreuse.render import report_to_dict
from textreuse.text import tokenize
from textreuse.text.normalize import normalize_word
from textreuse.text.sentences import _PLAIN_SENTENCE_END, _SENTENCE_END
from textreuse.text.tokens import (
    _GAP_AND_ANY_WORD,
    _SHAPES_WORDS,
    _STDLIB_DIFFERS,
    IntArray,
    _Characters,
    _digits_apart,
    _stdlib_word_parts,
    _words,
)
from textreuse.text.word_spans import word_spans
from textreuse.text.word_spans_py import gap_and_word_spans

ALPHABETS = {
    "latin": "abcdefghijklmnopqrstuvwxyzéüßçñøåœ",
    "cyrillic": "абвгдежзийклмнопрстуфхцчшщыэюя",
    "greek": "αβγδεζηθικλμνξοπρστυφχψωάέή",
    "arabic": "ابتثجحخدذرزسشصضطظعغفقكلمنهوي",
    "persian": "پچژگکی",
    "hebrew": "אבגדהוזחטיכלמנסעפצקרשת",
    "devanagari": "कखगघचछजझटठडढणतथदधनपफबभमयरलवशसह",
    "devanagari_signs": "ािीुूेैोौंः्",
    "han": "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年",
    "hiragana": "あいうえおかきくけこさしすせそたちつてとなにぬねの",
    "katakana": "アイウエオカキクケコサシスセソタチツテト",
    "hangul": "가나다라마바사아자차카타파하한국어문장",
    "thai": "กขคงจฉชซญดตถทธนบปผพฟภมยรลวศษสหอฮะาิีึืุู่้",
}
QUIRKS = [
    "\u0301",  # combining acute
    "\u0308",  # combining diaeresis
    "\u200d",  # zero-width joiner
    "\u200c",  # zero-width non-joiner
    "\u200f",  # right-to-left mark
    "\u200e",  # left-to-right mark
    "\u00ad",  # soft hyphen
    "\u0640",  # kashida
    "👍🏽",
    "👨‍👩‍👧",
    "🇫🇷",
    "\r\n",
    "\r\n\r\n",
    "。",
    "۔",
    "।",
    "؟",
    ", ",
    ". ",
    " ",
    "\t",
    "𠀀",  # a Han character outside the Basic Multilingual Plane
]

words = st.sampled_from(sorted(ALPHABETS)).flatmap(
    lambda script: st.text(alphabet=ALPHABETS[script], min_size=1, max_size=8)
)
pieces = st.one_of(words, words, words, st.sampled_from(QUIRKS))
texts = st.lists(pieces, min_size=5, max_size=120).map("".join)
GRAPHEME = regex.compile(r"\X")


def grapheme_edges(text: str) -> set[int]:
    return {0, *(match.end() for match in GRAPHEME.finditer(text))}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(source=texts, before=texts, after=texts, data=st.data())
def test_every_span_slices_the_text_it_shows(
    source: str, before: str, after: str, data: st.DataObject
) -> None:
    start = data.draw(st.integers(0, len(source)))
    end = data.draw(st.integers(start, len(source)))
    derived = before + " " + source[start:end] + " " + after
    report = compare(derived, source)
    shown = report_to_dict(report)
    for passage, data_passage in zip(report.passages, shown["passages"], strict=True):
        for span, text, key in (
            (passage.derived, derived, "derived"),
            (passage.source, source, "source"),
        ):
            assert 0 <= span.start < span.end <= len(text)
            assert data_passage[key]["text"] == text[span.start : span.end]
            assert span.start in grapheme_edges(text) and span.end in grapheme_edges(text)


@settings(max_examples=150, deadline=None)
@given(text=texts)
def test_tokens_slice_the_text_and_never_split_a_character(text: str) -> None:
    tokens = tokenize(text)
    edges = grapheme_edges(text)
    previous_end = 0
    for start, end in zip(tokens.starts.tolist(), tokens.ends.tolist(), strict=True):
        assert previous_end <= start < end <= len(text)
        assert start in edges and end in edges
        previous_end = end


SPACED = ["latin", "cyrillic", "greek", "arabic", "persian", "hebrew", "devanagari", "hangul"]
spaced_words = st.sampled_from(SPACED).flatmap(
    lambda script: st.text(alphabet=ALPHABETS[script], min_size=1, max_size=8)
)
spaced_texts = st.lists(
    st.one_of(
        spaced_words, st.sampled_from([" ", ", ", ". ", "\r\n", "؟ ", "۔ ", "'", "7", "42 "])
    ),
    min_size=1,
    max_size=60,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(texts, spaced_texts))
def test_the_fast_word_path_finds_the_words_the_full_one_does(text: str) -> None:
    """Text without marks, joiners or unspaced scripts may take the stdlib pattern; it
    must cut exactly where the multi-script path cuts."""
    plain_tokens = tokenize(text, "xx")
    chars = _Characters.of(text)
    full_starts, full_ends, full_words = _words(text, chars, digits=_digits_apart(text))
    if not _digits_apart(text) and not chars.bits & _SHAPES_WORDS:
        assert plain_tokens.starts.tolist() == full_starts.tolist()
        assert plain_tokens.ends.tolist() == full_ends.tolist()
        assert plain_tokens.norms == [normalize_word(word) for word in full_words]


def test_a_passage_ending_at_a_closing_mark_keeps_the_marks_on_it() -> None:
    """A passage takes the full stop after its last word; a combining mark written on
    that full stop is part of the same character (found by the property test above)."""
    source = "イイイイイイイイ𠀀कक一ं一"
    derived = source + "。\u0301  ااااا"
    (passage,) = compare(derived, source).passages
    assert derived[passage.derived.start : passage.derived.end] == source + "。\u0301"
    assert passage.derived.end in grapheme_edges(derived)


def test_a_letter_joined_to_marks_before_it_is_not_cut_from_them() -> None:
    """Marks, then a virama, then a consonant: one grapheme cluster by Unicode's
    conjunct rule, where the word pattern alone started a word at the consonant (found
    by the property test above)."""
    text = "\u0301\u0301\u0301\u094d\u0915"
    tokens = tokenize(text)
    assert grapheme_edges(text) == {0, 5}
    assert (tokens.starts.tolist(), tokens.ends.tolist()) == ([0], [5])


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(texts, spaced_texts, st.text(max_size=80)))
def test_the_stdlib_word_pattern_finds_what_the_regex_one_does(text: str) -> None:
    """The multi-script path runs the stdlib's ``re`` where it classes every character
    of the text as the ``regex`` module does; there the two find the same words."""
    chars = _Characters.of(text)
    if not chars.bits & _STDLIB_DIFFERS:
        assert _spans(word_spans(text, *_stdlib_word_parts(chars))) == _regex_spans(text)


def _spans(found: tuple[IntArray, IntArray, tuple[str, ...]]) -> list[tuple[int, int, str]]:
    starts, ends, words = found
    return list(zip(starts.tolist(), ends.tolist(), words, strict=True))


def _regex_spans(text: str) -> list[tuple[int, int, str]]:
    return _spans(gap_and_word_spans(_GAP_AND_ANY_WORD.findall(text)))


def test_characters_the_two_patterns_class_apart_take_the_regex_path() -> None:
    """A circled letter or a superscript digit is classed apart by ``re`` and ``regex``:
    text holding one keeps the regex pattern's words."""
    text = "nai\u0308ve Ⓐbc ²x café"  # the mark takes it off the plain path
    assert all(bits & _STDLIB_DIFFERS for bits in _Characters.of("Ⓐ²").classes)
    assert _spans(word_spans(text, *_stdlib_word_parts(_Characters.of(text)))) != _regex_spans(text)
    words = [word for _, word in _GAP_AND_ANY_WORD.findall(text)]
    assert tokenize(text, "xx").norms == [normalize_word(word) for word in words]


@given(st.text(alphabet=".!?\"')] \nAaBz09", max_size=60))
def test_the_stdlib_sentence_pattern_ends_ascii_sentences_where_the_full_one_does(
    text: str,
) -> None:
    plain = [match.span() for match in _PLAIN_SENTENCE_END.finditer(text)]
    assert plain == [match.span() for match in _SENTENCE_END.finditer(text)]
