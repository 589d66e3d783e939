"""The ``textreuse`` command line: a thin layer over the library functions.

Machine-readable output (JSON) goes to standard output and nothing else does;
progress bars and messages go to standard error. Errors the library raises on
purpose become one-line messages and exit status 1, never a traceback.
"""

from __future__ import annotations

import errno
import json
import os
import socket
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import click

from textreuse.aligner import AlignSettings
from textreuse.archive.defaults import DEFAULT_BATCH_SIZE, DEFAULT_CANDIDATES, DEFAULT_TOP
from textreuse.cli.output import (
    FAIL_OVER_STATUS,
    PASSAGE_FORMATS,
    SUMMARY_FORMATS,
    chosen_format,
    destination,
    fail_over,
    format_option,
    json_alias_option,
    output_option,
    show,
    write_result,
    write_summary,
)
from textreuse.errors import ConfigError, TextReuseError
from textreuse.io import DEFAULT_MAX_BYTES, read_document, read_record, read_records
from textreuse.scan.settings import DEFAULT_DRIVER_MEMORY, ScanSettings
from textreuse.service.limits import LOOPBACK_NAMES, Limits
from textreuse.version import __version__

if TYPE_CHECKING:
    # What only the commands that use them load (the aligner with SciPy, jinja2, rich),
    # so that --version and --help stay quick.
    from rich.console import Console
    from rich.progress import Progress, TaskID
    from rich.table import Table

    from textreuse.archive import Archive, ArchiveStats, QueryResult
    from textreuse.evaluation import Scores
    from textreuse.evaluation.manifest import DocumentScores
    from textreuse.evaluation.plagdet import Measures
    from textreuse.model import Report
    from textreuse.scan import ScanSummary


