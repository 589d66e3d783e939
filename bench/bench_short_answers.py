"""Short answers written from Wikipedia (Clough and Stevenson 2011): how far the
derived share tells cut-and-paste, light and heavy revision and independent answers
apart, textreuse beside word 3-gram containment in the same run.

Each of the 95 answers is compared with the Wikipedia article of its task. Binary
(plagiarised or not) and 4-class accuracy use thresholds on the derived share chosen
on the other 94 answers (leave-one-out): the classes in the order the share would
rank them, non < heavy < light < cut.

    python bench/bench_short_answers.py
"""

from __future__ import annotations

import csv
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from corpora import trigram_spans
from textreuse import compare
from textreuse.model import covered_chars

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "clough-stevenson-short-answer"
CLASSES = ("non", "heavy", "light", "cut")


def read(path: Path) -> str:
    return path.read_bytes().decode("cp1252", errors="replace")


def trigram_share(derived: str, source: str) -> float:
    return covered_chars(trigram_spans(derived, [source])) / len(derived)


def textreuse_share(derived: str, source: str) -> float:
    return compare(derived, source).derived_coverage


def best_cuts(shares: np.ndarray, labels: np.ndarray, classes: int) -> list[float]:
    """The thresholds (one fewer than classes) with the most answers classed right,
    classes rising with the share: the best split of the sorted shares into runs, by
    dynamic programming, cut only between different shares, each cut half-way."""
    order = np.argsort(shares, kind="stable")
    values, ordered = shares[order], labels[order]
    n = len(values)
    allowed = [0, *(i for i in range(1, n) if values[i] > values[i - 1]), n]
    hits = np.zeros((classes, n + 1), dtype=np.int64)
    for label in range(classes):
        hits[label, 1:] = np.cumsum(ordered == label)
    best = {(0, i): int(hits[0, i]) for i in allowed}
    back: dict[tuple[int, int], int] = {}
    for label in range(1, classes):
        for i in allowed:
            choices = [
                (best[(label - 1, j)] + int(hits[label, i] - hits[label, j]), j)
                for j in allowed
                if j <= i
            ]
            best[(label, i)], back[(label, i)] = max(choices)
    cuts, i = [], n
    for label in range(classes - 1, 0, -1):
        j = back[(label, i)]
        cut = 1.01 if j == n else (0.0 if j == 0 else float(values[j - 1] + values[j]) / 2)
        cuts.append(cut)
        i = j
    return sorted(cuts)


def leave_one_out(shares: np.ndarray, labels: np.ndarray, classes: int) -> float:
    right = 0
    for k in range(len(shares)):
        others = np.arange(len(shares)) != k
        cuts = best_cuts(shares[others], labels[others], classes)
        right += int(np.searchsorted(cuts, shares[k], side="right") == labels[k])
    return right / len(shares)


def main() -> None:
    if not CORPUS.is_dir():
        sys.exit(f"{CORPUS} is not there: the benchmark needs ../shared beside the clone")
    folder = CORPUS / "corpus-20090418"
    with (CORPUS / "file_list.DERIVED.csv").open(encoding="utf-8") as listing:
        rows = [r for r in csv.DictReader(listing) if r["Category"] in CLASSES]
    pairs = [(read(folder / r["File"]), read(folder / f"orig_task{r['Task']}.txt")) for r in rows]
    labels = np.array([CLASSES.index(r["Category"]) for r in rows])
    methods: dict[str, Callable[[str, str], float]] = {
        "word 3-grams": trigram_share,
        "textreuse": textreuse_share,
    }
    print(
        f"{len(rows)} answers: "
        + ", ".join(f"{(labels == k).sum()} {c}" for k, c in enumerate(CLASSES))
    )
    print(
        f"{'method':<14} {'binary':>7} {'4-class':>8} "
        + " ".join(f"{c:>6}" for c in CLASSES)
        + f" {'pairs/s':>8}"
    )
    for name, method in methods.items():
        started = time.perf_counter()
        shares = np.array([method(d, s) for d, s in pairs])
        rate = len(pairs) / (time.perf_counter() - started)
        binary = leave_one_out(shares, (labels > 0).astype(int), 2)
        four = leave_one_out(shares, labels, 4)
        means = " ".join(f"{shares[labels == k].mean():>6.2f}" for k in range(4))
        print(f"{name:<14} {binary:>7.3f} {four:>8.3f} {means} {rate:>8.1f}")
    print("(mean derived share per class in the class columns)")


if __name__ == "__main__":
    main()
