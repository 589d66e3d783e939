"""The archive: what was added is there, updates replace, and no crash or concurrent
reader ever sees a damaged or half-written archive."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from textreuse.archive import Archive
from textreuse.errors import InputError
from textreuse.fingerprint import FingerprintSettings, document_fingerprints, winnow
from textreuse.model import Record

NEWS = Path(__file__).parent / "fixtures" / "news"


def news_records() -> list[Record]:
    return [
        Record(id=path.stem, text=path.read_text(encoding="utf-8"))
        for path in sorted(NEWS.glob("*.txt"))
    ]


def test_winnowing_keeps_a_fingerprint_of_every_window() -> None:
    rng = np.random.default_rng(1)
    hashes = rng.integers(0, 2**63, size=500, dtype=np.uint64)
    kept = set(winnow(hashes, 4).tolist())
    for start in range(len(hashes) - 3):
        assert kept & set(range(start, start + 4)), f"window at {start} has no fingerprint"
    assert len(kept) < 0.5 * len(hashes)  # about 2 / (window + 1) of them


def test_shared_runs_of_content_words_share_fingerprints() -> None:
    settings = FingerprintSettings()
    sentence = "engineers rebuilt the dome rotating track using original victorian drawings"
    one = document_fingerprints(f"Opening words differ here. {sentence}. Then more.", settings)
    two = document_fingerprints(f"Something else entirely first! {sentence}, it said.", settings)
    assert set(one.tolist()) & set(two.tolist())


def test_added_documents_are_stored_with_their_metadata(tmp_path: Path) -> None:
    with Archive.open(tmp_path / "a.db") as archive:
        summary = archive.add(news_records())
        archive.add([Record(id="dated", text="A dated story text.", date="2024-05-01")])
        assert (summary.added, summary.updated) == (5, 0)
        assert len(archive) == 6 and "ferry" in archive and "nothing" not in archive
        assert archive.get("ferry").text == (NEWS / "ferry.txt").read_text(encoding="utf-8")
        assert archive.get("dated").date == "2024-05-01"
    with Archive.open(tmp_path / "a.db", create=False) as archive:  # reopened from disk
        stats = archive.stats()
        assert stats.documents == 6 and stats.postings > 100 and stats.bytes_on_disk > 0
        assert stats.earliest_date == stats.latest_date == "2024-05-01"
        assert archive.check() == []


def test_re_adding_an_id_replaces_its_text_and_fingerprints(tmp_path: Path) -> None:
    ferry = (NEWS / "ferry.txt").read_text(encoding="utf-8")
    orchard = (NEWS / "orchard.txt").read_text(encoding="utf-8")
    with Archive.open(tmp_path / "a.db") as archive:
        archive.add([Record(id="story", text=ferry)])
        postings = archive.stats().postings
        summary = archive.add([Record(id="story", text=orchard)])
        assert (summary.added, summary.updated) == (0, 1)
        assert len(archive) == 1 and archive.get("story").text == orchard
        assert archive.stats().postings != postings
        assert archive.query(ferry).sources == ()  # the old text is no longer found
        assert [m.record.id for m in archive.query(orchard).sources] == ["story"]
        assert archive.check() == []


def test_removed_documents_and_their_postings_are_gone(tmp_path: Path) -> None:
    with Archive.open(tmp_path / "a.db") as archive:
        archive.add(news_records())
        assert archive.remove(["ferry", "orchard", "not-there"]) == 2
        assert len(archive) == 3 and "ferry" not in archive
        expected = sum(
            len(document_fingerprints(r.text, archive.fingerprint_settings))
            for r in news_records()
            if r.id not in {"ferry", "orchard"}
        )
        assert archive.stats().postings == expected
        assert archive.check() == []


def test_a_batch_that_fails_is_rolled_back_whole_and_earlier_batches_stay(tmp_path: Path) -> None:
    def records():
        yield from news_records()  # 5 records: two batches of 2, then one of 1 more
        raise InputError("feed.jsonl:6: not valid JSON")

    with Archive.open(tmp_path / "a.db") as archive:
        with pytest.raises(InputError):
            archive.add(records(), batch_size=2)
        assert len(archive) == 4  # the fifth record's batch never committed
        assert archive.check() == []


def test_opening_something_that_is_not_an_archive_fails_clearly(tmp_path: Path) -> None:
    text_file = tmp_path / "notes.txt"
    text_file.write_text("just some notes " * 100, encoding="utf-8")
    with pytest.raises(InputError, match=r"notes\.txt: not a textreuse archive"):
        Archive.open(text_file)
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE customers (name TEXT)")
    with pytest.raises(InputError, match=r"other\.db: not a textreuse archive"):
        Archive.open(other)
    with sqlite3.connect(other) as connection:  # and it was left untouched
        tables = [name for (name,) in connection.execute("SELECT name FROM sqlite_master")]
    assert tables == ["customers"]
    with pytest.raises(InputError, match=r"missing\.db: no such archive"):
        Archive.open(tmp_path / "missing.db", create=False)


_INGEST = """
import signal
import sys
from textreuse.archive import Archive
from textreuse.model import Record

# Ctrl-C as in a terminal, also when the suite runs as a background job, whose
# children inherit SIGINT ignored (POSIX shells do that without job control).
signal.signal(signal.SIGINT, signal.default_int_handler)

words = "harbour council budget ferry crew orchard apple telescope dome library van".split()
with Archive.open(sys.argv[1]) as archive:
    for n in range(100000):
        text = " ".join(words[(n * 7 + i * 3) % len(words)] + str(n + i) for i in range(300))
        archive.add([Record(id=f"doc-{n}", text=text)])
        print(f"doc-{n}", flush=True)  # printed only once add() has returned
"""


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGINT])
def test_a_process_killed_mid_ingest_leaves_a_sound_archive_with_every_returned_add(
    tmp_path: Path, how: signal.Signals
) -> None:
    path = tmp_path / "a.db"
    process = subprocess.Popen(
        [sys.executable, "-c", _INGEST, str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    returned = [process.stdout.readline().strip() for _ in range(40)]
    process.send_signal(how)
    rest, _ = process.communicate(timeout=60)
    returned += rest.split()
    assert process.returncode != 0
    with Archive.open(path, create=False) as archive:
        assert archive.check() == []
        missing = [doc for doc in returned if doc not in archive]
        assert missing == []
        assert len(archive) >= len(returned)


def test_queries_run_while_another_process_ingests(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    query = (NEWS / "observatory.txt").read_text(encoding="utf-8")
    with Archive.open(path) as archive:
        archive.add(news_records())
    writer = subprocess.Popen(
        [sys.executable, "-c", _INGEST, str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        writer.stdout.readline()  # the writer is under way
        errors: list[BaseException] = []
        found: list[str] = []

        def reader() -> None:
            try:
                with Archive.open(path, create=False) as archive:
                    deadline = time.monotonic() + 2
                    while time.monotonic() < deadline:
                        found.append(archive.query(query).sources[0].record.id)
            except BaseException as error:  # reported by the assertion below
                errors.append(error)

        threads = [threading.Thread(target=reader) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert writer.poll() is None, "the writer stopped early"
    finally:
        writer.kill()
        writer.communicate()
    assert errors == []
    assert found and set(found) == {"observatory"}
