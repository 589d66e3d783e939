"""The Spark scan engine: the pure steps of :mod:`textreuse.scan` as PySpark jobs.

Documents are fingerprinted on the executors; postings are partitioned by hash so
that :func:`textreuse.scan.candidate_pairs` sees every posting of a fingerprint in
one partition, and the shared counts are summed across partitions; each candidate
pair is aligned by :func:`textreuse.scan.align_pair` where its two texts meet. The
passage pairs are collected on the driver and written by the same
:func:`textreuse.scan.finish_scan` as the local engine's, so the two engines' files
are the same for the same input.

Needs the ``spark`` extra (PySpark) and Java 17. Executors must be able to import
textreuse: in local mode they run this Python; on a cluster, install textreuse on
every node (or ship it with ``--py-files``).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterable, Iterator
from operator import add
from pathlib import Path

import numpy as np

from textreuse.archive import located_fingerprints
from textreuse.errors import TextReuseError
from textreuse.records import Record
from textreuse.scan import (
    ScanSettings,
    ScanSummary,
    align_pair,
    candidate_pairs,
    finish_scan,
    worth_aligning,
)
from textreuse.scan_local import sorted_unique

DEFAULT_DRIVER_MEMORY = "4g"


def scan_spark(
    records: Iterable[Record],
    out_dir: str | os.PathLike[str],
    *,
    settings: ScanSettings | None = None,
    master: str = "local[*]",
    partitions: int | None = None,
) -> ScanSummary:
    """Scan a collection with Apache Spark and write the results under ``out_dir``.

    Args:
        records: the documents; ids must be unique.
        out_dir: where the output files go, as for :func:`textreuse.scan_local.scan_local`.
        settings: scan settings.
        master: the Spark master: ``local[*]``, ``spark://host:7077``, ``yarn``...
        partitions: how many partitions to spread the documents over (default:
            Spark's default parallelism, at least 2).

    Raises:
        TextReuseError: PySpark is not installed.
        CorpusError: two documents have the same id.
    """
    started = time.perf_counter()
    settings = settings or ScanSettings()
    collection = sorted_unique(records)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    spark, owned = _session(master)
    try:
        context = spark.sparkContext
        slices = partitions or max(2, context.defaultParallelism)
        fingerprints = settings.fingerprints
        documents = (
            context.parallelize(list(enumerate(collection)), slices)
            .mapValues(lambda record: (record, located_fingerprints(record.text, fingerprints)))
            .cache()
        )
        postings = documents.flatMap(lambda item: ((h, item[0]) for h in item[1][1][0].tolist()))
        limit = settings.max_document_frequency
        joined = (
            postings.partitionBy(slices)
            .mapPartitions(lambda part: _partition_pairs(part, limit))
            .reduceByKey(add)
            .filter(lambda item: item[1] >= settings.min_shared_fingerprints)
            .keys()
            .join(documents)  # (a, (b, (record a, located a)))
            .map(lambda item: (item[1][0], item[1][1]))
            .join(documents)  # (b, (a side, b side))
            .map(lambda item: item[1])
            .filter(lambda sides: worth_aligning(sides[0][1], sides[1][1], settings))
            .cache()
        )
        align_settings = settings.align
        rows = joined.flatMap(
            lambda sides: align_pair(sides[0][0], sides[1][0], align_settings)
        ).collect()
        candidates = joined.count()
    finally:
        if owned:
            spark.stop()
    return finish_scan(
        out,
        collection,
        rows,
        engine="spark",
        candidate_pairs=candidates,
        seconds=time.perf_counter() - started,
    )


def _partition_pairs(
    postings: Iterator[tuple[int, int]], max_document_frequency: int
) -> Iterator[tuple[tuple[int, int], int]]:
    """Candidate pairs of one hash partition with the fingerprints they share there."""
    items = list(postings)
    if not items:
        return
    hashes = np.fromiter((h for h, _ in items), dtype=np.int64, count=len(items))
    numbers = np.fromiter((d for _, d in items), dtype=np.int64, count=len(items))
    pairs, shared = candidate_pairs(
        hashes, numbers, max_document_frequency=max_document_frequency, min_shared=1
    )
    # Keys as tuples: Spark shuffles need hashable keys.
    yield from zip(map(tuple, pairs.tolist()), shared.tolist(), strict=True)


def _session(master: str) -> tuple[object, bool]:
    """A Spark session on ``master``: the active one if there is one, else a new one
    that the caller stops (returned with True)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        msg = "the spark engine needs PySpark and Java 17: pip install 'textreuse[spark]'"
        raise TextReuseError(msg) from None
    active = SparkSession.getActiveSession()
    if active is not None:
        return active, False
    if master.startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    # Executors in local mode run this interpreter, which has textreuse installed.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = (
        SparkSession.builder.master(master)
        .appName("textreuse-scan")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config(
            "spark.driver.memory",
            os.environ.get("TEXTREUSE_SPARK_DRIVER_MEMORY", DEFAULT_DRIVER_MEMORY),
        )
        .config("spark.python.worker.reuse", "true")
    )
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session, True
