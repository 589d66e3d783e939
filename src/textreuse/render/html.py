"""Reports as self-contained HTML pages: documents side by side, passages highlighted.

The pages load nothing (inline CSS and JS, a CSP that forbids any request), so they
can be archived or mailed and opened from disk as they are.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import cache
from typing import Any

import jinja2

from textreuse.attribution import QueryResult, SourceMatch, best_first, split_segments
from textreuse.edits import word_edits
from textreuse.model import Document, Passage, Report, ReuseType, Span, covered_chars
from textreuse.render.common import (
    NO_PASSAGES,
    excerpt,
    format_percent,
    offsets,
    ordered_passages,
)

# Plain-language meaning of each type, shown in the HTML legend.
TYPE_MEANINGS = {
    "verbatim": "copied word for word",
    "near-verbatim": "copied with small edits",
    "paraphrase": "same content, reworded",
    "summary": "condensed from a longer passage",
}


def render_html(report: Report) -> str:
    """One self-contained HTML page: both documents side by side with linked highlights."""
    passages = ordered_passages(report)
    return (
        _environment()
        .get_template("report.html")
        .render(
            derived={
                **_side_view("d", "s", report.derived, [p.derived for p in passages], passages),
                "verdict": report.verdict.value,
            },
            source={
                **_side_view("s", "d", report.source, [p.source for p in passages], passages),
                "verdict": None,
            },
            legend=_legend(passages),
            rows=_passage_rows(report),
            no_passages=NO_PASSAGES,
        )
    )


Located = tuple[int, int, int, int, Passage]
"""A passage of a query page: derived start and end, source rank, number, the passage."""


def render_query_html(result: QueryResult) -> str:
    """One self-contained page: the ranked sources, the document with every reused
    passage highlighted and labelled with its source's rank, and each source's passages."""
    document = result.document
    located: list[Located] = sorted(
        (
            (p.derived.start, p.derived.end, rank, number, p)
            for rank, match in enumerate(result.sources, 1)
            for number, p in enumerate(ordered_passages(match.report), 1)
        ),
        key=lambda item: item[:4],
    )
    spans = [item[4].derived for item in located]
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
                "verdict": result.verdict.value,
            },
            candidates=result.candidates,
            aligned=result.aligned,
            sources=[_source_view(rank, match) for rank, match in enumerate(result.sources, 1)],
            pieces=_query_pieces(result, located),
            legend=_legend([item[4] for item in located]),
        )
    )


def _query_pieces(result: QueryResult, located: list[Located]) -> list[dict[str, Any]]:
    """The queried document cut into segments, each labelled with the passage shown there."""
    text = result.document.text
    spans = [item[4].derived for item in located]
    pieces = []
    for segment in split_segments(text, spans):
        piece: dict[str, Any] = {"text": text[segment.start : segment.end], "type": None}
        if segment.passages:
            # The best explanation of the text is shown: the most similar passage, then
            # the better-ranked source's (the rule of textreuse.attribution).
            primary = min(
                segment.passages, key=lambda i: (*best_first(located[i][4], located[i][2]), i)
            )
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
    return pieces


def _source_view(rank: int, match: SourceMatch) -> dict[str, Any]:
    """What the query page shows of one ranked source."""
    return {
        "rank": rank,
        "id": match.record.id,
        "title": match.record.title or "",
        "url": match.record.url if _is_web_link(match.record.url) else None,
        "date": match.record.date or "",
        "first": match.first or "",
        "coverage": format_percent(match.coverage),
        "new_coverage": format_percent(match.new_coverage),
        "source_coverage": format_percent(match.report.source_coverage),
        "rows": _passage_rows(match.report),
    }


def _legend(passages: Sequence[Passage]) -> list[dict[str, Any]]:
    """Every reuse type present, what it means and how many passages have it."""
    counts = Counter(p.reuse_type.value for p in passages)
    return [
        {"type": kind.value, "meaning": TYPE_MEANINGS[kind.value], "count": counts[kind.value]}
        for kind in ReuseType
        if counts[kind.value]
    ]


def _passage_rows(report: Report) -> list[dict[str, Any]]:
    """One row per passage for the HTML passage tables, numbered in display order."""
    return [
        {
            "n": number,
            "type": p.reuse_type.value,
            "similarity": f"{p.similarity:.2f}",
            "derived": offsets(p.derived),
            "source": offsets(p.source),
            "derived_excerpt": excerpt(report.derived.slice(p.derived), 120),
            "source_excerpt": excerpt(report.source.slice(p.source), 120),
            "diff": _diff_pieces(report, p),
        }
        for number, p in enumerate(ordered_passages(report), 1)
    ]


def _diff_pieces(report: Report, passage: Passage) -> list[dict[str, str]]:
    """The derived side of a non-verbatim passage as pieces kept, added (``ins``) and,
    before them, the source words dropped or replaced (``del``); empty for a verbatim one."""
    if passage.reuse_type is ReuseType.VERBATIM:
        return []
    derived, source = report.derived.text, report.source.text
    pieces: list[dict[str, str]] = []
    at = passage.derived.start
    for edit in word_edits(passage, derived, source):
        if edit.derived.start > at:
            pieces.append({"kind": "same", "text": derived[at : edit.derived.start]})
        if edit.source:
            pieces.append({"kind": "del", "text": source[edit.source.start : edit.source.end]})
        if edit.derived:
            pieces.append({"kind": "ins", "text": derived[edit.derived.start : edit.derived.end]})
        at = max(at, edit.derived.end)
    if passage.derived.end > at:
        pieces.append({"kind": "same", "text": derived[at : passage.derived.end]})
    return pieces


def _is_web_link(url: str | None) -> bool:
    """Only http(s) links become clickable: a stored ``javascript:`` URL must not run."""
    return url is not None and url.lower().startswith(("http://", "https://"))


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
        kind = passages[index].reuse_type.value
        # The badge shows number, type and similarity: nothing needs hovering to be read.
        label = f"{index + 1} · {kind} {passages[index].similarity:.2f}"
        anchor = {"n": index + 1, "type": kind, "tip": tip, "label": label}
        anchors.setdefault(span.start, []).append(anchor)
    pieces = []
    for segment in split_segments(document.text, spans):
        covering = segment.passages
        # The most similar covering passage (then the shortest) explains the text best:
        # it sets the colour and is the one a click follows.
        primary = (
            min(covering, key=lambda i: (*best_first(passages[i], 0), i)) if covering else None
        )
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
        f"derived {offsets(passage.derived)} ↔ source {offsets(passage.source)}"
    )
    if passage.evidence:
        pairs = len(passage.evidence)
        best = max(match.similarity for match in passage.evidence)
        tip += f" · {pairs} matched sentence pair{'s' if pairs != 1 else ''}, best {best:.2f}"
    return tip
