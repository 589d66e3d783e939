"""Shared fixtures: where the evaluation data beside the clone lives."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "seeds"
PAN13_TRAINING = SHARED / "data" / "pan13-text-alignment-training-corpus-2013-01-21"


@pytest.fixture
def seeds_dir() -> Path:
    """The founding example: a BBC article and a blog post that reused four of its passages."""
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} is not there (it sits beside the clone in CI)")
    return SEEDS


@pytest.fixture
def pan13_training() -> Path:
    """The PAN 2013 text-alignment training corpus."""
    if not PAN13_TRAINING.is_dir():
        pytest.skip(f"{PAN13_TRAINING} is not there (it sits beside the clone in CI)")
    return PAN13_TRAINING


@pytest.fixture(scope="module")
def start_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., str]]:
    """Start real ``textreuse serve`` processes on loopback; each call returns a base URL.

    Every server gets its own empty archive and is stopped when the module is done.
    """
    httpx = pytest.importorskip("httpx")
    pytest.importorskip("fastapi")
    pytest.importorskip("uvicorn")
    processes: list[subprocess.Popen[bytes]] = []

    def start(*options: str) -> str:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        archive = tmp_path_factory.mktemp("served") / "archive.db"
        command = [sys.executable, "-m", "textreuse", "serve", "--archive", str(archive)]
        process = subprocess.Popen(
            [*command, "--port", str(port), *options],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        processes.append(process)
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                    return url
            except httpx.TransportError:
                time.sleep(0.1)
        process.kill()
        pytest.fail(f"the server did not start: {process.stderr.read().decode()}")

    yield start
    for process in processes:
        process.terminate()
        process.wait(timeout=10)
