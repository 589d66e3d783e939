"""Load test of ``textreuse serve``: concurrent clients against ``POST /compare`` on
loopback, beside the library's own throughput on the same pairs as the baseline.

Each request compares a news-sized pair: a BBC article with a paragraph of another
article planted in it, against that other article. The server runs in its own
process (``python -m textreuse serve``); the clients are asyncio tasks with httpx in
this one, each sending its next request as soon as the previous one is answered.

    python bench/bench_serve.py [--clients 50] [--seconds 60] [--seed S]

Needs the BBC corpus in ../shared/data/bbc-news-2225 and the serve and test extras.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import numpy as np

from corpora import bbc_articles
from textreuse import compare


def pairs(count: int, seed: int) -> list[tuple[str, str]]:
    """(derived, source) pairs: an article with a paragraph of the source planted in it."""
    articles = [text for _, text in bbc_articles()]
    rng = random.Random(seed)
    made = []
    while len(made) < count:
        derived, source = rng.sample(articles, 2)
        paragraphs = derived.split("\n\n")
        planted = max(source.split("\n\n")[1:] or [source], key=len)
        paragraphs.insert(rng.randint(1, len(paragraphs)), planted)
        made.append(("\n\n".join(paragraphs), source))
    return made


def start_server(port: int, archive: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "textreuse", "serve", "--archive", str(archive)]
    process = subprocess.Popen([*command, "--port", str(port)], stderr=subprocess.PIPE)
    # (stderr is read only if the server fails to start; it logs warnings and errors only)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return process
        except httpx.TransportError:
            time.sleep(0.1)
    process.kill()
    sys.exit(f"the server did not start: {process.stderr.read().decode()}")


async def load(url: str, work: list[tuple[str, str]], clients: int, seconds: float) -> dict:
    """Run ``clients`` closed-loop clients for ``seconds``; latencies and failures."""
    latencies: list[float] = []
    failures: dict[str, int] = {}
    stop = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async def client(number: int, session: httpx.AsyncClient) -> None:
        rng = random.Random(number)
        while time.monotonic() < stop:
            derived, source = rng.choice(work)
            body = {"derived": {"text": derived}, "source": {"text": source}}
            started = time.perf_counter()
            try:
                response = await session.post(f"{url}/compare", json=body)
                ok = response.status_code == 200 and response.json()["passages"]
                key = None if ok else f"status {response.status_code}"
            except httpx.HTTPError as error:
                key = type(error).__name__
            if key is None:
                latencies.append(time.perf_counter() - started)
            else:
                failures[key] = failures.get(key, 0) + 1

    started = time.monotonic()
    async with httpx.AsyncClient(timeout=120, limits=limits) as session:
        await asyncio.gather(*(client(n, session) for n in range(clients)))
    return {"latencies": latencies, "failures": failures, "seconds": time.monotonic() - started}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    work = pairs(200, args.seed)
    size = np.mean([len(d) + len(s) for d, s in work])
    print(f"{len(work)} pairs, {size:,.0f} characters per request on average")

    # Baseline: the library itself, one call after another, no HTTP.
    started = time.perf_counter()
    direct = []
    for derived, source in work:
        begun = time.perf_counter()
        compare(derived, source)
        direct.append(time.perf_counter() - begun)
    baseline_rate = len(work) / (time.perf_counter() - started)

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with tempfile.TemporaryDirectory() as folder:
        server = start_server(port, Path(folder) / "archive.db")
        try:
            result = asyncio.run(load(f"http://127.0.0.1:{port}", work, args.clients, args.seconds))
        finally:
            server.terminate()
            server.wait(timeout=10)
    latencies = np.asarray(result["latencies"]) * 1000
    answered = len(latencies)
    print(f"\n{'':<34} {'requests/s':>10} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}")
    direct_ms = np.asarray(direct) * 1000
    print(
        f"{'library, sequential (baseline)':<34} {baseline_rate:>10.1f} "
        f"{np.percentile(direct_ms, 50):>8.1f} {np.percentile(direct_ms, 95):>8.1f} "
        f"{np.percentile(direct_ms, 99):>8.1f} {0:>7}"
    )
    errors = sum(result["failures"].values())
    label = f"HTTP, {args.clients} clients, {result['seconds']:.0f} s"
    print(
        f"{label:<34} "
        f"{answered / result['seconds']:>10.1f} {np.percentile(latencies, 50):>8.1f} "
        f"{np.percentile(latencies, 95):>8.1f} {np.percentile(latencies, 99):>8.1f} {errors:>7}"
    )
    if result["failures"]:
        print(f"failures: {result['failures']}")


if __name__ == "__main__":
    main()
