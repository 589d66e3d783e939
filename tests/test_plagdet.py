"""PAN measures on hand-made cases whose scores are worked out in the comments."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from textreuse.model import Span
from textreuse.plagdet import Case, measure

PAIR = ("susp.txt", "src.txt")
OTHER = ("susp.txt", "other.txt")


def case(a: int, b: int, c: int, d: int, pair: tuple[str, str] = PAIR) -> Case:
    return Case(pair, Span(a, b), Span(c, d))


def test_perfect_detection_scores_one() -> None:
    m = measure([case(0, 100, 0, 100)], [case(0, 100, 0, 100)])
    assert (m.precision, m.recall, m.granularity, m.plagdet) == (1.0, 1.0, 1.0, 1.0)


def test_detection_covering_half_a_case() -> None:
    # |s| = 200, s ⊓ r = 50 + 50 = 100 -> recall 0.5; r lies inside s -> precision 1.
    # F1 = 2 * 1 * 0.5 / 1.5 = 2/3; granularity 1 -> plagdet 2/3.
    m = measure([case(0, 100, 0, 100)], [case(0, 50, 0, 50)])
    assert m.recall == 0.5 and m.precision == 1.0
    assert m.plagdet == pytest.approx(2 / 3)


def test_case_split_into_two_detections() -> None:
    # Two detections cover the case exactly between them: recall 1, precision 1,
    # granularity 2 -> plagdet = 1 / log2(3).
    m = measure([case(0, 100, 0, 100)], [case(0, 50, 0, 50), case(50, 100, 50, 100)])
    assert (m.precision, m.recall, m.granularity) == (1.0, 1.0, 2.0)
    assert m.plagdet == pytest.approx(1 / math.log2(3))


def test_detection_must_overlap_both_sides_in_the_same_pair() -> None:
    truth = [case(0, 100, 0, 100)]
    one_side = [case(0, 100, 500, 600)]
    wrong_pair = [case(0, 100, 0, 100, pair=OTHER)]
    for detections in (one_side, wrong_pair):
        m = measure(truth, detections)
        assert (m.precision, m.recall, m.detected_cases) == (0.0, 0.0, 0)
        assert m.granularity == 1.0 and m.plagdet == 0.0


def test_false_positive_only_lowers_precision() -> None:
    # Precision = mean(1, 0) = 0.5; recall 1; F1 = 2/3.
    m = measure([case(0, 100, 0, 100)], [case(0, 100, 0, 100), case(300, 400, 300, 400)])
    assert (m.precision, m.recall, m.granularity) == (0.5, 1.0, 1.0)
    assert m.plagdet == pytest.approx(2 / 3)


def test_overlapping_detections_are_not_counted_twice() -> None:
    # Both detections detect s; their union covers s once: recall 1, granularity 2.
    # Each detection has |r ⊓ s| = |r|: precision 1.
    m = measure([case(0, 100, 0, 100)], [case(0, 80, 0, 80), case(20, 100, 20, 100)])
    assert (m.precision, m.recall, m.granularity) == (1.0, 1.0, 2.0)


def test_micro_and_macro_differ_when_cases_differ_in_length() -> None:
    # A short case (20 + 20) fully found, a long one (180 + 180) not found at all.
    # Macro recall = mean(1, 0) = 0.5; micro recall = 40 / 400 = 0.1.
    truth = [case(0, 20, 0, 20), case(100, 280, 100, 280)]
    m = measure(truth, [case(0, 20, 0, 20)])
    assert m.recall == 0.5
    assert m.micro_recall == pytest.approx(0.1)
    assert m.precision == m.micro_precision == 1.0


def test_empty_sets_follow_pan_conventions() -> None:
    nothing = measure([], [])
    assert (nothing.precision, nothing.recall, nothing.plagdet) == (1.0, 1.0, 1.0)
    missed = measure([case(0, 100, 0, 100)], [])
    assert (missed.precision, missed.recall, missed.plagdet) == (0.0, 0.0, 0.0)
    spurious = measure([], [case(0, 100, 0, 100)])
    assert (spurious.precision, spurious.recall, spurious.plagdet) == (0.0, 0.0, 0.0)


spans = st.tuples(st.integers(0, 40), st.integers(1, 15)).map(lambda t: Span(t[0], t[0] + t[1]))
cases = st.lists(
    st.builds(lambda s, t, p: Case(p, s, t), spans, spans, st.sampled_from([PAIR, OTHER])),
    max_size=5,
)


def _chars(c: Case) -> set[tuple[str, int]]:
    return {("susp", k) for k in range(c.suspicious.start, c.suspicious.end)} | {
        ("src", k) for k in range(c.source.start, c.source.end)
    }


@settings(max_examples=300, deadline=None)
@given(cases, cases)
def test_macro_measures_match_a_set_based_oracle(truth: list[Case], found: list[Case]) -> None:
    m = measure(truth, found)
    recalls = [
        len(set().union(*[_chars(s) & _chars(r) for r in found if r.detects(s)])) / len(s)
        for s in truth
    ]
    precisions = [
        len(set().union(*[_chars(s) & _chars(r) for s in truth if s.detects(r)])) / len(r)
        for r in found
    ]
    if truth and found:
        assert m.recall == pytest.approx(sum(recalls) / len(recalls))
        assert m.precision == pytest.approx(sum(precisions) / len(precisions))
    detected = [sum(r.detects(s) for r in found) for s in truth]
    detected = [n for n in detected if n]
    assert m.granularity == pytest.approx(sum(detected) / len(detected) if detected else 1.0)
    assert 0.0 <= m.plagdet <= 1.0
