"""Cost by input length and shape: ``compare`` and ``index add`` on 0.25 to 2 million
characters of each hostile shape, with time and peak memory, and the growth from one
size to the next (linear work doubles).

Shapes: prose with single line breaks and with blank lines (BBC articles run
together), one sentence with no full stop, the same sentence over and over, and a few
sentences followed by a run of full stops. ``compare`` aligns each text with a copy
in which every fiftieth word is replaced; ``index add`` stores the text in a new
archive. Each measurement runs in a fresh process, so peak memory (``ru_maxrss``) is
its own; a run over ``--timeout`` seconds is stopped and shown as such. "growth" is
the time over the previous size's: 2x for each doubling is linear.

``--planted`` measures instead how well long documents keep what matters: two
unrelated texts of BBC articles of each size (business and entertainment against
sport and tech), with paragraphs of BBC politics articles planted in both (one per
10,000 characters, at least one, at most 100; half verbatim, half with every
twentieth word replaced in the derived copy). It prints the recall of the planted
characters on the derived side, the precision of what was reported there, time and
peak memory at each size, and the growth in time from each size to the next.

    python bench/bench_length.py [--sizes 250000,500000,1000000,2000000] [--shapes ...]
    python bench/bench_length.py --planted [--sizes 2000,20000,200000,2000000]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textreuse.model import Passage

SHAPES = ("prose", "blank-lines", "one-sentence", "same-sentence", "full-stops")
_CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, {bench!r})
shape, size, step = sys.argv[1], int(sys.argv[2]), sys.argv[3]
from bench_length import make_text, edited
text = make_text(shape, size) if step != "planted" else ""
started = time.perf_counter()
if step == "planted":
    from bench_length import planted_pair, recall_and_precision
    derived, source, spans = planted_pair(size)
    from textreuse import compare
    started = time.perf_counter()
    found = compare(derived, source).passages
    seconds = time.perf_counter() - started
    recall, precision = recall_and_precision(found, spans)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps({"seconds": seconds, "peak": peak, "passages": len(found),
                      "recall": recall, "precision": precision}))
    sys.exit(0)
if step == "compare":
    from textreuse import compare
    passages = len(compare(edited(text), text).passages)
else:
    from textreuse import Archive
    from textreuse.model import Record
    archive = Archive.open(sys.argv[4])
    archive.add([Record("doc", text)])
    archive.close()
    passages = 0
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"seconds": seconds, "peak": peak, "passages": passages}))
"""


