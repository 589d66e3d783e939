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
from pathlib import Path

from textreuse import Archive, compare
from textreuse.fingerprint import FingerprintSettings, document_fingerprints
from textreuse.model import Record
from textreuse.text import latin_equivalent, tokenize

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "languages"


def best_seconds(work: Callable[[], object], repeat: int, inner: int = 20) -> float:
    work()  # warm the caches a long run would have warm
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        for _ in range(inner):
            work()
        best = min(best, (time.perf_counter() - started) / inner)
    return best


def archive_round(paragraphs: list[str], derived: str, numbers: Iterator[int]) -> int:
    """Add 40 documents and the source to a new archive, query the derived text, and
    return the characters added and queried; the source must rank first."""
    number = next(numbers)
    rng = random.Random(number)
    records = [Record("source", "\n\n".join(paragraphs[:3]) + f" {number}")]
    for index in range(40):
        shuffled = rng.sample(paragraphs, len(paragraphs))
        records.append(Record(f"other-{index}", "\n\n".join(shuffled[:2]) + f" {index}"))
    archive = Archive.open(":memory:")
    try:
        archive.add(records)
        result = archive.query(derived + f" {number}")
    finally:
        archive.close()
    best = result.sources[0].record.id if result.sources else None
    if best != "source":
        raise SystemExit(f"the archive ranked {best} first, not the source")
    return sum(len(record.text) for record in records) + len(derived)


def fresh_compare(derived: str, source: str, numbers: Iterator[int]) -> object:
    number = next(numbers)
    return compare(f"{derived} {number}", f"{source} {number}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    rows = {}
    settings = FingerprintSettings()
    for path in sorted(FIXTURES.glob("*.txt")):
        a, b, c, d, e = (p.strip() for p in path.read_text(encoding="utf-8").split("\n\n"))
        text = "\n\n".join([a, b, c, d, e] * 3)  # about a news article's length
        source, derived = "\n\n".join([a, b, c]), "\n\n".join([d, b, c])
        units = len(text) * latin_equivalent(text) / 1000
        pair_units = (len(source) + len(derived)) * latin_equivalent(source) / 1000
        tokenize_s = best_seconds(partial(tokenize, text), args.repeat) / units
        fingerprint_s = (
            best_seconds(partial(document_fingerprints, text, settings), args.repeat) / units
        )
        # A new number each call: prepared documents are remembered, and here they must
        # be prepared afresh, as a new pair would be.
        work = partial(fresh_compare, derived, source, iter(range(10**9)))
        compare_s = best_seconds(work, args.repeat) / pair_units
        paragraphs = [a, b, c, d, e]
        archive_chars = archive_round(paragraphs, derived, iter([0]))
        archive_units = archive_chars * latin_equivalent(source) / 1000
        work = partial(archive_round, paragraphs, derived, iter(range(1, 10**9)))
        archive_s = best_seconds(work, max(1, args.repeat // 2), inner=2) / archive_units
        rows[path.stem] = (tokenize_s, fingerprint_s, compare_s, archive_s)
    english = rows["en"]
    print("microseconds per 1,000 Latin-equivalent characters (ratio to English)")
    print(f"{'lang':<5} {'tokenize':>16} {'fingerprint':>16} {'compare':>16} {'archive':>16}")
    for language, figures in rows.items():
        cells = [
            f"{value * 1e6:>8.0f} ({value / base:>4.2f}x)"
            for value, base in zip(figures, english, strict=True)
        ]
        print(f"{language:<5} " + " ".join(f"{cell:>16}" for cell in cells))
    worst = max(rows, key=lambda k: rows[k][1] / english[1])
    print(f"slowest fingerprinting: {worst} at {rows[worst][1] / english[1]:.2f}x English")
    worst = max(rows, key=lambda k: rows[k][3] / english[3])
    print(f"slowest archive add and query: {worst} at {rows[worst][3] / english[3]:.2f}x English")


if __name__ == "__main__":
    main()
