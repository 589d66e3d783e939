"""PAN corpus reading and writing, and evaluate() on a tiny corpus with known scores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from textreuse.errors import CorpusError
from textreuse.evaluation import evaluate
from textreuse.model import Passage, ReuseType, Span
from textreuse.pan import load_corpus, read_detections, write_detections

COPIED = "the harbour authority will rebuild the northern flood barrier before winter"
SUSP = "An opening line.\r\n" + COPIED + " and more words follow here."
SRC = "Source text begins. " + COPIED + ". The end."


def _truth_xml(susp: str, src: str, features: str) -> str:
    return f'<document reference="{susp}">\n{features}\n</document>\n'


def _feature(this: int, length: int, src: str, source_offset: int, obfuscation: str) -> str:
    return (
        f'<feature name="plagiarism" obfuscation="{obfuscation}" this_offset="{this}" '
        f'this_length="{length}" source_reference="{src}" source_offset="{source_offset}" '
        f'source_length="{length}"/>'
    )


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Two sub-corpora: one copied case, and one pair with nothing to find."""
    (tmp_path / "susp").mkdir()
    (tmp_path / "src").mkdir()
    (tmp_path / "susp" / "s1.txt").write_bytes(SUSP.encode())
    (tmp_path / "susp" / "s2.txt").write_bytes(b"Nothing copied at all in this one.")
    (tmp_path / "src" / "r1.txt").write_bytes(SRC.encode())
    for folder, pair in (("02-copy", "s1.txt r1.txt"), ("01-none", "s2.txt r1.txt")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "pairs").write_text(pair + "\n")
    (tmp_path / "pairs").write_text("s1.txt r1.txt\ns2.txt r1.txt\n")
    feature = _feature(SUSP.index(COPIED), len(COPIED), "r1.txt", SRC.index(COPIED), "none")
    (tmp_path / "02-copy" / "s1-r1.xml").write_text(_truth_xml("s1.txt", "r1.txt", feature))
    (tmp_path / "01-none" / "s2-r1.xml").write_text(_truth_xml("s2.txt", "r1.txt", ""))
    return tmp_path


def exact_finder(suspicious: str, source: str) -> list[Passage]:
    """A stand-in aligner: reports COPIED wherever it occurs in both texts."""
    if COPIED in suspicious and COPIED in source:
        d, s = suspicious.index(COPIED), source.index(COPIED)
        return [
            Passage(Span(d, d + len(COPIED)), Span(s, s + len(COPIED)), ReuseType.VERBATIM, 1.0)
        ]
    return []


def half_finder(suspicious: str, source: str) -> list[Passage]:
    """Reports only the first half of COPIED."""
    half = len(COPIED) // 2
    return [
        Passage(
            Span(p.derived.start, p.derived.start + half),
            Span(p.source.start, p.source.start + half),
            p.reuse_type,
            1.0,
        )
        for p in exact_finder(suspicious, source)
    ]


def test_load_corpus_reads_pairs_and_truth(corpus: Path) -> None:
    loaded = load_corpus(corpus)
    assert loaded.subcorpora == ["01-none", "02-copy"]
    [copy] = [p for p in loaded.pairs if p.subcorpus == "02-copy"]
    [case] = copy.cases
    assert case.obfuscation == "none"
    assert SUSP[case.suspicious.start : case.suspicious.end] == COPIED
    assert SRC[case.source.start : case.source.end] == COPIED


def test_evaluate_scores_a_perfect_aligner(corpus: Path, tmp_path: Path) -> None:
    scores = evaluate(corpus, aligner=exact_finder, workers=1, out_dir=tmp_path / "out")
    assert scores.overall.plagdet == 1.0
    assert scores.by_subcorpus["02-copy"].pairs_with_detections == 1
    assert scores.by_subcorpus["01-none"].pairs_with_detections == 0
    [detection] = read_detections(tmp_path / "out")
    assert detection.pair == ("s1.txt", "r1.txt")
    assert SUSP[detection.suspicious.start : detection.suspicious.end] == COPIED
    assert json.loads(json.dumps(scores.to_dict()))["overall"]["plagdet"] == 1.0


def test_evaluate_scores_half_a_detection(corpus: Path) -> None:
    # Half of each side found: recall 0.5, precision 1 -> plagdet 2/3.
    scores = evaluate(corpus, aligner=half_finder, workers=1)
    assert scores.overall.recall == pytest.approx((len(COPIED) // 2) / len(COPIED))
    assert scores.overall.precision == 1.0


def test_evaluate_with_the_real_aligner_in_worker_processes(corpus: Path) -> None:
    scores = evaluate(corpus, workers=2, limit=1)
    assert scores.pairs == 2
    assert scores.by_subcorpus["01-none"].pairs_with_detections == 0


def test_written_detections_read_back(tmp_path: Path, corpus: Path) -> None:
    pair = next(p for p in load_corpus(corpus).pairs if p.cases)
    passage = Passage(Span(3, 40), Span(5, 42), ReuseType.PARAPHRASE, 0.5)
    path = write_detections(tmp_path / "det", pair, [passage])
    assert path.name == "s1-r1.xml" and path.parent.name == "02-copy"
    [back] = read_detections(tmp_path / "det")
    assert (back.suspicious, back.source) == (passage.derived, passage.source)


@pytest.mark.parametrize(
    ("breakage", "message"),
    [
        (lambda root: (root / "pairs").unlink(), "no 'pairs' inside"),
        (lambda root: (root / "02-copy" / "pairs").write_text("s1.txt\n"), "02-copy/pairs:1"),
        (lambda root: (root / "src" / "r1.txt").unlink(), "lists r1.txt"),
        (lambda root: (root / "02-copy" / "s1-r1.xml").write_text("<document"), "malformed XML"),
        (
            lambda root: (root / "02-copy" / "s1-r1.xml").write_text(
                _truth_xml("s1.txt", "r1.txt", _feature(0, 9999, "r1.txt", 0, "none"))
            ),
            "runs past the end",
        ),
    ],
)
def test_malformed_corpus_gets_a_clear_error(corpus: Path, breakage, message: str) -> None:
    breakage(corpus)
    with pytest.raises(CorpusError, match=message):
        evaluate(corpus, aligner=exact_finder, workers=1)


def test_pan13_training_corpus_layout(pan13_training: Path) -> None:
    loaded = load_corpus(pan13_training)
    assert len(loaded.pairs) == 5185
    assert sum(len(p.cases) for p in loaded.pairs) == 4007
    counts = {name: sum(p.subcorpus == name for p in loaded.pairs) for name in loaded.subcorpora}
    assert counts == {
        "01-no-plagiarism": 1000,
        "02-no-obfuscation": 1000,
        "03-random-obfuscation": 1000,
        "04-translation-obfuscation": 1000,
        "05-summary-obfuscation": 1185,
    }
