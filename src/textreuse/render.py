"""Show a :class:`~textreuse.model.Report` to people and programs.

Three views of the same report, all numbering passages in the same order (by
derived start), so passage 3 in the terminal table is passage 3 in the HTML page
and ``passages[2]`` in the JSON:

* :func:`report_to_dict` / :func:`report_to_json`: the stable machine format
  documented in ``docs/json-report.md``;
* :func:`print_report`: a rich table for the terminal;
* :func:`render_html`: one self-contained page showing both documents side by side.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from typing import TYPE_CHECKING, Any

import jinja2
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from textreuse.model import Document, Passage, Report, ReuseType, Span, covered_chars

if TYPE_CHECKING:
    from textreuse.query import QueryResult

SCHEMA = "textreuse/compare-report"
QUERY_SCHEMA = "textreuse/query-report"
SCHEMA_VERSION = 1

# Plain-language meaning of each type, shown in the HTML legend.
_TYPE_MEANINGS = {
    "verbatim": "copied word for word",
    "near-verbatim": "copied with small edits",
    "paraphrase": "same content, reworded",
    "summary": "condensed from a longer passage",
}
# Terminal colours match the HTML page (Okabe-Ito palette, safe for colour blindness).
_TERMINAL_STYLES = {
    "verbatim": "bold #d55e00",
    "near-verbatim": "bold #e69f00",
    "paraphrase": "bold #56b4e9",
    "summary": "bold #cc79a7",
}
_NO_PASSAGES = "No reused passages found."


def ordered_passages(report: Report) -> list[Passage]:
    """The report's passages in display order: by derived span, then source span.

    Raises:
        ValueError: a passage reaches past the end of its document.
    """
    for number, passage in enumerate(report.passages, 1):
        for side, span, document in (
            ("derived", passage.derived, report.derived),
            ("source", passage.source, report.source),
        ):
            if span.end > len(document.text):
                msg = (
                    f"passage {number} ends at {span.end} in the {side} document "
                    f"{document.name!r}, which has only {len(document.text)} characters"
                )
                raise ValueError(msg)
    return sorted(
        report.passages,
        key=lambda p: (p.derived.start, p.derived.end, p.source.start, p.source.end),
    )


# --------------------------------------------------------------------------- JSON


def report_to_dict(report: Report) -> dict[str, Any]:
    """The report as plain JSON-ready data, in the schema of ``docs/json-report.md``."""
    passages = ordered_passages(report)
    return {
        "schema": SCHEMA,
        "version": SCHEMA_VERSION,
        "derived": _document_dict(report.derived, [p.derived for p in passages]),
        "source": _document_dict(report.source, [p.source for p in passages]),
        "passages": [_passage_dict(report, p) for p in passages],
    }


def _passage_dict(report: Report, passage: Passage) -> dict[str, Any]:
    return {
        "derived": _span_dict(report.derived, passage.derived),
        "source": _span_dict(report.source, passage.source),
        "type": passage.reuse_type.value,
        "similarity": round(float(passage.similarity), 4),
        "evidence": [
            {
                "derived": {"start": e.derived.start, "end": e.derived.end},
                "source": {"start": e.source.start, "end": e.source.end},
                "similarity": round(float(e.similarity), 4),
            }
            for e in passage.evidence
        ],
    }


def report_to_json(report: Report) -> str:
    """The report as indented JSON text, non-ASCII characters kept as they are."""
    return json.dumps(report_to_dict(report), ensure_ascii=False, indent=2)


def _document_dict(document: Document, spans: Sequence[Span]) -> dict[str, Any]:
    length = len(document.text)
    reused = covered_chars(spans)
    return {
        "name": document.name,
        "length": length,
        "reused_chars": reused,
        "coverage": round(reused / length, 4) if length else 0.0,
    }


def _span_dict(document: Document, span: Span) -> dict[str, Any]:
    return {"start": span.start, "end": span.end, "text": document.slice(span)}


def query_to_dict(result: QueryResult) -> dict[str, Any]:
    """A query result as JSON-ready data, in the schema of ``docs/json-report.md``."""
    document = result.document
    spans = [p.derived for match in result.sources for p in match.report.passages]
    return {
        "schema": QUERY_SCHEMA,
        "version": SCHEMA_VERSION,
        "document": {**_document_dict(document, spans), "date": result.date},
        "candidates": result.candidates,
        "aligned": result.aligned,
        "sources": [
            {
                "rank": rank,
                "id": match.record.id,
                "title": match.record.title,
                "url": match.record.url,
                "source": match.record.source,
                "date": match.record.date,
                "first": match.first,
                "coverage": round(match.coverage, 4),
                "new_coverage": round(match.new_coverage, 4),
                "source_coverage": round(match.report.source_coverage, 4),
                "shared_fingerprints": match.shared_fingerprints,
                "passages": [
                    _passage_dict(match.report, p) for p in ordered_passages(match.report)
                ],
            }
            for rank, match in enumerate(result.sources, 1)
        ],
    }


def query_to_json(result: QueryResult) -> str:
    """A query result as indented JSON text."""
    return json.dumps(query_to_dict(result), ensure_ascii=False, indent=2)


# ----------------------------------------------------------------------- terminal


def print_report(report: Report, console: Console) -> None:
    """Print a coverage header and one table row per passage to ``console``."""
    passages = ordered_passages(report)
    console.print(
        Text.assemble(
            (report.derived.name, "bold"),
            f": {format_percent(report.derived_coverage)} reused · ",
            (report.source.name, "bold"),
            f": {format_percent(report.source_coverage)} reused",
        )
    )
    if not passages:
        console.print(_NO_PASSAGES)
        return
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("#", justify="right")
    table.add_column("derived [start:end)", no_wrap=True)
    table.add_column("source [start:end)", no_wrap=True)
    table.add_column("type", no_wrap=True)
    table.add_column("similarity", justify="right")
    table.add_column("derived excerpt", overflow="fold")
    table.add_column("source excerpt", overflow="fold")
    for number, passage in enumerate(passages, 1):
        kind = passage.reuse_type.value
        # Text objects, not strings: document text must never be read as rich markup.
        table.add_row(
            str(number),
            _offsets(passage.derived),
            _offsets(passage.source),
            Text(kind, style=_TERMINAL_STYLES.get(kind, "bold")),
            f"{passage.similarity:.2f}",
            Text(excerpt(report.derived.slice(passage.derived))),
            Text(excerpt(report.source.slice(passage.source))),
        )
    console.print(table)


def print_query(result: QueryResult, console: Console) -> None:
    """Print the ranked sources of a query, then each source's passages."""
    count = len(result.sources)
    console.print(
        Text.assemble(
            (result.document.name, "bold"),
            f": {format_percent(result.coverage)} reused from {count} "
            f"source{'s' if count != 1 else ''} "
            f"({result.candidates} candidates, {result.aligned} aligned)",
        )
    )
    if not result.sources:
        console.print("No sources found in the archive.")
        return
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    for column in ("rank", "id", "title", "date", "first", "coverage", "new", "passages"):
        numeric = column in ("rank", "coverage", "new", "passages")
        table.add_column(column, justify="right" if numeric else "left", overflow="fold")
    for rank, match in enumerate(result.sources, 1):
        table.add_row(
            str(rank),
            Text(match.record.id),
            Text(excerpt(match.record.title or "", 40)),
            Text(match.record.date or ""),
            match.first or "",
            format_percent(match.coverage),
            format_percent(match.new_coverage),
            str(len(match.report.passages)),
        )
    console.print(table)
    for rank, match in enumerate(result.sources, 1):
        console.rule(Text(f"{rank}. {match.record.id}"))
        print_report(match.report, console)


