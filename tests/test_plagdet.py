"""PAN measures on hand-made cases whose scores are worked out in the comments,
and against a naive oracle that counts sets of character positions."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from textreuse.evaluation.plagdet import Case, PairKey, measure
from textreuse.model import Span

PAIR = ("susp.txt", "src.txt")
OTHER = ("susp.txt", "other.txt")


def case(a: int, b: int, c: int, d: int, pair: PairKey = PAIR) -> Case:
    return Case(pair, Span(a, b), Span(c, d))


def test_perfect_detection_scores_one() -> None:
    m = measure([case(0, 100, 0, 100)], [case(0, 100, 0, 100)])
    assert (m.precision, m.recall, m.granularity, m.plagdet) == (1.0, 1.0, 1.0, 1.0)
    assert (m.micro_precision, m.micro_recall, m.micro_plagdet) == (1.0, 1.0, 1.0)
    assert (m.cases, m.detections, m.detected_cases) == (1, 1, 1)


def test_detection_covering_half_a_case() -> None:
    # |s| = 100 + 100 = 200, |s ⊓ r| = 50 + 50 = 100 -> recall 0.5; r lies inside s
    # -> precision 1. F1 = 2 * 1 * 0.5 / 1.5 = 2/3; granularity 1 -> plagdet 2/3.
    m = measure([case(0, 100, 0, 100)], [case(0, 50, 0, 50)])
    assert (m.precision, m.recall, m.granularity) == (1.0, 0.5, 1.0)
    assert m.plagdet == pytest.approx(2 / 3)


def test_case_split_into_two_detections() -> None:
    # Two detections tile the case: recall 1, precision 1, granularity 2
    # -> plagdet = 1 / log2(3).
    m = measure([case(0, 100, 0, 100)], [case(0, 50, 0, 50), case(50, 100, 50, 100)])
    assert (m.precision, m.recall, m.granularity) == (1.0, 1.0, 2.0)
    assert m.plagdet == pytest.approx(1 / math.log2(3))


def test_granularity_divides_a_partial_f1() -> None:
    # Two detections cover 30 + 30 of each side: recall = 120 / 200 = 0.6, precision 1,
    # F1 = 2 * 0.6 / 1.6 = 0.75, granularity 2 -> plagdet = 0.75 / log2(3).
    m = measure([case(0, 100, 0, 100)], [case(0, 30, 0, 30), case(60, 90, 60, 90)])
    assert m.recall == pytest.approx(0.6) and m.precision == 1.0
    assert m.plagdet == pytest.approx(0.75 / math.log2(3))


@pytest.mark.parametrize(
    "detection",
    [
        case(0, 100, 0, 100, pair=OTHER),  # right offsets, wrong document pair
        case(0, 100, 500, 600),  # suspicious side only
        case(500, 600, 0, 100),  # source side only
        case(100, 200, 100, 200),  # touching ends: half-open spans share nothing
    ],
)
def test_detection_must_overlap_both_sides_in_the_same_pair(detection: Case) -> None:
    m = measure([case(0, 100, 0, 100)], [detection])
    assert (m.precision, m.recall, m.plagdet, m.detected_cases) == (0.0, 0.0, 0.0, 0)
    assert m.granularity == 1.0


def test_false_positive_only_lowers_precision() -> None:
    # Precision = mean(1, 0) = 0.5; recall 1; granularity 1; F1 = 2 * 0.5 / 1.5 = 2/3.
    # Micro precision = 200 shared / 400 detected characters = 0.5 too.
    m = measure([case(0, 100, 0, 100)], [case(0, 100, 0, 100), case(300, 400, 300, 400)])
    assert (m.precision, m.recall, m.granularity) == (0.5, 1.0, 1.0)
    assert m.plagdet == pytest.approx(2 / 3)
    assert m.micro_precision == 0.5


def test_overlapping_detections_are_not_counted_twice() -> None:
    # r1 = [0, 80) and r2 = [20, 120) on both sides both detect s = [0, 100).
    # Recall: r1 ∪ r2 covers all of s -> 200 / 200 = 1 (the shared 20..80 counted once).
    # Precision: r1 lies inside s -> 1; r2 has 80 + 80 of its 200 in s -> 0.8; mean 0.9.
    # Micro precision: detections cover [0, 120) per side = 240; shared 200 -> 5/6.
    # Granularity 2.
    m = measure([case(0, 100, 0, 100)], [case(0, 80, 0, 80), case(20, 120, 20, 120)])
    assert (m.recall, m.granularity) == (1.0, 2.0)
    assert m.precision == pytest.approx(0.9)
    assert m.micro_precision == pytest.approx(5 / 6)
    assert m.micro_recall == 1.0


def test_micro_and_macro_differ_when_cases_differ_in_length() -> None:
    # A short case (20 + 20) fully found, a long one (180 + 180) not found at all.
    # Macro recall = mean(1, 0) = 0.5; micro recall = 40 / (40 + 360) = 0.1.
    truth = [case(0, 20, 0, 20), case(100, 280, 100, 280)]
    m = measure(truth, [case(0, 20, 0, 20)])
    assert m.recall == 0.5
    assert m.micro_recall == pytest.approx(0.1)
    assert m.precision == m.micro_precision == 1.0
    # Macro F1 = 2 * 0.5 / 1.5 = 2/3; micro F1 = 2 * 0.1 / 1.1 = 2/11.
    assert m.plagdet == pytest.approx(2 / 3)
    assert m.micro_plagdet == pytest.approx(2 / 11)


def test_cases_are_matched_within_their_own_pair() -> None:
    # The same offsets in two pairs (one keyed by a plain string) are two cases;
    # one detection finds only its own: recall = mean(1, 0) = 0.5.
    truth = [case(0, 10, 0, 10), case(0, 10, 0, 10, pair="pair-2")]
    m = measure(truth, [case(0, 10, 0, 10, pair="pair-2")])
    assert (m.precision, m.recall, m.detected_cases) == (1.0, 0.5, 1)


def test_empty_inputs_follow_the_documented_conventions() -> None:
    nothing = measure([], [])
    assert (nothing.precision, nothing.recall, nothing.plagdet) == (None, None, None)
    assert (nothing.micro_precision, nothing.micro_recall, nothing.micro_plagdet) == (
        None,
        None,
        None,
    )
    assert nothing.granularity == 1.0
    # Cases but no detections: PAN scores silence 0 on every measure.
    missed = measure([case(0, 100, 0, 100)], [])
    assert (missed.precision, missed.recall, missed.plagdet) == (0.0, 0.0, 0.0)
    assert (missed.micro_precision, missed.micro_recall, missed.micro_plagdet) == (0.0, 0.0, 0.0)
    # No cases: every detection is a false positive, and recall has nothing to measure.
    spurious = measure([], [case(0, 100, 0, 100)])
    assert (spurious.precision, spurious.recall, spurious.plagdet) == (0.0, None, None)
    assert (spurious.micro_precision, spurious.micro_recall) == (0.0, None)


def test_long_spans_cost_nothing_extra() -> None:
    # Thousands of cases a billion characters long: intervals, not position sets.
    giga = 10**9
    truth = [case(0, giga, 0, giga, pair=f"pair-{k}") for k in range(3000)]
    found = [case(0, giga // 2, 0, giga, pair=f"pair-{k}") for k in range(3000)]
    m = measure(truth, found)
    assert m.recall == pytest.approx(0.75) and m.precision == 1.0


spans = st.tuples(st.integers(0, 30), st.integers(0, 12)).map(lambda t: Span(t[0], t[0] + t[1]))
case_lists = st.lists(
    st.builds(Case, st.sampled_from([PAIR, OTHER, "flat"]), spans, spans), max_size=6
)


def _chars(c: Case) -> set[tuple[PairKey, str, int]]:
    return {(c.pair, "susp", k) for k in range(c.suspicious.start, c.suspicious.end)} | {
        (c.pair, "src", k) for k in range(c.source.start, c.source.end)
    }


def _meet(s: Case, r: Case) -> set[tuple[PairKey, str, int]]:
    """``s ⊓ r`` from the definition, with sets of positions."""
    susp = set(range(s.suspicious.start, s.suspicious.end))
    src = set(range(s.source.start, s.source.end))
    detects = (
        s.pair == r.pair
        and susp & set(range(r.suspicious.start, r.suspicious.end))
        and src & set(range(r.source.start, r.source.end))
    )
    return _chars(s) & _chars(r) if detects else set()


def _mean(values: list[float]) -> float:
    return sum(values) / len(values)


def _f(precision: float | None, recall: float | None, granularity: float) -> float | None:
    if precision is None or recall is None:
        return None
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return f1 / math.log2(1 + granularity)


def _close(value: float | None, expected: float | None) -> bool:
    return value is expected is None or (
        value is not None and expected is not None and value == pytest.approx(expected)
    )


@settings(max_examples=400, deadline=None)
@given(case_lists, case_lists)
def test_measures_match_a_set_based_oracle(truth: list[Case], found: list[Case]) -> None:
    m = measure(truth, found)
    recall = (
        _mean(
            [
                len(set().union(*(_meet(s, r) for r in found))) / len(s) if len(s) else 0.0
                for s in truth
            ]
        )
        if truth
        else None
    )
    precision = (
        _mean(
            [
                len(set().union(*(_meet(s, r) for s in truth))) / len(r) if len(r) else 0.0
                for r in found
            ]
        )
        if found
        else (0.0 if truth else None)
    )
    shared = len(set().union(*(_meet(s, r) for s in truth for r in found)))
    case_chars = len(set().union(*map(_chars, truth)))
    found_chars = len(set().union(*map(_chars, found)))
    micro_recall = shared / case_chars if case_chars else (0.0 if truth else None)
    if found:
        micro_precision = shared / found_chars if found_chars else 0.0
    else:
        micro_precision = 0.0 if truth else None
    per_case = [sum(bool(_meet(s, r)) for r in found) for s in truth]
    detected = [n for n in per_case if n]
    granularity = _mean(detected) if detected else 1.0

    assert _close(m.recall, recall) and _close(m.precision, precision)
    assert _close(m.micro_recall, micro_recall) and _close(m.micro_precision, micro_precision)
    assert m.granularity == pytest.approx(granularity)
    assert _close(m.plagdet, _f(precision, recall, granularity))
    assert _close(m.micro_plagdet, _f(micro_precision, micro_recall, granularity))
    assert m.detected_cases == len(detected)
