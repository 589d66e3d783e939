"""Ingest rate, archive size, query latency and source recall of ``textreuse index/query``,
side by side with SQLite's own full-text search (FTS5, BM25 ranking) as the baseline.

The archive is the BBC News corpus replicated with planted variations up to
``--documents`` (default 100,000): each replica is a BBC article with some paragraphs
swapped or dropped, a paragraph of another article appended, and 5-25% of its words
replaced. Queries are documents made from 1 to 4 archived documents (the planted
sources: one or two paragraphs of each, half of them with 3% of words replaced),
interleaved with paragraphs of held-out BBC articles that are not in the archive.

    python bench/bench_index.py [--documents N] [--queries-per-size Q] [--seed S] [--no-baseline]

Needs the BBC corpus in ../shared/data/bbc-news-2225.
"""

from __future__ import annotations

import argparse
import random
import resource
import sqlite3
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from corpora import bbc_articles, replace_words
from textreuse.archive import Archive, find_sources
from textreuse.fingerprint import FingerprintSettings, document_fingerprints
from textreuse.model import Record
from textreuse.text import tokenize

BATCH = 1000


@dataclass
class Query:
    """A document made from planted passages; ``holders[i]`` are the archived documents
    that hold passage ``i`` word for word as planted (its source, and any other document
    with the same paragraphs): each is an equally right answer."""

    text: str
    sources: tuple[str, ...]
    passages: tuple[tuple[str, ...], ...]
    holders: list[set[str]] = field(default_factory=list)


def load_bbc() -> list[tuple[str, list[str]]]:
    """(id, paragraphs) of each distinct BBC article."""
    return [
        (article_id, [p.strip() for p in text.split("\n\n") if p.strip()])
        for article_id, text in bbc_articles()
    ]


def without_reuse(
    candidates: list[tuple[str, list[str]]], archived: list[tuple[str, list[str]]]
) -> list[tuple[str, list[str]]]:
    """The candidate filler articles that share no text with the archived ones: the BBC
    corpus holds near-duplicate stories, and filler must not be reuse nobody planted."""
    settings = FingerprintSettings()
    archived_prints = set()
    for _, paragraphs in archived:
        archived_prints.update(document_fingerprints("\n\n".join(paragraphs), settings).tolist())
    return [
        (article_id, paragraphs)
        for article_id, paragraphs in candidates
        if len(
            archived_prints & set(document_fingerprints("\n\n".join(paragraphs), settings).tolist())
        )
        < 3
    ]


def replica(
    paragraphs: list[str], other: list[str], vocabulary: list[str], rng: random.Random
) -> str:
    """A planted variation of an article: reordered, trimmed, extended and reworded."""
    head, body = paragraphs[0], list(paragraphs[1:])
    if len(body) > 2:
        i, j = rng.sample(range(len(body)), 2)
        body[i], body[j] = body[j], body[i]
        if rng.random() < 0.5:
            body.pop(rng.randrange(len(body)))
    body.append(rng.choice(other[1:] or other))
    text = "\n\n".join([head, *body])
    return replace_words(text, rng.uniform(0.05, 0.25), rng, vocabulary)


def archive_records(
    articles: list[tuple[str, list[str]]], total: int, vocabulary: list[str], seed: int
) -> Iterator[Record]:
    """The originals first, then replicas until ``total``; the same for the same seed."""
    rng = random.Random(seed)
    for number in range(total):
        paragraphs = articles[number % len(articles)][1]
        if number < len(articles):
            yield Record(id=record_id(number, articles), text="\n\n".join(paragraphs))
            continue
        other = articles[rng.randrange(len(articles))][1]
        text = replica(paragraphs, other, vocabulary, rng)
        yield Record(id=record_id(number, articles), text=text)


def record_id(number: int, articles: list[tuple[str, list[str]]]) -> str:
    """The id of the archive's ``number``-th document: the article's, or a replica's."""
    article_id = articles[number % len(articles)][0]
    return article_id if number < len(articles) else f"replica-{number:06d}/{article_id}"