def format_percent(share: float) -> str:
    """A share as a percentage with one decimal that never rounds to 0% or 100% falsely."""
    if 0 < share < 0.0005:
        return "<0.1%"
    if 0.9995 <= share < 1:
        return ">99.9%"
    return f"{share * 100:.1f}%"


def excerpt(text: str, limit: int = 60) -> str:
    """``text`` on one line, cut in the middle with an ellipsis when longer than ``limit``."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    keep = limit - 3  # room for " … "
    head = flat[: (keep + 1) // 2]
    tail = flat[len(flat) - keep // 2 :]
    # Cut at word boundaries where a nearby space allows, so no word is shown half.
    if flat[len(head)] != " " and " " in head[len(head) // 2 :]:
        head = head[: head.rindex(" ")]
    if flat[len(flat) - len(tail) - 1] != " " and " " in tail[: len(tail) // 2]:
        tail = tail[tail.index(" ") + 1 :]
    return f"{head.rstrip()} … {tail.lstrip()}"


def _offsets(span: Span) -> str:
    return f"[{span.start}:{span.end})"


# --------------------------------------------------------------------------- HTML


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch ``[start, end)`` of a text covered by the same passages all along.

    ``passages`` holds the indices (into the spans given to :func:`split_segments`)
    of every span that covers the segment, in ascending order; it is empty for
    text that no passage covers.
    """

    start: int
    end: int
    passages: tuple[int, ...]


