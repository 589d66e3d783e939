"""The founding example: a blog post that stitched four BBC passages among other outlets' text."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from textreuse import compare
from textreuse.model import Span

# Everything after this offset of derived-blog.txt came from other outlets.
OTHER_OUTLETS_START = 1045


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _truth(seeds_dir: Path) -> dict[str, tuple[Span, Span]]:
    root = ET.parse(seeds_dir / "derived-blog-source-bbc.xml").getroot()
    truth = {}
    for feature in root.iter("feature"):
        this = int(feature.get("this_offset")), int(feature.get("this_length"))
        source = int(feature.get("source_offset")), int(feature.get("source_length"))
        truth[feature.get("type")] = (
            Span(this[0], this[0] + this[1]),
            Span(source[0], source[0] + source[1]),
        )
    return truth


def _overlap(span: Span, spans: list[Span]) -> float:
    covered = sum(max(0, min(span.end, s.end) - max(span.start, s.start)) for s in spans)
    return covered / len(span)


@pytest.mark.parametrize(
    ("reuse", "least_overlap"),
    [("verbatim", 0.9), ("near-verbatim", 0.9), ("paraphrase", 0.5)],
)
def test_reused_paragraphs_are_found_on_both_sides(
    seeds_dir: Path, reuse: str, least_overlap: float
) -> None:
    report = compare(_read(seeds_dir / "derived-blog.txt"), _read(seeds_dir / "source-bbc.txt"))
    derived_truth, source_truth = _truth(seeds_dir)[reuse]
    assert _overlap(derived_truth, [p.derived for p in report.passages]) >= least_overlap
    assert _overlap(source_truth, [p.source for p in report.passages]) >= least_overlap


def test_each_paragraph_gets_its_own_type(seeds_dir: Path) -> None:
    report = compare(_read(seeds_dir / "derived-blog.txt"), _read(seeds_dir / "source-bbc.txt"))
    truth = _truth(seeds_dir)
    for reuse in ("verbatim", "near-verbatim", "paraphrase"):
        derived_truth, _ = truth[reuse]
        [passage] = [p for p in report.passages if p.derived.overlaps(derived_truth)]
        assert passage.reuse_type.value == reuse


def test_nothing_is_reported_in_text_from_other_outlets(seeds_dir: Path) -> None:
    report = compare(_read(seeds_dir / "derived-blog.txt"), _read(seeds_dir / "source-bbc.txt"))
    assert report.passages
    assert all(p.derived.end <= OTHER_OUTLETS_START for p in report.passages)
