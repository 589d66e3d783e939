"""Measure an aligner on a PAN text-alignment corpus, overall and per sub-corpus.

Every pair is aligned (in worker processes unless ``workers=1``), its cases of reuse
(:func:`textreuse.model.reuse_cases`: the parts of one run of reuse joined) become
detections, and :func:`textreuse.plagdet.measure` scores them against the truth. A
sub-corpus with no cases (PAN's ``01-no-plagiarism``) has no recall or plagdet of its
own: what it measures is how many of its pairs got any detection at all, and its
detections count as false positives in the overall precision.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

from textreuse.aligner import AlignSettings, align
from textreuse.aligner.encoder import limit_threads
from textreuse.config import require_count
from textreuse.errors import ConfigError
from textreuse.evaluation.pan import Pair, load_corpus, write_detections
from textreuse.evaluation.plagdet import Case, Measures, measure
from textreuse.model import Passage, reuse_cases

Aligner = Callable[[str, str], Sequence[Passage]]
"""``(suspicious_text, source_text) -> passages``, like :func:`textreuse.aligner.align`."""


@dataclass(frozen=True)
class SubcorpusScores:
    """Measures of one sub-corpus (one obfuscation type), and how it was run.

    Attributes:
        name: the sub-corpus folder's name.
        measures: its detections scored against its cases.
        pairs: pairs evaluated.
        pairs_with_detections: pairs for which the aligner reported anything.
        seconds: time spent aligning its pairs, summed over the worker processes.
    """

    name: str
    measures: Measures
    pairs: int
    pairs_with_detections: int
    seconds: float

    @property
    def detection_share(self) -> float:
        """Share of the pairs with any detection: the false alarm rate where there are no cases."""
        return self.pairs_with_detections / self.pairs if self.pairs else 0.0

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready values."""
        return {
            **self.measures.to_dict(),
            "pairs": self.pairs,
            "pairs_with_detections": self.pairs_with_detections,
            "detection_share": self.detection_share,
            "seconds": round(self.seconds, 3),
        }


@dataclass(frozen=True)
class Scores:
    """The result of :func:`evaluate`: overall measures, per sub-corpus, and timing."""

    overall: Measures
    by_subcorpus: dict[str, SubcorpusScores]
    pairs: int
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready values (undefined measures become ``null``)."""
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
        corpus: the corpus folder (layout in :mod:`textreuse.evaluation.pan`).
        out_dir: if given, each pair's detections are written there as PAN XML.
        aligner: ``(suspicious_text, source_text) -> passages``; defaults to
            :func:`textreuse.aligner.align`. With ``workers > 1`` it is sent to worker
            processes, so it must be picklable (a module-level function or a partial).
        settings: tuning for the default aligner; not allowed with ``aligner``.
        workers: processes to align in; defaults to the number of cores, 1 runs in-process.
        progress: show a progress bar on standard error.
        limit: evaluate only the first ``limit`` pairs of each sub-corpus (a quick check).

    Returns:
        Measures overall and per sub-corpus, pair counts and times.

    Raises:
        CorpusError: the corpus is malformed (the message names the file).
        ConfigError: ``workers`` or ``limit`` below 1, or ``settings`` with ``aligner``.
    """
    if workers is not None:
        require_count("evaluate", "workers", workers, minimum=1)
    if limit is not None:
        require_count("evaluate", "limit", limit, minimum=1)
    if aligner is not None and settings is not None:
        msg = "settings tune the default aligner; pass them inside your own aligner instead"
        raise ConfigError(msg)
    semantic = aligner is None and settings is not None and settings.semantic
    if aligner is None:
        aligner = partial(align, settings=settings)
    started = time.perf_counter()
    pairs = _limited(load_corpus(corpus).pairs, limit)
    detections: dict[tuple[str, str], list[Case]] = {}
    seconds: dict[str, float] = {}
    with _progress_bar(progress) as bar:
        task = bar.add_task("aligning pairs", total=len(pairs))
        runs = _align_all(pairs, aligner, workers or os.cpu_count() or 1, semantic=semantic)
        for pair, passages, elapsed in runs:
            detections[pair.key] = [
                Case(pair.key, derived, source) for derived, source in reuse_cases(passages)
            ]
            seconds[pair.subcorpus] = seconds.get(pair.subcorpus, 0.0) + elapsed
            if out_dir is not None:
                write_detections(out_dir, pair, passages)
            bar.advance(task)
    return _scores(pairs, detections, seconds, time.perf_counter() - started)


def _scores(
    pairs: list[Pair],
    detections: dict[tuple[str, str], list[Case]],
    seconds: dict[str, float],
    elapsed: float,
) -> Scores:
    """The detections of every pair measured against the truth, overall and per sub-corpus."""
    by_subcorpus = {}
    for name in dict.fromkeys(pair.subcorpus for pair in pairs):
        members = [pair for pair in pairs if pair.subcorpus == name]
        by_subcorpus[name] = SubcorpusScores(
            name=name,
            measures=measure(
                [case for pair in members for case in pair.cases],
                [found for pair in members for found in detections[pair.key]],
            ),
            pairs=len(members),
            pairs_with_detections=sum(1 for pair in members if detections[pair.key]),
            seconds=seconds.get(name, 0.0),
        )
    overall = measure(
        [case for pair in pairs for case in pair.cases],
        [found for pair in pairs for found in detections[pair.key]],
    )
    return Scores(overall, by_subcorpus, len(pairs), elapsed)


def _limited(pairs: Sequence[Pair], limit: int | None) -> list[Pair]:
    """The first ``limit`` pairs of each sub-corpus, in corpus order."""
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
    pairs: list[Pair], aligner: Aligner, workers: int, *, semantic: bool
) -> Iterator[tuple[Pair, Sequence[Passage], float]]:
    """Align the pairs, yielding them in corpus order with their passages and time."""
    job = partial(_align_pair, aligner=aligner)
    workers = min(workers, len(pairs))
    if workers <= 1:
        for pair in pairs:
            yield pair, *job(pair)
        return
    # Each worker may load a sentence encoder: share the cores out instead of letting
    # every torch runtime claim all of them.
    threads = max(1, (os.cpu_count() or 1) // workers)
    # Chunks big enough to amortise pickling, small enough to balance the load and keep
    # the progress bar moving.
    chunksize = max(1, min(32, len(pairs) // (workers * 8)))
    with ProcessPoolExecutor(
        max_workers=workers,
        initializer=partial(limit_threads, threads) if semantic else None,
    ) as pool:
        results = pool.map(job, pairs, chunksize=chunksize)
        for pair, (passages, elapsed) in zip(pairs, results, strict=True):
            yield pair, passages, elapsed


def _align_pair(pair: Pair, aligner: Aligner) -> tuple[Sequence[Passage], float]:
    """Read and align one pair; module-level so worker processes can run it."""
    suspicious, source = pair.read_texts()
    started = time.perf_counter()
    passages = aligner(suspicious, source)
    return passages, time.perf_counter() - started


def _progress_bar(enabled: bool) -> Progress:
    return Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        disable=not enabled,
    )
