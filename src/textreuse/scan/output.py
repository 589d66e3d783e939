"""Where every scan engine ends: the passage pairs sorted, clustered and written whole.

Every engine hands its passage pairs to :func:`finish_scan`, so their files are the
same for the same input: rows in one canonical order, each file written to a
temporary name and renamed whole.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from textreuse.clusters import Cluster, reprint_clusters
from textreuse.model import PassagePair, Record

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
TEXT_COLUMNS = ("a_text", "b_text")
"""The columns ``include_text`` adds to the pairs: each side's passage text."""


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
        """The summary as JSON-ready values."""
        return {**asdict(self), "files": list(self.files)}


def finish_scan(
    out: Path,
    collection: Sequence[Record],
    passage_pairs: Iterable[PassagePair],
    *,
    engine: str,
    candidate_pairs: int,
    seconds: float,
    include_text: bool = False,
) -> ScanSummary:
    """Sort the passage pairs, cluster them and write every output file under ``out``;
    with ``include_text``, each pair row carries both sides' text."""
    rows = sorted(passage_pairs, key=lambda p: (p.a_id, p.b_id, p.a_start, p.b_start, p.a_end))
    dates = {record.id: record.date for record in collection}
    clusters = reprint_clusters(rows, dates)
    texts = {record.id: record.text for record in collection} if include_text else None
    pair_rows = [_pair_row(row, texts) for row in rows]
    files = [
        _write_jsonl(out / "pairs.jsonl", pair_rows),
        _write_jsonl(out / "clusters.jsonl", (cluster.to_dict() for cluster in clusters)),
    ]
    files += _write_parquet(out, pair_rows, clusters, with_text=include_text)
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


def _pair_row(pair: PassagePair, texts: dict[str, str] | None) -> dict[str, object]:
    """A pair as a row, with the text of each side when ``texts`` are given."""
    row = pair.to_dict()
    if texts is not None:
        row["a_text"] = texts[pair.a_id][pair.a_start : pair.a_end]
        row["b_text"] = texts[pair.b_id][pair.b_start : pair.b_end]
    return row


def _write_jsonl(path: Path, rows: Iterable[dict[str, object]]) -> str:
    _replace_whole(path, "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows))
    return path.name


def _write_parquet(
    out: Path,
    dicts: Sequence[dict[str, object]],
    clusters: Sequence[Cluster],
    *,
    with_text: bool,
) -> list[str]:
    """The same tables as Parquet, where pyarrow is installed (the ``parquet`` extra)."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        return []
    columns = [*PAIR_COLUMNS, *TEXT_COLUMNS] if with_text else list(PAIR_COLUMNS)
    pair_table = pa.table(
        {column: [row[column] for row in dicts] for column in columns},
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
                *((column, pa.string()) for column in TEXT_COLUMNS if with_text),
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
