"""Reports as plain data and JSON, in the stable schema of ``docs/json-report.md``.

Passages are numbered in the same order in every view (by derived start), so passage
3 in the terminal table is passage 3 in the HTML page and ``passages[2]`` in the JSON.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from textreuse.archive import QueryResult
from textreuse.model import Document, Passage, Report, Span, covered_chars
from textreuse.render.common import ordered_passages

SCHEMA = "textreuse/compare-report"
QUERY_SCHEMA = "textreuse/query-report"
SCHEMA_VERSION = 1


def report_to_dict(report: Report) -> dict[str, Any]:
    """The report as plain JSON-ready data, in the schema of ``docs/json-report.md``."""
    passages = ordered_passages(report)
    return {
        "schema": SCHEMA,
        "version": SCHEMA_VERSION,
        "derived": _document_dict(report.derived, [p.derived for p in passages]),
        "source": _document_dict(report.source, [p.source for p in passages]),
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
