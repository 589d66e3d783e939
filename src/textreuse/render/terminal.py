"""Reports as rich tables for the terminal."""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from textreuse.archive import QueryResult
from textreuse.model import Report
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


def print_report(report: Report, console: Console) -> None:
    """Print a coverage header and one table row per passage to ``console``."""
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
            offsets(passage.derived),
            offsets(passage.source),
            Text(kind, style=TERMINAL_STYLES.get(kind, "bold")),
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
            f"source{'s' if count != 1 else ''}, ",
            (result.verdict.value, "bold"),
            f" ({result.candidates} candidates, {result.aligned} aligned)",
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
