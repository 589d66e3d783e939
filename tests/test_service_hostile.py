"""The service under hostile requests (issue 16, items 3 and 4): work is stopped at the
time limit and commits nothing, /health answers meanwhile, slow clients are cut off,
foreign Host headers are refused, and no page loads scripts from a CDN."""

from __future__ import annotations

import random
import socket
import threading
import time
from collections.abc import Callable
from urllib.parse import urlsplit

import pytest

httpx = pytest.importorskip("httpx")
pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")


@pytest.fixture(scope="module")
def server(start_server: Callable[..., str]) -> str:
    return start_server("--timeout", "1", "--read-timeout", "1", "--max-body-bytes", "4000000")


def prose(words: int, seed: int) -> str:
    """Sentences of random words: costly to align, as long real prose is."""
    rng = random.Random(seed)
    vocabulary = [f"w{rng.randrange(20000)}x" for _ in range(5000)]
    sentences = (
        " ".join(rng.choice(vocabulary) for _ in range(18)).capitalize() + "."
        for _ in range(words // 18)
    )
    return "\n".join(sentences)


def test_work_past_the_time_limit_is_stopped_while_health_answers(server: str) -> None:
    text = prose(120_000, seed=1)  # about 900,000 characters
    edited = text.replace("w1", "q1")
    answers: list[float] = []
    stop = threading.Event()

    def poll() -> None:
        while not stop.is_set():
            started = time.monotonic()
            assert httpx.get(f"{server}/health", timeout=5).status_code == 200
            answers.append(time.monotonic() - started)
            time.sleep(0.1)

    poller = threading.Thread(target=poll)
    poller.start()
    try:
        started = time.monotonic()
        response = httpx.post(
            f"{server}/compare",
            json={"derived": {"text": edited}, "source": {"text": text}},
            timeout=60,
        )
        took = time.monotonic() - started
    finally:
        stop.set()
        poller.join()
    assert response.status_code == 408 and took < 10
    assert answers and max(answers) < 1.0
    # The server still works after its worker was killed.
    small = httpx.post(
        f"{server}/compare",
        json={"derived": {"text": "One short text."}, "source": {"text": "Another."}},
        timeout=30,
    )
    assert small.status_code == 200


def test_a_request_that_times_out_commits_nothing(start_server: Callable[..., str]) -> None:
    server = start_server("--timeout", "0.3", "--max-body-bytes", "4000000")
    documents = [{"id": f"d{n}", "text": prose(400, seed=n)} for n in range(1000)]
    before = httpx.get(f"{server}/health").json()["archive_documents"]
    response = httpx.post(f"{server}/documents", json={"documents": documents}, timeout=60)
    assert response.status_code == 408
    time.sleep(3)  # before, the work went on and committed all 1,000 after the 408
    assert httpx.get(f"{server}/health").json()["archive_documents"] == before


def raw_request(server: str, payload: bytes) -> tuple[bytes, float]:
    """Send ``payload`` and wait: what the server answers, and when it closed."""
    parts = urlsplit(server)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall(payload)
        started = time.monotonic()
        received = b""
        while chunk := sock.recv(4096):
            received += chunk
        return received, time.monotonic() - started


@pytest.mark.parametrize(
    "payload",
    [
        b"POST /compare HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Ty",  # headers half sent
        b'POST /compare HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{"der',
    ],
)
def test_a_request_that_does_not_arrive_in_time_is_cut_off(server: str, payload: bytes) -> None:
    answer, waited = raw_request(server, payload)
    assert answer.startswith(b"HTTP/1.1 408") and waited < 5


def test_a_foreign_host_header_is_refused(server: str) -> None:
    assert httpx.get(f"{server}/health", headers={"Host": "attacker.example"}).status_code == 400
    assert httpx.get(f"{server}/health", headers={"Host": "localhost"}).status_code == 200


def test_no_page_loads_scripts_from_elsewhere(server: str) -> None:
    assert httpx.get(f"{server}/docs").status_code == 404
    assert httpx.get(f"{server}/redoc").status_code == 404
    assert httpx.get(f"{server}/openapi.json").json()["info"]["title"] == "textreuse"
    page = httpx.get(f"{server}/").text
    assert "cdn" not in page.lower() and "<script src=" not in page


def test_a_cancelled_task_does_not_answer_the_next_one() -> None:
    """A request cancelled while its worker works (the client went away) must not
    leave that worker to hand its late result to the next request."""
    import asyncio
    from functools import partial

    from textreuse.service.workers import WorkerPool

    async def scenario() -> tuple[float, float]:
        pool = WorkerPool(1)
        try:
            slow = asyncio.create_task(pool.run(partial(time.sleep, 2.0), timeout=30))
            await asyncio.sleep(1.0)  # the worker is busy sleeping
            slow.cancel()
            fast = await pool.run(partial(abs, -7.5), timeout=30)
            return fast, await pool.run(partial(abs, -1.5), timeout=30)
        finally:
            pool.close()

    assert asyncio.run(scenario()) == (7.5, 1.5)