def make_queries(
    stored: dict[str, str],
    held_out: list[tuple[str, list[str]]],
    per_size: int,
    vocabulary: list[str],
    rng: random.Random,
) -> list[Query]:
    """Documents reusing 1 to 4 archived documents, with held-out filler between."""
    # Planted passages are at least 250 characters: well above the 150 that the aligner
    # reports, so that one edited word does not drop a passage below it.
    bodies = {
        source: [p for p in text.split("\n\n")[1:] if len(p) >= 250]
        for source, text in stored.items()
    }
    ids = sorted(source for source, body in bodies.items() if body)
    queries = []
    for size in range(1, 5):
        for _ in range(per_size):
            sources = rng.sample(ids, size)
            parts = [rng.choice(rng.choice(held_out)[1][1:])]
            planted = []
            for source in sources:
                body = bodies[source]
                start = rng.randrange(len(body))
                passage = body[start]
                if len(passage) < 300 and start + 1 < len(body):
                    passage += "\n\n" + body[start + 1]
                planted.append(tuple(passage.split("\n\n")))
                if rng.random() < 0.5:
                    passage = replace_words(passage, 0.03, rng, vocabulary)
                parts += [passage, rng.choice(rng.choice(held_out)[1][1:])]
            queries.append(
                Query(text="\n\n".join(parts), sources=tuple(sources), passages=tuple(planted))
            )
    return queries


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(np.asarray(values), q))


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def recall(rankings: list[list[str]], queries: list[Query]) -> tuple[float, float]:
    """recall@1: queries whose first result holds one of the planted passages as planted;
    recall@5: planted passages with a document holding them among the first five results."""
    pairs = list(zip(rankings, queries, strict=True))
    at1 = sum(bool(r) and any(r[0] in h for h in q.holders) for r, q in pairs)
    found = sum(sum(bool(set(r[:5]) & h) for h in q.holders) for r, q in pairs)
    return at1 / len(queries), found / sum(len(q.sources) for q in queries)


def find_holders(records: Iterator[Record], queries: list[Query]) -> Iterator[Record]:
    """Pass the records through, noting which hold each planted passage word for word."""
    wanted: dict[str, list[tuple[Query, int]]] = {}
    for query in queries:
        query.holders = [set() for _ in query.passages]
        for index, paragraphs in enumerate(query.passages):
            wanted.setdefault(paragraphs[0], []).append((query, index))
    for record in records:
        paragraphs = set(record.text.split("\n\n"))
        for paragraph in paragraphs & wanted.keys():
            for query, index in wanted[paragraph]:
                if paragraphs.issuperset(query.passages[index]):
                    query.holders[index].add(record.id)
        yield record


def bench_textreuse(
    path: Path, records: Iterator[Record], queries: list[Query], show_misses: bool = False
) -> dict:
    """Ingest into a textreuse archive (only ``add`` is timed), then run the queries."""
    ingest_seconds = 0.0
    count = 0
    with Archive.open(path) as archive:
        batch: list[Record] = []
        for record in find_holders(records, queries):
            batch.append(record)
            if len(batch) == BATCH:
                started = time.perf_counter()
                archive.add(batch, batch_size=BATCH)
                ingest_seconds += time.perf_counter() - started
                count += len(batch)
                batch = []
                if count % 10_000 == 0:
                    print(f"  ingested {count:,}", file=sys.stderr, flush=True)
        started = time.perf_counter()
        archive.add(batch, batch_size=BATCH)
        ingest_seconds += time.perf_counter() - started
        count += len(batch)
        for query in queries[:10]:  # warm the page cache and imports
            find_sources(archive, query.text)
        latencies, rankings = [], []
        for query in queries:
            started = time.perf_counter()
            result = find_sources(archive, query.text)
            latencies.append(time.perf_counter() - started)
            rankings.append([match.record.id for match in result.sources])
        if show_misses:
            for query, ranking in zip(queries, rankings, strict=True):
                explain_misses(archive, query, ranking)
    size = sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
    return {
        "documents": count,
        "ingest_rate": count / ingest_seconds,
        "size_mib": size / 2**20,
        "latencies": latencies,
        "rankings": rankings,
        "peak_mib": peak_rss_mib(),
    }


def explain_misses(archive: Archive, query: Query, ranking: list[str]) -> None:
    """Print what was found instead of a planted passage missing from the top five."""
    for index, holders in enumerate(query.holders):
        if set(ranking[:5]) & holders:
            continue
        wider = [m.record.id for m in find_sources(archive, query.text, candidates=40).sources]
        rank = next((r for r, doc in enumerate(wider, 1) if doc in holders), None)
        print(f"missed {query.sources[index]} ({len(holders)} holders); with 40 candidates: {rank}")
        for match in find_sources(archive, query.text).sources[:6]:
            spans = [
                (p.derived.start, p.derived.end, p.reuse_type.value, round(p.similarity, 2))
                for p in match.report.passages
            ]
            print(f"   {match.record.id} new {match.new_coverage:.3f} {spans}")
        where = [(query.text.find(p[0]), len("\n\n".join(p))) for p in query.passages]
        print(f"   planted at {where}")


