"""Tests of the three views of a report: JSON, terminal table and HTML page."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from io import StringIO
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from textreuse.model import (
    PARTIALLY_DERIVED_SHARE,
    WHOLLY_DERIVED_SHARE,
    Document,
    Passage,
    Report,
    ReuseType,
    Span,
    verdict_of,
)
from textreuse.render import (
    excerpt,
    format_percent,
    print_report,
    render_html,
    report_to_dict,
    report_to_json,
    split_segments,
)

SOURCE = (
    "The council voted on Tuesday to approve the budget.\n"
    "Critics said the money should go to transit instead.\n"
    "Work begins in spring, the mayor said."
)
DERIVED = (
    "Headline\n\n"
    "On Tuesday the council voted to approve the budget.\n"
    "The mayor said work would begin in the spring."
)


def _span(text: str, phrase: str) -> Span:
    start = text.index(phrase)
    return Span(start, start + len(phrase))


def _news_report() -> Report:
    """Three passages, given out of derived order, two of them overlapping on both sides."""
    return Report(
        Document(DERIVED, "derived.txt"),
        Document(SOURCE, "source.txt"),
        (
            Passage(
                _span(DERIVED, "The mayor said work would begin in the spring."),
                _span(SOURCE, "Work begins in spring, the mayor said."),
                ReuseType.PARAPHRASE,
                0.612345,
            ),
            Passage(
                _span(DERIVED, "the council voted to approve the budget."),
                _span(SOURCE, "The council voted on Tuesday to approve the budget."),
                ReuseType.NEAR_VERBATIM,
                0.9,
            ),
            Passage(
                _span(DERIVED, "to approve the budget."),
                _span(SOURCE, "to approve the budget."),
                ReuseType.VERBATIM,
                1.0,
            ),
        ),
    )


# --------------------------------------------------------------------------- JSON


def test_json_has_the_documented_fields() -> None:
    data = report_to_dict(_news_report())
    assert data["schema"] == "textreuse/compare-report"
    assert data["version"] == 1
    assert set(data) == {"schema", "version", "derived", "source", "verdict", "passages"}
    assert set(data["derived"]) == {"name", "length", "reused_chars", "coverage"}
    assert data["verdict"] == verdict_of(data["derived"]["coverage"]).value
    assert data["derived"]["name"] == "derived.txt"
    assert data["source"]["length"] == len(SOURCE)
    for passage in data["passages"]:
        assert set(passage) == {
            "derived",
            "source",
            "type",
            "similarity",
            "evidence",
            "case",
            "changes",
        }
        assert set(passage["derived"]) == set(passage["source"]) == {"start", "end", "text"}
    assert [p["type"] for p in data["passages"]] == ["near-verbatim", "verbatim", "paraphrase"]
    assert [p["similarity"] for p in data["passages"]] == [0.9, 1.0, 0.6123]


@pytest.mark.parametrize(
    ("share", "verdict"),
    [
        (0.0, "non-derived"),
        (PARTIALLY_DERIVED_SHARE - 0.01, "non-derived"),
        (PARTIALLY_DERIVED_SHARE, "partially-derived"),
        (WHOLLY_DERIVED_SHARE - 0.01, "partially-derived"),
        (WHOLLY_DERIVED_SHARE, "wholly-derived"),
        (1.0, "wholly-derived"),
    ],
)
def test_the_verdict_follows_the_derived_share(share: float, verdict: str) -> None:
    assert verdict_of(share).value == verdict


def test_every_view_shows_the_verdict() -> None:
    report = _news_report()
    verdict = report.verdict.value
    assert verdict in render_html(report)
    console = Console(record=True, width=160)
    print_report(report, console)
    assert verdict in console.export_text()


def test_json_offsets_slice_to_the_text() -> None:
    report = _news_report()
    for passage in report_to_dict(report)["passages"]:
        for side, text in (("derived", DERIVED), ("source", SOURCE)):
            span = passage[side]
            assert text[span["start"] : span["end"]] == span["text"]


def test_json_offsets_count_code_points_not_bytes() -> None:
    derived = "Café 🎉 naïve résumé"
    report = Report(
        Document(derived, "d"),
        Document("naïve résumé", "s"),
        (Passage(_span(derived, "naïve résumé"), Span(0, 12), ReuseType.VERBATIM, 1.0),),
    )
    text = report_to_json(report)
    assert "naïve résumé" in text  # not \u escapes
    data = json.loads(text)
    assert data["derived"]["length"] == 19
    assert data["passages"][0]["derived"] == {"start": 7, "end": 19, "text": "naïve résumé"}


def test_json_passages_are_sorted_by_derived_start() -> None:
    starts = [p["derived"]["start"] for p in report_to_dict(_news_report())["passages"]]
    assert starts == sorted(starts)
    assert len(starts) == 3


def test_json_coverage_counts_overlapping_text_once() -> None:
    report = _news_report()
    data = report_to_dict(report)
    derived_reused = len("the council voted to approve the budget.") + len(
        "The mayor said work would begin in the spring."
    )
    assert data["derived"]["reused_chars"] == derived_reused
    assert data["derived"]["coverage"] == round(derived_reused / len(DERIVED), 4)
    assert data["derived"]["coverage"] == round(report.derived_coverage, 4)
    assert data["source"]["coverage"] == round(report.source_coverage, 4)


def test_json_of_a_report_without_passages() -> None:
    data = report_to_dict(Report(Document("", "empty"), Document("abc", "s")))
    assert data["passages"] == []
    assert data["derived"] == {"name": "empty", "length": 0, "reused_chars": 0, "coverage": 0.0}


def test_a_passage_past_the_end_of_its_document_is_refused() -> None:
    report = Report(
        Document("short", "d"),
        Document("short", "s"),
        (Passage(Span(0, 5), Span(0, 9), ReuseType.VERBATIM, 1.0),),
    )
    with pytest.raises(ValueError, match="source document 's'"):
        report_to_dict(report)
    with pytest.raises(ValueError):
        render_html(report)


# ----------------------------------------------------------------------- terminal


def _printed(report: Report) -> str:
    out = StringIO()
    print_report(report, Console(file=out, width=200, color_system=None))
    return out.getvalue()


def test_table_shows_names_coverage_types_and_offsets() -> None:
    report = _news_report()
    output = _printed(report)
    header = output.splitlines()[0]
    assert header == (
        f"derived.txt: {report.derived_coverage * 100:.1f}% reused, {report.verdict.value} · "
        f"source.txt: {report.source_coverage * 100:.1f}% reused"
    )
    for word in ("verbatim", "near-verbatim", "paraphrase", "0.61", "similarity"):
        assert word in output
    start = DERIVED.index("the council")
    assert f"[{start}:{start + 40})" in output
    assert "\x1b[" not in output


def test_table_says_when_nothing_was_found() -> None:
    output = _printed(Report(Document("abc", "a.txt"), Document("xyz", "b.txt")))
    assert "a.txt: 0.0% reused, non-derived · b.txt: 0.0% reused" in output
    assert "No reused passages found." in output


def test_table_prints_document_text_literally() -> None:
    text = "[bold]not markup[/bold]"
    report = Report(
        Document(text, "[red]d[/red]"),
        Document(text, "s"),
        (Passage(Span(0, len(text)), Span(0, len(text)), ReuseType.VERBATIM, 1.0),),
    )
    output = _printed(report)
    assert "[bold]not markup[/bold]" in output
    assert "[red]d[/red]" in output


def test_percentages_never_round_to_a_false_zero_or_hundred() -> None:
    assert format_percent(0.0) == "0.0%"
    assert format_percent(0.0001) == "<0.1%"
    assert format_percent(0.623) == "62.3%"
    assert format_percent(0.9999) == ">99.9%"
    assert format_percent(1.0) == "100.0%"


def test_excerpt_collapses_whitespace_and_cuts_in_the_middle() -> None:
    assert excerpt("two\n\n  lines") == "two lines"
    long = " ".join(f"word{i}" for i in range(40))
    cut = excerpt(long)
    assert len(cut) <= 60
    assert cut.startswith("word0 word1 ")
    assert cut.endswith(" word38 word39")
    assert " … " in cut


# --------------------------------------------------------------------------- HTML


class _Page(HTMLParser):
    """Collects the text of each document column, every id and every link in the page."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: dict[str, str] = {}
        self.ids: set[str] = set()
        self.links: dict[str, list[str]] = {}
        self._column: str | None = None
        self._depth = 0
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"] or "")
        if self._column is not None:
            self._depth += 1
            if attributes.get("href"):
                self.links[self._column].append((attributes["href"] or "").removeprefix("#"))
            if attributes.get("data-target"):
                self.links[self._column].append(attributes["data-target"] or "")
        elif attributes.get("class") == "doc-text":
            self._column = attributes["id"]
            self.texts[self._column or ""] = ""
            self.links[self._column or ""] = []

    def handle_endtag(self, tag: str) -> None:
        if self._column is None:
            return
        if self._depth == 0:
            self._column = None
        else:
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._column is not None:
            self.texts[self._column] += data


