"""Cost of the semantic stage: encoder throughput and compare, lexical against semantic.

Encodes the sentences of BBC articles with all-MiniLM-L6-v2 (sentences per second, the
figure that bounds a semantic run), then aligns the same planted pairs as
bench_compare.py lexically and semantically, side by side in one run, with the share of
planted passages each mode found.

    python bench/bench_semantic.py [--pairs N] [--articles N]

Needs the BBC corpus in ../shared/data/bbc-news-2225 and the 'semantic' extra.
"""

from __future__ import annotations

import argparse
import resource
import time

from bench_compare import load_articles, make_pairs, recall
from textreuse import AlignSettings, compare
from textreuse.aligner.encoder import MiniLMEncoder
from textreuse.text import sentence_texts, split_sentences, tokenize


def sentences_of(text: str) -> list[str]:
    """The sentences the aligner would embed."""
    tokens = tokenize(text)
    max_words = AlignSettings().max_sentence_words
    return sentence_texts(tokens, split_sentences(tokens, max_content_words=max_words))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=int, default=100)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    articles = load_articles()

    encoder = MiniLMEncoder()
    encoder.encode(["warm up the model"])
    sentences = [s for article in articles[: args.articles] for s in sentences_of(article)]
    started = time.perf_counter()
    encoder.encode(sentences)
    seconds = time.perf_counter() - started
    print(f"encoder: {len(sentences)} sentences of {args.articles} articles in {seconds:.1f} s")
    print(f"         {len(sentences) / seconds:.0f} sentences/s (all-MiniLM-L6-v2, CPU, batch 64)")

    pairs = make_pairs(articles, args.pairs, args.seed)
    print(f"\n{len(pairs)} planted pairs (bench_compare.py, seed {args.seed})")
    print(f"{'mode':<10} {'seconds':>8} {'pairs/s':>8} {'recall':>7}")
    for name, settings in (
        ("lexical", AlignSettings()),
        ("semantic", AlignSettings(semantic=True)),
    ):
        compare(pairs[0].derived, pairs[0].source, settings=settings)  # load the model first
        started = time.perf_counter()
        found = [
            [
                (p.derived.start, p.derived.end)
                for p in compare(pair.derived, pair.source, settings=settings).passages
            ]
            for pair in pairs
        ]
        seconds = time.perf_counter() - started
        print(
            f"{name:<10} {seconds:>8.2f} {len(pairs) / seconds:>8.1f} {recall(found, pairs):>7.1%}"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak:.0f} MiB")


if __name__ == "__main__":
    main()
