"""Outputs that cannot be written and interruptions: checked before the work, one line,
an exit status that says what happened, and no partial output presented as complete
(issue 16, items 6 and 9)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cli_runs import one_line, textreuse

ROOT = Path(__file__).resolve().parents[1]
BLOG = ROOT / "examples" / "blog-post.txt"
STORY = ROOT / "examples" / "agency-story.txt"


def test_an_html_report_into_a_missing_folder_is_refused_before_the_work(tmp_path: Path) -> None:
    target = tmp_path / "missing-dir" / "r.html"
    run = textreuse("compare", BLOG, STORY, "--html", target, "--format", "json")
    assert str(target) in one_line(run) and "no folder" in run.stderr
    assert run.stdout == ""  # the JSON is not printed as if all went well


def test_json_into_a_full_disk_is_one_line_and_a_failure() -> None:
    with open("/dev/full", "w") as full:
        run = textreuse("compare", BLOG, STORY, "--format", "json", stdout=full)
    assert "No space left" in one_line(run) and "not written" in run.stderr


def test_a_closed_standard_output_is_refused_before_the_work() -> None:
    run = subprocess.run(
        f"{sys.executable} -m textreuse compare {BLOG} {STORY} --format json >&-",
        shell=True,
        capture_output=False,
        stderr=subprocess.PIPE,
        text=True,
        timeout=120,
    )
    assert run.returncode == 1 and "standard output is closed" in run.stderr


def test_a_scan_does_not_overwrite_a_finished_one_without_being_told(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text(BLOG.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "b.txt").write_text(STORY.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    assert textreuse("scan", folder, "--out", out, "--workers", "1").returncode == 0
    before = (out / "pairs.jsonl").read_bytes()
    again = textreuse("scan", folder, "--out", out, "--workers", "1")
    assert "--overwrite" in one_line(again)
    forced = textreuse("scan", folder, "--out", out, "--workers", "1", "--overwrite")
    assert forced.returncode == 0 and (out / "pairs.jsonl").read_bytes() == before


def test_a_scan_into_a_file_is_refused_before_the_work(tmp_path: Path) -> None:
    blocker = tmp_path / "taken"
    blocker.write_text("a file, not a folder\n", encoding="utf-8")
    run = textreuse("scan", BLOG, STORY, "--out", blocker / "out")
    assert "not a folder" in one_line(run)


def _interruptible() -> None:
    """Give the child the default SIGINT, as a terminal's foreground command has."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize(
    "command", [["scan", "{fifo}", "--out", "{out}"], ["index", "add", "{archive}", "{fifo}"]]
)
def test_an_interrupted_command_says_so_and_exits_130(tmp_path: Path, command: list[str]) -> None:
    """Before, scan and eval printed 'Aborted!' and exited 1. A named pipe nobody writes
    holds the command in its read until the interrupt comes."""
    fifo = tmp_path / "feed.jsonl"
    os.mkfifo(fifo)
    places = {"fifo": fifo, "out": tmp_path / "out", "archive": tmp_path / "a.db"}
    args = [arg.format(**places) for arg in command]
    process = subprocess.Popen(
        [sys.executable, "-m", "textreuse", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # A suite started in the background (``pytest &``) ignores SIGINT, and a child
        # would inherit that: Python then never turns the signal into an interrupt.
        preexec_fn=_interruptible,
    )
    try:
        writer = os.open(fifo, os.O_WRONLY)  # waits until the command opens it to read
        time.sleep(0.5)
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=60)
        os.close(writer)
    finally:
        process.kill()
    assert process.returncode == 130, stderr
    assert "interrupted" in stderr and "Traceback" not in stderr and "Aborted" not in stderr


def test_serve_says_where_it_listens_or_why_it_cannot() -> None:
    pytest.importorskip("uvicorn")
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        busy = textreuse("serve", "--port", port)
        assert "in use" in one_line(busy) and str(port) in busy.stderr
    unknown = textreuse("serve", "--host", "no-such-host.invalid", "--port", port)
    assert "cannot listen on no-such-host.invalid" in one_line(unknown)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        free = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "textreuse", "serve", "--port", str(free)],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stderr is not None
        assert server.stderr.readline().strip() == (
            f"textreuse serve: http://127.0.0.1:{free}/ (Ctrl-C stops it)"
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
