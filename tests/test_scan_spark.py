"""The Spark engine gives exactly the local engine's answer (Spark in local mode)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from test_scan import collection
from textreuse.cli import main
from textreuse.scan import scan_local

pytest.importorskip("pyspark")
if shutil.which("java") is None:
    pytest.skip("the Spark engine needs Java", allow_module_level=True)

from textreuse.scan import scan_spark
from textreuse.scan.spark import _session


@pytest.fixture(scope="module")
def spark() -> Iterator[object]:
    """One local Spark session for the module: starting one takes several seconds."""
    session, _ = _session("local[2]")
    yield session
    session.stop()


def test_spark_and_local_engines_write_the_same_files(spark: object, tmp_path: Path) -> None:
    records = collection()
    local = scan_local(records, tmp_path / "local", workers=2)
    distributed = scan_spark(records, tmp_path / "spark", partitions=3)
    for name in ("pairs.jsonl", "clusters.jsonl"):
        assert (tmp_path / "local" / name).read_bytes() == (tmp_path / "spark" / name).read_bytes()
    assert (distributed.candidate_pairs, distributed.passage_pairs, distributed.clusters) == (
        local.candidate_pairs,
        local.passage_pairs,
        local.clusters,
    )
    assert distributed.engine == "spark" and local.aligned_pairs == distributed.aligned_pairs


def test_scan_command_runs_on_spark(spark: object, tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    for record in collection():
        (folder / f"{record.id}.txt").write_text(record.text, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["scan", str(folder), "--out", str(tmp_path / "out"), "--engine", "spark"]
    )
    assert result.exit_code == 0, result.output
    assert "(spark)" in result.stderr
    assert (tmp_path / "out" / "pairs.parquet").is_file()
