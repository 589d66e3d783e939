"""Read collections of documents: files, folders, JSONL, CSV and Parquet.

``index add`` and ``scan`` take the same inputs, so they share this reader. Each
input path becomes a stream of :class:`Record` values, read lazily so that a
collection larger than memory is never held whole:

* a folder: every text or HTML file under it, recursively, its id the path
  relative to the folder;
* ``.jsonl`` / ``.ndjson``: one JSON object per line;
* ``.csv``: a header row, then one document per row;
* ``.parquet``: one document per row, read in batches;
* any other file or an ``http(s)://`` address: one document, its id the path or
  address as given.

A page (a folder's ``.html`` file, an HTML file or address) keeps the title, date,
address and site name it states (``<title>``, ``og:*``, its dates).

Table-like inputs need ``id`` and ``text`` and may carry ``title``, ``url``,
``source`` and ``date`` (ISO 8601). A malformed record stops the read with a
:class:`CorpusError` naming the file and the line or row, never silently skipping it.
"""

from __future__ import annotations

import csv
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from textreuse.dates import parse_date
from textreuse.errors import CorpusError, InputError
from textreuse.io.documents import DEFAULT_MAX_BYTES, read_record
from textreuse.io.web import is_web_address
from textreuse.model import Record

OPTIONAL_FIELDS = ("title", "url", "source", "date")
_JSONL_SUFFIXES = {".jsonl", ".ndjson"}
_SURROGATE = re.compile("[\ud800-\udfff]")
_FOLDER_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm", ".xhtml"}


def read_records(
    paths: Iterable[str | os.PathLike[str]],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    encoding: str | None = None,
    on_unreadable: Callable[[InputError], None] | None = None,
) -> Iterator[Record]:
    """Every record of every input, in order (see the module docstring for the formats).

    Document files are decoded as :func:`~textreuse.io.read_document` does, in
    ``encoding`` when it is given; JSONL and CSV files are UTF-8.

    A document file in a folder that cannot be read as text stops the read, unless
    ``on_unreadable`` is given: then it is told the error and the file is skipped.

    Raises:
        InputError: a document file cannot be read as text.
        CorpusError: a path is missing, a JSONL, CSV or Parquet record is malformed,
            or two records have the same id.
    """
    first_seen: dict[str, int] = {}  # id -> the position of the input it came from
    names: list[str] = []
    for path in paths:
        names.append(str(path))
        for record in _records_of(
            Path(path), str(path), _Reading(max_bytes, encoding, on_unreadable)
        ):
            if record.id in first_seen:
                first = names[first_seen[record.id]]
                raise CorpusError(_duplicate(record.id, first, names[-1]))
            first_seen[record.id] = len(names) - 1
            yield record


def _duplicate(document_id: str, first: str, second: str) -> str:
    """Why a second document with an id is refused, naming where both came from."""
    where = f"twice in {first}" if first == second else f"from both {first} and {second}"
    return (
        f"id {document_id!r} comes {where}: ids must be unique, or one document would "
        "silently replace the other"
    )


@dataclass(frozen=True, slots=True)
class _Reading:
    """How document files are read: the size limit, the encoding, what to do with
    a folder's unreadable files."""

    max_bytes: int
    encoding: str | None
    on_unreadable: Callable[[InputError], None] | None


def _records_of(path: Path, name: str, reading: _Reading) -> Iterator[Record]:
    max_bytes = reading.max_bytes
    if is_web_address(name):
        yield read_record(name, max_bytes=max_bytes, encoding=reading.encoding)
        return
    if path.is_dir():
        yield from _folder_records(path, reading)
        return
    if not path.exists():
        msg = f"{name}: no such file or folder"
        raise CorpusError(msg)
    suffix = path.suffix.lower()
    if suffix in _JSONL_SUFFIXES | {".csv"}:
        read = _jsonl_records if suffix in _JSONL_SUFFIXES else _csv_records
        try:
            yield from read(path, name, max_bytes)
        except UnicodeDecodeError:
            msg = f"{name}: not valid UTF-8 text; convert it, e.g. iconv -f latin1 -t utf-8"
            raise CorpusError(msg) from None
    elif suffix == ".parquet":
        yield from _parquet_records(path, name, max_bytes)
    else:
        yield read_record(path, max_bytes=max_bytes, encoding=reading.encoding)


def _folder_records(folder: Path, reading: _Reading) -> Iterator[Record]:
    """Text and HTML files under ``folder`` in a stable order, ids relative to it."""
    files = sorted(
        file
        for file in folder.rglob("*")
        if file.is_file()
        and file.suffix.lower() in _FOLDER_SUFFIXES
        and not any(part.startswith(".") for part in file.relative_to(folder).parts)
    )
    for file in files:
        try:
            record = read_record(
                file,
                max_bytes=reading.max_bytes,
                encoding=reading.encoding,
                record_id=file.relative_to(folder).as_posix(),
            )
        except InputError as error:
            if reading.on_unreadable is None:
                raise
            reading.on_unreadable(error)
            continue
        yield record


