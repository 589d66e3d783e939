"""Where and how the commands print results: formats, ``--output`` files, terminal width.

Results go to standard output or the ``--output`` file and nothing else does, so
that ``--format json | jq`` always parses. Tables fit the terminal they are shown
in; piped or written to a file they keep one width (``COLUMNS``, else
:data:`PIPED_WIDTH`), so the same run gives the same bytes.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import click

if TYPE_CHECKING:
    from rich.console import Console

    from textreuse.attribution import QueryResult
    from textreuse.model import Report

PIPED_WIDTH = 120
"""Table width when standard output is not a terminal and ``COLUMNS`` is not set."""

PASSAGE_FORMATS = ("table", "json", "jsonl", "csv")
SUMMARY_FORMATS = ("table", "json")
FAIL_OVER_STATUS = 3
"""Exit status when the derived share is above ``--fail-over``."""


def format_option(choices: tuple[str, ...]) -> Callable[[click.decorators.FC], click.decorators.FC]:
    """``--format``: table for people; JSON (and, for passages, JSON Lines or CSV rows)
    for programs."""
    rows = ", jsonl/csv one row per passage" if "csv" in choices else ""
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(choices),
        default="table",
        show_default=True,
        help=f"table for people; json (the documented schema){rows}, for programs.",
    )


output_option = click.option(
    "--output",
    "output_path",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write the results to this file instead of standard output.",
)
json_alias_option = click.option(
    "--json", "as_json", is_flag=True, help="The same as --format json (kept for old scripts)."
)


def chosen_format(output_format: str, as_json: bool) -> str:
    """The format asked for, ``--json`` meaning ``--format json``."""
    return "json" if as_json else output_format


@contextmanager
def destination(path: Path | None) -> Iterator[TextIO]:
    """Standard output, or ``path`` opened for writing (UTF-8, line ends as written)."""
    if path is None:
        yield sys.stdout
        return
    try:
        stream = path.open("w", encoding="utf-8", newline="")
    except OSError as error:
        msg = f"{path}: {error.strerror or error}; the results were not written"
        raise click.ClickException(msg) from None
    with stream:
        yield stream
    click.echo(f"results written to {path}", err=True)


def write_summary(
    path: Path | None, as_json: bool, data: Mapping[str, Any], draw: Callable[[TextIO], None]
) -> None:
    """A command's figures where they go: ``data`` as indented JSON, or what ``draw``
    writes for people."""
    with destination(path) as stream:
        if as_json:
            stream.write(json.dumps(data, indent=2) + "\n")
        else:
            draw(stream)


def console(stream: TextIO | None = None) -> Console:
    """A console printing to ``stream`` (standard output by default), as wide as the
    terminal, or ``COLUMNS``, or :data:`PIPED_WIDTH` when it is not a terminal."""
    from rich.console import Console

    target = sys.stdout if stream is None else stream
    interactive = target is sys.stdout and target.isatty()
    return Console(
        file=target,
        highlight=False,
        width=terminal_width(interactive),
        color_system="auto" if interactive else None,
    )


def show(stream: TextIO, draw: Callable[[Console], None]) -> None:
    """Let ``draw`` print to a console on ``stream``; off a terminal, without the
    padding rich adds to the end of table lines."""
    shown = console(stream)
    if shown.is_terminal:
        draw(shown)
        return
    with shown.capture() as captured:
        draw(shown)
    stream.write("".join(line.rstrip() + "\n" for line in captured.get().splitlines()))


def terminal_width(interactive: bool) -> int:
    """``COLUMNS`` when set to a number; else the terminal's width, or a fixed one."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    return shutil.get_terminal_size().columns if interactive else PIPED_WIDTH


def write_result(
    result: Report | QueryResult, output_format: str, stream: TextIO, *, include_text: bool
) -> None:
    """One compare or query result, in ``output_format``, to ``stream``."""
    from textreuse.model import Report
    from textreuse.render import (
        print_query,
        print_report,
        query_to_json,
        report_to_json,
        rows_to_csv,
        rows_to_jsonl,
    )

    if output_format in ("jsonl", "csv"):
        stream.write(rows_to_jsonl(result) if output_format == "jsonl" else rows_to_csv(result))
    elif isinstance(result, Report):
        if output_format == "table":
            show(stream, lambda shown: print_report(result, shown))
        else:
            stream.write(report_to_json(result, include_text=include_text) + "\n")
    elif output_format == "table":
        show(stream, lambda shown: print_query(result, shown))
    else:
        stream.write(query_to_json(result, include_text=include_text) + "\n")


def fail_over(result: Report | QueryResult, percent: float | None) -> None:
    """Exit with :data:`FAIL_OVER_STATUS` when the derived share is above ``percent``."""
    if percent is None:
        return
    from textreuse.model import Report

    if isinstance(result, Report):
        name, share = result.derived.name, result.derived_coverage
    else:
        name, share = result.document.name, result.coverage
    if share * 100 > percent:
        click.echo(f"{name}: {share:.1%} reused, over --fail-over {percent:g}%", err=True)
        sys.exit(FAIL_OVER_STATUS)
