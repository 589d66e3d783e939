"""Read documents from files, standard input or bytes, refusing what is not text.

Offsets reported later are positions in the text this module returns: the file
decoded as UTF-8 with its line endings kept, or, for an HTML page, the main text
that trafilatura extracts from it. Every refusal is an :class:`InputError` whose
one-line message starts with the document's name.
"""

from __future__ import annotations

import codecs
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from textreuse.dates import parse_date
from textreuse.errors import CorpusError, InputError
from textreuse.io.web import fetch, is_web_address
from textreuse.model import Document, Record

if TYPE_CHECKING:
    from charset_normalizer.models import CharsetMatch

DEFAULT_MAX_BYTES = 32 * 1024 * 1024
STDIN_NAME = "<stdin>"

_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_PAGE_TYPES = {"text/html", "application/xhtml+xml"}
_PAGE_START = re.compile(rb"(?:\xef\xbb\xbf)?\s*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE)
_SNIFF_BYTES = 8192
# UTF-32 before UTF-16: a UTF-32 little-endian mark starts like a UTF-16 one.
_MARKED_ENCODINGS = (
    ((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE), "UTF-32"),
    ((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE), "UTF-16"),
)
# Control bytes that never occur in text; tab, newlines, form feed and escape do.
_CONTROL_BYTES = bytes(range(32)).translate(None, b"\t\n\v\f\r\x1b")
# Legacy encodings in the order they are met in web pages and archives (the WHATWG
# defaults per script first), to choose among equally plausible readings of a text.
_COMMON_ENCODINGS = {
    name: rank
    for rank, name in enumerate(
        (
            "cp1252",
            "cp1250",
            "cp1251",
            "cp1253",
            "cp1254",
            "cp1255",
            "cp1256",
            "cp1257",
            "cp1258",
            "cp874",
            "gb18030",
            "big5",
            "cp932",
            "euc_jp",
            "cp949",
            "koi8_r",
            "koi8_u",
            "iso8859_2",
            "iso8859_5",
            "iso8859_7",
            "iso8859_15",
            "latin_1",
        )
    )
}
_TABLE_DIVIDER = re.compile(r"\|(?:\s*:?-+:?\s*\|)+")


def read_document(
    path: str | os.PathLike[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    encoding: str | None = None,
) -> Document:
    """Read a document from a file, a web address, or standard input when ``path`` is ``"-"``.

    A ``.html``/``.htm`` file, a page served as HTML, or content that starts like an
    HTML page becomes the page's main text (see :func:`document_from_bytes`), and
    offsets refer to that text, not to the markup.

    Args:
        path: a file path, an ``http://`` or ``https://`` address, or ``"-"`` for
            standard input.
        max_bytes: larger inputs are refused; a file's size is checked before it is
            read, a download stops as soon as it is passed.
        encoding: the text's encoding (a Python codec name, e.g. ``cp1252``); by
            default UTF-8, what a byte-order mark says, or else what charset-normalizer
            detects.

    Returns:
        The document, named by ``path`` as given (``<stdin>`` for standard input).

    Raises:
        InputError: the file is missing, unreadable, too big, empty, binary or in no
            encoding that can be told; the address cannot be fetched.
    """
    raw = _read_raw(str(path), max_bytes)
    text, _ = _text_and_page(raw.data, raw.name, raw.html, max_bytes, encoding)
    return Document(text=text, name=raw.name)


def read_record(
    path: str | os.PathLike[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    encoding: str | None = None,
    record_id: str | None = None,
) -> Record:
    """Read a document as :func:`read_document` does, as a record of a collection: a
    page's title, date, address and site name (from ``<title>``, ``og:*`` and its
    dates, as trafilatura reads them) fill the record's fields.

    Args:
        record_id: the record's id; by default ``path`` as given.
    """
    raw = _read_raw(str(path), max_bytes)
    identifier = raw.name if record_id is None else record_id
    text, page = _text_and_page(raw.data, raw.name, raw.html, max_bytes, encoding)
    if page is None:
        return Record(id=identifier, text=text, url=raw.url)
    return _page_record(identifier, text, page, raw.url)


def document_from_bytes(
    data: bytes,
    name: str,
    *,
    html: bool | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    encoding: str | None = None,
) -> Document:
    """Make a document from raw bytes: decode them, or extract the main text of a page.

    Text is decoded as UTF-8 (a UTF-8 byte-order mark is dropped, a UTF-16 one is
    honoured; text in no Unicode encoding has its encoding detected by
    charset-normalizer) and newlines are kept as they are, so offsets match the
    file. A page becomes its main text as trafilatura extracts it, boilerplate
    (navigation, footers, comments) removed: paragraphs are separated by a blank
    line, list items and table rows by a newline. A page that is not UTF-8 is decoded
    as trafilatura guesses, as a browser would.

    Args:
        data: the raw content.
        name: what to call the document in messages and reports.
        html: True for an HTML page, False for plain text, None to tell by the
            content (a page starts with ``<!doctype html`` or ``<html``).
        max_bytes: larger inputs are refused.
        encoding: the encoding to decode with, instead of detecting it.

    Returns:
        The document; for a page its text is the extracted main text.

    Raises:
        InputError: the content is too big, empty, binary, in no encoding that can be
            told, or a page without main text.

    >>> document_from_bytes(b"Line one.\\r\\nLine two.", "note.txt").text
    'Line one.\\r\\nLine two.'
    """
    text, _ = _text_and_page(data, name, html, max_bytes, encoding)
    return Document(text=text, name=name)


@dataclass(frozen=True, slots=True)
class _Raw:
    """An input's bytes before decoding, and what is known of them from where they came."""

    data: bytes
    name: str
    html: bool | None
    url: str | None = None


def _read_raw(name: str, max_bytes: int) -> _Raw:
    """The bytes of standard input, a web address or a file."""
    if name == "-":
        return _Raw(_read_at_most(sys.stdin.buffer, STDIN_NAME, max_bytes), STDIN_NAME, None)
    if is_web_address(name):
        download = fetch(name, max_bytes=max_bytes)
        media = download.media_type
        if media is not None and media not in _PAGE_TYPES and not media.startswith("text/"):
            msg = f"{name}: the server sent {media}, not a text or HTML page"
            raise InputError(msg)
        html = None if media is None or media == "text/plain" else media in _PAGE_TYPES
        return _Raw(download.data, name, html, download.url)
    file = Path(name)
    try:
        if file.is_dir():
            msg = f"{name}: is a directory, not a document"
            raise InputError(msg)
        size = file.stat().st_size
        if size > max_bytes:
            msg = _too_big(name, size, max_bytes)
            raise InputError(msg)
        with file.open("rb") as stream:
            data = _read_at_most(stream, name, max_bytes)
    except FileNotFoundError:
        msg = f"{name}: no such file"
        raise InputError(msg) from None
    except PermissionError:
        msg = f"{name}: permission denied"
        raise InputError(msg) from None
    except OSError as error:
        msg = f"{name}: cannot be read ({error.strerror or error})"
        raise InputError(msg) from None
    return _Raw(data, name, True if file.suffix.lower() in _HTML_SUFFIXES else None)


def _text_and_page(
    data: bytes, name: str, html: bool | None, max_bytes: int, encoding: str | None
) -> tuple[str, str | None]:
    """The document's text, and the decoded page it was extracted from (None for text)."""
    if len(data) > max_bytes:
        msg = _too_big(name, len(data), max_bytes)
        raise InputError(msg)
    if html is None:
        html = _PAGE_START.match(data) is not None
    text = _decode(data, name, page=html) if encoding is None else _decode_as(data, name, encoding)
    if not text.strip():
        msg = f"{name}: empty document"
        raise InputError(msg)
    if html:
        return _extract_main_text(text, name), text
    return text, None


def _page_record(identifier: str, text: str, page: str, fetched_from: str | None) -> Record:
    """A page's record, with the title, date, address and site the page states."""
    from trafilatura import extract_metadata

    facts = extract_metadata(page)
    try:
        date = parse_date(facts.date, identifier) if facts.date else None
    except CorpusError:
        date = None  # a page's own date that cannot be read is left out, not fatal
    return Record(
        id=identifier,
        text=text,
        title=facts.title or None,
        url=fetched_from or facts.url or None,
        source=facts.sitename or facts.hostname or None,
        date=date,
    )


def _read_at_most(stream: BinaryIO, name: str, max_bytes: int) -> bytes:
    """Read a stream whole, stopping past ``max_bytes``: a pipe has no size to check first."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        msg = _too_big(name, None, max_bytes)
        raise InputError(msg)
    return data


def _decode(data: bytes, name: str, *, page: bool) -> str:
    """Text from bytes; only a page that is not UTF-8 gets its encoding guessed."""
    for marks, encoding in _MARKED_ENCODINGS:
        if data.startswith(marks):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                msg = (
                    f"{name}: starts with a {encoding} byte-order mark but is not valid {encoding}"
                )
                raise InputError(msg) from None
    head = data[:_SNIFF_BYTES]
    if b"\x00" in head or sum(head.count(byte) for byte in _CONTROL_BYTES) > len(head) / 10:
        msg = f"{name}: looks binary, not text"
        raise InputError(msg)
    bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        return data[bom:].decode("utf-8")
    except UnicodeDecodeError as error:
        if page:
            from trafilatura.utils import decode_file  # guesses, as for pages fetched as bytes

            return decode_file(data)
        offset = bom + error.start
        if bom:
            msg = (
                f"{name}: starts with a UTF-8 byte-order mark but is not valid UTF-8 "
                f"(byte 0x{data[offset]:02x} at offset {offset})"
            )
            raise InputError(msg) from None
        return _detected(data, name, offset)


def _detected(data: bytes, name: str, offset: int) -> str:
    """Text that is not UTF-8, in the encoding charset-normalizer finds most plausible.

    Its own first choice often falls on a rare code page (cp932 for English text whose
    only non-ASCII byte is a pound sign, cp850 for cp1252), so among its candidates the
    one kept is: one that reads as some language, then the least chaotic, then the
    encoding most used on the web and in archives (:data:`_COMMON_ENCODINGS`).
    """
    from charset_normalizer import from_bytes

    def plausibility(match: CharsetMatch) -> tuple[bool, float, int, float]:
        common = _COMMON_ENCODINGS.get(match.encoding, len(_COMMON_ENCODINGS))
        return (match.coherence == 0.0, round(match.chaos, 1), common, -match.coherence)

    candidates = list(from_bytes(data))
    if not candidates:
        msg = (
            f"{name}: not valid UTF-8 (byte 0x{data[offset]:02x} at offset {offset}) and "
            "in no encoding that can be told; name it with --encoding, e.g. --encoding cp1252"
        )
        raise InputError(msg)
    return str(min(candidates, key=plausibility))


def _decode_as(data: bytes, name: str, encoding: str) -> str:
    """Text from bytes in an encoding the caller names."""
    try:
        return data.decode(encoding)
    except LookupError:
        msg = f"{name}: unknown encoding {encoding!r}"
        raise InputError(msg) from None
    except UnicodeDecodeError as error:
        msg = (
            f"{name}: not valid {encoding} (byte 0x{data[error.start]:02x} at offset {error.start})"
        )
        raise InputError(msg) from None


def _extract_main_text(page: str, name: str) -> str:
    """The page's main text: paragraphs apart, list items and table rows kept together."""
    import trafilatura  # imported here: it is slow to import and only pages need it

    extracted = trafilatura.extract(
        page, include_comments=False, include_tables=True, favor_recall=True, deduplicate=False
    )
    blocks: list[str] = []
    previous_kind = ""
    for raw in (extracted or "").splitlines():
        line = raw.strip()
        if not line or _TABLE_DIVIDER.fullmatch(line):
            continue
        kind = "row" if line.startswith("|") else "item" if line.startswith("- ") else ""
        if kind and kind == previous_kind:
            blocks[-1] += "\n" + line
        else:
            blocks.append(line)
        previous_kind = kind
    if not blocks:
        msg = f"{name}: no main text found in page"
        raise InputError(msg)
    return "\n\n".join(blocks)


def _too_big(name: str, size: int | None, max_bytes: int) -> str:
    what = "input" if size is None else _amount(size)
    return f"{name}: {what} is over the {_amount(max_bytes)} limit; split it or raise --max-bytes"


def _amount(size: int) -> str:
    mib = 1024 * 1024
    return f"{size / mib:.1f} MiB" if size >= mib else f"{size:,} bytes"
