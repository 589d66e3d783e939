"""Running the command line as a user does, in a process of its own, for the tests of
errors: what it prints, and its exit status."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def textreuse(*args: str | Path, **streams: object) -> subprocess.CompletedProcess[str]:
    """``python -m textreuse ARGS``, both outputs captured unless ``streams`` says
    otherwise, with no standard input."""
    chosen = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, **streams}
    return subprocess.run(
        [sys.executable, "-m", "textreuse", *map(str, args)],
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
        **chosen,  # type: ignore[call-overload]
    )


def one_line(run: subprocess.CompletedProcess[str], *words: str, status: int = 1) -> str:
    """The single line a failed run printed; it must hold ``words`` and no traceback."""
    assert run.returncode == status, run.stderr
    assert "Traceback" not in run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]
