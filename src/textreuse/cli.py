"""The ``textreuse`` command line: a thin layer over the library functions.

Machine-readable output (JSON) goes to standard output and nothing else does;
progress bars and messages go to standard error. Errors the library raises on
purpose become one-line messages and exit status 1, never a traceback.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from textreuse import __version__
from textreuse.alignment import AlignSettings
from textreuse.comparison import compare
from textreuse.documents import DEFAULT_MAX_BYTES, read_document
from textreuse.errors import TextReuseError
from textreuse.render import print_report, render_html, report_to_json


class _Group(click.Group):
    """Turns the library's own errors into one-line messages instead of tracebacks."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except TextReuseError as error:
            raise click.ClickException(str(error)) from error


semantic_option = click.option(
    "--semantic",
    is_flag=True,
    help="Also match sentences by meaning (paraphrase, summary); needs the 'semantic' extra.",
)


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="textreuse")
def main() -> None:
    """Find reused text: which passages of a document came from which source."""


@main.command("compare")
@click.argument("derived")
@click.argument("source")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="Table for people, JSON (documented schema) for programs.",
)
@click.option(
    "--html",
    "html_path",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Also write a self-contained side-by-side HTML report to this file.",
)
@click.option(
    "--min-chars",
    type=click.IntRange(min=1),
    default=AlignSettings().min_passage_chars,
    show_default=True,
    help="Shortest passage reported, in characters on each side.",
)
@semantic_option
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Refuse input files larger than this.",
)
def compare_command(
    derived: str,
    source: str,
    output_format: str,
    html_path: Path | None,
    min_chars: int,
    semantic: bool,
    max_bytes: int,
) -> None:
    """Align the passages DERIVED reused from SOURCE.

    Each is a path (.txt, .html/.htm pages have their main text extracted) or - for
    standard input. Offsets are code-point positions in the text as read (for a page,
    its extracted text).

    Example:

        textreuse compare blog-post.html agency-story.txt --html report.html
    """
    if derived == "-" and source == "-":
        msg = "only one of DERIVED and SOURCE can be read from standard input (-)"
        raise click.UsageError(msg)
    report = compare(
        read_document(derived, max_bytes=max_bytes),
        read_document(source, max_bytes=max_bytes),
        settings=AlignSettings(min_passage_chars=min_chars, semantic=semantic),
    )
    if html_path is not None:
        html_path.write_text(render_html(report), encoding="utf-8")
        click.echo(f"HTML report written to {html_path}", err=True)
    if output_format == "json":
        click.echo(report_to_json(report))
    else:
        print_report(report, _console())


@main.command("eval")
@click.argument("corpus", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write the detections as PAN XML under this folder.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON on stdout.")
@semantic_option
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Processes to align with (default: all cores).",
)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=None,
    help="Evaluate only the first N pairs of each sub-corpus (a quick check).",
)
def eval_command(
    corpus: Path,
    out_dir: Path | None,
    as_json: bool,
    semantic: bool,
    workers: int | None,
    limit: int | None,
) -> None:
    """Score the aligner on a PAN text-alignment CORPUS.

    Prints precision, recall, granularity and plagdet (Potthast et al., 2010)
    overall and per sub-corpus (obfuscation type).

    Example:

        textreuse eval ../shared/data/pan13-text-alignment-training-corpus-2013-01-21
    """
    from textreuse.evaluation import evaluate

    scores = evaluate(
        corpus,
        out_dir=out_dir,
        settings=AlignSettings(semantic=semantic),
        workers=workers,
        limit=limit,
        progress=sys.stderr.isatty(),
    )
    if as_json:
        click.echo(json.dumps(scores.to_dict(), indent=2))
        return
    table = Table(title=f"PAN text alignment: {corpus.name}")
    for column in ("sub-corpus", "pairs", "cases", "precision", "recall", "granularity"):
        table.add_column(column, justify="left" if column == "sub-corpus" else "right")
    table.add_column("plagdet", justify="right", style="bold")
    table.add_column("pairs reported", justify="right")
    rows = [
        (name, sub.measures, sub.pairs, sub.pairs_with_detections)
        for name, sub in scores.by_subcorpus.items()
    ]
    rows.append(("overall", scores.overall, scores.pairs, None))
    for name, measures, pairs, reported in rows:
        # Recall and plagdet say nothing where there is nothing to find (no-plagiarism
        # pairs): there the figure that matters is how many pairs were reported.
        has_cases = measures.cases > 0
        table.add_row(
            name,
            str(pairs),
            str(measures.cases),
            _fmt(measures.precision) if has_cases else "-",
            _fmt(measures.recall) if has_cases else "-",
            _fmt(measures.granularity) if has_cases else "-",
            _fmt(measures.plagdet) if has_cases else "-",
            "" if reported is None else str(reported),
        )
    console = _console()
    console.print(table)
    console.print(f"{scores.pairs} pairs in {scores.seconds:.1f} s")


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.4f}"


def _console() -> Console:
    """Standard output, wide enough for the tables even when piped to a file."""
    return Console(highlight=False, width=None if sys.stdout.isatty() else 140)
