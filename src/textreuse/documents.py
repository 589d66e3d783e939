"""Read documents from files, standard input or bytes, refusing what is not text.

Offsets reported later are positions in the text this module returns: the file
decoded as UTF-8 with its line endings kept, or, for an HTML page, the main text
that trafilatura extracts from it. Every refusal is an :class:`InputError` whose
one-line message starts with the document's name.
"""

from __future__ import annotations

import codecs
import os
import sys
from pathlib import Path

from textreuse.errors import InputError
from textreuse.model import Document

DEFAULT_MAX_BYTES = 32 * 1024 * 1024
STDIN_NAME = "<stdin>"

_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_SNIFF_BYTES = 8192
_CONTROL_BYTES = bytes(range(0, 32)).translate(None, b"\t\n\r\f\v\x1b")


def read_document(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read a document from a file, or from standard input when ``path`` is ``"-"``.

    Args:
        path: a file path, or ``"-"`` for standard input.
        max_bytes: larger inputs are refused before they are read.

    Raises:
        InputError: the file is missing, unreadable, too big, empty, binary or not UTF-8.
    """
    if str(path) == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        if len(data) > max_bytes:
            _refuse_size(STDIN_NAME, None, max_bytes)
        return document_from_bytes(data, STDIN_NAME, max_bytes=max_bytes)
    file = Path(path)
    name = str(path)
    try:
        size = file.stat().st_size
        if file.is_dir():
            msg = f"{name}: is a directory, not a document"
            raise InputError(msg)
        if size > max_bytes:
            _refuse_size(name, size, max_bytes)
        data = file.read_bytes()
    except FileNotFoundError:
        msg = f"{name}: no such file"
        raise InputError(msg) from None
    except PermissionError:
        msg = f"{name}: permission denied"
        raise InputError(msg) from None
    except OSError as error:
        msg = f"{name}: cannot be read ({error.strerror or error})"
        raise InputError(msg) from None
    html = True if file.suffix.lower() in _HTML_SUFFIXES else None
    return document_from_bytes(data, name, html=html, max_bytes=max_bytes)


def document_from_bytes(
    data: bytes, name: str, *, html: bool | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Document:
    """Make a document from raw bytes: decode them, or extract the main text of a page.

    Args:
        data: the raw content.
        name: what to call the document in messages and reports.
        html: True for an HTML page, False for plain text, None to sniff the content.
        max_bytes: larger inputs are refused.

    Raises:
        InputError: the content is too big, empty, binary or not UTF-8.
    """
    if len(data) > max_bytes:
        _refuse_size(name, len(data), max_bytes)
    text = _decode(data, name)
    if not text.strip():
        msg = f"{name}: empty document"
        raise InputError(msg)
    if html is None:
        html = text.lstrip()[:15].lower().startswith(("<!doctype html", "<html"))
    if html:
        text = _extract_main_text(text, name)
    return Document(text=text, name=name)


def _decode(data: bytes, name: str) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            msg = f"{name}: starts with a UTF-16 byte-order mark but is not valid UTF-16"
            raise InputError(msg) from None
    head = data[:_SNIFF_BYTES]
    if b"\x00" in head or (head and sum(head.count(b) for b in _CONTROL_BYTES) > len(head) // 10):
        msg = f"{name}: looks binary, not text"
        raise InputError(msg)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        bad = data[error.start]
        msg = (
            f"{name}: not valid UTF-8 (byte 0x{bad:02x} at offset {error.start}); "
            f"convert it to UTF-8, e.g. iconv -f latin1 -t utf-8"
        )
        raise InputError(msg) from None


def _extract_main_text(page: str, name: str) -> str:
    """The main text of an HTML page, boilerplate removed, paragraphs separated by blank lines."""
    import trafilatura  # imported here: it is slow to import and only pages need it

    text = trafilatura.extract(
        page,
        include_comments=False,
        include_tables=True,
        favor_recall=True,
        deduplicate=False,
    )
    if not text or not text.strip():
        msg = f"{name}: no main text found in the page"
        raise InputError(msg)
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())


def _refuse_size(name: str, size: int | None, max_bytes: int) -> None:
    what = "input" if size is None else f"{size / 1e6:.1f} MB"
    msg = (
        f"{name}: {what} is over the {max_bytes / 1e6:.1f} MB limit; split it or raise --max-bytes"
    )
    raise InputError(msg)
