"""The aligner on the whole PAN 2013 text-alignment training corpus (about a minute on 2 cores).

These are quality floors, not timings: they fail when a change to the algorithm makes
detection worse than the levels the project has reached and promised.
"""

from __future__ import annotations

from pathlib import Path

from textreuse import evaluate


def test_plagdet_floors_on_the_pan13_training_corpus(pan13_training: Path) -> None:
    scores = evaluate(pan13_training)
    by = scores.by_subcorpus
    assert scores.overall.plagdet >= 0.91
    assert by["02-no-obfuscation"].measures.plagdet >= 0.95
    assert by["03-random-obfuscation"].measures.plagdet >= 0.90
    assert by["04-translation-obfuscation"].measures.plagdet >= 0.92
    no_plagiarism = by["01-no-plagiarism"]
    assert no_plagiarism.pairs_with_detections <= 0.02 * no_plagiarism.pairs