def _jsonl_records(path: Path, name: str, max_bytes: int) -> Iterator[Record]:
    with _open_text(path, name) as lines:
        for where, row in jsonl_objects(lines, name, "'id' and 'text'"):
            yield _record_from_row(row, where, max_bytes)


def jsonl_objects(
    lines: Iterable[str], name: str, fields: str
) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each non-blank line's JSON object, with where it stands (``name:line``).

    Raises:
        CorpusError: a line is not JSON, or not an object (which should carry ``fields``).
    """
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            msg = f"{where}: not valid JSON ({error.msg})"
            raise CorpusError(msg) from None
        if not isinstance(row, dict):
            msg = f"{where}: expected a JSON object with {fields}"
            raise CorpusError(msg)
        yield where, row


def _csv_records(path: Path, name: str, max_bytes: int) -> Iterator[Record]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # news texts exceed the 128 KiB default
    with _open_text(path, name, newline="") as stream:
        reader = csv.DictReader(stream, restkey=_EXTRA_FIELDS, strict=True)
        _require_columns(reader.fieldnames or [], name)
        first_line = reader.line_num + 1
        try:
            for row in reader:
                lines = _lines(first_line, reader.line_num)
                if _EXTRA_FIELDS in row:
                    msg = (
                        f"{name}:{lines}: {len(row[_EXTRA_FIELDS])} more field(s) than the "
                        "header has (an unquoted comma, or a quote left open?)"
                    )
                    raise CorpusError(msg)
                yield _record_from_row(row, f"{name}:{lines}", max_bytes)
                first_line = reader.line_num + 1
        except csv.Error as error:
            msg = f"{name}:{_lines(first_line, reader.line_num)}: malformed CSV ({error})"
            raise CorpusError(msg) from None


_EXTRA_FIELDS = "\x00extra"  # where DictReader puts fields past the header's


def _lines(first: int, last: int) -> str:
    """A record's line, or its lines where a quoted field ran over several."""
    return str(last) if last <= first else f"{first}-{last}"


def _parquet_records(path: Path, name: str, max_bytes: int) -> Iterator[Record]:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        msg = f"{name}: reading Parquet needs pyarrow: pip install 'textreuse[parquet]'"
        raise CorpusError(msg) from None
    try:
        file = pq.ParquetFile(path)
    except Exception as error:  # pyarrow raises its own types for bad files
        msg = f"{name}: not a readable Parquet file ({error})"
        raise CorpusError(msg) from None
    columns = file.schema_arrow.names
    _require_columns(columns, name)
    wanted = [column for column in ("id", "text", *OPTIONAL_FIELDS) if column in columns]
    row_number = 0
    for batch in file.iter_batches(batch_size=1024, columns=wanted):
        for row in batch.to_pylist():
            row_number += 1
            yield _record_from_row(row, f"{name}: row {row_number}", max_bytes)


def _require_columns(columns: Iterable[str], name: str) -> None:
    missing = [column for column in ("id", "text") if column not in columns]
    if missing:
        msg = f"{name}: missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}"
        raise CorpusError(msg)


def _record_from_row(row: dict[str, Any], where: str, max_bytes: int) -> Record:
    """A record from one table row, checked: an id, a non-empty text of bounded size."""
    identifier, text = row.get("id"), row.get("text")
    if identifier is None or str(identifier).strip() == "":
        msg = f"{where}: record has no 'id'"
        raise CorpusError(msg)
    if not isinstance(text, str):
        msg = f"{where}: record {identifier!s} has no 'text' string"
        raise CorpusError(msg)
    if not text.strip():
        msg = f"{where}: record {identifier!s} has an empty text"
        raise CorpusError(msg)
    if len(text) > max_bytes:
        msg = f"{where}: record {identifier!s} is longer than {max_bytes:,} characters"
        raise CorpusError(msg)
    extras = {
        field: None if row.get(field) in (None, "") else str(row[field])
        for field in ("title", "url", "source")
    }
    for field, value in (("id", str(identifier)), ("text", text), *extras.items()):
        # JSON can spell a lone surrogate (\\ud800); no text file can hold one.
        found = None if value is None else _SURROGATE.search(value)
        if found is not None:
            msg = (
                f"{where}: field '{field}' holds a lone surrogate (U+{ord(found.group()):04X} "
                f"at character {found.start():,}), which is not a character"
            )
            raise CorpusError(msg)
    return Record(id=str(identifier), text=text, date=parse_date(row.get("date"), where), **extras)


def _open_text(path: Path, name: str, newline: str | None = None) -> IO[str]:
    """Open a table file as UTF-8 text, turning OS errors into a named CorpusError."""
    try:
        # utf-8-sig: spreadsheet programs start their "CSV UTF-8" with a byte-order mark.
        return path.open(encoding="utf-8-sig", errors="strict", newline=newline)
    except OSError as error:
        msg = f"{name}: cannot be read ({error.strerror or error})"
        raise CorpusError(msg) from None
