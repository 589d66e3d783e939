"""Stage 4: seeds grouped into fragments, runs of reuse in step on both sides.

Seeds are clustered: runs of seeds whose sentences lie within ``max_gap`` of each
other on the derived side, then on the source side, again and again until stable.
A cluster whose two sides are not similar as a whole is clustered again with a
smaller gap.
"""

from __future__ import annotations

import numpy as np

from textreuse.aligner.letters import letter_copy
from textreuse.aligner.pair import AlignedPair, Fragment, Seeds
from textreuse.text.tokens import IntArray


def extend(pair: AlignedPair, seeds: Seeds, max_gap: int) -> list[Fragment]:
    """Cluster seeds into fragments, shrinking the gap where a fragment is not similar enough."""
    settings = pair.settings
    fragments: list[Fragment] = []
    paragraphs = pair.derived.sentences.paragraph[seeds.i]
    # A summary condenses a long source passage and may skip whole source paragraphs;
    # any other passage ends at a source paragraph that shares nothing, as it does on
    # the derived side, so that alignment does not depend on which side is which.
    source_paragraphs = (
        pair.source.sentences.paragraph[seeds.j]
        if max_gap < settings.summary_max_gap_sentences
        else None
    )
    # Each entry: seeds to cluster, the gap, and whether they already failed as one
    # fragment (then a clustering that leaves them whole would fail the same way).
    pending = [(np.arange(len(seeds.i)), max_gap, False)]
    while pending:
        members, gap, failed = pending.pop()
        clusters = _cluster(seeds, paragraphs, source_paragraphs, members, gap)
        if failed and len(clusters) == 1:
            if gap > 0:
                pending.append((members, gap - 1, True))
            continue
        for cluster in clusters:
            fragment = Fragment(seeds.i[cluster], seeds.j[cluster], seeds.weight[cluster])
            if _similar_as_a_whole(pair, fragment):
                fragments.append(fragment)
            elif gap > 0 and len(cluster) > 1:  # one seed cannot be split further
                pending.append((cluster, gap - 1, True))
    return fragments


def _similar_as_a_whole(pair: AlignedPair, fragment: Fragment) -> bool:
    """Whether a fragment's two sides are alike enough as a whole, by words, meaning or
    letters, to stand as reuse."""
    settings = pair.settings
    return (
        pair.fragment_cosine(fragment) >= settings.min_fragment_cosine
        or pair.fragment_meaning(fragment) >= settings.semantic_min_fragment_similarity
        or pair.fragment_letters(fragment) >= settings.min_letter_similarity
        or _grown_letters_alike(pair, fragment)
    )


def _grown_letters_alike(pair: AlignedPair, fragment: Fragment) -> bool:
    """Whether the fragment, grown over the edges of a damaged copy (OCR cut its
    sentences elsewhere than the source did), is at least a letter seed's alike."""
    copy = letter_copy(pair, fragment)
    return copy is not None and copy.similarity >= pair.settings.min_letter_similarity


def summary_possible(pair: AlignedPair, seeds: Seeds) -> bool:
    """Whether the wide-gap variant could find a summary: its source side would need to
    span the required share of the source, and no passage reaches beyond the seeds."""
    settings = pair.settings
    if settings.summary_max_gap_sentences <= settings.max_gap_sentences or len(seeds.j) == 0:
        return False
    reach = pair.source.sentence_span(int(seeds.j.min()), int(seeds.j.max()))
    return len(reach) >= settings.summary_min_source_share * len(pair.source.tokens.text)


def _cluster(
    seeds: Seeds,
    paragraphs: IntArray,
    source_paragraphs: IntArray | None,
    members: IntArray,
    gap: int,
) -> list[IntArray]:
    """Split seeds into groups that are contiguous (within ``gap``) on both sides.

    A whole paragraph without seeds also splits (on the source side only where
    ``source_paragraphs`` is given): gap tolerance bridges sentences a rewrite dropped
    or added, but a paragraph that shares nothing with the other side is new text and
    ends the passage.
    """
    done: list[IntArray] = []
    stack = [(members, True)]
    while stack:
        group, by_derived = stack.pop()
        if len(group) == 1:  # one seed cannot be split: most seeds of long texts
            done.append(group)
            continue
        if by_derived:
            parts = _split_by_gap(group, seeds.i, seeds.j, gap, paragraphs)
        else:
            parts = _split_by_gap(group, seeds.j, seeds.i, gap, source_paragraphs)
        if len(parts) == 1 and not by_derived:
            done.append(group)
        elif len(parts) == 1:
            stack.append((group, False))
        else:
            stack.extend((part, not by_derived) for part in parts)
    return done


def _split_by_gap(
    group: IntArray,
    along: IntArray,
    across: IntArray,
    gap: int,
    paragraphs: IntArray | None = None,
) -> list[IntArray]:
    """Cut seeds ordered ``along`` one side where they leave more than ``gap`` sentences
    out, where they skip a whole paragraph, or where, after skipped sentences, they jump
    back before everything the run so far covered on the other side: two passages
    reused in swapped order."""
    ordered = group[np.argsort(along[group], kind="stable")]
    step = np.diff(along[ordered])
    run_min = np.minimum.accumulate(across[ordered])[:-1]
    cut = (step > gap + 1) | ((step > 2) & (across[ordered][1:] < run_min))
    if paragraphs is not None:
        cut |= np.diff(paragraphs[ordered]) > 1
    return np.split(ordered, np.flatnonzero(cut) + 1)
