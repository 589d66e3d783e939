"""Throughput of ``textreuse.compare`` against text-matcher on news-sized pairs.

Each pair is a BBC article with one to three passages (runs of sentences, 150-600
characters) planted from another BBC article at known offsets: some verbatim, some
with a few words changed. Both tools get the same pairs in one run; the script prints
pairs per second, the share of planted passages each tool found, and the ratio.

    python bench/bench_compare.py [--pairs N] [--seed S]

Needs the BBC corpus in ../shared/data/bbc-news-2225 and `pip install -e '.[bench]'`.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import random
import re
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from textreuse import compare
from textreuse.stopwords import ENGLISH_STOPWORDS

BBC = Path(__file__).resolve().parents[2] / "shared" / "data" / "bbc-news-2225"
SENTENCE = re.compile(r"[^.!?]+[.!?]+\s*")


@dataclass(frozen=True)
class PlantedPair:
    """A derived article, its source, and where the planted passages sit in the derived text."""

    derived: str
    source: str
    planted: list[tuple[int, int]]


def load_articles() -> list[str]:
    """All BBC articles, decoded (one file of the corpus is Latin-1)."""
    articles = []
    for path in sorted(BBC.glob("bbc/*/*.txt")):
        data = path.read_bytes()
        try:
            articles.append(data.decode("utf-8"))
        except UnicodeDecodeError:
            articles.append(data.decode("latin-1"))
    return articles


def _passage(rng: random.Random, article: str) -> str | None:
    """A run of whole sentences of 150-600 characters from the article body."""
    sentences = [s.strip() for s in SENTENCE.findall(article.split("\n", 1)[-1]) if s.strip()]
    for _ in range(20):
        start = rng.randrange(len(sentences))
        run = ""
        for sentence in sentences[start:]:
            if len(run) + len(sentence) > 600:
                break
            run = f"{run} {sentence}".strip()
            if len(run) >= 150 and rng.random() < 0.5:
                break
        if 150 <= len(run) <= 600:
            return run
    return None


def _edit(rng: random.Random, passage: str) -> str:
    """Change a few words, as a light rewrite would."""
    words = passage.split(" ")
    for _ in range(max(1, len(words) // 15)):
        k = rng.randrange(len(words))
        words[k] = rng.choice(["also", "reportedly", "now", "still", "indeed"])
    return " ".join(words)


def make_pairs(articles: list[str], count: int, seed: int) -> list[PlantedPair]:
    """Plant passages of one article between the paragraphs of another, recording offsets."""
    rng = random.Random(seed)
    pairs: list[PlantedPair] = []
    while len(pairs) < count:
        derived_article, source = rng.sample(articles, 2)
        passages = [p for p in (_passage(rng, source) for _ in range(rng.randint(1, 3))) if p]
        if derived_article == source or not passages:
            continue
        parts = [(p, False) for p in derived_article.split("\n\n") if p.strip()]
        for passage in passages:
            planted = passage if rng.random() < 0.5 else _edit(rng, passage)
            parts.insert(rng.randint(1, len(parts)), (planted, True))
        derived, spans = "", []
        for text, is_planted in parts:
            derived += "\n\n" if derived else ""
            if is_planted:
                spans.append((len(derived), len(derived) + len(text)))
            derived += text
        pairs.append(PlantedPair(derived, source, spans))
    return pairs


def recall(found: list[list[tuple[int, int]]], pairs: list[PlantedPair]) -> float:
    """Share of planted passages overlapped at least half by a reported derived span."""
    hits = total = 0
    for spans, pair in zip(found, pairs, strict=True):
        for start, end in pair.planted:
            total += 1
            covered = sum(max(0, min(end, b) - max(start, a)) for a, b in spans)
            hits += covered >= (end - start) / 2
    return hits / total if total else 0.0


def run_textreuse(pair: PlantedPair) -> list[tuple[int, int]]:
    report = compare(pair.derived, pair.source)
    return [(p.derived.start, p.derived.end) for p in report.passages]


def run_text_matcher(pair: PlantedPair) -> list[tuple[int, int]]:
    from text_matcher.matcher import Matcher, Text

    with contextlib.redirect_stdout(io.StringIO()):
        _, locations, _ = Matcher(
            Text(pair.derived, "derived"), Text(pair.source, "source")
        ).match()
    return [tuple(span) for span in locations]


def timed(
    tool: Callable[[PlantedPair], list[tuple[int, int]]], pairs: list[PlantedPair], repeat: int
) -> tuple[float, list[list[tuple[int, int]]]]:
    """The best of ``repeat`` runs over all pairs (as timeit does), and what the tool found."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        found = [tool(pair) for pair in pairs]
        best = min(best, time.perf_counter() - started)
    return best, found


def _stopwords_for_nltk() -> str:
    """text-matcher reads NLTK's English stop list, which only a download provides; give it
    this project's list in a temporary NLTK data folder instead (nothing to fetch)."""
    folder = tempfile.mkdtemp(prefix="nltk_data_")
    os.makedirs(os.path.join(folder, "corpora", "stopwords"))
    with open(os.path.join(folder, "corpora", "stopwords", "english"), "w") as file:
        file.write("\n".join(sorted(ENGLISH_STOPWORDS)))
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=int, default=200)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--repeat", type=int, default=5, help="runs per tool; the best counts")
    args = parser.parse_args()
    if not BBC.is_dir():
        sys.exit(f"{BBC} is missing: this benchmark reads the BBC corpus from ../shared/data")
    os.environ.setdefault("NLTK_DATA", _stopwords_for_nltk())
    pairs = make_pairs(load_articles(), args.pairs, args.seed)
    run_textreuse(pairs[0])  # warm caches and imports outside the timing
    run_text_matcher(pairs[0])
    rows = []
    for name, tool in (("textreuse", run_textreuse), ("text-matcher 0.1.6", run_text_matcher)):
        seconds, found = timed(tool, pairs, args.repeat)
        rows.append((name, seconds, len(pairs) / seconds, recall(found, pairs)))
    planted = sum(len(p.planted) for p in pairs)
    size = sum(len(p.derived) + len(p.source) for p in pairs) / (2 * len(pairs))
    print(
        f"{len(pairs)} pairs, {planted} planted passages, mean document {size:.0f} characters, "
        f"best of {args.repeat} runs"
    )
    print(f"{'tool':<20} {'seconds':>8} {'pairs/s':>9} {'planted found':>14}")
    for name, seconds, rate, found_share in rows:
        print(f"{name:<20} {seconds:>8.2f} {rate:>9.1f} {found_share:>14.1%}")
    print(f"throughput ratio textreuse / text-matcher: {rows[0][2] / rows[1][2]:.1f}x")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak:.0f} MB")


if __name__ == "__main__":
    main()
