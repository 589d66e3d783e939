"""Small steps of the aligner checked against their definitions on random input."""

from __future__ import annotations

from itertools import pairwise

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from textreuse.aligner.extend import _cluster, _SeedsOnSide
from textreuse.aligner.seeds import _among_sorted, _rank_within

_SEEDS = st.lists(
    st.tuples(st.integers(0, 40), st.integers(0, 40)), min_size=1, max_size=40, unique=True
)


@given(seeds=_SEEDS, gap=st.integers(0, 4), paragraph_length=st.integers(1, 8))
def test_clusters_partition_the_seeds_and_leave_no_cut_inside(
    seeds: list[tuple[int, int]], gap: int, paragraph_length: int
) -> None:
    derived = [i for i, _ in seeds]
    source = [j for _, j in seeds]
    paragraphs = [i // paragraph_length for i in derived]
    clusters = _cluster(
        _SeedsOnSide(derived, paragraphs), _SeedsOnSide(source, None), list(range(len(seeds))), gap
    )
    assert sorted(k for cluster in clusters for k in cluster) == list(range(len(seeds)))
    for cluster in clusters:
        for side in (derived, source):
            along = sorted(side[k] for k in cluster)
            assert all(b - a <= gap + 1 for a, b in pairwise(along))
        held = sorted(paragraphs[k] for k in cluster)
        assert all(b - a <= 1 for a, b in pairwise(held))


def test_clusters_cut_where_two_passages_were_reused_in_swapped_order() -> None:
    # Derived sentences 0-2 copy source 3-5, derived 6-8 copy source 0-2: in step on the
    # source side, within the gap on the derived side, yet two passages.
    seeds = [(0, 3), (1, 4), (2, 5), (6, 0), (7, 1), (8, 2)]
    derived = _SeedsOnSide([i for i, _ in seeds], None)
    source = _SeedsOnSide([j for _, j in seeds], None)
    clusters = _cluster(derived, source, list(range(len(seeds))), gap=4)
    assert sorted(clusters) == [[0, 1, 2], [3, 4, 5]]


@given(st.lists(st.integers(0, 5), max_size=50))
def test_rank_within_counts_the_earlier_members_of_each_group(groups: list[int]) -> None:
    ranks = _rank_within(np.array(groups, dtype=np.int64))
    assert ranks.tolist() == [groups[:k].count(group) for k, group in enumerate(groups)]


@given(
    st.lists(st.integers(0, 60), max_size=30),
    st.sets(st.integers(0, 60), min_size=1, max_size=30),
)
def test_among_sorted_is_membership(values: list[int], members: set[int]) -> None:
    found = _among_sorted(np.array(values, dtype=np.int64), np.array(sorted(members)))
    assert found.tolist() == [value in members for value in values]
