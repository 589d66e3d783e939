"""Archives that are empty, damaged or read-only: reads never write, and every failure
is one line naming the file (issue 16, items 6, 7 and 9)."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cli_runs import one_line, textreuse
from textreuse import Archive, Record
from textreuse.errors import ArchiveError, InputError

STORY = (
    "The harbour authority voted on Tuesday to close the old swing bridge for repairs. "
    "Engineers found cracks in two of its steel girders during an inspection in August. "
    "The rebuild is expected to take eighteen months and cost four million pounds."
)


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    path = tmp_path / "archive.db"
    with Archive.open(path) as store:
        store.add(
            Record(f"story-{n}", f"{n}. {STORY} Filler sentence number {n} follows here.")
            for n in range(40)
        )
    (tmp_path / "post.txt").write_text("A blog wrote: " + STORY, encoding="utf-8")
    return path


@pytest.mark.parametrize("command", [["query"], ["index", "stats"], ["index", "check"]])
def test_reading_an_empty_file_leaves_it_empty(tmp_path: Path, command: list[str]) -> None:
    empty = tmp_path / "empty.db"
    empty.touch()
    (tmp_path / "post.txt").write_text(STORY, encoding="utf-8")
    extra = [tmp_path / "post.txt"] if command == ["query"] else []
    run = textreuse(*command, empty, *extra)
    one_line(run, str(empty), "empty file")
    assert empty.stat().st_size == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.db", "post.txt"]


def test_a_file_of_another_kind_is_refused_before_sqlite_sees_it(tmp_path: Path) -> None:
    notes = tmp_path / "notes.db"
    notes.write_text("not a database at all\n", encoding="utf-8")
    with pytest.raises(InputError, match="not an SQLite database"):
        Archive.open(notes, read_only=True)
    assert notes.read_text(encoding="utf-8") == "not a database at all\n"


def test_a_read_only_open_writes_nothing(archive: Path) -> None:
    before = {p.name: p.stat().st_mtime_ns for p in archive.parent.iterdir()}
    with Archive.open(archive, read_only=True) as store:
        assert len(store) == 40
        assert store.query(STORY).sources[0].record.id.startswith("story-")
        with pytest.raises(ArchiveError, match=r"archive\.db: .*read-only"):
            store.add([Record("new", STORY)])
    after = {p.name: p.stat().st_mtime_ns for p in archive.parent.iterdir()}
    assert {k: v for k, v in after.items() if k in before} == before


def _read_only_mounts_work() -> bool:
    if shutil.which("unshare") is None or shutil.which("mount") is None:
        return False
    probe = subprocess.run(
        ["unshare", "-m", "sh", "-c", "mount --bind / /mnt && mount -o remount,ro,bind /mnt"],
        capture_output=True,
        timeout=30,
    )
    return probe.returncode == 0


@pytest.mark.skipif(
    not _read_only_mounts_work(), reason="needs unshare and a read-only bind mount (root)"
)
def test_query_stats_and_check_work_in_a_read_only_folder(archive: Path) -> None:
    """As a read-only bind mount makes it: what SQLite needs for its log cannot be
    created, and before, opening an archive wrote its journal mode and schema."""
    folder = archive.parent
    post = folder / "post.txt"
    python = shlex.quote(sys.executable)
    inner = " && ".join(
        [
            f"mount --bind {folder} {folder}",
            f"mount -o remount,ro,bind {folder}",
            f"{python} -m textreuse index stats {archive} --json",
            f"{python} -m textreuse index check {archive}",
            f"{python} -m textreuse query {archive} {folder / 'post.txt'} --format json",
            f"{{ {python} -m textreuse index add {archive} {folder / 'post.txt'}; echo add=$?; }}",
            f"{{ {python} -m textreuse compare {post} {post} --html {folder / 'r.html'}; "
            "echo html=$?; }",
            f"{{ {python} -m textreuse scan {post} --out {folder / 'out'}; echo scan=$?; }}",
        ]
    )
    run = subprocess.run(
        ["unshare", "-m", "sh", "-c", inner], capture_output=True, text=True, timeout=300
    )
    assert '"documents": 40' in run.stdout, run.stderr
    assert '"schema": "textreuse/query-report"' in run.stdout, run.stderr
    assert "add=1" in run.stdout and "html=1" in run.stdout and "scan=1" in run.stdout
    assert "r.html: cannot be written" in run.stderr and "out: cannot be written" in run.stderr
    assert "Traceback" not in run.stderr
    assert "cannot be written" in run.stderr and str(archive) in run.stderr


def _damage(path: Path) -> None:
    """Overwrite the middle pages of the file with garbage, as a bad disk would."""
    size = path.stat().st_size
    with path.open("r+b") as file:
        for offset in range(4096 * 2, size - 4096, 4096 * 3):
            file.seek(offset)
            file.write(os.urandom(4096))


def test_a_damaged_archive_gives_one_line_everywhere(archive: Path) -> None:
    with Archive.open(archive) as store:  # fold the log into the file, then damage it
        store._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    _damage(archive)
    post = archive.parent / "post.txt"
    check = textreuse("index", "check", archive)
    one_line(check, str(archive))
    for command in (
        ["index", "stats", archive],
        ["query", archive, post],
        ["index", "remove", archive, "story-3"],
        ["index", "add", archive, post],  # before, it reported success
    ):
        run = textreuse(*command)
        assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr
        assert str(archive) in run.stderr
        assert len(run.stderr.strip().splitlines()) == 1, run.stderr


def test_a_truncated_archive_is_called_damaged(archive: Path) -> None:
    with Archive.open(archive) as store:
        store._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with archive.open("r+b") as file:
        file.truncate(archive.stat().st_size // 3)
    run = textreuse("index", "stats", archive)
    one_line(run, str(archive), "damaged")


def test_the_service_answers_a_damaged_archive_with_json_naming_it(archive: Path) -> None:
    """Before, a plain-text 500; the archive, not the request, is at fault: 503."""
    testclient = pytest.importorskip("fastapi.testclient")
    from textreuse.service.app import create_app

    with Archive.open(archive) as store:
        store._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    _damage(archive)
    app = create_app(archive, allowed_hosts=["testserver"])
    client = testclient.TestClient(app, raise_server_exceptions=False)
    response = client.post("/query", json={"text": STORY})
    assert response.status_code == 503
    assert str(archive) in response.json()["detail"]


def test_two_folders_with_the_same_file_names_stop_the_add(tmp_path: Path) -> None:
    """Issue 16, item 5: 'index add a.db bbc/politics bbc/tech' replaced politics
    articles with tech ones of the same relative name, without a word."""
    for topic in ("politics", "tech"):
        (tmp_path / topic).mkdir()
        (tmp_path / topic / "001.txt").write_text(f"{topic}: {STORY}", encoding="utf-8")
    archive = tmp_path / "a.db"
    run = textreuse("index", "add", archive, tmp_path / "politics", tmp_path / "tech")
    one_line(run, "'001.txt'", str(tmp_path / "politics"), str(tmp_path / "tech"))
    with Archive.open(archive, read_only=True) as store:
        record = store.get("001.txt")
    assert record is None or record.text.startswith("politics")  # never the tech one


def test_an_id_twice_in_one_file_stops_the_add(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        '{"id": "a", "text": "first"}\n{"id": "b", "text": "other"}\n{"id": "a", "text": "x"}\n',
        encoding="utf-8",
    )
    run = textreuse("index", "add", tmp_path / "a.db", feed)
    one_line(run, "'a'", f"twice in {feed}")


def test_an_id_already_in_the_archive_is_replaced_only_with_replace(archive: Path) -> None:
    update = archive.parent / "update.jsonl"
    update.write_text('{"id": "story-1", "text": "A corrected story."}\n', encoding="utf-8")
    refused = textreuse("index", "add", archive, update)
    one_line(refused, "'story-1'", "--replace")
    with Archive.open(archive, read_only=True) as store:
        kept = store.get("story-1")
    assert kept is not None and kept.text.startswith("1. ")
    replaced = textreuse("index", "add", archive, update, "--replace")
    assert replaced.returncode == 0 and "1 updated" in replaced.stderr
    with Archive.open(archive, read_only=True) as store:
        assert store.get("story-1") == Record("story-1", "A corrected story.")


@pytest.mark.parametrize("field", ["text", "id"])
def test_a_lone_surrogate_in_jsonl_is_one_line_before_any_work(tmp_path: Path, field: str) -> None:
    """Issue 16, item 6: a traceback in index add, and in scan only after all the work."""
    values = {"id": "a", "text": "A story about the harbour bridge."}
    values[field] += "\\ud800"
    feed = tmp_path / "feed.jsonl"
    row = ", ".join(f'"{key}": "{value}"' for key, value in values.items())
    feed.write_text(f'{{"id": "b", "text": "{STORY}"}}\n{{{row}}}\n', encoding="utf-8")
    for command in (["index", "add", tmp_path / "a.db"], ["scan", "--out", tmp_path / "out"]):
        run = textreuse(*command, feed)
        one_line(run, f"{feed}:2", f"'{field}'", "U+D800")
    assert not (tmp_path / "out" / "pairs.jsonl").exists()