def split_segments(text: str, spans: Sequence[Span]) -> list[Segment]:
    """Cut ``text`` at every span boundary, so overlapping spans can be drawn without loss.

    The segments are non-empty, contiguous and together cover ``text`` exactly once;
    each one lists every span that covers it. Empty spans cover nothing, but still cut
    the text, so that a segment starts where each of them sits.
    """
    opening: dict[int, list[int]] = {}
    closing: dict[int, list[int]] = {}
    cuts = {0, len(text)}
    for index, span in enumerate(spans):
        if span.end > len(text):
            msg = f"span [{span.start}:{span.end}) reaches past the text's {len(text)} characters"
            raise ValueError(msg)
        cuts.update((span.start, span.end))
        if span.start < span.end:
            opening.setdefault(span.start, []).append(index)
            closing.setdefault(span.end, []).append(index)
    active: set[int] = set()
    segments = []
    for start, end in pairwise(sorted(cuts)):
        active.difference_update(closing.get(start, ()))
        active.update(opening.get(start, ()))
        segments.append(Segment(start, end, tuple(sorted(active))))
    return segments


def render_html(report: Report) -> str:
    """One self-contained HTML page: both documents side by side with linked highlights.

    The page loads nothing (inline CSS and JS, a CSP that forbids any request), so it
    can be archived or mailed and opened from disk as it is.
    """
    passages = ordered_passages(report)
    rows = _passage_rows(report)
    counts = Counter(p.reuse_type.value for p in passages)
    return (
        _environment()
        .get_template("report.html")
        .render(
            derived=_side_view("d", "s", report.derived, [p.derived for p in passages], passages),
            source=_side_view("s", "d", report.source, [p.source for p in passages], passages),
            legend=[
                {
                    "type": kind.value,
                    "meaning": _TYPE_MEANINGS[kind.value],
                    "count": counts[kind.value],
                }
                for kind in ReuseType
            ],
            rows=rows,
            no_passages=_NO_PASSAGES,
        )
    )


def render_query_html(result: QueryResult) -> str:
    """One self-contained page: the ranked sources, the document with every reused
    passage highlighted and labelled with its source's rank, and each source's passages."""
    document = result.document
    located = sorted(
        (
            (p.derived.start, p.derived.end, rank, number, p)
            for rank, match in enumerate(result.sources, 1)
            for number, p in enumerate(ordered_passages(match.report), 1)
        ),
        key=lambda item: item[:4],
    )
    spans = [item[4].derived for item in located]
    pieces = []
    for segment in split_segments(document.text, spans):
        piece: dict[str, Any] = {"text": document.text[segment.start : segment.end], "type": None}
        if segment.passages:
            primary = min(segment.passages, key=lambda i: (len(spans[i]), i))
            _, _, rank, number, passage = located[primary]
            piece.update(
                type=passage.reuse_type.value,
                rank=rank,
                target=f"source-{rank}-p{number}",
                overlap=len(segment.passages) > 1,
                title="\n".join(
                    f"source {located[i][2]} ({result.sources[located[i][2] - 1].record.id}) "
                    + _tooltip(located[i][3], located[i][4])
                    for i in segment.passages
                ),
            )
        pieces.append(piece)
    sources = []
    for rank, match in enumerate(result.sources, 1):
        report = match.report
        sources.append(
            {
                "rank": rank,
                "id": match.record.id,
                "title": match.record.title or "",
                "url": match.record.url if _is_web_link(match.record.url) else None,
                "date": match.record.date or "",
                "first": match.first or "",
                "coverage": format_percent(match.coverage),
                "new_coverage": format_percent(match.new_coverage),
                "source_coverage": format_percent(report.source_coverage),
                "rows": _passage_rows(report),
            }
        )
    counts = Counter(item[4].reuse_type.value for item in located)
    reused = covered_chars(spans)
    length = len(document.text)
    share = reused / length if length else 0.0
    return (
        _environment()
        .get_template("query.html")
        .render(
            document={
                "name": document.name,
                "date": result.date,
                "length": f"{length:,}",
                "reused": f"{reused:,}",
                "percent": format_percent(share),
                "meter": f"{share * 100:.2f}%",
            },
            candidates=result.candidates,
            aligned=result.aligned,
            sources=sources,
            pieces=pieces,
            legend=[
                {
                    "type": kind.value,
                    "meaning": _TYPE_MEANINGS[kind.value],
                    "count": counts[kind.value],
                }
                for kind in ReuseType
            ],
        )
    )


