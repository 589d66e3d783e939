"""Character-level detection measures of the PAN text-alignment task.

Implemented from Potthast, Stein, Barrón-Cedeño and Rosso, "An Evaluation Framework
for Plagiarism Detection" (COLING 2010). A case ``s`` (truth) and a detection ``r``
are each a pair of character ranges, one in the suspicious document and one in the
source, within one document pair. ``r`` *detects* ``s`` when they lie in the same pair
and overlap on both sides; then ``s ⊓ r = s ∩ r``, else ``s ⊓ r = ∅``. ``|s|`` counts
the characters of both sides.

- recall ``= 1/|S| Σ_s |⋃_r (s ⊓ r)| / |s|``
- precision ``= 1/|R| Σ_r |⋃_s (s ⊓ r)| / |r|``
- granularity ``= 1/|S_R| Σ_{s ∈ S_R} |R_s|`` over the detected cases ``S_R``,
  where ``R_s`` are the detections of ``s``
- plagdet ``= F1(precision, recall) / log2(1 + granularity)``

The micro-averaged variants pool characters instead of averaging per case:
micro recall ``= |⋃_{s,r} (s ⊓ r)| / |⋃_s s|`` and micro precision
``= |⋃_{s,r} (s ⊓ r)| / |⋃_r r|``, with the unions taken per document pair and side,
so overlapping cases or detections are not counted twice. Micro plagdet uses the
(only) granularity.

Conventions where a denominator is empty:

- no cases: recall (macro and micro) and plagdet are ``None``, as there is nothing to
  find; precision is still defined by the detections (0 when there are any, as every
  one is a false positive), and ``None`` when there are none either;
- cases but no detections: precision and recall are 0, so plagdet is 0 (PAN's choice:
  silence must not score well);
- nothing detected: granularity is 1;
- a case or detection with no characters detects nothing and scores 0.

Everything is computed with sorted, merged intervals, never sets of positions, so the
cost depends on the number of cases and detections, not on their lengths.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from textreuse.model import Span, covered_chars

PairKey = tuple[str, str] | str
"""What identifies a document pair: usually ``(suspicious name, source name)``."""


@dataclass(frozen=True, slots=True)
class Case:
    """A reuse case or a detection: a range of the suspicious and of the source document.

    Attributes:
        pair: the document pair both ranges belong to.
        suspicious: characters in the suspicious (derived) document.
        source: characters in the source document.
        obfuscation: for truth cases, how the text was disguised (``"none"``,
            ``"random"``, ``"summary"``…), so scores can be broken down by it.
    """

    pair: PairKey
    suspicious: Span
    source: Span
    obfuscation: str | None = None

    def __len__(self) -> int:
        return len(self.suspicious) + len(self.source)

    def detects(self, other: Case) -> bool:
        """True when both lie in the same pair and overlap on both sides (symmetric)."""
        return (
            self.pair == other.pair
            and self.suspicious.overlaps(other.suspicious)
            and self.source.overlaps(other.source)
        )


@dataclass(frozen=True, slots=True)
class Measures:
    """PAN measures of a set of detections against a set of cases.

    A measure is ``None`` where it is undefined (see the module docstring); the counts
    say why: ``cases`` truth cases, ``detections`` detections, and ``detected_cases``
    the cases that at least one detection detects.
    """

    precision: float | None
    recall: float | None
    granularity: float
    plagdet: float | None
    micro_precision: float | None
    micro_recall: float | None
    micro_plagdet: float | None
    cases: int
    detections: int
    detected_cases: int

    def to_dict(self) -> dict[str, float | int | None]:
        """The measures as plain JSON-ready values (``None`` becomes ``null``)."""
        return asdict(self)


def measure(cases: Sequence[Case], detections: Sequence[Case]) -> Measures:
    """Score ``detections`` against the truth ``cases`` (definitions in the module docstring).

    >>> truth = [Case(("s", "t"), Span(0, 100), Span(0, 100))]
    >>> half = [Case(("s", "t"), Span(0, 50), Span(0, 50))]
    >>> m = measure(truth, half)
    >>> m.precision, m.recall, m.granularity, round(m.plagdet, 4)
    (1.0, 0.5, 1.0, 0.6667)
    """
    cases_by_pair, detections_by_pair = _by_pair(cases), _by_pair(detections)
    recalls: list[float] = []
    precisions: list[float] = []
    detections_of_detected: list[int] = []
    shared = case_chars = detection_chars = 0
    for pair in dict.fromkeys([*cases_by_pair, *detections_by_pair]):
        truth, found = cases_by_pair.get(pair, []), detections_by_pair.get(pair, [])
        hits = [(i, j) for i, s in enumerate(truth) for j, r in enumerate(found) if r.detects(s)]
        found_by_case: defaultdict[int, list[Case]] = defaultdict(list)
        truth_by_detection: defaultdict[int, list[Case]] = defaultdict(list)
        for i, j in hits:
            found_by_case[i].append(found[j])
            truth_by_detection[j].append(truth[i])
        for i, s in enumerate(truth):
            recalls.append(_share(s, found_by_case.get(i, [])))
        detections_of_detected.extend(len(rs) for rs in found_by_case.values())
        for j, r in enumerate(found):
            precisions.append(_share(r, truth_by_detection.get(j, [])))
        case_chars += _side_union(truth)
        detection_chars += _side_union(found)
        matched = [(truth[i], found[j]) for i, j in hits]
        shared += covered_chars(_overlap(s.suspicious, r.suspicious) for s, r in matched)
        shared += covered_chars(_overlap(s.source, r.source) for s, r in matched)

    # fsum: exact, so the result does not depend on the order pairs are visited in.
    recall = math.fsum(recalls) / len(recalls) if recalls else None
    micro_recall = shared / case_chars if case_chars else (0.0 if cases else None)
    precision: float | None
    micro_precision: float | None
    if detections:
        precision = math.fsum(precisions) / len(precisions)
        micro_precision = shared / detection_chars if detection_chars else 0.0
    else:
        precision = micro_precision = 0.0 if cases else None
    granularity = (
        sum(detections_of_detected) / len(detections_of_detected) if detections_of_detected else 1.0
    )
    return Measures(
        precision=precision,
        recall=recall,
        granularity=granularity,
        plagdet=plagdet(precision, recall, granularity),
        micro_precision=micro_precision,
        micro_recall=micro_recall,
        micro_plagdet=plagdet(micro_precision, micro_recall, granularity),
        cases=len(cases),
        detections=len(detections),
        detected_cases=len(detections_of_detected),
    )


def _by_pair(items: Sequence[Case]) -> dict[PairKey, list[Case]]:
    """Cases or detections grouped by their document pair, in order of first appearance."""
    grouped: defaultdict[PairKey, list[Case]] = defaultdict(list)
    for item in items:
        grouped[item.pair].append(item)
    return grouped


def plagdet(precision: float | None, recall: float | None, granularity: float) -> float | None:
    """``F1(precision, recall) / log2(1 + granularity)``; ``None`` if either is undefined.

    >>> plagdet(1.0, 1.0, 2.0) == 1 / math.log2(3)
    True
    """
    if precision is None or recall is None:
        return None
    if precision + recall == 0:
        return 0.0
    f1 = 2 * precision * recall / (precision + recall)
    return f1 / math.log2(1 + granularity)


def _share(case: Case, others: list[Case]) -> float:
    """``|⋃_o (case ∩ o)| / |case|`` counted on both sides; 0 for an empty case."""
    if not others or not len(case):
        return 0.0
    covered = covered_chars(_overlap(case.suspicious, o.suspicious) for o in others)
    covered += covered_chars(_overlap(case.source, o.source) for o in others)
    return covered / len(case)


def _side_union(cases: list[Case]) -> int:
    """Characters covered by ``cases`` in one pair, each side's union counted once."""
    return covered_chars(c.suspicious for c in cases) + covered_chars(c.source for c in cases)


def _overlap(a: Span, b: Span) -> Span:
    """The shared range of two spans; empty when they do not overlap."""
    start = max(a.start, b.start)
    return Span(start, max(start, min(a.end, b.end)))
