"""Measure the aligner on a PAN text-alignment corpus, overall and per sub-corpus."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

from textreuse.alignment import AlignSettings, align
from textreuse.model import Passage
from textreuse.pan import Pair, check_bounds, load_corpus, write_detections
from textreuse.plagdet import Case, Measures, measure

Aligner = Callable[[str, str], list[Passage]]


@dataclass(frozen=True)
class SubcorpusScores:
    """Measures of one sub-corpus (one obfuscation type), and how it was run."""

    name: str
    measures: Measures
    pairs: int
    pairs_with_detections: int
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready values."""
        return {
            **self.measures.to_dict(),
            "pairs": self.pairs,
            "pairs_with_detections": self.pairs_with_detections,
            "seconds": round(self.seconds, 3),
        }


@dataclass(frozen=True)
class Scores:
    """The result of :func:`evaluate`."""

    overall: Measures
    by_subcorpus: dict[str, SubcorpusScores]
    pairs: int
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready values."""
        return {
            "overall": {**self.overall.to_dict(), "pairs": self.pairs},
            "by_subcorpus": {name: sub.to_dict() for name, sub in self.by_subcorpus.items()},
            "seconds": round(self.seconds, 3),
        }


def evaluate(
    corpus: str | Path,
    *,
    out_dir: str | Path | None = None,
    aligner: Aligner | None = None,
    settings: AlignSettings | None = None,
    workers: int | None = None,
    progress: bool = False,
    limit: int | None = None,
) -> Scores:
    """Align every pair of a PAN corpus and score the detections.

    Args:
        corpus: the corpus folder (see :mod:`textreuse.pan`).
        out_dir: if given, detections are written there as PAN XML.
        aligner: ``(suspicious_text, source_text) -> passages``; defaults to
            :func:`textreuse.alignment.align`. It must be picklable when ``workers > 1``.
        settings: aligner tuning, when the default aligner is used.
        workers: processes to align in; defaults to the number of cores, 1 runs in-process.
        progress: show a progress bar on standard error.
        limit: evaluate only the first ``limit`` pairs of each sub-corpus.

    Raises:
        CorpusError: the corpus is malformed.
    """
    started = time.perf_counter()
    loaded = load_corpus(corpus)
    pairs = _limited(loaded.pairs, limit)
    run = aligner or partial(align, settings=settings)
    workers = workers or os.cpu_count() or 1
    detections: dict[tuple[str, str], list[Case]] = {}
    seconds: dict[str, float] = {}
    with _progress_bar(progress) as bar:
        task = bar.add_task("aligning pairs", total=len(pairs))
        for pair, passages, elapsed in _align_all(pairs, run, workers):
            detections[pair.key] = [
                Case(pair.key, p.derived, p.source, pair.subcorpus) for p in passages
            ]
            seconds[pair.subcorpus] = seconds.get(pair.subcorpus, 0.0) + elapsed
            if out_dir is not None:
                write_detections(out_dir, pair, passages)
            bar.advance(task)

    by_subcorpus = {}
    for name in dict.fromkeys(pair.subcorpus for pair in pairs):
        members = [pair for pair in pairs if pair.subcorpus == name]
        found = [d for pair in members for d in detections[pair.key]]
        by_subcorpus[name] = SubcorpusScores(
            name=name,
            measures=measure([c for pair in members for c in pair.cases], found),
            pairs=len(members),
            pairs_with_detections=sum(1 for pair in members if detections[pair.key]),
            seconds=seconds.get(name, 0.0),
        )
    overall = measure(
        [c for pair in pairs for c in pair.cases],
        [d for found in detections.values() for d in found],
    )
    return Scores(overall, by_subcorpus, len(pairs), time.perf_counter() - started)


def _limited(pairs: tuple[Pair, ...], limit: int | None) -> list[Pair]:
    if limit is None:
        return list(pairs)
    taken: dict[str, int] = {}
    kept = []
    for pair in pairs:
        if taken.get(pair.subcorpus, 0) < limit:
            taken[pair.subcorpus] = taken.get(pair.subcorpus, 0) + 1
            kept.append(pair)
    return kept


def _align_all(
    pairs: list[Pair], aligner: Aligner, workers: int
) -> Iterator[tuple[Pair, list[Passage], float]]:
    job = partial(_align_pair, aligner=aligner)
    if workers == 1:
        for pair in pairs:
            yield pair, *job(pair)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        results = pool.map(job, pairs, chunksize=8)
        for pair, (passages, elapsed) in zip(pairs, results, strict=True):
            yield pair, passages, elapsed


def _align_pair(pair: Pair, aligner: Aligner) -> tuple[list[Passage], float]:
    """Read and align one pair; module-level so worker processes can run it."""
    suspicious, source = _read(pair.suspicious), _read(pair.source)
    check_bounds(pair, len(suspicious), len(source))
    started = time.perf_counter()
    passages = aligner(suspicious, source)
    return passages, time.perf_counter() - started


def _read(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as file:  # offsets count "\r\n" as two
        return file.read()


def _progress_bar(enabled: bool) -> Progress:
    return Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        disable=not enabled,
    )
