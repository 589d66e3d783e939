"""Reading documents: text and pages read right, bad input refused with a clear message."""

from __future__ import annotations

import io
import re
import sys
import time
from pathlib import Path

import hypothesis
import pytest
from hypothesis import strategies as st

from textreuse.errors import InputError
from textreuse.io.documents import DEFAULT_MAX_BYTES, document_from_bytes, read_document

PAGE = """<!DOCTYPE html><html><head><title>Harbour news</title></head><body>
<nav><a href="/">Home</a> | <a href="/sport">Sport</a> | <a href="/weather">Weather</a></nav>
<article><h1>Harbour town approves flood barrier rebuild</h1>
<p>The Westmere harbour authority voted on Monday to rebuild the town's northern flood
barrier before the winter storm season, after engineers found deep cracks in its gates.</p>
<p>The rebuild is expected to cost about 40 million pounds and will close the coastal
towpath for five months, the authority's chief engineer said on Tuesday.</p>
<ul><li>Towpath closed from March to July</li><li>Ferry timetable unchanged</li></ul>
<table><tr><th>Year</th><th>Cost</th></tr><tr><td>2026</td><td>25 million</td></tr></table>
<p>Residents can comment on the plans at the town hall until the end of the month.</p>
</article>
<footer>Copyright 2026 Westmere Gazette. All rights reserved. Cookie settings.</footer>
</body></html>"""

MIB = 1024 * 1024


def refused(path: Path | str, **kwargs: int) -> str:
    """The message ``read_document`` refuses ``path`` with, checked to be one line naming it."""
    with pytest.raises(InputError) as error:
        read_document(path, **kwargs)
    message = str(error.value)
    assert message.startswith("<stdin>: " if path == "-" else f"{path}: ")
    assert "\n" not in message
    return message


def test_text_file_is_read_with_line_endings_kept(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes("Première ligne.\r\nSecond line “quoted”.\n".encode())
    document = read_document(path)
    assert document.text == "Première ligne.\r\nSecond line “quoted”.\n"
    assert document.name == str(path)


def test_byte_order_marks_are_honoured(tmp_path: Path) -> None:
    (tmp_path / "bom8.txt").write_bytes(b"\xef\xbb\xbfHello there.\r\n")
    (tmp_path / "le16.txt").write_bytes("Héllo there.\r\n".encode("utf-16"))
    (tmp_path / "be16.txt").write_bytes(b"\xfe\xff" + "Héllo there.".encode("utf-16-be"))
    assert read_document(tmp_path / "bom8.txt").text == "Hello there.\r\n"
    assert read_document(tmp_path / "le16.txt").text == "Héllo there.\r\n"
    assert read_document(tmp_path / "be16.txt").text == "Héllo there."


def test_html_page_keeps_the_article_and_drops_the_boilerplate(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    paragraphs = read_document(path).text.split("\n\n")
    assert "engineers found deep cracks in its gates." in paragraphs[1]
    assert paragraphs[2].startswith("The rebuild is expected to cost")
    assert "- Towpath closed from March to July\n- Ferry timetable unchanged" in paragraphs
    assert "| 2026 | 25 million |" in paragraphs[4]
    assert paragraphs[-1].startswith("Residents can comment")
    text = "\n\n".join(paragraphs)
    assert "Cookie settings" not in text and "Weather" not in text and "<p>" not in text
    assert "|---" not in text


def test_html_is_sniffed_from_content_without_a_suffix() -> None:
    text = document_from_bytes(b"\n  " + PAGE.encode(), "upload").text
    assert "<p>" not in text and "deep cracks" in text
    markup_as_text = "<p>Not a page, just text that starts with a tag.</p>"
    assert document_from_bytes(markup_as_text.encode(), "note").text == markup_as_text
    assert "<nav>" in document_from_bytes(PAGE.encode(), "raw", html=False).text


def test_a_page_in_a_legacy_encoding_is_decoded_not_refused(tmp_path: Path) -> None:
    path = tmp_path / "old.htm"
    page = PAGE.replace("Westmere", "Wéstmere").replace("<head>", '<head><meta charset="cp1252">')
    path.write_bytes(page.encode("cp1252"))
    assert "The Wéstmere harbour authority" in read_document(path).text


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty document"),
        (b" \n\t \r\n", "empty document"),
        (b"\xef\xbb\xbf  \n", "empty document"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "looks binary, not text"),
        (bytes(range(1, 9)) * 20 + b"words", "looks binary, not text"),
        (
            b"\xef\xbb\xbfCaf\xe9",
            r"byte-order mark but is not valid UTF-8 \(byte 0xe9 at offset 6\)",
        ),
        (b"\xff\xfeA", "not valid UTF-16"),
    ],
)
def test_bad_content_is_refused_with_the_file_name(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    assert re.search(message, refused(path))


def test_page_without_main_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><body><nav><script>var x = 1;</script></nav></body></html>")
    assert refused(path).endswith(": no main text found in page")


def test_missing_file_directory_and_unreadable_file_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert refused(tmp_path / "nope.txt").endswith(": no such file")
    assert refused(tmp_path).endswith(": is a directory, not a document")
    locked = tmp_path / "locked.txt"
    locked.write_text("Secret.")

    def deny(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", deny)  # root can read a chmod 000 file, so fake it
    assert refused(locked).endswith(": permission denied")


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * 50)
    message = refused(path, max_bytes=100)
    assert message.endswith(
        ": 250 bytes is over the 100 bytes limit; split it or raise --max-bytes"
    )
    with pytest.raises(InputError, match="250 bytes is over the 100 bytes limit"):
        document_from_bytes(path.read_bytes(), "big", max_bytes=100)


def test_a_50_mib_file_fails_fast_with_the_default_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"All work and no play makes a dull document.\n" * (50 * MIB // 44 + 1))
    assert path.stat().st_size > 50 * MIB > DEFAULT_MAX_BYTES == 32 * MIB
    started = time.perf_counter()
    message = refused(path)
    assert time.perf_counter() - started < 0.5  # refused from its size, never read
    assert message == (
        f"{path}: 50.0 MiB is over the 32.0 MiB limit; split it or raise --max-bytes"
    )


def test_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"From a pipe.\r\n")))
    document = read_document("-")
    assert (document.text, document.name) == ("From a pipe.\r\n", "<stdin>")


def test_standard_input_page_and_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(PAGE.encode())))
    assert "Cookie settings" not in read_document("-").text
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"x" * 101)))
    assert refused("-", max_bytes=100) == (
        "<stdin>: input is over the 100 bytes limit; split it or raise --max-bytes"
    )
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    assert refused("-") == "<stdin>: empty document"


@hypothesis.settings(max_examples=200, deadline=None)
@hypothesis.given(
    data=st.one_of(
        st.binary(min_size=1, max_size=400),
        st.lists(st.integers(0x20, 0xFF), min_size=1, max_size=400).map(bytes),
        st.builds(
            lambda text, codec: text.encode(codec, "replace"),
            st.text(min_size=1, max_size=200),
            st.sampled_from(["cp1252", "cp1251", "shift_jis", "gb18030", "cp1256", "latin-1"]),
        ),
    )
)
def test_any_bytes_are_read_or_refused_with_a_named_error(data: bytes) -> None:
    try:
        document = document_from_bytes(data, "any.txt", html=False)
    except InputError as error:
        assert str(error).startswith("any.txt: ") and "\n" not in str(error)
    else:
        assert document.text.strip()
