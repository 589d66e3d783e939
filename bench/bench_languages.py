"""Speed in every script: tokenizing, fingerprinting (what ``index add`` and ``query``
do to each document) and compare, per 1,000 Latin-equivalent characters, beside
English in the same run.

The texts are the fixtures of ``tests/fixtures/languages/`` (one news story written
in 18 languages): the five paragraphs three times over as one document (about a news
article's length, so the per-document cost of identifying the language counts as it
would), and for compare the derived
text of the tests (a verbatim and a near-verbatim paragraph) against the source.

    python bench/bench_languages.py [--repeat N]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

from textreuse import compare
from textreuse.fingerprint import FingerprintSettings, document_fingerprints
from textreuse.text import latin_equivalent, tokenize

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "languages"


def best_seconds(work: Callable[[], object], repeat: int) -> float:
    work()  # warm the caches a long run would have warm
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        for _ in range(20):
            work()
        best = min(best, (time.perf_counter() - started) / 20)
    return best


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
        rows[path.stem] = (tokenize_s, fingerprint_s, compare_s)
    english = rows["en"]
    print("microseconds per 1,000 Latin-equivalent characters (ratio to English)")
    print(f"{'lang':<5} {'tokenize':>16} {'fingerprint':>16} {'compare':>16}")
    for language, figures in rows.items():
        cells = [
            f"{value * 1e6:>8.0f} ({value / base:>4.2f}x)"
            for value, base in zip(figures, english, strict=True)
        ]
        print(f"{language:<5} " + " ".join(f"{cell:>16}" for cell in cells))
    worst = max(rows, key=lambda k: rows[k][1] / english[1])
    print(f"slowest fingerprinting: {worst} at {rows[worst][1] / english[1]:.2f}x English")


if __name__ == "__main__":
    main()
