"""Speed in every script: tokenizing, fingerprinting (what ``index add`` and ``query``
do to each document), compare, and an archive's add and query, per 1,000
Latin-equivalent characters, beside English in the same run.

The texts are the fixtures of ``tests/fixtures/languages/`` (one news story written
in 18 languages): the five paragraphs three times over as one document (about a news
article's length, so the per-document cost of identifying the language counts as it
would), and for compare the derived
text of the tests (a verbatim and a near-verbatim paragraph) against the source.
For the archive, 40 documents (the five paragraphs in other orders, each numbered)
are added to an archive in memory with the source, and the derived text is queried:
the source must come first.

    python bench/bench_languages.py [--repeat N]
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable, Iterator
from functools import partial
from itertools import count
from pathlib import Path

from textreuse import Archive, compare
from textreuse.fingerprint import FingerprintSettings, document_fingerprints
from textreuse.model import Record
from textreuse.text import latin_equivalent, tokenize

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "languages"


def seconds_of(work: Callable[[], object], inner: int) -> float:
    started = time.perf_counter()
    for _ in range(inner):
        work()
    return (time.perf_counter() - started) / inner


def best_beside_english(
    work: Callable[[], object], english: Callable[[], object], repeat: int, inner: int
) -> tuple[float, float]:
    """Best seconds per call of ``work`` and of the same work in English, timed in
    turn, so that both see the same load on a shared machine."""
    work(), english()  # warm the caches a long run would have warm
    best, best_english = float("inf"), float("inf")
    for _ in range(repeat):
        best_english = min(best_english, seconds_of(english, inner))
        best = min(best, seconds_of(work, inner))
    return best, best_english


def archive_round(paragraphs: list[str], derived: str, numbers: Iterator[int]) -> int:
    """Add 40 documents and the source to a new archive, query the derived text, and
    return the characters added and queried; the source must rank first."""
    number = next(numbers)
    rng = random.Random(number)
    records = [Record("source", f"{number} " + "\n\n".join(paragraphs[:3]))]
    for index in range(40):
        shuffled = rng.sample(paragraphs, len(paragraphs))
        text = f"{number}.{index} " + "\n\n".join(shuffled[:2])
        records.append(Record(f"other-{index}", text))
    archive = Archive.open(":memory:")
    try:
        archive.add(records)
        result = archive.query(f"{number} {derived}")
    finally:
        archive.close()
    best = result.sources[0].record.id if result.sources else None
    if best != "source":
        raise SystemExit(f"the archive ranked {best} first, not the source")
    return sum(len(record.text) for record in records) + len(derived)


def fresh(step: Callable[[str], object], text: str, numbers: Iterator[int]) -> object:
    """``step`` on ``text`` under a new number: a text seen before is remembered (its
    language, its prepared form), and each call here must be a new document."""
    return step(f"{next(numbers)} {text}")


def fresh_compare(derived: str, source: str, numbers: Iterator[int]) -> object:
    number = next(numbers)
    return compare(f"{number} {derived}", f"{number} {source}")


Workloads = dict[str, tuple[Callable[[], object], float]]


def workloads(path: Path) -> Workloads:
    """Each measured step on one fixture: the work and its size in 1,000 Latin-equivalent
    characters."""
    settings = FingerprintSettings()
    a, b, c, d, e = (p.strip() for p in path.read_text(encoding="utf-8").split("\n\n"))
    text = "\n\n".join([a, b, c, d, e] * 3)  # about a news article's length
    source, derived = "\n\n".join([a, b, c]), "\n\n".join([d, b, c])
    weight = latin_equivalent(text) / 1000
    archive_chars = archive_round([a, b, c, d, e], derived, iter([0]))
    return {
        "tokenize": (partial(fresh, tokenize, text, count()), len(text) * weight),
        "fingerprint": (
            partial(fresh, partial(document_fingerprints, settings=settings), text, count()),
            len(text) * weight,
        ),
        # A new number each call: prepared documents are remembered, and here they must
        # be prepared afresh, as a new pair would be.
        "compare": (
            partial(fresh_compare, derived, source, count()),
            (len(source) + len(derived)) * weight,
        ),
        "archive": (
            partial(archive_round, [a, b, c, d, e], derived, count(1)),
            archive_chars * weight,
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    english = workloads(FIXTURES / "en.txt")
    steps = list(english)
    print("microseconds per 1,000 Latin-equivalent characters (ratio to English, timed in turn)")
    print(f"{'lang':<5} " + " ".join(f"{step:>16}" for step in steps))
    ratios: dict[str, list[float]] = {}
    for path in sorted(FIXTURES.glob("*.txt")):
        cells, ratios[path.stem] = [], []
        for step, (work, units) in workloads(path).items():
            english_work, english_units = english[step]
            inner = 3 if step == "archive" else 20
            seconds, english_seconds = best_beside_english(work, english_work, args.repeat, inner)
            ratio = (seconds / units) / (english_seconds / english_units)
            ratios[path.stem].append(ratio)
            cells.append(f"{seconds / units * 1e6:>8.0f} ({ratio:>4.2f}x)")
        print(f"{path.stem:<5} " + " ".join(f"{cell:>16}" for cell in cells))
    for index, step in enumerate(steps[1:], start=1):
        worst = max(ratios, key=lambda k: ratios[k][index])
        print(f"slowest {step}: {worst} at {ratios[worst][index]:.2f}x English")


if __name__ == "__main__":
    main()
