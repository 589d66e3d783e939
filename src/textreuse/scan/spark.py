"""The Spark scan engine: the pure steps of :mod:`textreuse.scan.steps` as PySpark jobs.

Documents are fingerprinted on the executors; postings are partitioned by hash so
that :func:`textreuse.scan.candidate_pairs` sees every posting of a fingerprint in
one partition, and the shared counts are summed across partitions; each candidate
pair is aligned by :func:`textreuse.scan.steps.align_pair` where its two texts meet. The
passage pairs are collected on the driver and written by the same
:func:`textreuse.scan.output.finish_scan` as the local engine's, so the two engines' files
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
from typing import Any

import numpy as np

from textreuse.errors import TextReuseError
from textreuse.fingerprint import located_fingerprints
from textreuse.model import PassagePair, Record
from textreuse.scan.output import ScanSummary, finish_scan
from textreuse.scan.settings import DEFAULT_DRIVER_MEMORY, ScanSettings
from textreuse.scan.steps import align_pair, candidate_pairs, sorted_unique, worth_aligning


def scan_spark(
    records: Iterable[Record],
    out_dir: str | os.PathLike[str],
    *,
    settings: ScanSettings | None = None,
    master: str = "local[*]",
    partitions: int | None = None,
    driver_memory: str = DEFAULT_DRIVER_MEMORY,
) -> ScanSummary:
    """Scan a collection with Apache Spark and write the results under ``out_dir``.

    Args:
        records: the documents; ids must be unique.
        out_dir: where the output files go, as for :func:`textreuse.scan.scan_local`.
        settings: scan settings.
        master: the Spark master: ``local[*]``, ``spark://host:7077``, ``yarn``...
        partitions: how many partitions to spread the documents over (default:
            Spark's default parallelism, at least 2).
        driver_memory: the driver's memory (a new session only), e.g. ``4g``.

    Raises:
        TextReuseError: PySpark is not installed.
        CorpusError: two documents have the same id.
    """
    started = time.perf_counter()
    settings = settings or ScanSettings()
    collection = sorted_unique(records)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    spark, owned = _session(master, driver_memory)
    try:
        rows, candidates = _passage_pairs(spark.sparkContext, collection, settings, partitions)
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
        include_text=settings.include_text,
    )


def _passage_pairs(
    context: Any, collection: list[Record], settings: ScanSettings, partitions: int | None
) -> tuple[list[PassagePair], int]:
    """The passage pairs of a collection as Spark jobs, and how many pairs were aligned."""
    slices = partitions or max(2, context.defaultParallelism)
    fingerprints, language = settings.fingerprints, settings.align.language
    documents = (
        context.parallelize(list(enumerate(collection)), slices)
        .mapValues(
            lambda record: (record, located_fingerprints(record.text, fingerprints, language))
        )
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
    rows: list[PassagePair] = joined.flatMap(
        lambda sides: align_pair(sides[0][0], sides[1][0], align_settings)
    ).collect()
    return rows, int(joined.count())


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


def _session(master: str, driver_memory: str = DEFAULT_DRIVER_MEMORY) -> tuple[Any, bool]:
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
    # Spark reads these when it starts its JVM and Python workers: a local master binds to
    # loopback, and executors in local mode run this interpreter, which has textreuse.
    if master.startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = (
        SparkSession.builder.master(master)
        .appName("textreuse-scan")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.memory", driver_memory)
        .config("spark.python.worker.reuse", "true")
    )
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session, True
