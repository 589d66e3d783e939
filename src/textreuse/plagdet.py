"""Character-level detection measures of the PAN text-alignment task.

Implemented from Potthast, Stein, Barrón-Cedeño and Rosso, "An Evaluation Framework
for Plagiarism Detection" (COLING 2010). A case ``s`` (truth) and a detection ``r``
are each a pair of character ranges, one in the suspicious document and one in the
source, within one document pair. ``r`` *detects* ``s`` when both ranges overlap,
and then ``s ⊓ r`` is their shared characters on both sides (else nothing):

- recall ``= 1/|S| Σ_s |⋃_r (s ⊓ r)| / |s|``
- precision ``= 1/|R| Σ_r |⋃_s (s ⊓ r)| / |r|``
- granularity ``= 1/|S_R| Σ_{s ∈ S_R} |R_s|`` over the detected cases ``S_R``,
  where ``R_s`` are the detections of ``s``; 1 when nothing is detected
- plagdet ``= F1(precision, recall) / log2(1 + granularity)``

``|s|`` counts the characters of both sides. The micro-averaged variants pool the
characters of all cases and detections instead of averaging per case. As in PAN's
own evaluation, a measure whose denominator is empty is 1 when both the cases and
the detections are empty and 0 when only one of them is.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass

from textreuse.model import Span


@dataclass(frozen=True, slots=True)
class Case:
    """A reuse case or a detection: two ranges within one (suspicious, source) pair."""

    pair: tuple[str, str]
    suspicious: Span
    source: Span
    obfuscation: str | None = None

    def __len__(self) -> int:
        return len(self.suspicious) + len(self.source)

    def detects(self, other: Case) -> bool:
        """True when the two lie in the same pair and overlap on both sides."""
        return (
            self.pair == other.pair
            and self.suspicious.overlaps(other.suspicious)
            and self.source.overlaps(other.source)
        )


@dataclass(frozen=True, slots=True)
class Measures:
    """PAN measures of a set of detections against a set of cases."""

    precision: float
    recall: float
    granularity: float
    plagdet: float
    micro_precision: float
    micro_recall: float
    micro_plagdet: float
    cases: int
    detections: int
    detected_cases: int

    def to_dict(self) -> dict[str, float | int]:
        """The measures as plain JSON-ready values."""
        return asdict(self)


def measure(cases: Sequence[Case], detections: Sequence[Case]) -> Measures:
    """Score ``detections`` against the truth ``cases`` (see the module docstring).

    >>> truth = [Case(("s", "t"), Span(0, 100), Span(0, 100))]
    >>> half = [Case(("s", "t"), Span(0, 50), Span(0, 50))]
    >>> m = measure(truth, half)
    >>> m.precision, m.recall, m.granularity, round(m.plagdet, 4)
    (1.0, 0.5, 1.0, 0.6667)
    """
    by_pair: dict[tuple[str, str], list[Case]] = defaultdict(list)
    for detection in detections:
        by_pair[detection.pair].append(detection)
    cases_by_pair: dict[tuple[str, str], list[Case]] = defaultdict(list)
    for case in cases:
        cases_by_pair[case.pair].append(case)

    recalls, detections_per_case = [], []
    for case in cases:
        found = [r for r in by_pair.get(case.pair, ()) if r.detects(case)]
        recalls.append(_shared(case, found) / len(case) if len(case) else 0.0)
        if found:
            detections_per_case.append(len(found))
    precisions = []
    for detection in detections:
        truth = [s for s in cases_by_pair.get(detection.pair, ()) if s.detects(detection)]
        precisions.append(_shared(detection, truth) / len(detection) if len(detection) else 0.0)

    precision = _mean(precisions, other_empty=not cases)
    recall = _mean(recalls, other_empty=not detections)
    granularity = (
        sum(detections_per_case) / len(detections_per_case) if detections_per_case else 1.0
    )
    micro_precision, micro_recall = _micro(cases_by_pair, by_pair)
    return Measures(
        precision=precision,
        recall=recall,
        granularity=granularity,
        plagdet=_plagdet(precision, recall, granularity),
        micro_precision=micro_precision,
        micro_recall=micro_recall,
        micro_plagdet=_plagdet(micro_precision, micro_recall, granularity),
        cases=len(cases),
        detections=len(detections),
        detected_cases=len(detections_per_case),
    )


def _shared(case: Case, others: Iterable[Case]) -> int:
    """``|⋃_o (case ∩ o)|`` counted on both sides."""
    others = list(others)
    return _union_length(_intersect(case.suspicious, o.suspicious) for o in others) + (
        _union_length(_intersect(case.source, o.source) for o in others)
    )


def _micro(
    cases_by_pair: dict[tuple[str, str], list[Case]],
    detections_by_pair: dict[tuple[str, str], list[Case]],
) -> tuple[float, float]:
    shared = case_chars = detection_chars = 0
    for pair in cases_by_pair.keys() | detections_by_pair.keys():
        truth = cases_by_pair.get(pair, [])
        found = detections_by_pair.get(pair, [])
        case_chars += _union_length(s.suspicious for s in truth)
        case_chars += _union_length(s.source for s in truth)
        detection_chars += _union_length(r.suspicious for r in found)
        detection_chars += _union_length(r.source for r in found)
        hits = [(s, r) for s in truth for r in found if r.detects(s)]
        shared += _union_length(_intersect(s.suspicious, r.suspicious) for s, r in hits)
        shared += _union_length(_intersect(s.source, r.source) for s, r in hits)
    precision = _ratio(shared, detection_chars, other_empty=case_chars == 0)
    recall = _ratio(shared, case_chars, other_empty=detection_chars == 0)
    return precision, recall


def _intersect(a: Span, b: Span) -> Span:
    start, end = max(a.start, b.start), min(a.end, b.end)
    return Span(start, end) if start < end else Span(0, 0)


def _union_length(spans: Iterable[Span]) -> int:
    total, reach = 0, 0
    for span in sorted((s for s in spans if len(s)), key=lambda s: s.start):
        start = max(span.start, reach)
        if span.end > start:
            total += span.end - start
            reach = span.end
    return total


def _mean(values: list[float], *, other_empty: bool) -> float:
    if not values:
        return 1.0 if other_empty else 0.0
    return sum(values) / len(values)


def _ratio(part: int, whole: int, *, other_empty: bool) -> float:
    if whole == 0:
        return 1.0 if other_empty else 0.0
    return part / whole


def _plagdet(precision: float, recall: float, granularity: float) -> float:
    if precision + recall == 0:
        return 0.0
    f1 = 2 * precision * recall / (precision + recall)
    return f1 / math.log2(1 + granularity)
