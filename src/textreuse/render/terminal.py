"""Reports as rich tables for the terminal."""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from textreuse.archive import QueryResult
from textreuse.model import Passage, Report
from textreuse.render.common import (
    NO_PASSAGES,
    excerpt,
    format_percent,
    offsets,
    ordered_passages,
)

# Terminal colours match the HTML page (Okabe-Ito palette, safe for colour blindness).
TERMINAL_STYLES = {
    "verbatim": "bold #d55e00",
    "near-verbatim": "bold #009e73",
    "paraphrase": "bold #56b4e9",
    "summary": "bold #cc79a7",
}


NARROW_WIDTH = 110
"""Below this many columns, passages and sources are stacked, one block each, instead
of a table whose excerpt columns would be a few characters wide."""


def print_report(report: Report, console: Console) -> None:
    """Print a coverage header, then the passages: a table, or stacked when narrow."""
    passages = ordered_passages(report)
    console.print(
        Text.assemble(
            (report.derived.name, "bold"),
            f": {format_percent(report.derived_coverage)} reused, ",
            (report.verdict.value, "bold"),
            " · ",
            (report.source.name, "bold"),
            f": {format_percent(report.source_coverage)} reused",
        )
    )
    if not passages:
        console.print(NO_PASSAGES)
    elif console.width < NARROW_WIDTH:
        _stack_passages(report, passages, console)
    else:
        console.print(_passage_table(report, passages))


def _passage_table(report: Report, passages: list[Passage]) -> Table:
    """One row per passage, the excerpts folded into the columns left."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("#", justify="right")
    table.add_column("derived", no_wrap=True)
    table.add_column("source", no_wrap=True)
    table.add_column("type", no_wrap=True)
    table.add_column("similarity", justify="right")
    table.add_column("derived text", overflow="fold")
    table.add_column("source text", overflow="fold")
    for number, passage in enumerate(passages, 1):
        kind = passage.reuse_type.value
        # Text objects, not strings: document text must never be read as rich markup.
        table.add_row(
            str(number),
            offsets(passage.derived),
            offsets(passage.source),
            Text(kind, style=TERMINAL_STYLES.get(kind, "bold")),
            f"{passage.similarity:.2f}",
            Text(excerpt(report.derived.slice(passage.derived))),
            Text(excerpt(report.source.slice(passage.source))),
        )
    return table


def _stack_passages(report: Report, passages: list[Passage], console: Console) -> None:
    """Each passage as a heading line and its two excerpts below, wrapped to the width."""
    for number, passage in enumerate(passages, 1):
        kind = passage.reuse_type.value
        console.print(
            Text.assemble(
                (f"{number}. ", "bold"),
                (kind, TERMINAL_STYLES.get(kind, "bold")),
                f" {passage.similarity:.2f} · derived {offsets(passage.derived)}"
                f" · source {offsets(passage.source)}",
            )
        )
        for side, span, document in (
            ("derived", passage.derived, report.derived),
            ("source", passage.source, report.source),
        ):
            console.print(Text(f"   {side + ':':<8} ") + Text(excerpt(document.slice(span))))


def print_query(result: QueryResult, console: Console) -> None:
    """Print the ranked sources of a query, then each source's passages."""
    count = len(result.sources)
    console.print(
        Text.assemble(
            (result.document.name, "bold"),
            f": {format_percent(result.coverage)} reused from {count} "
            f"source{'s' if count != 1 else ''}, ",
            (result.verdict.value, "bold"),
            f" ({_searched(result)})",
        )
    )
    if not result.sources:
        console.print("No reuse found from any source.")
        return
    if console.width < NARROW_WIDTH:
        _stack_sources(result, console)
    else:
        console.print(_source_table(result))
    for rank, match in enumerate(result.sources, 1):
        console.rule(Text(f"{rank}. {match.record.id}"))
        print_report(match.report, console)


def _searched(result: QueryResult) -> str:
    """How many documents were looked at: compared, or found and then aligned."""
    if result.candidates == result.aligned:
        return f"{result.aligned} compared"
    return f"{result.candidates} candidates, {result.aligned} aligned"


def _source_table(result: QueryResult) -> Table:
    """One row per source, in rank order."""
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
    return table


def _stack_sources(result: QueryResult, console: Console) -> None:
    """Each source as one wrapped line: rank, id, title and date, then its figures."""
    for rank, match in enumerate(result.sources, 1):
        record = match.record
        about = " · ".join(part for part in (record.title, record.date, match.first) if part)
        console.print(
            Text.assemble(
                (f"{rank}. ", "bold"),
                (record.id, "bold"),
                f" ({about})" if about else "",
                f": {format_percent(match.coverage)} of the document,"
                f" {format_percent(match.new_coverage)} new,"
                f" {len(match.report.passages)} passages",
            )
        )
