"""Reading documents: text and pages read right, bad input refused with a clear message."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from textreuse.documents import DEFAULT_MAX_BYTES, document_from_bytes, read_document
from textreuse.errors import InputError

PAGE = """<!DOCTYPE html><html><head><title>Harbour news</title></head><body>
<nav><a href="/">Home</a> | <a href="/sport">Sport</a> | <a href="/weather">Weather</a></nav>
<article><h1>Harbour town approves flood barrier rebuild</h1>
<p>The Westmere harbour authority voted on Monday to rebuild the town's northern flood
barrier before the winter storm season, after engineers found deep cracks in its gates.</p>
<p>The rebuild is expected to cost about 40 million pounds and will close the coastal
towpath for five months, the authority's chief engineer said on Tuesday.</p>
</article>
<footer>Copyright 2026 Westmere Gazette. All rights reserved. Cookie settings.</footer>
</body></html>"""


def test_text_file_is_read_with_line_endings_kept(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes("Première ligne.\r\nSecond line “quoted”.\n".encode())
    document = read_document(path)
    assert document.text == "Première ligne.\r\nSecond line “quoted”.\n"
    assert document.name == str(path)


def test_byte_order_marks_are_honoured(tmp_path: Path) -> None:
    (tmp_path / "bom8.txt").write_bytes(b"\xef\xbb\xbfHello there.")
    (tmp_path / "bom16.txt").write_bytes("Hello there.".encode("utf-16"))
    assert read_document(tmp_path / "bom8.txt").text == "Hello there."
    assert read_document(tmp_path / "bom16.txt").text == "Hello there."


def test_html_page_keeps_the_article_and_drops_the_boilerplate(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    text = read_document(path).text
    assert "engineers found deep cracks in its gates" in text
    assert "close the coastal\ntowpath" in text or "close the coastal towpath" in text
    assert "Cookie settings" not in text and "Weather" not in text
    assert "\n\n" in text  # paragraphs stay apart


def test_html_is_sniffed_from_bytes_without_a_suffix() -> None:
    text = document_from_bytes(PAGE.encode(), "upload").text
    assert "<p>" not in text and "deep cracks" in text


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty document"),
        (b" \n\t \r\n", "empty document"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "looks binary"),
        ("Caf\u00e9 au lait".encode("latin-1"), r"not valid UTF-8 \(byte 0xe9 at offset 3\)"),
    ],
)
def test_bad_content_is_refused_with_the_file_name(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message) as error:
        read_document(path)
    assert str(error.value).startswith(str(path))
    assert "\n" not in str(error.value)


def test_page_without_main_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><body><script>var x = 1;</script></body></html>")
    with pytest.raises(InputError, match="no main text found"):
        read_document(path)


def test_missing_file_and_directory_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_document(tmp_path)


def test_oversized_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * 50)
    with pytest.raises(InputError, match=r"over the 0\.0 MB limit"):
        read_document(path, max_bytes=10)


def test_a_50_mb_document_gets_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as file:
        file.truncate(50 * 1000 * 1000)  # sparse: costs no disk and no time
    assert path.stat().st_size > DEFAULT_MAX_BYTES
    with pytest.raises(InputError, match=r"huge.txt: 50.0 MB is over the 33.6 MB limit"):
        read_document(path)


def test_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"From a pipe.\n")))
    document = read_document("-")
    assert (document.text, document.name) == ("From a pipe.\n", "<stdin>")


def test_oversized_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"x" * 100)))
    with pytest.raises(InputError, match="<stdin>: input is over"):
        read_document("-", max_bytes=10)