class _Group(click.Group):
    """Turns the library's own errors into one-line messages instead of tracebacks."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            result = super().invoke(ctx)
            if sys.stdout is not None:
                sys.stdout.flush()  # a full disk or closed pipe must fail here, not at exit
            return result
        except TextReuseError as error:
            raise click.ClickException(str(error)) from error
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)
        except BrokenPipeError:
            # The reader went away (| head): stop quietly, as other tools do.
            sys.stdout = None
            sys.exit(141)
        except OSError as error:
            where = error.filename or "standard output"
            msg = f"{where}: {error.strerror or error}; the results were not written"
            raise click.ClickException(msg) from None


semantic_option = click.option(
    "--semantic",
    is_flag=True,
    help="Also match sentences by meaning (paraphrase, summary); needs the 'semantic' extra.",
)
include_text_option = click.option(
    "--include-text",
    is_flag=True,
    help="Put each document's whole text as read into the JSON (the rows carry passages').",
)
fail_over_option = click.option(
    "--fail-over",
    "fail_over_percent",
    type=click.FloatRange(0, 100),
    metavar="PERCENT",
    help=f"Exit with status {FAIL_OVER_STATUS} when more than PERCENT of the document is reused.",
)
encoding_option = click.option(
    "--encoding",
    default=None,
    help="The documents' encoding when not UTF-8 (e.g. cp1252); detected by default.",
)
min_chars_option = click.option(
    "--min-chars",
    type=click.IntRange(min=1),
    default=AlignSettings().min_passage_chars,
    show_default=True,
    help="Shortest passage reported, in characters on each side.",
)
max_bytes_option = click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Refuse input documents larger than this.",
)
language_option = click.option(
    "--language",
    metavar="CODE",
    help="The documents' language (ISO 639-1, e.g. de, zh, ar); identified in each by default.",
)
skip_unreadable_option = click.option(
    "--skip-unreadable",
    is_flag=True,
    help="Warn about and skip files in folders that are not readable text, instead of stopping.",
)


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="textreuse")
def main() -> None:
    """Find reused text: which passages of a document came from which source."""


@main.command("compare")
@click.argument("derived")
@click.argument("sources", nargs=-1)
@click.option(
    "--sources",
    "source_collections",
    multiple=True,
    metavar="DIR|FILE",
    help="More sources: a folder, or a .jsonl/.csv/.parquet collection (as for index add).",
)
@format_option(PASSAGE_FORMATS)
@output_option
@include_text_option
@click.option(
    "--html",
    "html_path",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Also write a self-contained side-by-side HTML report to this file.",
)
@fail_over_option
@min_chars_option
@semantic_option
@language_option
@encoding_option
@max_bytes_option
def compare_command(
    derived: str,
    sources: tuple[str, ...],
    source_collections: tuple[str, ...],
    output_format: str,
    output_path: Path | None,
    include_text: bool,
    html_path: Path | None,
    fail_over_percent: float | None,
    min_chars: int,
    semantic: bool,
    language: str | None,
    encoding: str | None,
    max_bytes: int,
) -> None:
    """Align the passages DERIVED reused from each SOURCE.

    Each is a path (.txt, .html/.htm pages have their main text extracted), an
    http(s):// address, or - for standard input. Offsets are code-point positions in
    the text as read (for a page, its extracted text). With one source, the passages
    of the pair; with several (or --sources), every reused character is attributed
    to the source that explains it best, as 'query' does with an archive.

    Example:

        textreuse compare blog-post.html agency-story.txt --html report.html

        textreuse compare blog-post.html https://example.com/story.html other.txt
    """
    if not sources and not source_collections:
        raise click.UsageError("give at least one SOURCE, or --sources DIR|FILE")
    if [derived, *sources].count("-") > 1:
        raise click.UsageError("only one document can be read from standard input (-)")
    _check_outputs(output_path, html_path)
    from textreuse.comparison import compare, compare_sources

    settings = AlignSettings(min_passage_chars=min_chars, semantic=semantic, language=language)
    text = read_document(derived, max_bytes=max_bytes, encoding=encoding)
    result: Report | QueryResult
    if len(sources) == 1 and not source_collections:
        source = read_document(sources[0], max_bytes=max_bytes, encoding=encoding)
        result = compare(text, source, settings=settings)
    else:
        named = [read_record(path, max_bytes=max_bytes, encoding=encoding) for path in sources]
        more = read_records(source_collections, max_bytes=max_bytes, encoding=encoding)
        result = compare_sources(text, [*named, *more], settings=settings)
    _show_result(result, output_format, output_path, include_text, html_path)
    fail_over(result, fail_over_percent)


def _show_result(
    result: Report | QueryResult,
    output_format: str,
    output_path: Path | None,
    include_text: bool,
    html_path: Path | None,
) -> None:
    """Write the HTML report if asked, then the result in its format where it goes."""
    if html_path is not None:
        from textreuse.model import Report
        from textreuse.render import render_html, render_query_html

        page = render_html(result) if isinstance(result, Report) else render_query_html(result)
        _write_text(html_path, page)
        click.echo(f"HTML report written to {html_path}", err=True)
    with destination(output_path) as stream:
        write_result(result, output_format, stream, include_text=include_text)


def _check_outputs(output_path: Path | None, html_path: Path | None) -> None:
    """Refuse, before any work, outputs that could not be written."""
    if output_path is None:
        _check_stdout()
    _check_output_file(output_path)
    _check_output_file(html_path)


@main.command("eval")
@click.argument("corpus", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write the detections as PAN XML under this folder (PAN corpora).",
)
@format_option(SUMMARY_FORMATS)
@json_alias_option
@output_option
@semantic_option
@language_option
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Processes to align with (default: all cores; PAN corpora).",
)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=None,
    help="Evaluate only the first N pairs of each sub-corpus (a quick check; PAN corpora).",
)
@encoding_option
def eval_command(
    corpus: Path,
    out_dir: Path | None,
    output_format: str,
    as_json: bool,
    output_path: Path | None,
    semantic: bool,
    language: str | None,
    workers: int | None,
    limit: int | None,
    encoding: str | None,
) -> None:
    """Score the aligner on a PAN text-alignment CORPUS folder, or on a manifest of
    documents labelled wholly, partially or non-derived (CSV or JSONL).

    For a PAN corpus: precision, recall, granularity and plagdet (Potthast et al.,
    2010) overall and per sub-corpus (obfuscation type). For a manifest: ROC AUC of
    derived against non-derived by derived share, 3-class macro F1 with thresholds
    cross-validated in 10 folds, and the confusion matrix.

    Example:

        textreuse eval ../shared/data/pan13-text-alignment-training-corpus-2013-01-21
    """
    _check_outputs(output_path, None)
    if out_dir is not None:
        _check_output_folder(out_dir)
    settings = AlignSettings(semantic=semantic, language=language)
    as_json = chosen_format(output_format, as_json) == "json"
    if corpus.is_file():
        _eval_manifest(corpus, settings, encoding, as_json, output_path)
        return
    from textreuse.evaluation import evaluate  # the corpus runner only when evaluating

    scores = evaluate(
        corpus,
        out_dir=out_dir,
        settings=settings,
        workers=workers,
        limit=limit,
        progress=sys.stderr.isatty(),
    )

    def draw(shown: Console) -> None:
        shown.print(_scores_table(scores, f"PAN text alignment: {corpus.name}"))
        shown.print(f"{scores.pairs} pairs in {scores.seconds:.1f} s")

    write_summary(output_path, as_json, scores.to_dict(), lambda stream: show(stream, draw))


def _eval_manifest(
    manifest: Path,
    settings: AlignSettings,
    encoding: str | None,
    as_json: bool,
    output_path: Path | None,
) -> None:
    """Score the verdict on a labelled manifest and print the figures."""
    from textreuse.evaluation.manifest import evaluate_manifest

    scores = evaluate_manifest(manifest, settings=settings, encoding=encoding)
    write_summary(
        output_path,
        as_json,
        scores.to_dict(),
        lambda stream: show(stream, lambda shown: _print_manifest_scores(manifest, scores, shown)),
    )


def _print_manifest_scores(manifest: Path, scores: DocumentScores, shown: Console) -> None:
    """The document-level figures of a manifest, and its confusion matrix."""
    shown.print(
        f"{manifest.name}: {scores.documents} documents, {scores.pairs} pairs in "
        f"{scores.seconds:.1f} s ({scores.pairs / max(scores.seconds, 1e-9):.0f} pairs/s)"
    )
    shown.print(
        f"ROC AUC (derived against non-derived) {scores.auc:.3f} · "
        f"macro F1 (3 classes, 10-fold thresholds) {scores.macro_f1:.3f} · "
        f"best thresholds on all: partially from {scores.thresholds[0]:.2f}, "
        f"wholly from {scores.thresholds[1]:.2f}"
    )
    from rich.table import Table

    table = Table(title="confusion: label (rows) against verdict (columns)")
    labels = list(scores.confusion)
    table.add_column("label")
    for label in labels:
        table.add_column(label, justify="right")
    for truth, row in scores.confusion.items():
        table.add_row(truth, *(str(row[guess]) for guess in labels))
    shown.print(table)


def _scores_table(scores: Scores, title: str) -> Table:
    """Measures per sub-corpus and overall, as a table."""
    from rich.table import Table

    table = Table(title=title)
    for column in ("sub-corpus", "pairs", "cases", "precision", "recall", "granularity"):
        table.add_column(column, justify="left" if column == "sub-corpus" else "right")
    table.add_column("plagdet", justify="right", style="bold")
    table.add_column("pairs reported", justify="right")
    rows: list[tuple[str, Measures, int, int | None]] = [
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
    return table


@main.group("index")
def index_group() -> None:
    """Keep an archive of sources that 'textreuse query' searches.

    Example:

        textreuse index add archive.db articles/ && textreuse index stats archive.db
    """


archive_argument = click.argument("archive", type=click.Path(dir_okay=False, path_type=Path))


@index_group.command("add")
@archive_argument
@click.argument("inputs", nargs=-1, required=True)
@skip_unreadable_option
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=DEFAULT_BATCH_SIZE,
    show_default=True,
    help="Documents per transaction: an interruption keeps every batch committed before it.",
)
@click.option(
    "--replace",
    is_flag=True,
    help="Replace documents whose id is already in the archive (by default they stop the add).",
)
@language_option
@encoding_option
@max_bytes_option
def index_add_command(
    archive: Path,
    inputs: tuple[str, ...],
    skip_unreadable: bool,
    batch_size: int,
    replace: bool,
    language: str | None,
    encoding: str | None,
    max_bytes: int,
) -> None:
    """Add the documents of INPUTS to ARCHIVE (created if missing).

    Each input is a folder (every .txt/.html file under it, its id the relative path),
    a .jsonl, .csv or .parquet file (fields id, text and optionally title, url,
    source, date), or a single document file. Ids must be unique: a second document
    with one id stops the add, as does an id already stored (unless --replace).

    Example:

        textreuse index add archive.db articles/ feed.jsonl --replace
    """
    records = read_records(
        inputs,
        max_bytes=max_bytes,
        encoding=encoding,
        on_unreadable=_warn_skipped if skip_unreadable else None,
    )
    committed = 0
    started = time.perf_counter()
    with _open_archive(archive) as store, _progress() as progress:
        _refuse_damaged(store)
        task = progress.add_task("indexing", total=None)

        def advance(count: int) -> None:
            nonlocal committed
            committed += count
            progress.update(task, advance=count)

        try:
            summary = store.add(
                records,
                batch_size=batch_size,
                on_commit=advance,
                language=language,
                replace=replace,
            )
        except (KeyboardInterrupt, TextReuseError) as error:
            progress.stop()
            kept = f"the {committed:,} documents committed before it are in {archive}"
            if isinstance(error, KeyboardInterrupt):
                click.echo(f"interrupted: {kept}", err=True)
                sys.exit(130)
            raise click.ClickException(f"{error} ({kept})") from error
    seconds = time.perf_counter() - started
    rate = committed / seconds if seconds > 0 else 0.0
    click.echo(
        f"{summary.added:,} added, {summary.updated:,} updated in {seconds:.1f} s "
        f"({rate:,.0f} documents/s)",
        err=True,
    )


def _open_archive(path: Path, *, create: bool = True, read_only: bool = False) -> Archive:
    """The archive at ``path``, its store (numpy, the aligner) loaded only now."""
    from textreuse.archive import Archive

    return Archive.open(path, create=create, read_only=read_only)


def _refuse_damaged(store: Archive) -> None:
    """Stop before adding to a damaged archive: a write may never touch the damage."""
    if problems := store.check(quick=True):
        msg = f"{store.path}: damaged, nothing added ({'; '.join(problems[:3])})"
        raise click.ClickException(msg)


@index_group.command("remove")
@archive_argument
@click.argument("ids", nargs=-1, required=True)
def index_remove_command(archive: Path, ids: tuple[str, ...]) -> None:
    """Remove the documents with these IDS from ARCHIVE.

    Example:

        textreuse index remove archive.db 2024/05/story.txt
    """
    with _open_archive(archive, create=False) as store:
        removed = store.remove(ids)
    missing = len(set(ids)) - removed
    click.echo(f"{removed:,} removed" + (f", {missing:,} not found" if missing else ""), err=True)


@index_group.command("stats")
@archive_argument
@format_option(SUMMARY_FORMATS)
@json_alias_option
@output_option
def index_stats_command(
    archive: Path, output_format: str, as_json: bool, output_path: Path | None
) -> None:
    """Show how many documents ARCHIVE holds and its size on disk.

    Example:

        textreuse index stats archive.db --json
    """
    _check_outputs(output_path, None)
    with _open_archive(archive, read_only=True) as store:
        figures = _stats_figures(store.stats())

    def draw(stream: TextIO) -> None:
        for name, value in figures.items():
            shown = f"{value:,}" if isinstance(value, int) else ("-" if value is None else value)
            stream.write(f"{name.replace('_', ' '):>14}: {shown}\n")

    write_summary(output_path, chosen_format(output_format, as_json) == "json", figures, draw)


def _stats_figures(stats: ArchiveStats) -> dict[str, Any]:
    return {
        "path": stats.path,
        "documents": stats.documents,
        "postings": stats.postings,
        "bytes_on_disk": stats.bytes_on_disk,
        "earliest_date": stats.earliest_date,
        "latest_date": stats.latest_date,
        "ngram": stats.fingerprints.ngram,
        "window": stats.fingerprints.window,
    }


@index_group.command("check")
@archive_argument
def index_check_command(archive: Path) -> None:
    """Check ARCHIVE for damage; exit status 1 if any is found.

    Example:

        textreuse index check archive.db
    """
    with _open_archive(archive, read_only=True) as store:
        problems = store.check()
    if problems:
        raise click.ClickException(f"{archive}: " + "; ".join(problems))
    click.echo(f"{archive}: ok", err=True)


@main.command("query")
@archive_argument
@click.argument("document")
@format_option(PASSAGE_FORMATS)
@output_option
@include_text_option
@click.option(
    "--html",
    "html_path",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Also write a self-contained HTML report to this file.",
)
@click.option(
    "--top",
    type=click.IntRange(min=1),
    default=DEFAULT_TOP,
    show_default=True,
    help="Most sources shown.",
)
@click.option(
    "--candidates",
    type=click.IntRange(min=1),
    default=DEFAULT_CANDIDATES,
    show_default=True,
    help="Retrieved documents aligned with the document.",
)
@click.option("--date", help="When DOCUMENT was published (ISO 8601), to tell which came first.")
@fail_over_option
@min_chars_option
@semantic_option
@language_option
@encoding_option
def query_command(
    archive: Path,
    document: str,
    output_format: str,
    output_path: Path | None,
    include_text: bool,
    html_path: Path | None,
    top: int,
    candidates: int,
    date: str | None,
    fail_over_percent: float | None,
    min_chars: int,
    semantic: bool,
    language: str | None,
    encoding: str | None,
) -> None:
    """Find the sources of DOCUMENT (a path, an http(s):// address, or - for standard
    input) in ARCHIVE.

    Sources are ranked by how much of the document they explain beyond the sources
    above them, each with its aligned passages.

    Example:

        textreuse query archive.db blog-post.html --html sources.html
    """
    _check_outputs(output_path, html_path)
    text = read_document(document, encoding=encoding)
    from textreuse.archive import find_sources  # the aligner only when querying

    with _open_archive(archive, read_only=True) as store:
        result = find_sources(
            store,
            text,
            top=top,
            candidates=candidates,
            date=date,
            settings=AlignSettings(
                min_passage_chars=min_chars, semantic=semantic, language=language
            ),
        )
    _show_result(result, output_format, output_path, include_text, html_path)
    fail_over(result, fail_over_percent)


@main.command("scan")
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for pairs.jsonl/.parquet, clusters.jsonl/.parquet and summary.json.",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "spark"]),
    default="local",
    show_default=True,
    help="local: a process pool on this machine; spark: Apache Spark (the 'spark' extra).",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="Local processes (engine local; default: all cores).",
)
@click.option(
    "--master",
    help="Spark master URL, e.g. spark://host:7077 or yarn (engine spark; default local[*]).",
)
@click.option(
    "--driver-memory",
    envvar="TEXTREUSE_SPARK_DRIVER_MEMORY",
    help=f"Spark driver memory (engine spark; default {DEFAULT_DRIVER_MEMORY}).",
)
@click.option(
    "--max-document-frequency",
    type=click.IntRange(min=2),
    default=ScanSettings().max_document_frequency,
    show_default=True,
    help="Ignore fingerprints held by more documents than this (boilerplate).",
)
@min_chars_option
@language_option
@skip_unreadable_option
@max_bytes_option
@click.option(
    "--include-text",
    is_flag=True,
    help="Give each passage pair the text of both its sides (a_text, b_text).",
)
@format_option(SUMMARY_FORMATS)
@json_alias_option
@click.option("--overwrite", is_flag=True, help="Replace the results of a finished scan in --out.")
def scan_command(
    inputs: tuple[str, ...],
    out_dir: Path,
    engine: str,
    workers: int | None,
    master: str | None,
    driver_memory: str | None,
    max_document_frequency: int,
    min_chars: int,
    language: str | None,
    skip_unreadable: bool,
    max_bytes: int,
    include_text: bool,
    output_format: str,
    as_json: bool,
    overwrite: bool,
) -> None:
    """Find all reuse inside a collection: passage pairs and reprint clusters.

    INPUTS are as for 'index add' (folders, .jsonl, .csv, .parquet, files); ids must be
    unique. Documents sharing fingerprints are aligned as by 'compare'; documents that
    share the same passage form a cluster, with its earliest member where dates are
    given. A local scan that is interrupted resumes when run again with the same --out.

    Example:

        textreuse scan articles/ feed.jsonl --out reuse/
    """
    as_json = chosen_format(output_format, as_json) == "json"
    _check_scan_output(out_dir, as_json=as_json, overwrite=overwrite)
    from textreuse.scan import engine_named, scan

    try:
        chosen = engine_named(engine, workers=workers, master=master, driver_memory=driver_memory)
    except ConfigError as error:
        raise click.UsageError(str(error)) from None
    records = read_records(
        inputs, max_bytes=max_bytes, on_unreadable=_warn_skipped if skip_unreadable else None
    )
    settings = ScanSettings(
        max_document_frequency=max_document_frequency,
        align=AlignSettings(min_passage_chars=min_chars, language=language),
        include_text=include_text,
    )
    with _progress() as progress:
        tasks: dict[str, TaskID] = {}

        def report(step: str, done: int, total: int | None) -> None:
            if step not in tasks:
                tasks[step] = progress.add_task(step, total=total)
            progress.update(tasks[step], completed=done, total=total)

        summary = scan(records, out_dir, engine=chosen, settings=settings, progress=report)
    _print_scan_summary(summary, out_dir, as_json)


def _print_scan_summary(summary: ScanSummary, out_dir: Path, as_json: bool) -> None:
    """The scan's figures: JSON on standard output, or one line on standard error."""
    if as_json:
        click.echo(json.dumps(summary.to_dict(), indent=2))
        return
    click.echo(
        f"{summary.documents:,} documents, {summary.candidate_pairs:,} candidate pairs, "
        f"{summary.aligned_pairs:,} pairs with reuse, {summary.passage_pairs:,} passages, "
        f"{summary.clusters:,} clusters in {summary.seconds:.1f} s ({summary.engine}); "
        f"written to {out_dir}/: {', '.join(summary.files)}",
        err=True,
    )


