"""The compiled kernels give what their Python references give, for text in any
script, and the environment chooses between them with a clear error where it cannot."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cli_runs import one_line, textreuse
from test_scripts_property import ALPHABETS, QUIRKS
from textreuse.text import word_spans, word_spans_py

compiled = pytest.importorskip(
    "textreuse.text.word_spans_c", reason="the compiled kernels were not built (no C compiler)"
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


def test_the_install_uses_the_compiled_kernel() -> None:
    assert word_spans.COMPILED is (os.environ.get("TEXTREUSE_IMPLEMENTATION") != "python")


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
    code = "from textreuse.text import word_spans; print(word_spans.COMPILED)"
    run = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True
    )
    assert run.stdout.strip() == "False"


def test_an_unknown_implementation_is_a_one_line_error() -> None:
    environment = {**os.environ, "TEXTREUSE_IMPLEMENTATION": "fast"}
    run = textreuse(
        "compare", EXAMPLES / "blog-post.txt", EXAMPLES / "agency-story.txt", env=environment
    )
    one_line(run, "TEXTREUSE_IMPLEMENTATION", "'fast'", "python", "compiled")
