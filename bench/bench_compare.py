"""Throughput of ``textreuse.compare`` against text-matcher and copydetect on news-sized
pairs.

Each pair is a BBC article with one to three passages (runs of sentences, 150-600
characters) planted from another BBC article at known offsets: some verbatim, some
with a few words changed. Every tool gets the same pairs in one run; the script prints
pairs per second, the share of planted passages each tool found, and the ratios.
copydetect (winnowed character k-grams, made for source code) runs with its
defaults, noise threshold 25 and guarantee threshold 30 (k = 25, window 6), and
``filter=False``, since its filter tokenizes program code.

    python bench/bench_compare.py [--pairs N] [--seed S] [--repeat R]

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
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from corpora import bbc_articles
from textreuse import compare

SENTENCE = re.compile(r"[^.!?]+[.!?]+\s*")
Spans = list[tuple[int, int]]

# NLTK's English stop list (179 words), which text-matcher reads from an nltk_data
# download that this machine cannot make; written to a temporary nltk_data folder.
NLTK_ENGLISH_STOPWORDS = """
i me my myself we our ours ourselves you you're you've you'll you'd your yours yourself
yourselves he him his himself she she's her hers herself it it's its itself they them their
theirs themselves what which who whom this that that'll these those am is are was were be
been being have has had having do does did doing a an the and but if or because as until
while of at by for with about against between into through during before after above below
to from up down in out on off over under again further then once here there when where why
how all any both each few more most other some such no nor not only own same so than too
very s t can will just don don't should should've now d ll m o re ve y ain aren aren't
couldn couldn't didn didn't doesn doesn't hadn hadn't hasn hasn't haven haven't isn isn't ma
mightn mightn't mustn mustn't needn needn't shan shan't shouldn shouldn't wasn wasn't weren
weren't won won't wouldn wouldn't
""".split()  # noqa: SIM905 (a word list reads best as text)


@dataclass(frozen=True)
class PlantedPair:
    """A derived article, its source, and where the planted passages sit in the derived text."""

    derived: str
    source: str
    planted: Spans
    edited: list[bool]


def load_articles() -> list[str]:
    """All BBC articles, decoded (one file of the corpus is Latin-1), duplicates dropped."""
    return list(dict.fromkeys(text for _, text in bbc_articles()))


def _passage(rng: random.Random, article: str) -> str | None:
    """A run of whole sentences of 150-600 characters from the article body."""
    sentences = [s.strip() for s in SENTENCE.findall(article.split("\n", 1)[-1]) if s.strip()]
    for _ in range(20):
        run = ""
        for sentence in sentences[rng.randrange(len(sentences)) :]:
            if len(run) + len(sentence) > 600:
                break
            run = f"{run} {sentence}".strip()
            if len(run) >= 150 and rng.random() < 0.5:
                break
        if 150 <= len(run) <= 600:
            return run
    return None


def _edit(rng: random.Random, passage: str) -> str:
    """Change one word in fifteen, as a light rewrite would."""
    words = passage.split(" ")
    for _ in range(max(1, len(words) // 15)):
        words[rng.randrange(len(words))] = rng.choice(["also", "reportedly", "now", "still"])
    return " ".join(words)


def make_pairs(articles: list[str], count: int, seed: int) -> list[PlantedPair]:
    """Plant passages of one article between the paragraphs of another, recording offsets."""
    rng = random.Random(seed)
    pairs: list[PlantedPair] = []
    while len(pairs) < count:
        derived_article, source = rng.sample(articles, 2)
        passages = [p for p in (_passage(rng, source) for _ in range(rng.randint(1, 3))) if p]
        if not passages:
            continue
        parts = [(p, None) for p in derived_article.split("\n\n") if p.strip()]
        for passage in passages:
            edited = rng.random() < 0.5
            planted = _edit(rng, passage) if edited else passage
            parts.insert(rng.randint(1, len(parts)), (planted, edited))
        derived, spans, edits = "", [], []
        for text, edited in parts:
            derived += "\n\n" if derived else ""
            if edited is not None:
                spans.append((len(derived), len(derived) + len(text)))
                edits.append(edited)
            derived += text
        pairs.append(PlantedPair(derived, source, spans, edits))
    return pairs


def recall(found: list[Spans], pairs: list[PlantedPair], *, edited: bool | None = None) -> float:
    """Share of planted passages (all, or only the edited or verbatim ones) found.

    A planted passage is found when one reported passage covers at least half of it
    on the derived side.
    """
    hits = total = 0
    for spans, pair in zip(found, pairs, strict=True):
        for (start, end), was_edited in zip(pair.planted, pair.edited, strict=True):
            if edited is None or was_edited == edited:
                total += 1
                best = max((min(end, b) - max(start, a) for a, b in spans), default=0)
                hits += best >= (end - start) / 2
    return hits / total if total else 0.0


def run_textreuse(pair: PlantedPair) -> Spans:
    """The derived-side spans ``textreuse.compare`` reports."""
    report = compare(pair.derived, pair.source)
    return [(p.derived.start, p.derived.end) for p in report.passages]


def run_text_matcher(pair: PlantedPair) -> Spans:
    """The derived-side spans text-matcher reports, with its default settings."""
    from text_matcher.matcher import Matcher, Text

    with contextlib.redirect_stdout(io.StringIO()):  # it prints every match as it goes
        _, derived_spans, _ = Matcher(
            Text(pair.derived, "derived"), Text(pair.source, "source")
        ).match()
    return [(start, end) for start, end in derived_spans]


COPYDETECT_NOISE, COPYDETECT_GUARANTEE = 25, 30  # its command line's defaults


def run_copydetect(pair: PlantedPair) -> Spans:
    """The derived-side spans copydetect reports, with its defaults and ``filter=False``."""
    from copydetect import CodeFingerprint, compare_files

    window = COPYDETECT_GUARANTEE - COPYDETECT_NOISE + 1
    prints = [
        CodeFingerprint(name, COPYDETECT_NOISE, window, filter=False, fp=io.StringIO(text))
        for name, text in (("derived.txt", pair.derived), ("source.txt", pair.source))
    ]
    _, _, (derived_slices, _) = compare_files(*prints)
    if len(derived_slices) == 0 or len(derived_slices[0]) == 0:
        return []
    return [(int(a), int(b)) for a, b in zip(derived_slices[0], derived_slices[1], strict=True)]


def timed(
    tool: Callable[[PlantedPair], Spans], pairs: list[PlantedPair], repeat: int
) -> tuple[float, list[Spans]]:
    """The best of ``repeat`` timed runs over all pairs (as timeit reports), and what was found."""
    for pair in pairs[:5]:  # untimed: imports and caches warm up
        tool(pair)
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        found = [tool(pair) for pair in pairs]
        best = min(best, time.perf_counter() - started)
    return best, found


@contextlib.contextmanager
def nltk_stopwords() -> Iterator[None]:
    """Point NLTK at a temporary nltk_data folder holding its English stop list."""
    with tempfile.TemporaryDirectory(prefix="nltk_data_") as folder:
        corpus = Path(folder) / "corpora" / "stopwords"
        corpus.mkdir(parents=True)
        (corpus / "english").write_text("\n".join(NLTK_ENGLISH_STOPWORDS) + "\n")
        import nltk

        nltk.data.path.insert(0, folder)
        try:
            yield
        finally:
            nltk.data.path.remove(folder)


def main() -> None:
    """Build the pairs, time both tools on them and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=int, default=200, help="pairs to build (default 200)")
    parser.add_argument("--seed", type=int, default=13, help="seed for the pairs (default 13)")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per tool; best counts")
    args = parser.parse_args()
    if args.pairs < 1 or args.repeat < 1:
        parser.error("--pairs and --repeat must be at least 1")
    pairs = make_pairs(load_articles(), args.pairs, args.seed)
    tools = {
        "textreuse": run_textreuse,
        "text-matcher": run_text_matcher,
        "copydetect": run_copydetect,
    }
    rows = []
    with nltk_stopwords():
        for name, tool in tools.items():
            seconds, found = timed(tool, pairs, args.repeat)
            shares = [recall(found, pairs, edited=e) for e in (None, False, True)]
            rows.append((name, seconds, len(pairs) / seconds, *shares))
    planted = sum(len(p.planted) for p in pairs)
    size = sum(len(p.derived) + len(p.source) for p in pairs) / (2 * len(pairs))
    print(
        f"{len(pairs)} pairs (seed {args.seed}), {planted} planted passages, "
        f"mean document {size:,.0f} characters, best of {args.repeat} timed runs"
    )
    print(
        f"{'tool':<13} {'pairs':>6} {'seconds':>8} {'pairs/s':>8} "
        f"{'recall':>7} {'verbatim':>9} {'edited':>7}"
    )
    for name, seconds, rate, everything, verbatim, edited in rows:
        print(
            f"{name:<13} {len(pairs):>6} {seconds:>8.2f} {rate:>8.1f} "
            f"{everything:>7.1%} {verbatim:>9.1%} {edited:>7.1%}"
        )
    for other in rows[1:]:
        print(f"throughput ratio textreuse / {other[0]}: {rows[0][2] / other[2]:.2f}x")
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"peak RSS: {peak_mib:.0f} MiB (python {sys.version.split()[0]}, {os.cpu_count()} CPUs)")


if __name__ == "__main__":
    main()