def make_text(shape: str, size: int) -> str:
    """``size`` characters of ``shape``."""
    if shape in ("prose", "blank-lines"):
        sys.path.insert(0, str(Path(__file__).parent))
        from corpora import bbc_articles

        joiner = "\n\n" if shape == "blank-lines" else "\n"
        pieces, total = [], 0
        articles = [text for _, text in bbc_articles()]
        while total < size:
            article = articles[len(pieces) % len(articles)]
            article = article if shape == "blank-lines" else article.replace("\n\n", "\n")
            pieces.append(article)
            total += len(article) + len(joiner)
        return joiner.join(pieces)[:size]
    if shape == "one-sentence":
        words = (f"word{index % 5000}" for index in range(size))
        return " ".join(words)[:size]
    if shape == "same-sentence":
        sentence = "The council met again today to discuss the budget. "
        return (sentence * (size // len(sentence) + 1))[:size]
    if shape == "full-stops":
        return "Five short sentences come first. " * 5 + "." * size
    msg = f"unknown shape {shape}"
    raise ValueError(msg)


def planted_pair(size: int) -> tuple[str, str, list[tuple[int, int]]]:
    """Two unrelated texts of about ``size`` characters with the same BBC paragraphs
    planted in both, and the planted spans in the derived text."""
    sys.path.insert(0, str(Path(__file__).parent))
    from corpora import bbc_articles

    # Backgrounds from different sections, so that they share no story (the sections
    # do not reprint each other's articles); planted paragraphs from a third.
    by_section: dict[str, list[str]] = {}
    for identifier, text in bbc_articles():
        by_section.setdefault(identifier.split("/")[0], []).append(text)
    paragraphs = [
        paragraph
        for article in by_section["politics"]
        for paragraph in article.split("\n\n")
        if 300 <= len(paragraph) <= 700
    ]
    count = max(1, min(100, size // 10_000))
    derived_parts = _background(
        by_section["business"] + by_section["entertainment"], size, count + 1
    )
    source_parts = _background(by_section["sport"] + by_section["tech"], size, count + 1)
    derived, source, spans = "", "", []
    for index in range(count + 1):
        derived += derived_parts[index]
        source += source_parts[index]
        if index < count:
            paragraph = paragraphs[index]
            copy = paragraph if index % 2 == 0 else edited(paragraph, every=20)
            spans.append((len(derived), len(derived) + len(copy)))
            derived += copy + "\n\n"
            source += paragraph + "\n\n"
    return derived, source, spans


def _background(articles: list[str], size: int, parts: int) -> list[str]:
    """``parts`` stretches of whole articles, about ``size`` characters in all."""
    text, used = "", 0
    while len(text) < size:
        text += articles[used % len(articles)] + "\n\n"
        used += 1
    cuts = [text.find("\n\n", size * k // parts) + 2 for k in range(1, parts)]
    bounds = [0, *cuts, min(len(text), size)]
    return [text[start:end] for start, end in pairwise(bounds)]


def recall_and_precision(
    passages: list[Passage], spans: list[tuple[int, int]]
) -> tuple[float, float]:
    """Share of planted characters the passages cover on the derived side, and share
    of the covered characters that were planted."""
    covered = {k for p in passages for k in range(p.derived.start, p.derived.end)}
    planted = {k for start, end in spans for k in range(start, end)}
    return len(covered & planted) / len(planted), len(covered & planted) / max(len(covered), 1)


def edited(text: str, every: int = 50) -> str:
    """The text with every fiftieth (or ``every``-th) space-separated word replaced."""
    words = text.split(" ")
    words[every // 2 :: every] = ["replaced"] * len(words[every // 2 :: every])
    return " ".join(words)


def measure(shape: str, size: int, step: str, timeout: float) -> dict[str, float] | None:
    with tempfile.TemporaryDirectory() as folder:
        child = _CHILD.replace("{bench!r}", repr(str(Path(__file__).parent)))
        command = [sys.executable, "-c", child, shape, str(size), step, f"{folder}/a.db"]
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=timeout, check=True
            )
        except subprocess.TimeoutExpired:
            return None
        except subprocess.CalledProcessError as error:
            sys.exit(f"{shape} {size} {step} failed:\n{error.stderr}")
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


DEFAULT_SIZES = "250000,500000,1000000,2000000"


def planted(sizes: list[int], timeout: float) -> None:
    """Recall, precision, time and memory of compare on planted pairs of each size."""
    header = ("chars", "planted", "recall", "precision", "seconds", "peak MiB")
    print(" ".join(f"{name:>10}" for name in header))
    times = []
    for size in sizes:
        figures = measure("planted", size, "planted", timeout)
        if figures is None:
            print(f"{size:>10,} over {timeout:.0f} s")
            return
        times.append(figures["seconds"])
        cells = (
            f"{size:,}",
            str(max(1, min(100, size // 10_000))),
            f"{figures['recall']:.3f}",
            f"{figures['precision']:.3f}",
            f"{figures['seconds']:.2f}",
            f"{figures['peak'] / 2**20:.0f}",
        )
        print(" ".join(f"{cell:>10}" for cell in cells))
    for (small, t_small), (large, t_large) in pairwise(zip(sizes, times, strict=True)):
        growth = t_large / t_small
        print(f"time {small:,} -> {large:,} chars: {growth:.1f}x for {large // small}x the length")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=DEFAULT_SIZES)
    parser.add_argument("--shapes", default=",".join(SHAPES))
    parser.add_argument("--steps", default="compare,index-add")
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--planted", action="store_true", help="recall of planted passages")
    args = parser.parse_args()
    if args.planted:
        sizes = (
            [int(size) for size in args.sizes.split(",")]
            if args.sizes != DEFAULT_SIZES
            else [2_000, 20_000, 200_000, 2_000_000]
        )
        planted(sizes, args.timeout)
        return
    sizes = [int(size) for size in args.sizes.split(",")]
    print(f"{'step':<10} {'shape':<14} {'chars':>9} {'seconds':>8} {'peak MiB':>9} {'growth':>7}")
    for step in args.steps.split(","):
        for shape in args.shapes.split(","):
            previous: float | None = None
            for size in sizes:
                figures = measure(shape, size, step.replace("index-add", "index"), args.timeout)
                if figures is None:
                    print(f"{step:<10} {shape:<14} {size:>9,} {'> ' + str(int(args.timeout)):>8}")
                    previous = None
                    continue
                seconds = figures["seconds"]
                growth = f"{seconds / previous:.2f}x" if previous else ""
                print(
                    f"{step:<10} {shape:<14} {size:>9,} {seconds:>8.2f} "
                    f"{figures['peak'] / 2**20:>9.0f} {growth:>7}"
                )
                previous = seconds


if __name__ == "__main__":
    main()