def test_html_shows_names_coverage_and_legend() -> None:
    report = _news_report()
    html = render_html(report)
    assert "derived.txt" in html
    assert "source.txt" in html
    assert f"{report.derived_coverage * 100:.1f}%" in html
    assert f"{report.source_coverage * 100:.1f}%" in html
    for kind in ("verbatim", "near-verbatim", "paraphrase"):
        assert f'class="swatch t-{kind}"' in html
    assert ".t-summary" in html
    assert "3 reused passages found." in html


def test_html_is_self_contained() -> None:
    text = "See https://example.com/a.css and http://example.org for more."
    report = Report(
        Document(text, "https://example.com/story"),
        Document(text, "http://example.org/source"),
        (Passage(Span(0, len(text)), Span(0, len(text)), ReuseType.VERBATIM, 1.0),),
    )
    html = render_html(report)
    assert not re.search(r"""\b(src|href|action)\s*=\s*["']?\s*(https?:)?//""", html, re.I)
    assert not re.search(r"<link[^>]*stylesheet", html, re.I)
    assert "@import" not in html
    assert "url(" not in html
    assert "Content-Security-Policy" in html
    assert html.count("<script") == 1  # the page's own inline script, no src


def test_html_escapes_document_text_and_names() -> None:
    text = "<script>alert('x')</script> & <b>bold</b>"
    report = Report(
        Document(text, "<img src=x onerror=alert(1)>"),
        Document(text, "s"),
        (Passage(Span(0, 8), Span(0, 8), ReuseType.VERBATIM, 1.0),),
    )
    html = render_html(report)
    assert "<script>alert" not in html
    assert "<b>bold" not in html
    assert "<img" not in html
    assert "&lt;script&gt;" in html
    assert "&lt;/script&gt;" in html
    page = _Page(html)
    assert page.texts["derived-text"] == text
    assert page.texts["source-text"] == text


