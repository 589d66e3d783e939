"""``scan --engine spark`` on a real standalone cluster: a master and two workers on
loopback, started from the pyspark package's own ``spark-class`` (issue 17). The
files must be byte for byte the local engine's."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from test_scan import collection

pyspark = pytest.importorskip("pyspark")
if shutil.which("java") is None:
    pytest.skip("a Spark cluster needs Java", allow_module_level=True)

SPARK_HOME = Path(pyspark.__file__).parent
SPARK_CLASS = SPARK_HOME / "bin" / "spark-class"
WORKERS = 2


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _master_state(webui: int) -> dict[str, Any]:
    """What the master's web UI says of the cluster (workers, applications)."""
    with urllib.request.urlopen(f"http://127.0.0.1:{webui}/json/", timeout=5) as answer:
        return dict(json.load(answer))


def _alive_workers(webui: int) -> int:
    try:
        workers = _master_state(webui)["workers"]
    except OSError:
        return 0
    return sum(1 for worker in workers if worker["state"] == "ALIVE")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int, Path]]:
    """A standalone master and two one-core workers; yields the master's URL, its web
    UI port and the folder the workers run executors in."""
    folder = tmp_path_factory.mktemp("spark-cluster")
    env = {**os.environ, "SPARK_HOME": str(SPARK_HOME), "SPARK_LOCAL_IP": "127.0.0.1"}
    port, webui = _free_port(), _free_port()
    daemons = []

    def start(name: str, *arguments: str) -> None:
        log = (folder / f"{name}.log").open("wb")
        daemons.append(
            subprocess.Popen(
                [str(SPARK_CLASS), *arguments],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # spark-class starts java: stop the whole group
            )
        )

    master = f"spark://127.0.0.1:{port}"
    start(
        "master",
        "org.apache.spark.deploy.master.Master",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--webui-port",
        str(webui),
    )
    for number in range(1, WORKERS + 1):
        start(
            f"worker{number}",
            "org.apache.spark.deploy.worker.Worker",
            "--cores",
            "1",
            "--memory",
            "1g",
            "--webui-port",
            "0",
            "--work-dir",
            str(folder / f"w{number}"),
            master,
        )
    try:
        deadline = time.monotonic() + 120
        while _alive_workers(webui) < WORKERS:
            if time.monotonic() > deadline:
                logs = "\n".join(p.read_text(errors="replace")[-800:] for p in folder.glob("*.log"))
                pytest.fail(f"the cluster did not come up in 120 s:\n{logs}")
            time.sleep(1)
        yield master, webui, folder
    finally:
        for daemon in daemons:
            os.killpg(daemon.pid, signal.SIGTERM)
        for daemon in daemons:
            daemon.wait(timeout=30)


def test_scan_on_a_standalone_cluster_writes_the_local_engines_files(
    cluster: tuple[str, int, Path], tmp_path: Path
) -> None:
    master, webui, folder = cluster
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        "".join(
            json.dumps({"id": r.id, "text": r.text, "date": r.date}) + "\n" for r in collection()
        ),
        encoding="utf-8",
    )
    env = {**os.environ, "SPARK_LOCAL_IP": "127.0.0.1"}
    outputs = {}
    for engine, options in (
        ("local", []),
        ("spark", ["--master", master, "--driver-memory", "1g"]),
    ):
        out = tmp_path / engine
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "textreuse",
                "scan",
                str(feed),
                "--out",
                str(out),
                "--engine",
                engine,
                *options,
                "--format",
                "json",
            ],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert run.returncode == 0, run.stderr[-2000:]
        outputs[engine] = json.loads(run.stdout)
    assert outputs["spark"]["engine"] == "spark" and outputs["spark"]["passage_pairs"] > 0
    for name in ("pairs.jsonl", "clusters.jsonl"):
        assert (tmp_path / "local" / name).read_bytes() == (tmp_path / "spark" / name).read_bytes()
    # The work ran on the cluster: the master saw the application finish, and both
    # workers ran executors for it.
    assert _master_state(webui)["completedapps"]
    for number in range(1, WORKERS + 1):
        assert list((folder / f"w{number}").glob("app-*/*/stderr")), f"worker {number} ran nothing"
