"""The local scan engine: the pure steps of :mod:`textreuse.scan` over a process pool.

Alignment, the slow step, runs in blocks of candidate pairs; each finished block is
written to ``OUT/.parts/`` at once, so a scan that is interrupted picks up where it
stopped when run again with the same inputs and settings (a signature of both is
kept beside the blocks; anything else starts afresh).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from itertools import pairwise
from pathlib import Path

import numpy as np
import xxhash

from textreuse.archive import located_fingerprints
from textreuse.errors import CorpusError
from textreuse.records import Record
from textreuse.scan import (
    PassagePair,
    ScanSettings,
    ScanSummary,
    align_pair,
    candidate_pairs,
    finish_scan,
    worth_aligning,
)

BLOCK_PAIRS = 500
Progress = Callable[[str, int, int | None], None]

# The collection as the pool's workers see it: set before the pool forks.
_RECORDS: list[Record] = []
_SETTINGS = ScanSettings()


def scan_local(
    records: Iterable[Record],
    out_dir: str | os.PathLike[str],
    *,
    settings: ScanSettings | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
) -> ScanSummary:
    """Scan a collection on this machine and write the results under ``out_dir``.

    Args:
        records: the documents; ids must be unique.
        out_dir: where ``pairs.jsonl``, ``pairs.parquet``, ``clusters.jsonl``,
            ``clusters.parquet`` and ``summary.json`` go (created if missing).
        settings: scan settings.
        workers: processes (default: all cores).
        progress: called as ``progress(step, done, total)`` while working.

    Raises:
        CorpusError: two documents have the same id.
    """
    global _RECORDS, _SETTINGS
    started = time.perf_counter()
    settings = settings or ScanSettings()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    collection = sorted_unique(records)
    workers = workers or os.cpu_count() or 1
    _RECORDS, _SETTINGS = collection, settings
    report = progress or (lambda step, done, total: None)
    with _pool(workers) as pool:
        located: list[tuple[np.ndarray, np.ndarray]] = []
        chunk = max(1, min(200, len(collection) // (workers * 4) or 1))
        for prints in pool.imap(_fingerprints_of, range(len(collection)), chunksize=chunk):
            located.append(prints)
            report("fingerprinting", len(located), len(collection))
        counts = np.fromiter((len(h) for h, _ in located), dtype=np.int64, count=len(located))
        hashes = np.concatenate([h for h, _ in located]) if located else np.zeros(0, np.int64)
        numbers = np.repeat(np.arange(len(collection), dtype=np.int64), counts)
        candidates, _ = candidate_pairs(
            hashes,
            numbers,
            max_document_frequency=settings.max_document_frequency,
            min_shared=settings.min_shared_fingerprints,
        )
        pairs = (
            candidates[
                [worth_aligning(located[a], located[b], settings) for a, b in candidates.tolist()]
            ]
            if len(candidates)
            else candidates
        )
        parts = _Parts(out / ".parts", _signature(collection, settings))
        blocks = [pairs[i : i + BLOCK_PAIRS] for i in range(0, len(pairs), BLOCK_PAIRS)]
        todo = [n for n in range(len(blocks)) if not parts.done(n)]
        done_pairs = sum(len(blocks[n]) for n in range(len(blocks)) if parts.done(n))
        report("aligning", done_pairs, len(pairs))
        jobs = ((n, blocks[n]) for n in todo)
        for number, rows in pool.imap_unordered(_align_block, jobs):
            parts.write(number, rows)
            done_pairs += len(blocks[number])
            report("aligning", done_pairs, len(pairs))
    passage_pairs = list(parts.read(len(blocks)))
    summary = finish_scan(
        out,
        collection,
        passage_pairs,
        engine="local",
        candidate_pairs=len(pairs),
        seconds=time.perf_counter() - started,
    )
    shutil.rmtree(parts.folder, ignore_errors=True)
    return summary


def sorted_unique(records: Iterable[Record]) -> list[Record]:
    """The records sorted by id, refusing duplicate ids (which one would be meant?)."""
    collection = sorted(records, key=lambda record: record.id)
    for before, after in pairwise(collection):
        if before.id == after.id:
            msg = f"two documents have the id {after.id!r}; ids must be unique in a scan"
            raise CorpusError(msg)
    return collection


def _fingerprints_of(number: int) -> tuple[np.ndarray, np.ndarray]:
    return located_fingerprints(_RECORDS[number].text, _SETTINGS.fingerprints)


def _align_block(job: tuple[int, np.ndarray]) -> tuple[int, list[PassagePair]]:
    number, block = job
    rows: list[PassagePair] = []
    for a, b in block.tolist():
        rows.extend(align_pair(_RECORDS[a], _RECORDS[b], _SETTINGS.align))
    return number, rows


def _pool(workers: int) -> multiprocessing.pool.Pool:
    """Forked workers inherit the collection instead of receiving a copy of it."""
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    return context.Pool(
        workers,
        initializer=None if "fork" in methods else _install,
        initargs=() if "fork" in methods else (_RECORDS, _SETTINGS),
    )


def _install(records: list[Record], settings: ScanSettings) -> None:
    global _RECORDS, _SETTINGS
    _RECORDS, _SETTINGS = records, settings


def _signature(collection: list[Record], settings: ScanSettings) -> str:
    """A digest of the inputs and settings: finished blocks are reused only for the same."""
    digest = xxhash.xxh3_128(repr(settings).encode())
    for record in collection:
        digest.update(json.dumps([record.id, record.text, record.date]).encode())
    return digest.hexdigest()


class _Parts:
    """Finished alignment blocks on disk, each written whole or not at all."""

    def __init__(self, folder: Path, signature: str) -> None:
        self.folder = folder
        stamp = folder / "signature"
        if not stamp.is_file() or stamp.read_text() != signature:
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            stamp.write_text(signature)

    def _path(self, number: int) -> Path:
        return self.folder / f"block-{number:06d}.jsonl"

    def done(self, number: int) -> bool:
        return self._path(number).is_file()

    def write(self, number: int, rows: list[PassagePair]) -> None:
        partial = self._path(number).with_suffix(".partial")
        partial.write_text("".join(json.dumps(row.to_dict()) + "\n" for row in rows))
        partial.replace(self._path(number))  # atomic: a block is there whole or not at all

    def read(self, blocks: int) -> Iterator[PassagePair]:
        for number in range(blocks):
            with self._path(number).open(encoding="utf-8") as lines:
                for line in lines:
                    yield PassagePair(**json.loads(line))
