"""Reuse in every script: fixtures written for this suite in 17 languages.

Each fixture holds five paragraphs of news on one story: a source article (A, B, C),
a paragraph only the derived text has (D) and one of another story on the same
topic (E). The derived text copies B word for word and C with one word in twenty
replaced; the unrelated text (D, E) shares the topic and none of the wording.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

from textreuse import AlignSettings, compare
from textreuse.model import Span
from textreuse.text import detect_language, tokenize

FIXTURES = Path(__file__).parent / "fixtures" / "languages"
LANGUAGES = sorted(path.stem for path in FIXTURES.glob("*.txt"))


def paragraphs(language: str) -> list[str]:
    text = (FIXTURES / f"{language}.txt").read_text(encoding="utf-8")
    parts = [part.strip() for part in text.split("\n\n")]
    assert len(parts) == 5, language
    return parts


def one_word_in_twenty(paragraph: str, replacements: str, language: str) -> str:
    """``paragraph`` with every twentieth word (from the tenth) replaced by a word of
    ``replacements``: a near-verbatim copy."""
    tokens = tokenize(paragraph, language)
    donors = tokenize(replacements, language)
    pieces, last = [], 0
    for count, index in enumerate(range(9, len(tokens), 20)):
        start, end = int(tokens.starts[index]), int(tokens.ends[index])
        donor = count * 7 % len(donors) + 3
        word = replacements[int(donors.starts[donor]) : int(donors.ends[donor])]
        pieces += [paragraph[last:start], word]
        last = end
    return "".join([*pieces, paragraph[last:]])


def covered(span: Span, spans: list[Span]) -> float:
    return sum(max(0, min(span.end, s.end) - max(span.start, s.start)) for s in spans) / len(span)


def test_every_script_asked_for_has_a_fixture() -> None:
    assert {"de", "fr", "es", "tr", "vi", "id", "ru", "el", "ar", "he", "hi", "zh", "ja"} <= set(
        LANGUAGES
    )
    assert {"ko", "th"} <= set(LANGUAGES) and {"ur", "fa"} & set(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_language_is_identified(language: str) -> None:
    assert detect_language("\n\n".join(paragraphs(language))) == language


def test_kanji_heavy_japanese_is_japanese_and_han_alone_is_chinese() -> None:
    """Japanese news writes more kanji than kana in places; its kana particles still
    tell it from Chinese, which writes none."""
    headline = "東京都知事選挙の投票率は前回選挙を大幅に上回る見通しと選挙管理委員会が発表"
    assert detect_language(headline) == "ja"
    assert detect_language("东京都知事选举投票率预计将大幅超过上届选举。") == "zh"


def run_on(language: str) -> str:
    """How the paragraphs of a story without blank lines run together."""
    return "" if language in ("zh", "ja") else " "


@pytest.mark.parametrize("blocks", ["paragraphs", "run-on"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_verbatim_and_near_verbatim_paragraphs_are_found(language: str, blocks: str) -> None:
    a, b, c, d, e = paragraphs(language)
    edited = one_word_in_twenty(c, e, language)
    assert edited != c
    joiner = "\n\n" if blocks == "paragraphs" else run_on(language)
    source = joiner.join([a, b, c])
    derived = joiner.join([d, b, edited])
    report = compare(derived, source)
    for derived_part, source_part in ((b, b), (edited, c)):
        start, source_start = derived.index(derived_part), source.index(source_part)
        in_derived = Span(start, start + len(derived_part))
        in_source = Span(source_start, source_start + len(source_part))
        assert len(source_part) >= 100
        assert covered(in_derived, [p.derived for p in report.passages]) >= 0.9, report
        assert covered(in_source, [p.source for p in report.passages]) >= 0.9, report
    # Nothing of the paragraph only the derived text has is reported.
    assert all(p.derived.start >= len(d) for p in report.passages)


@pytest.mark.parametrize("blocks", ["paragraphs", "run-on"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_unrelated_text_on_the_same_topic_gives_nothing(language: str, blocks: str) -> None:
    a, b, c, d, e = paragraphs(language)
    joiner = "\n\n" if blocks == "paragraphs" else run_on(language)
    assert compare(joiner.join([d, e]), joiner.join([a, b, c])).passages == ()


@pytest.mark.parametrize("language", ["zh", "ar", "hi"])
def test_the_override_is_used(language: str) -> None:
    a, b, c, d, _ = paragraphs(language)
    settings = AlignSettings(language=language)
    report = compare("\n\n".join([d, b]), "\n\n".join([a, b, c]), settings=settings)
    assert report.passages


@pytest.mark.parametrize(
    ("copy", "what"),
    [
        (lambda text: unicodedata.normalize("NFD", text), "decomposed accents (NFD)"),
        (lambda text: text.replace("e", "e\u00ad", 3), "soft hyphens inside words"),
        (lambda text: text.replace("o", "o\u200d", 3), "zero-width joiners inside words"),
        (lambda text: text.replace("a", "a\ufe0f", 3), "variation selectors"),
        (lambda text: text.replace("'", "\u02bc"), "a modifier-letter apostrophe"),
    ],
)
def test_invisible_differences_do_not_hide_a_copy(copy: Callable[[str], str], what: str) -> None:
    a, b, c, _, _ = paragraphs("fr")
    source = "\n\n".join([a, b, c])
    report = compare(copy(source), source)
    assert [p.reuse_type.value for p in report.passages] == ["verbatim"], what
    assert report.derived_coverage > 0.95, what


def test_a_utf32_file_is_read_as_utf32(tmp_path: Path) -> None:
    from textreuse.io import read_document

    text = "\n\n".join(paragraphs("de"))
    path = tmp_path / "utf32.txt"
    path.write_bytes("\ufeff".encode("utf-32-le")[:4] + text.encode("utf-32-le"))
    assert read_document(path).text == text


def test_remembered_word_forms_start_afresh_without_changing_any_token(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import textreuse.text.tokens as tokens_module

    text = "Die Bauarbeiten beginnen im Frühjahr und dauern zwei Jahre, sagte der Ingenieur."
    before = tokens_module.tokenize(text, "de")
    monkeypatch.setattr(tokens_module, "_MAX_REMEMBERED_WORDS", 3)
    monkeypatch.setattr(tokens_module, "_FORMS", {})
    for _ in range(3):
        again = tokens_module.tokenize(text, "de")
        assert (again.norms, again.stems) == (before.norms, before.stems)
    words = {text[start:end] for start, end in zip(before.starts, before.ends, strict=True)}
    assert set(tokens_module._FORMS["de"]) == words  # started afresh with this text's words
