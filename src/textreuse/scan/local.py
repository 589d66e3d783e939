"""The local scan engine: the pure steps of :mod:`textreuse.scan.steps` over a process pool.

The workers are forked with the collection held as one buffer
(:class:`~textreuse.scan.collection.Collection`), so they share its texts instead of
each copying them.

Alignment, the slow step, runs in blocks of candidate pairs; each finished block is
written to ``OUT/.parts/`` at once, so a scan that is interrupted picks up where it
stopped when run again with the same inputs and settings (a signature of both is
kept beside the blocks; anything else starts afresh).
"""

from __future__ import annotations

import json
import multiprocessing
import multiprocessing.pool
import os
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import ClassVar

import numpy as np
import xxhash

from textreuse.fingerprint import FingerprintArray, PositionArray, located_fingerprints
from textreuse.model import PassagePair, Record
from textreuse.scan.collection import Collection
from textreuse.scan.output import ScanSummary, finish_scan
from textreuse.scan.settings import ScanSettings
from textreuse.scan.steps import Located, align_pair, candidate_pairs, worth_aligning
from textreuse.text.tokens import IntArray

BLOCK_PAIRS = 500
Progress = Callable[[str, int, "int | None"], None]
"""Called as ``progress(step, done, total)`` while a scan works."""


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
    started = time.perf_counter()
    settings = settings or ScanSettings()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    collection = Collection.of(records)
    workers = workers or os.cpu_count() or 1
    report = progress or (lambda step, done, total: None)
    with _pool(workers, collection, settings) as pool:
        located = _fingerprint_all(pool, len(collection), workers, report)
        pairs = _candidates(located, settings)
        del located  # gigabytes at a million documents, not needed to align
        parts = _Parts(out / ".parts", _signature(collection, settings))
        blocks = _align_all(pool, pairs, parts, report)
    summary = finish_scan(
        out,
        collection,
        list(parts.read(blocks)),
        engine="local",
        candidate_pairs=len(pairs),
        seconds=time.perf_counter() - started,
        include_text=settings.include_text,
    )
    shutil.rmtree(parts.folder, ignore_errors=True)
    return summary


class _Fingerprinted:
    """Every document's fingerprints and their positions, as two arrays for the whole
    collection: a million documents as two million small arrays would cost more in
    object headers than in fingerprints."""

    def __init__(self, hashes: FingerprintArray, positions: PositionArray, counts: IntArray):
        """Document ``n`` holds ``counts[n]`` fingerprints, after those of the ones before."""
        self.hashes, self.positions, self.counts = hashes, positions, counts
        self._offsets = np.r_[0, np.cumsum(counts)]

    def __getitem__(self, number: int) -> Located:
        start, end = self._offsets[number], self._offsets[number + 1]
        return self.hashes[start:end], self.positions[start:end]


def _fingerprint_all(
    pool: multiprocessing.pool.Pool, count: int, workers: int, report: Progress
) -> _Fingerprinted:
    size = max(1, min(200, count // (workers * 4) or 1))
    blocks = [range(start, min(start + size, count)) for start in range(0, count, size)]
    hashes: list[FingerprintArray] = []
    positions: list[PositionArray] = []
    counts: list[IntArray] = []
    done = 0
    for block_hashes, block_positions, block_counts in pool.imap(_fingerprint_block, blocks):
        hashes.append(block_hashes)
        positions.append(block_positions)
        counts.append(block_counts)
        done += len(block_counts)
        report("fingerprinting", done, count)
    if not counts:
        return _Fingerprinted(*(np.zeros(0, dtype=np.int64) for _ in range(3)))
    # One list let go before the next is joined: the two copies of all fingerprints
    # never coexist with two of all positions.
    all_hashes = np.concatenate(hashes)
    hashes.clear()
    all_positions = np.concatenate(positions)
    positions.clear()
    return _Fingerprinted(all_hashes, all_positions, np.concatenate(counts))


def _candidates(located: _Fingerprinted, settings: ScanSettings) -> IntArray:
    """The document pairs worth aligning, as an ``(n, 2)`` array of document numbers."""
    numbers = np.repeat(np.arange(len(located.counts), dtype=np.int32), located.counts)
    candidates, _ = candidate_pairs(
        located.hashes,
        numbers,
        max_document_frequency=settings.max_document_frequency,
        min_shared=settings.min_shared_fingerprints,
    )
    if not len(candidates):
        return candidates
    worth = [worth_aligning(located[a], located[b], settings) for a, b in candidates.tolist()]
    return candidates[worth]


def _align_all(
    pool: multiprocessing.pool.Pool, pairs: IntArray, parts: _Parts, report: Progress
) -> int:
    """Align the blocks of pairs not done yet, writing each as it finishes; the block count."""
    blocks = [pairs[i : i + BLOCK_PAIRS] for i in range(0, len(pairs), BLOCK_PAIRS)]
    todo = [n for n in range(len(blocks)) if not parts.done(n)]
    done_pairs = sum(len(blocks[n]) for n in range(len(blocks)) if parts.done(n))
    report("aligning", done_pairs, len(pairs))
    jobs = ((n, blocks[n]) for n in todo)
    for number, rows in pool.imap_unordered(_align_block, jobs):
        parts.write(number, rows)
        done_pairs += len(blocks[number])
        report("aligning", done_pairs, len(pairs))
    return len(blocks)


class _Installed:
    """The collection as a worker process sees it, installed once per worker."""

    collection: ClassVar[Collection] = Collection.of([])
    settings: ClassVar[ScanSettings] = ScanSettings()

    @classmethod
    def install(cls, collection: Collection, settings: ScanSettings) -> None:
        cls.collection, cls.settings = collection, settings


def _pool(
    workers: int, collection: Collection, settings: ScanSettings
) -> multiprocessing.pool.Pool:
    """Worker processes holding the collection: forked workers inherit it instead of
    receiving a copy, elsewhere it is sent once to each."""
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    return context.Pool(workers, initializer=_Installed.install, initargs=(collection, settings))


def _fingerprint_block(numbers: range) -> tuple[FingerprintArray, PositionArray, IntArray]:
    """The fingerprints and positions of documents ``numbers``, one after another, and
    how many each document has."""
    settings = _Installed.settings
    located = [
        located_fingerprints(
            _Installed.collection.text(number), settings.fingerprints, settings.align.language
        )
        for number in numbers
    ]
    counts = np.fromiter((len(h) for h, _ in located), dtype=np.int64, count=len(located))
    # Positions are content-word numbers: 32 bits hold them at half the memory.
    return (
        np.concatenate([h for h, _ in located]),
        np.concatenate([p for _, p in located]).astype(np.int32),
        counts,
    )


def _align_block(job: tuple[int, IntArray]) -> tuple[int, list[PassagePair]]:
    number, block = job
    collection, settings = _Installed.collection, _Installed.settings
    rows: list[PassagePair] = []
    for a, b in block.tolist():
        rows.extend(align_pair(collection[a], collection[b], settings.align))
    return number, rows


def _signature(collection: Collection, settings: ScanSettings) -> str:
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
                    yield PassagePair.from_dict(json.loads(line))
