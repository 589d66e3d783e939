"""Find all reuse inside a collection: candidate pairs, passage pairs, reprint clusters.

The steps are pure functions, so that every engine (a local process pool, Spark)
runs the same code and gives the same answer:

1. :func:`document_fingerprints` of every document (winnowed content-word n-grams,
   as the archive stores them);
2. :func:`candidate_pairs`: documents sharing at least ``min_shared_fingerprints``
   fingerprints, where fingerprints held by more than ``max_document_frequency``
   documents (boilerplate, stock phrases) are ignored; never all pairs; then
   :func:`worth_aligning` drops pairs whose few shared fingerprints are one phrase;
3. :func:`align_pair`: each candidate pair aligned with the same aligner as
   ``compare``, giving :class:`PassagePair` rows;
4. :func:`reprint_clusters`: passages linked across documents, grouped into
   clusters of documents that share the same passage, each with its earliest
   document where dates are known.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from textreuse.alignment import AlignSettings, align
from textreuse.archive import FingerprintSettings
from textreuse.query import which_came_first
from textreuse.records import Record

PAIR_COLUMNS = (
    "a_id",
    "b_id",
    "a_start",
    "a_end",
    "b_start",
    "b_end",
    "type",
    "similarity",
    "earlier",
)


@dataclass(frozen=True, slots=True)
class ScanSettings:
    """How a collection is scanned; the defaults suit news and web text."""

    fingerprints: FingerprintSettings = field(default_factory=FingerprintSettings)
    max_document_frequency: int = 100
    min_shared_fingerprints: int = 2
    # Pairs sharing fewer than ``dense_shared`` fingerprints are aligned only when those
    # lie at least ``min_fingerprint_spread`` content words apart on both sides: a few
    # overlapping n-grams of one stock phrase are not a passage.
    dense_shared: int = 4
    min_fingerprint_spread: int = 3
    align: AlignSettings = field(default_factory=AlignSettings)


@dataclass(frozen=True, slots=True)
class PassagePair:
    """A passage shared by documents ``a`` and ``b`` (``a_id < b_id``), with offsets in each.

    ``earlier`` is ``"a"`` or ``"b"`` when their dates say which came first, else None.
    """

    a_id: str
    b_id: str
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    type: str
    similarity: float
    earlier: str | None

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class ClusterMember:
    """Where a clustered passage sits in one document."""

    id: str
    start: int
    end: int
    date: str | None


@dataclass(frozen=True, slots=True)
class Cluster:
    """Documents that share the same passage (a reprint cluster)."""

    cluster: int
    members: tuple[ClusterMember, ...]
    earliest: str | None

    @property
    def documents(self) -> int:
        return len({member.id for member in self.members})

    def to_dict(self) -> dict[str, object]:
        return {
            "cluster": self.cluster,
            "documents": self.documents,
            "earliest": self.earliest,
            "members": [asdict(member) for member in self.members],
        }


def candidate_pairs(
    hashes: np.ndarray, documents: np.ndarray, *, max_document_frequency: int, min_shared: int
) -> tuple[np.ndarray, np.ndarray]:
    """Document pairs that share fingerprints, from postings ``(hashes[k], documents[k])``.

    Postings must be distinct. Returns ``(pairs, shared)``: an ``(n, 2)`` array of
    document numbers with ``pairs[:, 0] < pairs[:, 1]``, sorted, and how many
    fingerprints each pair shares (at least ``min_shared``). Only fingerprints held
    by 2 to ``max_document_frequency`` documents make pairs, so the work grows with
    the reuse in the collection, not with the square of its size.
    """
    order = np.lexsort((documents, hashes))
    hashes, documents = hashes[order], documents[order].astype(np.int64)
    starts = np.flatnonzero(np.r_[True, hashes[1:] != hashes[:-1]])
    sizes = np.diff(np.r_[starts, len(hashes)])
    keys: list[np.ndarray] = []
    for size in np.unique(sizes[(sizes >= 2) & (sizes <= max_document_frequency)]).tolist():
        group_starts = starts[sizes == size]
        members = documents[group_starts[:, None] + np.arange(size)]  # (groups, size), sorted
        first, second = np.triu_indices(size, 1)
        keys.append(members[:, first].ravel() * (1 << 32) + members[:, second].ravel())
    if not keys:
        return np.zeros((0, 2), dtype=np.int64), np.zeros(0, dtype=np.int64)
    unique, counts = np.unique(np.concatenate(keys), return_counts=True)
    keep = counts >= min_shared
    unique = unique[keep]
    pairs = np.stack([unique >> 32, unique & 0xFFFF_FFFF], axis=1)
    return pairs, counts[keep]


def worth_aligning(
    a: tuple[np.ndarray, np.ndarray],
    b: tuple[np.ndarray, np.ndarray],
    settings: ScanSettings,
) -> bool:
    """Whether a candidate pair, given each side's ``(fingerprints, positions)`` from
    :func:`textreuse.archive.located_fingerprints`, could share a passage.

    Many shared fingerprints always could. A few could only if they are spread over
    a run of words on both sides; two or three that overlap are one stock phrase
    ("the prime minister said"), which a collection of news shares by thousands.
    """
    _, in_a, in_b = np.intersect1d(a[0], b[0], assume_unique=True, return_indices=True)
    if len(in_a) >= settings.dense_shared:
        return True
    if len(in_a) < settings.min_shared_fingerprints:
        return False
    spread_a = np.ptp(a[1][in_a])
    spread_b = np.ptp(b[1][in_b])
    return min(spread_a, spread_b) >= settings.min_fingerprint_spread


def align_pair(a: Record, b: Record, settings: AlignSettings | None = None) -> list[PassagePair]:
    """The passages two documents share; ``a`` must have the smaller id.

    ``b`` is aligned as the derived document and ``a`` as the source, always in that
    order, so every engine gets the same passages.
    """
    if not a.id < b.id:
        msg = f"align_pair needs a.id < b.id, got {a.id!r} and {b.id!r}"
        raise ValueError(msg)
    first = which_came_first(a.date, b.date)
    earlier = {"source": "a", "document": "b"}.get(first or "")
    return [
        PassagePair(
            a_id=a.id,
            b_id=b.id,
            a_start=p.source.start,
            a_end=p.source.end,
            b_start=p.derived.start,
            b_end=p.derived.end,
            type=p.reuse_type.value,
            similarity=round(float(p.similarity), 4),
            earlier=earlier,
        )
        for p in align(b.text, a.text, settings=settings)
    ]


def reprint_clusters(
    pairs: Iterable[PassagePair], dates: dict[str, str | None], *, min_overlap: float = 0.5
) -> list[Cluster]:
    """Group passages into clusters of documents that share the same text.

    In each document, passage spans that overlap by at least ``min_overlap`` of the
    longer one are one region (the same passage, its edges as each pair found them;
    a whole-document duplicate does not swallow the passages inside it); regions
    joined by a passage pair are one cluster.
    Clusters come largest first, numbered from 1; ``earliest`` is the member with
    the earliest date (ties by id), or None when no member has a date.
    """
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    links: list[tuple[tuple[str, int, int], tuple[str, int, int]]] = []
    for pair in pairs:
        a = (pair.a_id, pair.a_start, pair.a_end)
        b = (pair.b_id, pair.b_start, pair.b_end)
        spans[pair.a_id].append(a[1:])
        spans[pair.b_id].append(b[1:])
        links.append((a, b))
    region_of: dict[tuple[str, int, int], int] = {}
    regions: list[tuple[str, int, int]] = []
    for document_id in sorted(spans):
        current: list[int] | None = None  # [start, end] of the region being grown
        for start, end in sorted(set(spans[document_id])):
            if current is not None and _overlap(current, start, end) >= min_overlap:
                current[1] = max(current[1], end)
                regions[-1] = (document_id, current[0], current[1])
            else:
                current = [start, end]
                regions.append((document_id, start, end))
            region_of[(document_id, start, end)] = len(regions) - 1
    parent = list(range(len(regions)))

    def root(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for a, b in links:
        ra, rb = root(region_of[a]), root(region_of[b])
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = defaultdict(list)
    for node in range(len(regions)):
        groups[root(node)].append(node)
    clustered = []
    for nodes in groups.values():
        members = tuple(
            ClusterMember(id=doc, start=start, end=end, date=dates.get(doc))
            for doc, start, end in sorted(regions[n] for n in nodes)
        )
        clustered.append(members)
    clustered.sort(key=lambda members: (-len({m.id for m in members}), members[0].id))
    return [
        Cluster(cluster=number, members=members, earliest=_earliest(members))
        for number, members in enumerate(clustered, 1)
    ]


def _overlap(region: Sequence[int], start: int, end: int) -> float:
    shared = min(region[1], end) - max(region[0], start)
    longer = max(region[1] - region[0], end - start)
    return shared / longer if longer > 0 else 0.0


def _earliest(members: Sequence[ClusterMember]) -> str | None:
    dated = [m for m in members if m.date]
    if not dated:
        return None
    best = dated[0]
    for member in dated[1:]:
        if which_came_first(member.date, best.date) == "source":
            best = member
    return best.id


@dataclass(frozen=True, slots=True)
class ScanSummary:
    """What a scan did and found."""

    engine: str
    documents: int
    candidate_pairs: int
    aligned_pairs: int
    passage_pairs: int
    clusters: int
    seconds: float
    files: tuple[str, ...]

    def to_dict(self) -> dict[str, object]:
        return {**asdict(self), "files": list(self.files)}


def finish_scan(
    out: Path,
    collection: Sequence[Record],
    passage_pairs: Iterable[PassagePair],
    *,
    engine: str,
    candidate_pairs: int,
    seconds: float,
) -> ScanSummary:
    """Sort the passage pairs, cluster them and write every output file under ``out``.

    Every engine ends here, so their files are the same for the same input: rows in
    one canonical order, each file written to a temporary name and renamed whole.
    """
    rows = sorted(passage_pairs, key=lambda p: (p.a_id, p.b_id, p.a_start, p.b_start, p.a_end))
    dates = {record.id: record.date for record in collection}
    clusters = reprint_clusters(rows, dates)
    files = [
        _write_jsonl(out / "pairs.jsonl", (row.to_dict() for row in rows)),
        _write_jsonl(out / "clusters.jsonl", (cluster.to_dict() for cluster in clusters)),
    ]
    files += _write_parquet(out, rows, clusters)
    summary = ScanSummary(
        engine=engine,
        documents=len(collection),
        candidate_pairs=candidate_pairs,
        aligned_pairs=len({(row.a_id, row.b_id) for row in rows}),
        passage_pairs=len(rows),
        clusters=len(clusters),
        seconds=round(seconds, 3),
        files=tuple(sorted([*files, "summary.json"])),
    )
    _replace_whole(out / "summary.json", json.dumps(summary.to_dict(), indent=2) + "\n")
    return summary


def _write_jsonl(path: Path, rows: Iterable[dict[str, object]]) -> str:
    _replace_whole(path, "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows))
    return path.name


def _write_parquet(
    out: Path, rows: Sequence[PassagePair], clusters: Sequence[Cluster]
) -> list[str]:
    """The same tables as Parquet, where pyarrow is installed (the ``parquet`` extra)."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        return []
    pair_table = pa.table(
        {column: [getattr(row, column) for row in rows] for column in PAIR_COLUMNS},
        schema=pa.schema(
            [
                ("a_id", pa.string()),
                ("b_id", pa.string()),
                ("a_start", pa.int64()),
                ("a_end", pa.int64()),
                ("b_start", pa.int64()),
                ("b_end", pa.int64()),
                ("type", pa.string()),
                ("similarity", pa.float64()),
                ("earlier", pa.string()),
            ]
        ),
    )
    members = [(c.cluster, c.earliest, m) for c in clusters for m in c.members]
    cluster_table = pa.table(
        {
            "cluster": pa.array([c for c, _, _ in members], pa.int64()),
            "id": pa.array([m.id for _, _, m in members], pa.string()),
            "start": pa.array([m.start for _, _, m in members], pa.int64()),
            "end": pa.array([m.end for _, _, m in members], pa.int64()),
            "date": pa.array([m.date for _, _, m in members], pa.string()),
            "earliest": pa.array([e == m.id for _, e, m in members], pa.bool_()),
        }
    )
    written = []
    for name, table in (("pairs.parquet", pair_table), ("clusters.parquet", cluster_table)):
        partial = out / f"{name}.partial"
        pq.write_table(table, partial)
        partial.replace(out / name)
        written.append(name)
    return written


def _replace_whole(path: Path, text: str) -> None:
    partial = path.with_name(path.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)