def _passage_rows(report: Report) -> list[dict[str, Any]]:
    """One row per passage for the HTML passage tables, numbered in display order."""
    return [
        {
            "n": number,
            "type": p.reuse_type.value,
            "similarity": f"{p.similarity:.2f}",
            "derived": _offsets(p.derived),
            "source": _offsets(p.source),
            "derived_excerpt": excerpt(report.derived.slice(p.derived), 120),
            "source_excerpt": excerpt(report.source.slice(p.source), 120),
        }
        for number, p in enumerate(ordered_passages(report), 1)
    ]


def _is_web_link(url: str | None) -> bool:
    """Only http(s) links become clickable: a stored ``javascript:`` URL must not run."""
    return bool(url) and url.lower().startswith(("http://", "https://"))


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("textreuse", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


def _side_view(
    key: str, other: str, document: Document, spans: list[Span], passages: list[Passage]
) -> dict[str, Any]:
    """What the template needs to draw one document: its numbers and its segments."""
    # Each passage gets one numbered anchor where it starts (the target of links from
    # the other side); one starting at the very end of the text goes after the text.
    anchors: dict[int, list[dict[str, Any]]] = {}
    for index, span in enumerate(spans):
        tip = _tooltip(index + 1, passages[index])
        anchor = {"n": index + 1, "type": passages[index].reuse_type.value, "tip": tip}
        anchors.setdefault(span.start, []).append(anchor)
    pieces = []
    for segment in split_segments(document.text, spans):
        covering = segment.passages
        # The shortest covering passage is the most specific: it sets the colour and
        # is the one a click follows.
        primary = min(covering, key=lambda i: (len(spans[i]), i)) if covering else None
        pieces.append(
            {
                "text": document.text[segment.start : segment.end],
                "numbers": " ".join(f"p{i + 1}" for i in covering),
                "primary": None if primary is None else primary + 1,
                "type": None if primary is None else passages[primary].reuse_type.value,
                "overlap": len(covering) > 1,
                "title": "\n".join(_tooltip(i + 1, passages[i]) for i in covering),
                "anchors": anchors.get(segment.start, []),
            }
        )
    reused = covered_chars(spans)
    length = len(document.text)
    share = reused / length if length else 0.0
    return {
        "key": key,
        "other": other,
        "role": "Derived document" if key == "d" else "Source document",
        "text_id": "derived-text" if key == "d" else "source-text",
        "name": document.name,
        "length": f"{length:,}",
        "reused": f"{reused:,}",
        "percent": format_percent(share),
        "meter": f"{share * 100:.2f}%",
        "pieces": pieces,
        "trailing": anchors.get(length, []),
    }


def _tooltip(number: int, passage: Passage) -> str:
    tip = (
        f"#{number} {passage.reuse_type.value} · similarity {passage.similarity:.2f} · "
        f"derived {_offsets(passage.derived)} ↔ source {_offsets(passage.source)}"
    )
    if passage.evidence:
        pairs = len(passage.evidence)
        best = max(match.similarity for match in passage.evidence)
        tip += f" · {pairs} matched sentence pair{'s' if pairs != 1 else ''}, best {best:.2f}"
    return tip
