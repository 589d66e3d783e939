"""The compiled kernels against their Python references, in one run: two worker
processes, one per implementation (``TEXTREUSE_IMPLEMENTATION``), each timing
``compare`` over the same pairs in turn, pass after pass, so that the machine's drift
falls on both alike. Prints pairs/s for each (best and median pass) and the ratios.

    python bench/bench_kernels.py [--passes 5] [--meter-pairs 1500] [--bbc-pairs 200]
    python bench/bench_kernels.py --before DIR [...]

The pairs: METER's stories against their Press Association sources (real reuse; a
source is aligned with several stories, as in a query) and the planted BBC pairs of
``bench_compare.py`` (seed 7; every document new to the aligner). Each worker
compares every pair once before timing, so both start with the same caches.

``--before DIR`` times another checkout instead of the Python references: DIR is a
clone or ``git worktree`` of an earlier commit, its kernels built in place
(``python setup.py build_ext --inplace``), and its worker imports ``DIR/src``. That is
how a change's speed-up is measured: old and new code in turn, in one run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

IMPLEMENTATIONS = ("python", "compiled")


def _pair_sets(meter_pairs: int, bbc_pairs: int) -> dict[str, list[tuple[str, str]]]:
    import bench_compare
    import bench_meter

    meter = [
        (story.text, source) for story in bench_meter.stories(None) for source in story.sources
    ]
    planted = bench_compare.make_pairs(bench_compare.load_articles(), bbc_pairs, 7)
    return {
        "meter": meter[:meter_pairs],
        "bbc": [(pair.derived, pair.source) for pair in planted],
    }


def _work(meter_pairs: int, bbc_pairs: int) -> None:
    """A worker: warm up, say ready, then time one pass per set named on stdin."""
    from textreuse import compare

    sets = _pair_sets(meter_pairs, bbc_pairs)
    for pairs in sets.values():
        for derived, source in pairs:
            compare(derived, source)
    print("ready", flush=True)
    for line in sys.stdin:
        pairs = sets[line.strip()]
        started = time.perf_counter()
        for derived, source in pairs:
            compare(derived, source)
        print(len(pairs) / (time.perf_counter() - started), flush=True)


def _start(name: str, environment: dict[str, str], arguments: list[str]) -> subprocess.Popen[str]:
    worker = subprocess.Popen(
        [sys.executable, __file__, "--worker", *arguments],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=environment,
        cwd=Path(__file__).parent,
    )
    assert worker.stdout is not None
    if worker.stdout.readline().strip() != "ready":
        sys.exit(f"bench_kernels.py: the {name} worker did not start")
    return worker


def _environments(before: Path | None) -> dict[str, dict[str, str]]:
    """Each worker's name and environment: the two implementations of this checkout,
    or the checkout at ``before`` and this one."""
    if before is None:
        return {name: {**os.environ, "TEXTREUSE_IMPLEMENTATION": name} for name in IMPLEMENTATIONS}
    if not (before / "src" / "textreuse").is_dir():
        sys.exit(f"bench_kernels.py: {before} holds no src/textreuse (a textreuse checkout?)")
    here = Path(__file__).resolve().parents[1] / "src"
    return {
        "before": {**os.environ, "PYTHONPATH": str(before.resolve() / "src")},
        "now": {**os.environ, "PYTHONPATH": str(here)},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--passes", type=int, default=5, help="timed passes per set (best counts)")
    parser.add_argument("--meter-pairs", type=int, default=1500, help="METER pairs (default 1500)")
    parser.add_argument(
        "--bbc-pairs", type=int, default=200, help="planted BBC pairs (default 200)"
    )
    parser.add_argument("--before", type=Path, help="an earlier checkout to time against this one")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    sizes = [str(args.meter_pairs), str(args.bbc_pairs)]
    if args.worker:
        _work(args.meter_pairs, args.bbc_pairs)
        return
    workers = {
        name: _start(name, environment, ["--meter-pairs", sizes[0], "--bbc-pairs", sizes[1]])
        for name, environment in _environments(args.before).items()
    }
    names = list(workers)
    labels = {"meter": f"METER ({args.meter_pairs})", "bbc": f"BBC planted ({args.bbc_pairs})"}
    sizes_of = {"meter": args.meter_pairs, "bbc": args.bbc_pairs}
    labels = {name: label for name, label in labels.items() if sizes_of[name] > 0}
    rates: dict[tuple[str, str], list[float]] = {}
    for done in range(args.passes):
        for set_name in labels:
            for name, worker in workers.items():
                assert worker.stdin is not None and worker.stdout is not None
                worker.stdin.write(set_name + "\n")
                worker.stdin.flush()
                rates.setdefault((name, set_name), []).append(float(worker.stdout.readline()))
        print(f"pass {done + 1} of {args.passes}", file=sys.stderr)
    for worker in workers.values():
        assert worker.stdin is not None
        worker.stdin.close()
        worker.wait()
    print(f"{args.passes} interleaved passes, pairs/s ({os.cpu_count()} CPUs): best, then median")
    print(f"{'pairs':<24}{names[0]:>10}{names[1]:>10}{'ratio':>8}")
    for set_name, label in labels.items():
        for kind, pick in (("best", max), ("median", statistics.median)):
            first, second = (pick(rates[(name, set_name)]) for name in names)
            row = f"{label} {kind}"
            print(f"{row:<24}{first:>10.1f}{second:>10.1f}{second / first:>7.2f}x")


if __name__ == "__main__":
    main()
