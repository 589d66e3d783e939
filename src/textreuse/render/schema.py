"""Reports as plain data and JSON, in the stable schema of ``docs/json-report.md``.

Passages are numbered in the same order in every view (by derived start), so passage
3 in the terminal table is passage 3 in the HTML page and ``passages[2]`` in the JSON.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Sequence
from typing import Any

from textreuse.attribution import QueryResult
from textreuse.edits import Edit, word_edits
from textreuse.model import Document, Passage, Report, ReuseType, Span, covered_chars
from textreuse.render.common import ordered_passages

SCHEMA = "textreuse/compare-report"
QUERY_SCHEMA = "textreuse/query-report"
SCHEMA_VERSION = 1


def report_to_dict(report: Report, *, include_text: bool = False) -> dict[str, Any]:
    """The report as plain JSON-ready data, in the schema of ``docs/json-report.md``;
    with ``include_text``, each document's whole text as read."""
    passages = ordered_passages(report)
    return {
        "schema": SCHEMA,
        "version": SCHEMA_VERSION,
        "derived": _document_dict(report.derived, [p.derived for p in passages], include_text),
        "source": _document_dict(report.source, [p.source for p in passages], include_text),
        "verdict": report.verdict.value,
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
        "case": passage.case,
        "changes": [
            {
                "change": edit.change.value,
                "derived": _span_dict(report.derived, edit.derived),
                "source": _span_dict(report.source, edit.source),
            }
            for edit in _edits(report, passage)
        ],
    }


def _edits(report: Report, passage: Passage) -> list[Edit]:
    """The word edits of a passage that is not a verbatim copy (those have none)."""
    if passage.reuse_type is ReuseType.VERBATIM:
        return []
    return word_edits(passage, report.derived.text, report.source.text)


def report_to_json(report: Report, *, include_text: bool = False) -> str:
    """The report as indented JSON text, non-ASCII characters kept as they are."""
    return json.dumps(
        report_to_dict(report, include_text=include_text), ensure_ascii=False, indent=2
    )


def _document_dict(
    document: Document, spans: Sequence[Span], include_text: bool = False
) -> dict[str, Any]:
    length = len(document.text)
    reused = covered_chars(spans)
    data: dict[str, Any] = {
        "name": document.name,
        "length": length,
        "reused_chars": reused,
        "coverage": round(reused / length, 4) if length else 0.0,
    }
    if include_text:
        data["text"] = document.text
    return data


def _span_dict(document: Document, span: Span) -> dict[str, Any]:
    return {"start": span.start, "end": span.end, "text": document.slice(span)}


def query_to_dict(result: QueryResult, *, include_text: bool = False) -> dict[str, Any]:
    """A query result as JSON-ready data, in the schema of ``docs/json-report.md``;
    with ``include_text``, the document's whole text as read."""
    document = result.document
    spans = [p.derived for match in result.sources for p in match.report.passages]
    return {
        "schema": QUERY_SCHEMA,
        "version": SCHEMA_VERSION,
        "document": {**_document_dict(document, spans, include_text), "date": result.date},
        "verdict": result.verdict.value,
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
                "attributed_coverage": round(result.attributed_share(rank), 4),
                "source_coverage": round(match.report.source_coverage, 4),
                "shared_fingerprints": match.shared_fingerprints,
                "passages": [
                    _passage_dict(match.report, p) for p in ordered_passages(match.report)
                ],
            }
            for rank, match in enumerate(result.sources, 1)
        ],
        "attributed": [
            {
                "start": a.span.start,
                "end": a.span.end,
                "rank": a.rank,
                "passage": a.number,
                "type": a.passage.reuse_type.value,
                "similarity": round(float(a.passage.similarity), 4),
            }
            for a in result.attributions
        ],
    }


def query_to_json(result: QueryResult, *, include_text: bool = False) -> str:
    """A query result as indented JSON text."""
    data = query_to_dict(result, include_text=include_text)
    return json.dumps(data, ensure_ascii=False, indent=2)


ROW_FIELDS = (
    "document",
    "rank",
    "source",
    "passage",
    "type",
    "similarity",
    "derived_start",
    "derived_end",
    "source_start",
    "source_end",
    "derived_text",
    "source_text",
)
"""The columns of the one-row-per-passage views (JSON Lines and CSV)."""


def passage_rows(result: Report | QueryResult) -> Iterator[dict[str, Any]]:
    """One flat row per passage (fields :data:`ROW_FIELDS`), sources in rank order and
    each source's passages numbered as in the other views."""
    ranked = (
        [(1, result)]
        if isinstance(result, Report)
        else [(rank, match.report) for rank, match in enumerate(result.sources, 1)]
    )
    for rank, report in ranked:
        for number, p in enumerate(ordered_passages(report), 1):
            yield {
                "document": report.derived.name,
                "rank": rank,
                "source": report.source.name,
                "passage": number,
                "type": p.reuse_type.value,
                "similarity": round(float(p.similarity), 4),
                "derived_start": p.derived.start,
                "derived_end": p.derived.end,
                "source_start": p.source.start,
                "source_end": p.source.end,
                "derived_text": report.derived.slice(p.derived),
                "source_text": report.source.slice(p.source),
            }


def rows_to_jsonl(result: Report | QueryResult) -> str:
    """The passage rows as JSON Lines: one compact object per line."""
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in passage_rows(result))


def rows_to_csv(result: Report | QueryResult) -> str:
    """The passage rows as CSV with a header line (RFC 4180 quoting, CRLF line ends)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=ROW_FIELDS)
    writer.writeheader()
    writer.writerows(passage_rows(result))
    return out.getvalue()