@main.command("serve")
@click.option(
    "--archive",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Archive for /query and /documents (created if missing).",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option(
    "--max-body-bytes",
    type=click.IntRange(min=1),
    default=Limits().max_body_bytes,
    show_default=True,
    help="Refuse larger request bodies (413).",
)
@click.option(
    "--max-documents",
    type=click.IntRange(min=1),
    default=Limits().max_documents,
    show_default=True,
    help="Most documents one POST /documents may add (422).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=Limits().timeout_seconds,
    show_default=True,
    help="Seconds one request may work before it is answered with 408.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=Limits().workers,
    show_default=True,
    help="Worker processes that align; each request's work is killed at --timeout.",
)
@click.option(
    "--read-timeout",
    type=click.FloatRange(min=0.1),
    default=10.0,
    show_default=True,
    help="Seconds a request may take to arrive whole (headers and body) before 408.",
)
@click.option(
    "--max-connections",
    type=click.IntRange(min=1),
    default=200,
    show_default=True,
    help="Connections served at once; more are answered 503.",
)
@click.option(
    "--allowed-hosts",
    default=",".join(LOOPBACK_NAMES),
    show_default=True,
    help="Comma-separated Host names to answer (against DNS rebinding); '*' for any.",
)
def serve_command(
    archive: Path | None,
    host: str,
    port: int,
    max_body_bytes: int,
    max_documents: int,
    timeout: float,
    workers: int,
    read_timeout: float,
    max_connections: int,
    allowed_hosts: str,
) -> None:
    """Start the web service: the HTTP API and a web page.

    Open http://127.0.0.1:8000/ for the page; /openapi.json describes the API. It
    listens on 127.0.0.1 only unless --host says otherwise (then add the names
    clients use to --allowed-hosts).

    Example:

        textreuse serve --archive archive.db --port 8000
    """
    try:
        import uvicorn
    except ImportError:
        msg = "serve needs FastAPI and uvicorn: pip install 'textreuse[serve]'"
        raise click.ClickException(msg) from None
    from textreuse.service.app import create_app
    from textreuse.service.server import deadline_protocol

    if archive is not None:
        _open_archive(archive).close()  # create it now, and fail early if it is not one
    limits = Limits(
        max_body_bytes=max_body_bytes,
        max_documents=max_documents,
        timeout_seconds=timeout,
        workers=workers,
    )
    hosts = [name.strip() for name in allowed_hosts.split(",") if name.strip()]
    _check_listening(host, port)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"textreuse serve: http://{shown}:{port}/ (Ctrl-C stops it)", err=True)
    # Keep-alive longer than uvicorn's 5 s: a busy client reusing a connection the server
    # has just closed sees a failed request.
    uvicorn.run(
        create_app(archive, limits, allowed_hosts=hosts),
        host=host,
        port=port,
        log_level="warning",
        timeout_keep_alive=30,
        http=deadline_protocol(read_timeout),
        limit_concurrency=max_connections,
    )