def bench_fts5(path: Path, records: Iterator[Record], queries: list[Query]) -> dict:
    """The baseline: SQLite FTS5 over the same documents, BM25 over the query's words."""
    connection = sqlite3.connect(path)
    connection.execute("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, text)")
    started = time.perf_counter()
    count = 0
    batch: list[tuple[str, str]] = []
    for record in records:
        batch.append((record.id, record.text))
        if len(batch) == BATCH:
            connection.executemany("INSERT INTO docs (id, text) VALUES (?, ?)", batch)
            connection.commit()
            count += len(batch)
            batch = []
    connection.executemany("INSERT INTO docs (id, text) VALUES (?, ?)", batch)
    connection.commit()
    count += len(batch)
    ingest_seconds = time.perf_counter() - started
    latencies, rankings = [], []
    for query in queries:
        words = sorted({stem for stem in tokenize(query.text).norms if stem.isalnum()})
        match = " OR ".join(f'"{word}"' for word in words)
        started = time.perf_counter()
        rows = connection.execute(
            "SELECT id FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT 10", (match,)
        ).fetchall()
        latencies.append(time.perf_counter() - started)
        rankings.append([row[0] for row in rows])
    connection.close()
    return {
        "documents": count,
        "ingest_rate": count / ingest_seconds,
        "size_mib": path.stat().st_size / 2**20,
        "latencies": latencies,
        "rankings": rankings,
    }


HEADER = (
    f"{'system':<24} {'docs':>8} {'docs/s':>8} {'MiB':>7} {'p50 ms':>8} {'p95 ms':>8} "
    f"{'recall@1':>9} {'recall@5':>9}"
)


def report(name: str, figures: dict, queries: list[Query]) -> None:
    """One line of figures for a system on these queries."""
    if name.startswith("textreuse"):
        print(HEADER)
    at1, at5 = recall(figures["rankings"], queries)
    print(
        f"{name:<24} {figures['documents']:>8,} {figures['ingest_rate']:>8,.0f} "
        f"{figures['size_mib']:>7,.0f} {percentile(figures['latencies'], 50) * 1000:>8.1f} "
        f"{percentile(figures['latencies'], 95) * 1000:>8.1f} {at1:>9.3f} {at5:>9.3f}",
        flush=True,
    )


def select(figures: dict, indices: list[int]) -> dict:
    """The figures restricted to some of the queries."""
    return {
        **figures,
        "latencies": [figures["latencies"][i] for i in indices],
        "rankings": [figures["rankings"][i] for i in indices],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--queries-per-size", type=int, default=50)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument(
        "--baseline-queries",
        type=int,
        default=40,
        help="queries run on the FTS5 baseline (a BM25 query over 100,000 documents takes "
        "seconds); 0 skips the baseline",
    )
    parser.add_argument(
        "--show-misses", action="store_true", help="explain each planted passage missed"
    )
    args = parser.parse_args()

    rng = random.Random(args.seed)
    articles = load_bbc()
    rng.shuffle(articles)
    held_out, archived = without_reuse(articles[:300], articles[300:])[:200], articles[300:]
    vocabulary = sorted({w for _, ps in archived for p in ps for w in p.split(" ") if w.isalpha()})
    # Planted sources are drawn from these (any archived document, replica or not).
    wanted = {
        record_id(n, archived)
        for n in rng.sample(range(args.documents), 4 * args.queries_per_size * 2)
    }

    stored = {
        record.id: record.text
        for record in archive_records(archived, args.documents, vocabulary, args.seed)
        if record.id in wanted
    }
    queries = make_queries(stored, held_out, args.queries_per_size, vocabulary, rng)
    print(
        f"{args.documents:,} documents ({len(archived):,} BBC articles and replicas), "
        f"{4 * args.queries_per_size} queries from 1-4 sources, seed {args.seed}",
        flush=True,
    )
    with tempfile.TemporaryDirectory() as folder:
        ours = bench_textreuse(
            Path(folder) / "archive.db",
            archive_records(archived, args.documents, vocabulary, args.seed),
            queries,
            args.show_misses,
        )
        report("textreuse, all queries", ours, queries)
        if args.baseline_queries:
            # The same number of queries of each size, for both systems.
            step = max(1, len(queries) // args.baseline_queries)
            subset = list(range(0, len(queries), step))[: args.baseline_queries]
            picked = [queries[i] for i in subset]
            baseline = bench_fts5(
                Path(folder) / "fts5.db",
                archive_records(archived, args.documents, vocabulary, args.seed),
                picked,
            )
            print(f"\nthe same {len(picked)} queries on both:")
            report("textreuse", select(ours, subset), picked)
            report("SQLite FTS5 + BM25", baseline, picked)
    print("\ntextreuse by number of planted sources:")
    for size in range(1, 5):
        picked_here = [i for i, q in enumerate(queries) if len(q.sources) == size]
        at1, at5 = recall(
            [ours["rankings"][i] for i in picked_here], [queries[i] for i in picked_here]
        )
        lat = [ours["latencies"][i] for i in picked_here]
        print(
            f"  {size} source{'s' if size > 1 else ' '}: recall@1 {at1:.3f}, recall@5 {at5:.3f}, "
            f"p50 {percentile(lat, 50) * 1000:.1f} ms, p95 {percentile(lat, 95) * 1000:.1f} ms"
        )
    print(f"\npeak memory of textreuse ingest and queries: {ours['peak_mib']:,.0f} MiB")


if __name__ == "__main__":
    main()
