"""The compiled kernels give what their Python references give, for text in any
script, and the environment chooses between them with a clear error where it cannot."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cli_runs import one_line, textreuse
from test_scripts_property import ALPHABETS, QUIRKS
from textreuse.aligner import gram_pairs, gram_pairs_py, letter_grams, letter_grams_py
from textreuse.text import word_forms, word_forms_py, word_spans, word_spans_py

compiled = pytest.importorskip(
    "textreuse.text.word_spans_c", reason="the compiled kernels were not built (no C compiler)"
)
compiled_gram_pairs = pytest.importorskip(
    "textreuse.aligner.gram_pairs_c", reason="the compiled kernels were not built (no C compiler)"
)
compiled_word_forms = pytest.importorskip(
    "textreuse.text.word_forms_c", reason="the compiled kernels were not built (no C compiler)"
)
compiled_letter_grams = pytest.importorskip(
    "textreuse.aligner.letter_grams_c",
    reason="the compiled kernels were not built (no C compiler)",
)

EXAMPLES = Path(__file__).parent.parent / "examples"
# What a text's words may hold beyond the stdlib's \w (marks, joiners), and the format
# characters they join across (soft hyphen, zero-width joiners, word joiner).
PARTS = "\u0301\u0308\u093f\u094d\u200c\u200d"
FORMATS = "\u00ad\u200b\u200c\u200d\u2060"
PARTS_AND_FORMATS = sorted(set(PARTS + FORMATS))
# Where the word pattern decides: apostrophes of both kinds, the underscore, digits of
# other scripts, letters beside marks and joiners.
EDGES = ["'", "’", "ʼ", "''", "_", "a", "1", "٣", "²", "Ⅻ", " ", "-", "\n", *PARTS_AND_FORMATS]
pieces = st.one_of(
    st.text(min_size=1, max_size=6),
    st.text(alphabet="a1_'’ʼ -" + PARTS + FORMATS, min_size=1, max_size=12),
    st.sampled_from(EDGES),
    st.sampled_from(QUIRKS),
    st.sampled_from(sorted(ALPHABETS)).flatmap(
        lambda script: st.text(alphabet=ALPHABETS[script], min_size=1, max_size=8)
    ),
)
texts = st.lists(pieces, max_size=60).map("".join)
part_sets = st.text(alphabet=PARTS, max_size=4).map(lambda s: "".join(sorted(set(s))))
format_sets = st.text(alphabet=FORMATS, max_size=4).map(lambda s: "".join(sorted(set(s))))


@settings(max_examples=600, deadline=None)
@given(text=texts, parts=part_sets, formats=format_sets, plain=st.booleans())
def test_word_spans_are_those_of_the_python_reference(
    text: str, parts: str, formats: str, plain: bool
) -> None:
    if plain:
        parts = formats = ""
    starts, ends, words = compiled.word_spans(text, parts, formats)
    want_starts, want_ends, want_words = word_spans_py.word_spans(text, parts, formats)
    assert starts.tolist() == want_starts.tolist()
    assert ends.tolist() == want_ends.tolist()
    assert words == want_words
    assert [text[s:e] for s, e in zip(starts.tolist(), ends.tolist(), strict=True)] == list(words)
    assert starts.dtype == ends.dtype == want_starts.dtype


# Few distinct n-gram hashes and sentences, so that n-grams repeat within and across
# the two documents on both sides of the frequency limit.
grams = st.lists(st.integers(0, 7), max_size=40)
sentences = st.lists(st.integers(0, 6), max_size=40)


@settings(max_examples=400, deadline=None)
@given(grams, sentences, grams, sentences, st.integers(0, 5))
def test_shared_gram_pairs_are_those_of_the_python_reference(
    d_grams: list[int],
    d_sentences: list[int],
    s_grams: list[int],
    s_sentences: list[int],
    most: int,
) -> None:
    d_count, s_count = min(len(d_grams), len(d_sentences)), min(len(s_grams), len(s_sentences))
    arguments = (
        np.array(d_grams[:d_count], dtype=np.uint64),
        np.array(d_sentences[:d_count], dtype=np.int64),
        np.array(s_grams[:s_count], dtype=np.uint64),
        np.array(s_sentences[:s_count], dtype=np.int64),
        most,
        7,
    )
    found = compiled_gram_pairs.shared_gram_pairs(*arguments)
    want = gram_pairs_py.shared_gram_pairs(*arguments)
    assert found.tolist() == want.tolist()
    assert found.dtype == want.dtype


def test_hashes_past_the_signed_range_pair_as_the_reference_pairs_them() -> None:
    big = np.array([2**64 - 1, 2**63, 5], dtype=np.uint64)
    owners = np.arange(3, dtype=np.int64)
    arguments = (big, owners, big[::-1].copy(), owners, 2, 3)
    found = compiled_gram_pairs.shared_gram_pairs(*arguments)
    assert found.tolist() == gram_pairs_py.shared_gram_pairs(*arguments).tolist() == [2, 4, 6]


# A few words, some of them function words (no stem), repeated, and some the forms
# lack (then both must raise KeyError).
vocabulary = st.sampled_from(["The", "bridge", "Bridge", "of", "é", "", "橋", "and"])
known = st.dictionaries(
    vocabulary,
    st.tuples(
        st.text(max_size=3), st.one_of(st.none(), st.text(max_size=3)), st.integers(0, 2**64 - 1)
    ),
)


@settings(max_examples=400, deadline=None)
@given(words=st.lists(vocabulary, max_size=30), forms=known, as_list=st.booleans())
def test_word_forms_are_those_of_the_python_reference(
    words: list[str], forms: dict[str, tuple[str, str | None, int]], as_list: bool
) -> None:
    asked = words if as_list else tuple(words)
    try:
        want = word_forms_py.known_forms(asked, forms)
    except KeyError:
        with pytest.raises(KeyError):
            compiled_word_forms.known_forms(asked, forms)
        return
    norms, stems, content, hashes = compiled_word_forms.known_forms(asked, forms)
    assert (norms, stems) == want[:2]
    assert all(a is b for a, b in zip(stems, want[1], strict=True))  # the same objects
    assert content.tolist() == want[2].tolist()
    assert hashes.tolist() == want[3].tolist()
    assert (content.dtype, hashes.dtype) == (want[2].dtype, want[3].dtype)


# Sentences of a few letters, spaces and astral characters, long enough for a sample
# of one n-gram in eight to keep some, short enough to leave some sentences none.
sentence_texts = st.lists(st.text(alphabet="ab é\U0001f600\u0301橋", max_size=40), max_size=8)


@settings(max_examples=400, deadline=None)
@given(sentence_texts, st.integers(1, 6))
def test_letter_grams_are_those_of_the_python_reference(sentences: list[str], size: int) -> None:
    hashes, owners = compiled_letter_grams.letter_gram_hashes(sentences, size)
    want_hashes, want_owners = letter_grams_py.letter_gram_hashes(sentences, size)
    assert hashes.tolist() == want_hashes.tolist()
    assert owners.tolist() == want_owners.tolist()
    assert (hashes.dtype, owners.dtype) == (want_hashes.dtype, want_owners.dtype)


def test_the_install_uses_the_compiled_kernels() -> None:
    expected = os.environ.get("TEXTREUSE_IMPLEMENTATION") != "python"
    kernels = (word_spans, word_forms, gram_pairs, letter_grams)
    assert [kernel.COMPILED for kernel in kernels] == [expected] * len(kernels)


def _compare_json(implementation: str) -> str:
    environment = {**os.environ, "TEXTREUSE_IMPLEMENTATION": implementation}
    run = textreuse(
        "compare",
        EXAMPLES / "blog-post.txt",
        EXAMPLES / "agency-story.txt",
        "--format",
        "json",
        env=environment,
    )
    assert run.returncode == 0, run.stderr
    return run.stdout


def test_both_implementations_report_the_same() -> None:
    assert _compare_json("python") == _compare_json("compiled")


def test_the_environment_chooses_the_python_one() -> None:
    environment = {**os.environ, "TEXTREUSE_IMPLEMENTATION": "python"}
    code = (
        "from textreuse.text import word_forms, word_spans; "
        "from textreuse.aligner import gram_pairs, letter_grams; "
        "print(word_spans.COMPILED, word_forms.COMPILED, gram_pairs.COMPILED, "
        "letter_grams.COMPILED)"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True
    )
    assert run.stdout.strip() == "False False False False"


def test_an_unknown_implementation_is_a_one_line_error() -> None:
    environment = {**os.environ, "TEXTREUSE_IMPLEMENTATION": "fast"}
    run = textreuse(
        "compare", EXAMPLES / "blog-post.txt", EXAMPLES / "agency-story.txt", env=environment
    )
    one_line(run, "TEXTREUSE_IMPLEMENTATION", "'fast'", "python", "compiled")


def test_a_missing_kernel_falls_back_to_python_unless_compiled_is_asked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from textreuse import implementation
    from textreuse.errors import ConfigError

    reference, missing = word_spans_py.word_spans, "textreuse.text.no_such_kernel_c"
    monkeypatch.setattr(implementation, "CHOICE", "")
    assert implementation.compiled_or(reference, missing) is reference
    assert implementation.compiled_or(reference, "textreuse.text.word_spans_c") is not reference
    monkeypatch.setattr(implementation, "CHOICE", "python")
    assert implementation.compiled_or(reference, "textreuse.text.word_spans_c") is reference
    monkeypatch.setattr(implementation, "CHOICE", "compiled")
    with pytest.raises(ConfigError, match="not built"):
        implementation.compiled_or(reference, missing)
