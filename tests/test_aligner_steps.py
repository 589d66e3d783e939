"""Small steps of the aligner checked against their definitions on random input."""

from __future__ import annotations

from itertools import pairwise

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from textreuse.aligner.extend import _cluster, _SeedsOnSide
from textreuse.aligner.pair import AlignedPair
from textreuse.aligner.prepare import prepare_pair
from textreuse.aligner.seeds import _among_sorted, _letters_alike, _may_be_alike, _rank_within
from textreuse.aligner.settings import AlignSettings

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


# Sentences of a few letters: their letters are often about as alike as the floor.
_SENTENCE = st.lists(st.text("abc", min_size=1, max_size=9), min_size=4, max_size=30).map(
    lambda words: " ".join(words) + "."
)


@given(
    st.lists(_SENTENCE, min_size=1, max_size=4),
    st.lists(_SENTENCE, min_size=1, max_size=4),
    st.booleans(),
    st.booleans(),
)
def test_the_batched_letter_bounds_keep_every_pair_found_alike(
    derived: list[str], source: list[str], parts: bool, nested: bool
) -> None:
    if nested:  # each derived sentence also part of a longer source sentence
        source = [f"{other[:-1]} {d}" for d, other in zip(derived, source, strict=False)]
    settings = AlignSettings(language="en", min_sentence_words=1)
    pair = AlignedPair.of(*prepare_pair(" ".join(derived), " ".join(source), settings), settings)
    rows, cols = len(pair.derived.sentences), len(pair.source.sentences)
    i, j = (grid.ravel().astype(np.int64) for grid in np.indices((rows, cols)))
    may = _may_be_alike(pair, i, j, np.full(len(i), parts))
    floor = settings.min_letter_similarity
    for a, b, kept in zip(i.tolist(), j.tolist(), may.tolist(), strict=True):
        d, s = pair.derived.sentence_letters[a], pair.source.sentence_letters[b]
        assert kept or _letters_alike(d, s, floor, parts=parts) < floor
