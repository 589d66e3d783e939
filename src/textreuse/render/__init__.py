"""Showing reports to people and programs: JSON, terminal tables and HTML pages.

Three views of the same report, all numbering passages in the same order (by
derived start): :mod:`~textreuse.render.schema` (the documented JSON),
:mod:`~textreuse.render.terminal` and :mod:`~textreuse.render.html`.
"""

from textreuse.attribution import Segment, split_segments
from textreuse.render.common import excerpt, format_percent, ordered_passages
from textreuse.render.html import render_html, render_query_html
from textreuse.render.schema import (
    QUERY_SCHEMA,
    SCHEMA,
    SCHEMA_VERSION,
    passage_rows,
    query_to_dict,
    query_to_json,
    report_to_dict,
    report_to_json,
    rows_to_csv,
    rows_to_jsonl,
)
from textreuse.render.terminal import print_query, print_report

__all__ = [
    "QUERY_SCHEMA",
    "SCHEMA",
    "SCHEMA_VERSION",
    "Segment",
    "excerpt",
    "format_percent",
    "ordered_passages",
    "passage_rows",
    "print_query",
    "print_report",
    "query_to_dict",
    "query_to_json",
    "render_html",
    "render_query_html",
    "report_to_dict",
    "report_to_json",
    "rows_to_csv",
    "rows_to_jsonl",
    "split_segments",
]
