"""evaluate() on a tiny corpus and stand-in aligners whose scores are known exactly."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from textreuse.aligner import AlignSettings
from textreuse.errors import ConfigError, CorpusError
from textreuse.evaluation import evaluate
from textreuse.evaluation.pan import read_detections
from textreuse.model import Passage, ReuseType, Span

A = "the harbour authority will rebuild the northern flood barriers"  # 62 characters
B = "a ferry service resumes once the storm season ends"  # 50 characters
SUSP_COPY = "Intro words here.\r\n" + A + " middle filler. " + B + " tail."
SUSP_STRAY = "Unrelated text, but " + A + " all the same."
SRC = "Start. " + B + " other. " + A + " end."


def _feature(phrase: str) -> str:
    return (
        f'<feature name="plagiarism" obfuscation="none" this_offset="{SUSP_COPY.index(phrase)}" '
        f'this_length="{len(phrase)}" source_reference="r1.txt" '
        f'source_offset="{SRC.index(phrase)}" source_length="{len(phrase)}"/>'
    )


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """02-copy: s1-r1 reuses A and B. 01-none: s2-r1 (A appears, but is not a case) and
    s3-r1 (nothing in common)."""
    root = tmp_path / "corpus"
    for folder in ("susp", "src", "01-none", "02-copy"):
        (root / folder).mkdir(parents=True)
    (root / "susp" / "s1.txt").write_bytes(SUSP_COPY.encode())
    (root / "susp" / "s2.txt").write_bytes(SUSP_STRAY.encode())
    (root / "susp" / "s3.txt").write_bytes(b"Nothing in common.")
    (root / "src" / "r1.txt").write_bytes(SRC.encode())
    (root / "pairs").write_text("s1.txt r1.txt\ns2.txt r1.txt\ns3.txt r1.txt\n")
    (root / "02-copy" / "pairs").write_text("s1.txt r1.txt\n")
    (root / "01-none" / "pairs").write_text("s2.txt r1.txt\ns3.txt r1.txt\n")
    truth = f'<document reference="s1.txt">\n{_feature(A)}\n{_feature(B)}\n</document>\n'
    (root / "02-copy" / "s1-r1.xml").write_text(truth)
    for name in ("s2-r1.xml", "s3-r1.xml"):
        (root / "01-none" / name).write_text(f'<document reference="{name[:2]}.txt"/>')
    return root


def _found(suspicious: str, source: str, start: int = 0, stop: int | None = None) -> list[Passage]:
    """``phrase[start:stop]`` of each phrase that occurs in both texts, found with str.find."""
    passages = []
    for phrase in (A, B):
        d, s = suspicious.find(phrase), source.find(phrase)
        if d >= 0 and s >= 0:
            end = len(phrase) if stop is None else stop
            derived, reused = Span(d + start, d + end), Span(s + start, s + end)
            passages.append(Passage(derived, reused, ReuseType.VERBATIM, 1.0))
    return passages


def exact_finder(suspicious: str, source: str) -> list[Passage]:
    """Reports A and B wherever both texts contain them."""
    return _found(suspicious, source)


def half_finder(suspicious: str, source: str) -> list[Passage]:
    """Reports the first 25 characters of A and of B."""
    return _found(suspicious, source, 0, 25)


def split_finder(suspicious: str, source: str) -> list[Passage]:
    """Reports A and B each as two detections: characters [0, 25) and [25, 50)."""
    return _found(suspicious, source, 0, 25) + _found(suspicious, source, 25, 50)


def test_exact_aligner(corpus: Path) -> None:
    scores = evaluate(corpus, aligner=exact_finder, workers=1)
    assert scores.pairs == 3 and list(scores.by_subcorpus) == ["01-none", "02-copy"]
    copy, none = scores.by_subcorpus["02-copy"], scores.by_subcorpus["01-none"]
    # 02-copy: both cases found exactly.
    assert (copy.measures.precision, copy.measures.recall, copy.measures.plagdet) == (1, 1, 1)
    assert (copy.pairs, copy.pairs_with_detections, copy.measures.detected_cases) == (1, 1, 2)
    # 01-none: A in s2 is a false positive; no cases, so no recall or plagdet.
    assert (none.measures.precision, none.measures.recall, none.measures.plagdet) == (0, None, None)
    assert (none.pairs, none.pairs_with_detections, none.detection_share) == (2, 1, 0.5)
    # Overall: 3 detections, 2 of them exact -> precision 2/3, recall 1,
    # F1 = 2 * (2/3) / (5/3) = 0.8. Micro precision = (2*62 + 2*50) / (2*62 + 2*50 + 2*62).
    overall = scores.overall
    assert (overall.cases, overall.detections, overall.granularity) == (2, 3, 1.0)
    assert overall.precision == pytest.approx(2 / 3) and overall.recall == 1.0
    assert overall.plagdet == pytest.approx(0.8)
    assert overall.micro_precision == pytest.approx(224 / 348)
    assert scores.seconds >= copy.seconds + none.seconds >= 0


def test_half_detections(corpus: Path) -> None:
    # 02-copy: 25 of 62 and 25 of 50 characters per side -> recall = (25/62 + 25/50) / 2,
    # precision 1; micro recall = 100 / 224.
    copy = evaluate(corpus, aligner=half_finder, workers=1).by_subcorpus["02-copy"].measures
    recall = (25 / 62 + 25 / 50) / 2
    assert copy.recall == pytest.approx(recall) and copy.precision == 1.0
    assert copy.plagdet == pytest.approx(2 * recall / (1 + recall))
    assert copy.micro_recall == pytest.approx(100 / 224)


def test_split_detections_raise_granularity(corpus: Path) -> None:
    # Each case found as two adjacent pieces: granularity 2; recall as for 50 characters
    # of each case; precision 1 -> plagdet = F1 / log2(3).
    copy = evaluate(corpus, aligner=split_finder, workers=1).by_subcorpus["02-copy"].measures
    recall = (50 / 62 + 50 / 50) / 2
    assert copy.granularity == 2.0 and copy.precision == 1.0
    assert copy.recall == pytest.approx(recall)
    assert copy.plagdet == pytest.approx(2 * recall / (1 + recall) / math.log2(3))


def test_detections_are_written_for_every_pair(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    evaluate(corpus, aligner=exact_finder, workers=1, out_dir=out)
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.xml")) == [
        "01-none/s2-r1.xml",
        "01-none/s3-r1.xml",
        "02-copy/s1-r1.xml",
    ]
    back = {(d.pair, d.suspicious.start, len(d.suspicious)) for d in read_detections(out)}
    assert back == {
        (("s1.txt", "r1.txt"), SUSP_COPY.index(A), len(A)),
        (("s1.txt", "r1.txt"), SUSP_COPY.index(B), len(B)),
        (("s2.txt", "r1.txt"), SUSP_STRAY.index(A), len(A)),
    }


def test_worker_processes_give_the_same_scores(corpus: Path) -> None:
    in_process = evaluate(corpus, aligner=exact_finder, workers=1)
    pooled = evaluate(corpus, aligner=exact_finder, workers=2)
    assert pooled.overall == in_process.overall
    assert {k: v.measures for k, v in pooled.by_subcorpus.items()} == {
        k: v.measures for k, v in in_process.by_subcorpus.items()
    }


def test_limit_takes_the_first_pairs_of_each_subcorpus(corpus: Path) -> None:
    scores = evaluate(corpus, aligner=exact_finder, workers=1, limit=1, progress=True)
    assert {name: sub.pairs for name, sub in scores.by_subcorpus.items()} == {
        "01-none": 1,
        "02-copy": 1,
    }
    assert scores.by_subcorpus["01-none"].pairs_with_detections == 1  # s2 comes first


def test_scores_serialise_to_json(corpus: Path) -> None:
    data = json.loads(json.dumps(evaluate(corpus, aligner=exact_finder, workers=1).to_dict()))
    assert data["overall"]["plagdet"] == pytest.approx(0.8) and data["overall"]["pairs"] == 3
    assert data["by_subcorpus"]["01-none"]["recall"] is None
    assert data["by_subcorpus"]["01-none"]["detection_share"] == 0.5


def test_default_aligner_is_used_without_one(corpus: Path) -> None:
    # The real aligner is imported on demand; these texts are too short for it to
    # report anything, so only the wiring is checked.
    scores = evaluate(corpus, workers=1, settings=AlignSettings())
    assert scores.pairs == 3 and scores.overall.cases == 2
    with pytest.raises(ValueError, match="settings tune the default aligner"):
        evaluate(corpus, aligner=exact_finder, settings=AlignSettings())


def test_corpus_errors_reach_the_caller(corpus: Path) -> None:
    wide = _feature(A).replace(f'this_length="{len(A)}"', 'this_length="9999"')
    (corpus / "02-copy" / "s1-r1.xml").write_text(f'<document reference="s1.txt">{wide}</document>')
    with pytest.raises(CorpusError, match=r"s1-r1.xml: this_offset .* runs past the end"):
        evaluate(corpus, aligner=exact_finder, workers=1)


@pytest.mark.parametrize("arguments", [{"workers": 0}, {"limit": 0}])
def test_bad_arguments_are_refused(corpus: Path, arguments: dict[str, int]) -> None:
    refused = r"evaluate\.(workers|limit) must be a whole number >= 1, got 0"
    with pytest.raises(ConfigError, match=refused):
        evaluate(corpus, aligner=exact_finder, **arguments)
