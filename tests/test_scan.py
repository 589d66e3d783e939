"""Scanning a collection: candidate pairs without all-pairs work, passage pairs whose
offsets slice both texts, reprint clusters, and scans that resume."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import example, given, settings
from hypothesis import strategies as st

import textreuse.scan.local as scan_local_module
import textreuse.scan.steps as steps
from textreuse.cli import main
from textreuse.clusters import reprint_clusters
from textreuse.errors import CorpusError
from textreuse.model import PassagePair, Record
from textreuse.scan import scan_local
from textreuse.scan.collection import Collection
from textreuse.scan.steps import align_pair, candidate_pairs

NEWS = Path(__file__).parent / "fixtures" / "news"


def story(name: str) -> str:
    return (NEWS / f"{name}.txt").read_text(encoding="utf-8")


def paragraphs(name: str) -> list[str]:
    return story(name).split("\n\n")


def collection() -> list[Record]:
    """Five stories, a dated reprint of one, and a post made of paragraphs of two others."""
    records = [Record(id=p.stem, text=p.read_text(encoding="utf-8")) for p in NEWS.glob("*.txt")]
    reprint = "Reprinted from the Island Gazette.\n\n" + story("ferry").replace("four", "4")
    orchard, observatory = paragraphs("orchard"), paragraphs("observatory")
    post = "\n\n".join(
        ["What we read this week.", orchard[2], "Something else entirely here.", observatory[1]]
    )
    dated = [
        Record(id="ferry-reprint", text=reprint, date="2024-03-05"),
        Record(id="post", text=post, date="2024-04-01"),
    ]
    records = [
        Record(id=r.id, text=r.text, date="2024-03-01") if r.id == "ferry" else r for r in records
    ]
    return records + dated


def test_candidate_pairs_count_shared_fingerprints_and_skip_common_ones() -> None:
    hashes = np.array([1, 1, 1, 2, 2, 3, 3, 4, 4, 4, 4], dtype=np.int64)
    documents = np.array([0, 1, 2, 0, 1, 0, 1, 0, 1, 2, 3], dtype=np.int64)
    pairs, shared = candidate_pairs(hashes, documents, max_document_frequency=3, min_shared=2)
    # Hash 4 is in four documents: too common. 0-1 share hashes 1, 2, 3; 0-2 and 1-2 one.
    assert pairs.tolist() == [[0, 1]] and shared.tolist() == [3]
    pairs, shared = candidate_pairs(hashes, documents, max_document_frequency=4, min_shared=1)
    assert pairs.tolist() == [[0, 1], [0, 2], [0, 3], [1, 2], [1, 3], [2, 3]]
    assert shared.tolist() == [4, 2, 1, 2, 1, 1]


@settings(max_examples=60, deadline=None)
@given(
    st.sets(st.tuples(st.integers(0, 40), st.integers(0, 30)), min_size=20, max_size=160),
    st.integers(1, 40),
)
# Two fingerprints held by documents 0, 5 and 9: a pass that starts past document 0
# still owes the pair 5-9 both of them.
@example({(1, 0), (1, 5), (1, 9), (2, 0), (2, 5), (2, 9)}, 1)
def test_candidate_pairs_counted_in_passes_are_those_counted_at_once(
    postings: set[tuple[int, int]], keys_per_pass: int
) -> None:
    """A collection too large to count at once is counted in shares of its documents,
    and gives the same pairs and counts."""
    hashes = np.array([h for h, _ in postings], dtype=np.int64)
    documents = np.array([d for _, d in postings], dtype=np.int64)
    at_once = candidate_pairs(hashes, documents, max_document_frequency=6, min_shared=2)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(steps, "_KEYS_PER_PASS", keys_per_pass)
        in_passes = candidate_pairs(hashes, documents, max_document_frequency=6, min_shared=2)
    assert in_passes[0].tolist() == at_once[0].tolist()
    assert in_passes[1].tolist() == at_once[1].tolist()
    # The local engine numbers documents in 32 bits: the same pairs.
    narrow = candidate_pairs(
        hashes, documents.astype(np.int32), max_document_frequency=6, min_shared=2
    )
    assert narrow[0].tolist() == at_once[0].tolist()
    assert narrow[1].tolist() == at_once[1].tolist()


def test_align_pair_needs_ids_in_order_and_says_which_came_first() -> None:
    ferry = story("ferry")
    a = Record(id="a", text=ferry, date="2024-01-02")
    b = Record(id="b", text="Copied:\n\n" + ferry, date="2024-01-01")
    (pair,) = align_pair(a, b)
    assert pair.earlier == "b" and pair.type == "verbatim"
    assert a.text[pair.a_start : pair.a_end] == b.text[pair.b_start : pair.b_end]
    with pytest.raises(ValueError, match=r"a\.id < b\.id"):
        align_pair(b, a)


def test_reprint_clusters_join_overlapping_passages_and_name_the_earliest() -> None:
    def pair(a: str, a_span: tuple[int, int], b: str, b_span: tuple[int, int]) -> PassagePair:
        return PassagePair(a, b, *a_span, *b_span, "verbatim", 1.0, None)

    pairs = [
        pair("x", (0, 100), "y", (50, 150)),
        pair("y", (55, 150), "z", (0, 95)),  # the same passage in y: one cluster x-y-z
        pair("x", (500, 600), "z", (300, 400)),  # another passage: a second cluster
    ]
    dates = {"x": "2024-02-01", "y": "2024-01-15", "z": None}
    first, second = reprint_clusters(pairs, dates)
    assert [m.id for m in first.members] == ["x", "y", "z"] and first.earliest == "y"
    assert [(m.id, m.start, m.end) for m in first.members][1] == ("y", 50, 150)
    assert [m.id for m in second.members] == ["x", "z"] and second.earliest == "x"


def test_scan_finds_the_planted_reuse_and_nothing_else(tmp_path: Path) -> None:
    records = collection()
    summary = scan_local(records, tmp_path, workers=2)
    texts = {r.id: r.text for r in records}
    rows = [json.loads(line) for line in (tmp_path / "pairs.jsonl").open(encoding="utf-8")]
    assert {(r["a_id"], r["b_id"]) for r in rows} == {
        ("ferry", "ferry-reprint"),
        ("observatory", "post"),
        ("orchard", "post"),
    }
    for row in rows:  # offsets slice passages that really are the same text
        a_text = texts[row["a_id"]][row["a_start"] : row["a_end"]]
        b_text = texts[row["b_id"]][row["b_start"] : row["b_end"]]
        assert a_text and b_text
        if row["type"] == "verbatim":
            assert a_text.split() == b_text.split()
    ferry_rows = [r for r in rows if r["b_id"] == "ferry-reprint"]
    assert {r["earlier"] for r in ferry_rows} == {"a"}  # the original, dated first
    clusters = [json.loads(line) for line in (tmp_path / "clusters.jsonl").open()]
    assert {tuple(sorted({m["id"] for m in c["members"]})) for c in clusters} >= {
        ("observatory", "post"),
        ("orchard", "post"),
    }
    assert summary.documents == 7 and summary.aligned_pairs == 3
    assert json.loads((tmp_path / "summary.json").read_text())["passage_pairs"] == len(rows)
    pq = pytest.importorskip("pyarrow.parquet")
    assert pq.read_table(tmp_path / "pairs.parquet").to_pylist() == rows


def test_duplicate_ids_are_refused(tmp_path: Path) -> None:
    records = [Record(id="same", text="One text."), Record(id="same", text="Another text.")]
    with pytest.raises(CorpusError, match="two documents have the id 'same'"):
        scan_local(records, tmp_path, workers=1)


def test_an_interrupted_scan_resumes_where_it_stopped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scan_local_module, "BLOCK_PAIRS", 1)
    records = collection()
    fresh = scan_local(records, tmp_path / "fresh", workers=1)

    def stop_after_first_block(step: str, done: int, total: int | None) -> None:
        if step == "aligning" and done >= 1:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        scan_local(records, tmp_path / "out", workers=1, progress=stop_after_first_block)
    assert not (tmp_path / "out" / "pairs.jsonl").exists()
    reports: list[tuple[str, int, int | None]] = []
    resumed = scan_local(
        records, tmp_path / "out", workers=1, progress=lambda *a: reports.append(a)
    )
    assert ("aligning", 1, fresh.candidate_pairs) in reports  # one block was already done
    assert (tmp_path / "out" / "pairs.jsonl").read_text() == (
        tmp_path / "fresh" / "pairs.jsonl"
    ).read_text()
    assert resumed.passage_pairs == fresh.passage_pairs
    assert not (tmp_path / "out" / ".parts").exists()


@settings(max_examples=10, deadline=None)
@given(
    picks=st.lists(
        st.tuples(
            st.sampled_from(["ferry", "orchard", "observatory", "library", "market"]),
            st.integers(1, 3),
        ),
        min_size=2,
        max_size=5,
    ),
    noise=st.text(alphabet=st.characters(codec="utf-8"), max_size=20),
)
def test_every_scanned_passage_slices_both_documents(
    tmp_path_factory: pytest.TempPathFactory, picks: list[tuple[str, int]], noise: str
) -> None:
    records = [
        Record(id=f"doc{n}", text=noise + "\n\n" + paragraphs(name)[index] + "\n\n" + noise)
        for n, (name, index) in enumerate(picks)
    ]
    out = tmp_path_factory.mktemp("scan")
    scan_local(records, out, workers=1)
    texts = {r.id: r.text for r in records}
    for line in (out / "pairs.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        a = texts[row["a_id"]][row["a_start"] : row["a_end"]]
        b = texts[row["b_id"]][row["b_start"] : row["b_end"]]
        assert a.strip() == a and b.strip() == b and a and b
    # Documents holding the same paragraph are always paired.
    expected = {
        (f"doc{m}", f"doc{n}")
        for m, first in enumerate(picks)
        for n, second in enumerate(picks)
        if m < n and first == second
    }
    found = {
        (json.loads(line)["a_id"], json.loads(line)["b_id"])
        for line in (out / "pairs.jsonl").open()
    }
    assert expected <= found


def test_scan_command_writes_the_files_and_a_json_summary(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        "".join(
            json.dumps({"id": r.id, "text": r.text, "date": r.date}) + "\n" for r in collection()
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["scan", str(feed), "--out", str(tmp_path / "out"), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["aligned_pairs"] == 3 and summary["engine"] == "local"
    assert (tmp_path / "out" / "clusters.jsonl").is_file()


@pytest.mark.parametrize(
    ("options", "refused"),
    [
        (["--engine", "spark", "--workers", "2"], "'workers' does not apply to the spark engine"),
        (["--master", "spark://127.0.0.1:7077"], "'master' does not apply to the local engine"),
        (["--driver-memory", "2g"], "'driver_memory' does not apply to the local engine"),
    ],
)
def test_an_option_of_the_other_engine_is_refused(
    tmp_path: Path, options: list[str], refused: str
) -> None:
    result = CliRunner().invoke(main, ["scan", str(NEWS), "--out", str(tmp_path / "o"), *options])
    assert result.exit_code == 2
    assert refused in result.output
    assert not (tmp_path / "o").exists()


def test_scan_pairs_carry_their_text_when_asked(tmp_path: Path) -> None:
    records = collection()
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        "".join(json.dumps({"id": r.id, "text": r.text}) + "\n" for r in records),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["scan", str(feed), "--out", str(out), "--include-text", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    texts = {r.id: r.text for r in records}
    rows = [json.loads(line) for line in (out / "pairs.jsonl").read_text("utf-8").splitlines()]
    assert rows
    for row in rows:
        assert row["a_text"] == texts[row["a_id"]][row["a_start"] : row["a_end"]]
        assert row["b_text"] == texts[row["b_id"]][row["b_start"] : row["b_end"]]
    pyarrow_parquet = pytest.importorskip("pyarrow.parquet")
    table = pyarrow_parquet.read_table(out / "pairs.parquet").to_pylist()
    assert [row["a_text"] for row in table] == [row["a_text"] for row in rows]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.text(max_size=8), st.text(max_size=60)), max_size=12))
def test_a_held_collection_gives_back_every_text_exactly_in_id_order(
    given_records: list[tuple[str, str]],
) -> None:
    """Any text (every script, marks, emoji, CRLF, lone surrogates) comes back from the
    one UTF-8 buffer exactly, with its id and date, sorted by id."""
    records = list(
        {
            doc_id: Record(id=doc_id, text=text, date=f"2024-01-{len(text) % 28 + 1:02d}")
            for doc_id, text in given_records
        }.values()
    )
    held = Collection.of(iter(records))
    expected = sorted(records, key=lambda record: record.id)
    assert list(held) == expected
    assert [held.text(n) for n in range(len(held))] == [record.text for record in expected]
    if expected:
        assert held[-1] == expected[-1]


def test_a_held_collection_refuses_two_documents_with_one_id() -> None:
    records = [Record(id="b", text="one"), Record(id="a", text="two"), Record(id="b", text="x")]
    with pytest.raises(CorpusError, match="two documents have the id 'b'"):
        Collection.of(records)


def test_a_held_collection_keeps_a_lone_surrogate_that_json_can_spell() -> None:
    text = json.loads('"half \\ud83d of a pair, then \\r\\n e\\u0301 \\ud83d\\udc4d\\ud83c\\udffd"')
    assert Collection.of([Record(id="a", text=text)]).text(0) == text