def test_html_segments_rebuild_each_document_exactly() -> None:
    page = _Page(render_html(_news_report()))
    assert page.texts["derived-text"] == DERIVED
    assert page.texts["source-text"] == SOURCE


def test_html_overlapping_text_belongs_to_both_passages() -> None:
    html = render_html(_news_report())
    # Passage 1 (near-verbatim) contains passage 2 (verbatim) on both sides.
    assert html.count('<mark class="t-verbatim p1 p2 overlap"') == 2
    assert '<mark class="t-near-verbatim p1" ' in html


def test_html_highlights_link_to_their_counterparts() -> None:
    page = _Page(render_html(_news_report()))
    for number in (1, 2, 3):
        assert {f"d-p{number}", f"s-p{number}"} <= page.ids
    assert page.links["derived-text"]
    assert all(target.startswith("s-p") for target in page.links["derived-text"])
    assert all(target.startswith("d-p") for target in page.links["source-text"])
    for targets in page.links.values():
        assert set(targets) <= page.ids


def test_html_without_passages() -> None:
    html = render_html(Report(Document("abc", "a.txt"), Document("xyz", "b.txt")))
    assert "No reused passages found." in html
    assert "<mark" not in html
    assert _Page(html).texts == {"derived-text": "abc", "source-text": "xyz"}


def test_html_anchors_empty_passages_too() -> None:
    report = Report(
        Document("abc", "d"),
        Document("xyz", "s"),
        (Passage(Span(3, 3), Span(1, 2), ReuseType.PARAPHRASE, 0.5),),
    )
    page = _Page(render_html(report))
    assert page.texts == {"derived-text": "abc", "source-text": "xyz"}
    assert {"d-p1", "s-p1"} <= page.ids


# ------------------------------------------------------------------- segmentation


@st.composite
def _text_and_spans(draw: st.DrawFn, alphabet: st.SearchStrategy[str] | None = None):
    text = draw(st.text(max_size=40) if alphabet is None else st.text(alphabet, max_size=40))
    bound = st.integers(0, len(text))
    pairs = draw(st.lists(st.tuples(bound, bound), max_size=8))
    return text, [Span(min(a, b), max(a, b)) for a, b in pairs]


@given(_text_and_spans())
def test_segments_cover_the_text_and_list_exactly_the_covering_spans(case) -> None:
    text, spans = case
    segments = split_segments(text, spans)
    assert "".join(text[s.start : s.end] for s in segments) == text
    assert all(s.start < s.end for s in segments)
    assert all(a.end == b.start for a, b in pairwise(segments))
    for segment in segments:
        covering = tuple(
            i
            for i, span in enumerate(spans)
            if span.start <= segment.start and segment.end <= span.end
        )
        assert segment.passages == covering
        # No other span touches the segment: each covers all of it or none of it.
        stretch = Span(segment.start, segment.end)
        assert not any(span.overlaps(stretch) for i, span in enumerate(spans) if i not in covering)


@settings(max_examples=40, deadline=None)
@given(_text_and_spans(st.sampled_from("ab <>&\"'\n\r\té🎉")), st.data())
def test_html_reproduces_random_texts_with_random_passages(case, data: st.DataObject) -> None:
    text, spans = case
    kinds = data.draw(st.lists(st.sampled_from(ReuseType), min_size=len(spans)))
    passages = tuple(
        Passage(span, Span(0, len(text) - span.start), kind, 0.5)
        for span, kind in zip(spans, kinds, strict=False)
    )
    page = _Page(render_html(Report(Document(text, "d"), Document(text, "s"), passages)))
    assert page.texts == {"derived-text": text, "source-text": text}
    for targets in page.links.values():
        assert set(targets) <= page.ids
