"""Documents from web addresses, in other encodings, and pages' own metadata."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from textreuse.errors import InputError
from textreuse.io import read_document, read_records
from textreuse.io.documents import read_record

PAGE = """<!DOCTYPE html><html><head><title>Harbour barrier approved | Westmere Gazette</title>
<meta property="og:title" content="Harbour town approves flood barrier rebuild">
<meta property="og:site_name" content="Westmere Gazette">
<meta property="og:url" content="https://gazette.example/harbour-barrier">
<meta property="article:published_time" content="2026-03-02T09:30:00+00:00">
</head><body><article><h1>Harbour town approves flood barrier rebuild</h1>
<p>The Westmere harbour authority voted on Monday to rebuild the town's northern flood
barrier before the winter storm season, after engineers found deep cracks in its gates.</p>
<p>The rebuild is expected to cost about 40 million pounds and will close the coastal
towpath for five months, the authority's chief engineer said on Tuesday.</p>
</article></body></html>"""

NOTE = "Fees of £2,000 were paid to the harbour authority’s engineers in March. " * 4

ROUTES: dict[str, tuple[int, str, bytes]] = {
    "/story": (200, "text/html; charset=utf-8", PAGE.encode("utf-8")),
    "/note.txt": (200, "text/plain", NOTE.encode("cp1252")),
    "/report.pdf": (200, "application/pdf", b"%PDF-1.4 not a page"),
    "/big": (200, "text/plain", b"word " * 50_000),
}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        status, media_type, body = ROUTES.get(self.path, (404, "text/plain", b"not here"))
        self.send_response(status)
        self.send_header("Content-Type", media_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_: object) -> None:  # keep the test output clean
        return


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    """A web server on loopback serving :data:`ROUTES`; yields its base address."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_page_at_an_address_becomes_its_main_text(site: str) -> None:
    document = read_document(f"{site}/story")
    assert document.name == f"{site}/story"
    assert "\n\nThe Westmere harbour authority voted on Monday" in document.text
    assert "<p>" not in document.text and "og:title" not in document.text


def test_a_plain_text_address_is_decoded_by_detection(site: str) -> None:
    assert read_document(f"{site}/note.txt").text == NOTE


def test_an_address_that_is_not_text_or_fails_is_one_clear_error(site: str) -> None:
    with pytest.raises(InputError, match=r"report\.pdf: the server sent application/pdf"):
        read_document(f"{site}/report.pdf")
    with pytest.raises(InputError, match=r"/missing: the server answered HTTP 404"):
        read_document(f"{site}/missing")
    with pytest.raises(InputError, match=r"/big: could not be fetched: larger than the 1,000"):
        read_document(f"{site}/big", max_bytes=1000)


def test_an_address_nobody_answers_at_says_so() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again: nothing listens there
    with pytest.raises(InputError, match=r"could not be fetched: the connection was refused"):
        read_document(f"http://127.0.0.1:{port}/story")


def test_a_page_record_keeps_its_title_date_address_and_site(site: str, tmp_path: Path) -> None:
    record = read_record(f"{site}/story")
    assert record.title == "Harbour town approves flood barrier rebuild"
    assert record.date is not None and record.date.startswith("2026-03-02")
    assert record.url == f"{site}/story"  # where it was fetched from
    assert record.source == "Westmere Gazette"
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "barrier.html").write_text(PAGE, encoding="utf-8")
    (stored,) = read_records([tmp_path / "pages"])
    assert stored.id == "barrier.html"
    assert stored.url == "https://gazette.example/harbour-barrier"  # the page's own address
    assert stored.title == record.title and stored.source == "Westmere Gazette"


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (NOTE, "cp1252"),
        ("Ein schöner Tag für Müller – „Zitat“, sagte er. " * 3, "cp1252"),
        ("Zażółć gęślą jaźń. Ważny artykuł o polityce, który przedrukowano. " * 3, "cp1250"),
        ("Привет! Это статья о новостях, которую перепечатали газеты. " * 3, "cp1251"),
        ("Αυτό είναι ένα ελληνικό κείμενο για τις ειδήσεις της ημέρας. " * 3, "cp1253"),
        ("هذا نص عربي عن الأخبار التي نسختها الصحف من وكالة الأنباء. " * 3, "cp1256"),
        ("日本語のテキストです。新聞の記事が転載されました。" * 3, "shift_jis"),
        ("中文文本，报纸文章被转载了。这是一个测试。" * 3, "gb18030"),
    ],
)
def test_text_in_a_legacy_encoding_is_detected(tmp_path: Path, text: str, encoding: str) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode(encoding))
    assert read_document(path).text == text
    assert read_document(path, encoding=encoding).text == text


def test_a_collection_can_name_web_addresses(site: str) -> None:
    (record,) = read_records([f"{site}/story"])
    assert record.id == f"{site}/story" and record.source == "Westmere Gazette"
    assert record.title == "Harbour town approves flood barrier rebuild"
