"""Reading collections: every format gives the same records, and bad records stop with a
message that names the file and the line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from textreuse.dates import parse_date
from textreuse.errors import CorpusError, InputError
from textreuse.io import read_records
from textreuse.model import Record

NEWS = Path(__file__).parent / "fixtures" / "news"


def test_a_folder_gives_one_record_per_text_file_with_relative_ids(tmp_path: Path) -> None:
    (tmp_path / "2024" / "may").mkdir(parents=True)
    (tmp_path / "2024" / "may" / "a.txt").write_text("First story text.", encoding="utf-8")
    (tmp_path / "b.html").write_text(
        "<html><body><article><p>A page about the harbour and its new crane, "
        "with enough words to be main text.</p></article></body></html>",
        encoding="utf-8",
    )
    (tmp_path / ".hidden.txt").write_text("not me", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n")
    records = list(read_records([tmp_path]))
    assert [r.id for r in records] == ["2024/may/a.txt", "b.html"]
    assert records[0].text == "First story text."
    assert "harbour" in records[1].text and "<p>" not in records[1].text


def test_a_folder_with_an_unreadable_file_stops_unless_asked_to_skip(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Good text here.", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01PNG\x00" * 20)
    with pytest.raises(InputError, match=r"binary\.txt: looks binary"):
        list(read_records([tmp_path]))
    skipped: list[InputError] = []
    records = list(read_records([tmp_path], on_unreadable=skipped.append))
    assert [r.id for r in records] == ["good.txt"]
    assert "binary.txt" in str(skipped[0])


def test_jsonl_records_carry_their_metadata(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    rows = [
        {"id": 7, "text": "Story seven.", "title": "Seven", "date": "2024-05-01"},
        {"id": "x", "text": "Story x.", "url": "https://example.org/x", "source": "Wire"},
    ]
    path.write_text("\n".join(json.dumps(row) for row in rows) + "\n\n", encoding="utf-8")
    assert list(read_records([path])) == [
        Record(id="7", text="Story seven.", title="Seven", date="2024-05-01"),
        Record(id="x", text="Story x.", url="https://example.org/x", source="Wire"),
    ]


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("{not json", r"feed\.jsonl:2: not valid JSON"),
        ('["a list"]', r"feed\.jsonl:2: expected a JSON object"),
        ('{"text": "no id"}', r"feed\.jsonl:2: record has no 'id'"),
        ('{"id": "b"}', r"feed\.jsonl:2: record b has no 'text'"),
        ('{"id": "b", "text": "  "}', r"feed\.jsonl:2: record b has an empty text"),
        ('{"id": "b", "text": "t", "date": "last May"}', r"feed\.jsonl:2: date 'last May'"),
    ],
)
def test_a_malformed_jsonl_line_is_named(tmp_path: Path, line: str, problem: str) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text('{"id": "a", "text": "fine"}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=problem):
        list(read_records([path]))


def test_jsonl_that_is_not_utf8_is_refused_by_name(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_bytes('{"id": "a", "text": "£5"}\n'.encode("latin-1"))
    with pytest.raises(CorpusError, match=r"feed\.jsonl: not valid UTF-8"):
        list(read_records([path]))


def test_csv_rows_become_records_and_long_fields_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "docs.csv"
    long_text = "word " * 50_000  # past the csv module's default field limit
    path.write_text(
        'id,text,date\n1,"A text, with a comma\nand a newline",2023-01-02\n2,' + long_text + ",\n",
        encoding="utf-8",
    )
    records = list(read_records([path]))
    assert records[0] == Record(
        id="1", text="A text, with a comma\nand a newline", date="2023-01-02"
    )
    assert records[1].text == long_text and records[1].date is None


def test_csv_without_a_text_column_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "docs.csv"
    path.write_text("id,body\n1,hello\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"docs\.csv: missing column text"):
        list(read_records([path]))


def test_a_csv_saved_by_a_spreadsheet_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "docs.csv"
    path.write_text("id,text\n1,hello there\n", encoding="utf-8-sig")  # Excel's "CSV UTF-8"
    assert list(read_records([path])) == [Record(id="1", text="hello there")]


def test_an_unquoted_comma_stops_the_ingest_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "docs.csv"
    path.write_text(
        "id,text,date\n1,fine,2024-01-01\n2,Prices rose, said the bank,2024-01-02\n",
        encoding="utf-8",
    )
    with pytest.raises(CorpusError, match=r"docs\.csv:3: 1 more field\(s\) than the header"):
        list(read_records([path]))


@pytest.mark.parametrize(
    ("row", "lines"),
    [
        ('4,"He said "no" to it",2024-01-01', "4"),  # a quote inside a quoted field
        ('4,"He said no to it,2024-01-01', "4"),  # a quote left open runs on
    ],
)
def test_a_stray_quote_does_not_swallow_the_next_row(tmp_path: Path, row: str, lines: str) -> None:
    rows = [f'{n},"text {n}",2024-01-01' for n in range(1, 11)]
    rows[3] = row
    path = tmp_path / "docs.csv"
    path.write_text("id,text,date\n" + "\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=rf"docs\.csv:{lines}: malformed CSV"):
        list(read_records([path]))


def test_parquet_rows_become_records(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "docs.parquet"
    table = pa.table({"id": ["a", "b"], "text": ["Text a.", "Text b."], "title": ["A", None]})
    pq.write_table(table, path)
    assert list(read_records([path])) == [
        Record(id="a", text="Text a.", title="A"),
        Record(id="b", text="Text b."),
    ]


def test_a_file_that_is_not_parquet_is_refused_by_name(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    path = tmp_path / "docs.parquet"
    path.write_text("id,text\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"docs\.parquet: not a readable Parquet file"):
        list(read_records([path]))


def test_a_single_file_is_one_record_named_by_its_path() -> None:
    path = NEWS / "ferry.txt"
    (record,) = read_records([path])
    assert record.id == str(path)
    assert record.text == path.read_text(encoding="utf-8")


def test_a_missing_input_is_named(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match=r"nowhere\.jsonl: no such file or folder"):
        list(read_records([tmp_path / "nowhere.jsonl"]))


def test_dates_are_checked_and_kept_as_given() -> None:
    assert parse_date("2024-05-01T09:30:00+01:00", "x") == "2024-05-01T09:30:00+01:00"
    assert parse_date("", "x") is None
    with pytest.raises(CorpusError, match="row 3: date '31/12/2024'"):
        parse_date("31/12/2024", "row 3")
