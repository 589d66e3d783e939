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

    python bench/bench_length.py [--sizes 250000,500000,1000000,2000000] [--shapes ...]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

SHAPES = ("prose", "blank-lines", "one-sentence", "same-sentence", "full-stops")
_CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, {bench!r})
shape, size, step = sys.argv[1], int(sys.argv[2]), sys.argv[3]
from bench_length import make_text, edited
text = make_text(shape, size)
started = time.perf_counter()
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


def edited(text: str) -> str:
    """The text with every fiftieth space-separated word replaced."""
    words = text.split(" ")
    words[::50] = ["replaced"] * len(words[::50])
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="250000,500000,1000000,2000000")
    parser.add_argument("--shapes", default=",".join(SHAPES))
    parser.add_argument("--steps", default="compare,index-add")
    parser.add_argument("--timeout", type=float, default=300)
    args = parser.parse_args()
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
