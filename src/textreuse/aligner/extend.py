"""Stage 4: seeds grouped into fragments, runs of reuse in step on both sides.

Seeds are clustered: runs of seeds whose sentences lie within ``max_gap`` of each
other on the derived side, then on the source side, again and again until stable.
A cluster whose two sides are not similar as a whole is clustered again with a
smaller gap.
"""

from __future__ import annotations

from typing import NamedTuple

from textreuse.aligner.letters import letter_copy
from textreuse.aligner.pair import AlignedPair, Fragment, Seeds


def extend(pair: AlignedPair, seeds: Seeds, max_gap: int) -> list[Fragment]:
    """Cluster seeds into fragments, shrinking the gap where a fragment is not similar enough."""
    settings = pair.settings
    fragments: list[Fragment] = []
    # Clustering reads single seeds one at a time, and most groups hold a few: Python
    # lists cost a fraction of a numpy call per step there.
    derived_sentences, source_sentences = seeds.i.tolist(), seeds.j.tolist()
    paragraphs = pair.derived.sentences.paragraph[seeds.i].tolist()
    # A summary condenses a long source passage and may skip whole source paragraphs;
    # any other passage ends at a source paragraph that shares nothing, as it does on
    # the derived side, so that alignment does not depend on which side is which.
    source_paragraphs = (
        pair.source.sentences.paragraph[seeds.j].tolist()
        if max_gap < settings.summary_max_gap_sentences
        else None
    )
    derived_side = _SeedsOnSide(derived_sentences, paragraphs)
    source_side = _SeedsOnSide(source_sentences, source_paragraphs)
    # Each entry: seeds to cluster, the gap, and whether they already failed as one
    # fragment (then a clustering that leaves them whole would fail the same way).
    pending = [(list(range(len(derived_sentences))), max_gap, False)]
    while pending:
        members, gap, failed = pending.pop()
        clusters = _cluster(derived_side, source_side, members, gap)
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


class _SeedsOnSide(NamedTuple):
    """Where each seed lies on one side: its sentence, and that sentence's paragraph
    (None where paragraphs do not cut on this side)."""

    sentences: list[int]
    paragraphs: list[int] | None


def _cluster(
    derived: _SeedsOnSide, source: _SeedsOnSide, members: list[int], gap: int
) -> list[list[int]]:
    """Split seeds into groups that are contiguous (within ``gap``) on both sides.

    A whole paragraph without seeds also splits (on the source side only where its
    paragraphs are given): gap tolerance bridges sentences a rewrite dropped or added,
    but a paragraph that shares nothing with the other side is new text and ends the
    passage.
    """
    done: list[list[int]] = []
    stack = [(members, True)]
    while stack:
        group, by_derived = stack.pop()
        if len(group) == 1:  # one seed cannot be split: most seeds of long texts
            done.append(group)
            continue
        if by_derived:
            parts = _split_by_gap(group, derived, source.sentences, gap)
        else:
            parts = _split_by_gap(group, source, derived.sentences, gap)
        if len(parts) == 1 and not by_derived:
            done.append(group)
        elif len(parts) == 1:
            stack.append((group, False))
        else:
            stack.extend((part, not by_derived) for part in parts)
    return done


def _split_by_gap(
    group: list[int], along: _SeedsOnSide, across: list[int], gap: int
) -> list[list[int]]:
    """Cut seeds ordered ``along`` one side where they leave more than ``gap`` sentences
    out, where they skip a whole paragraph, or where, after skipped sentences, they jump
    back before everything the run so far covered on the other side: two passages
    reused in swapped order."""
    sentences, paragraphs = along.sentences, along.paragraphs
    ordered = sorted(group, key=sentences.__getitem__)
    parts: list[list[int]] = []
    start, run_min = 0, across[ordered[0]]
    for k in range(1, len(ordered)):
        before, seed = ordered[k - 1], ordered[k]
        step = sentences[seed] - sentences[before]
        cut = step > gap + 1 or (step > 2 and across[seed] < run_min)
        if paragraphs is not None and paragraphs[seed] - paragraphs[before] > 1:
            cut = True
        if cut:
            parts.append(ordered[start:k])
            start = k
        run_min = min(run_min, across[seed])
    parts.append(ordered[start:])
    return parts