def _check_listening(host: str, port: int) -> None:
    """Refuse, with one line, an address the server could not listen on (before,
    uvicorn's own error and exit status 3)."""
    try:
        with socket.create_server((host, port)):
            pass
    except socket.gaierror as error:  # a host name that does not resolve
        raise click.ClickException(f"cannot listen on {host}: {error.strerror}") from None
    except OSError as error:
        reasons = {
            errno.EADDRINUSE: f"port {port} is in use; stop what holds it or choose another --port",
            errno.EADDRNOTAVAIL: "no such address on this machine",
            errno.EACCES: f"port {port} needs more privileges; choose one above 1023",
        }
        reason = reasons.get(error.errno or 0, error.strerror or str(error))
        raise click.ClickException(f"cannot listen on {host}:{port}: {reason}") from None


def _check_output_file(path: Path | None) -> None:
    """Refuse, before any work, an output file that could not be written."""
    if path is None:
        return
    folder = path.parent
    if not folder.is_dir():
        msg = f"{path}: cannot be written, there is no folder {folder}"
        raise click.ClickException(msg)
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        msg = f"{path}: cannot be written (permission denied or a read-only file system)"
        raise click.ClickException(msg)


def _check_output_folder(folder: Path) -> None:
    """Refuse, before any work, an output folder that could not be made or written."""
    existing = next((p for p in (folder, *folder.parents) if p.exists()), None)
    if existing is None or not existing.is_dir():
        msg = f"{folder}: cannot be made, {existing} is not a folder"
        raise click.ClickException(msg)
    if not os.access(existing, os.W_OK):
        msg = f"{folder}: cannot be written (permission denied or a read-only file system)"
        raise click.ClickException(msg)


def _check_scan_output(out_dir: Path, *, as_json: bool, overwrite: bool) -> None:
    """Refuse, before a scan, an --out it could not write or would overwrite unasked."""
    _check_output_folder(out_dir)
    if as_json:
        _check_stdout()
    if (out_dir / "summary.json").exists() and not overwrite:
        msg = f"{out_dir}: holds the results of a finished scan; --overwrite to replace them"
        raise click.ClickException(msg)


def _check_stdout() -> None:
    """Refuse, before any work, to print results to a standard output that is closed."""
    if sys.stdout is None or sys.stdout.closed:
        msg = "standard output is closed: the results would go nowhere"
        raise click.ClickException(msg)


def _write_text(path: Path, text: str) -> None:
    """Write an output file, or stop with one line naming it."""
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        msg = f"{path}: {error.strerror or error}; the report was not written"
        raise click.ClickException(msg) from None


def _warn_skipped(error: TextReuseError) -> None:
    click.echo(f"skipped {error}", err=True)


def _progress() -> Progress:
    """A progress display on standard error, silent when it is not a terminal."""
    from rich.console import Console
    from rich.progress import (
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        disable=not sys.stderr.isatty(),
    )


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.4f}"
