"""Stage 5: fragments grown over the sentences that seeding could not see.

Three heuristics, each for one way a rewrite hides its edges: a reworded passage
grows over neighbouring sentence pairs that still look like rewrites; a reworded
sentence takes in the neighbours a rewrite merged into it (or split it into); and,
in semantic mode, a summary's source side grows over the source sentences it still
covers.
"""

from __future__ import annotations

import numpy as np

from textreuse.aligner.pair import AlignedPair, Fragment
from textreuse.aligner.vectors import cosine

Added = list[tuple[int, int, float]]
"""Seeds to add: ``(derived sentence, source sentence, weight)``."""


def grow_edges(pair: AlignedPair, fragment: Fragment) -> Fragment:
    """Extend a reworded passage over the sentence pairs just before and after it, in
    step on both sides, while they still look like rewrites of each other.

    Rewriting hits the edges of a passage as hard as its middle, so its first and last
    sentences often share too few words to seed. Next to a passage and in order on both
    sides, weaker evidence is enough: some shared content (tf-isf cosine at least
    ``edge_min_cosine``) and a word sequence that survived (Indel similarity at least
    ``edge_min_word_similarity``). Copied passages already have exact edges and do not grow.
    """
    settings = pair.settings
    d_first, d_last = fragment.derived_sentences
    s_first, s_last = fragment.source_sentences
    d_count, s_count = len(pair.derived.sentences), len(pair.source.sentences)
    added: Added = []
    for step in (1, -1):
        i, j = (d_last, s_last) if step == 1 else (d_first, s_first)
        while 0 <= i + step < d_count and 0 <= j + step < s_count:
            likeness = pair.row_cosine(i + step, j + step)
            if likeness < settings.edge_min_cosine or (
                pair.word_similarity(i + step, j + step) < settings.edge_min_word_similarity
            ):
                break
            i, j = i + step, j + step
            added.append((i, j, likeness))
    return fragment.with_pairs(added)


def grow_merges(pair: AlignedPair, fragment: Fragment) -> Fragment:
    """Add the sentences a rewrite merged into one of the passage's reworded sentences,
    or split one of them into, on either side (see :func:`_merged_neighbours`).

    This only sets a passage's extent: it runs on passages already long enough to be
    reported, since sentences absorbed this way are no evidence that reuse happened.
    """
    swapped = pair.swapped()
    paired = list(zip(fragment.i.tolist(), fragment.j.tolist(), strict=True))
    taken_d, taken_s = {i for i, _ in paired}, {j for _, j in paired}
    added: Added = []
    for i, j in paired:
        if pair.word_similarity(i, j) >= pair.settings.near_verbatim_similarity:
            continue
        for step in (1, -1):
            merged = _merged_neighbours(pair, i, j, step, taken_s)
            split = _merged_neighbours(swapped, j, i, step, taken_d)
            added += merged + [(i, j, likeness) for j, i, likeness in split]
            taken_s.update(j for _, j, _ in merged)
            taken_d.update(i for i, _, _ in split)
    return fragment.with_pairs(added)


def _merged_neighbours(pair: AlignedPair, i: int, j: int, step: int, taken: set[int]) -> Added:
    """The source sentences next to ``j`` (in its paragraph, in direction ``step``, not
    yet in ``taken``) that derived sentence ``i`` also rewrites: two sentences merged
    into one. (Called on the swapped pair, it finds one sentence split into two.)

    A neighbour joins while it shares some content with ``i`` (cosine at least
    ``edge_min_cosine``) and the sentences taken together are closer to ``i`` than
    without it; a neighbour that only shares the story's vocabulary dilutes them.
    """
    target = pair.derived_vectors.row(i)
    together = pair.source_vectors.row(j)
    closeness = cosine(target, together)
    paragraph = pair.source.sentences.paragraph
    found: Added = []
    k = j + step
    while 0 <= k < len(paragraph) and paragraph[k] == paragraph[j] and k not in taken:
        neighbour = pair.source_vectors.row(k)
        likeness = pair.row_cosine(i, k)
        wider = cosine(target, together + neighbour)
        if likeness < pair.settings.edge_min_cosine or wider <= closeness:
            break
        found.append((i, k, likeness))
        together, closeness, k = together + neighbour, wider, k + step
    return found


def grow_summary(pair: AlignedPair, fragment: Fragment) -> Fragment:
    """Extend the source side of a summary over the source sentences it still covers.

    A summary condenses a run of source sentences, most of which share few words with
    it; in semantic mode each neighbouring source sentence whose meaning is close to
    some sentence of the summary joins the passage, with that pair as its evidence.
    Only summary-shaped fragments (source side at least ``summary_type_ratio`` times the
    derived side) grow.
    """
    settings = pair.settings
    if pair.derived.embeddings is None or pair.source.embeddings is None:
        return fragment
    d_first, d_last = fragment.derived_sentences
    s_first, s_last = fragment.source_sentences
    derived = pair.derived.sentence_span(d_first, d_last)
    source = pair.source.sentence_span(s_first, s_last)
    if len(source) < settings.summary_type_ratio * len(derived):
        return fragment
    similarity = pair.derived.embeddings[d_first : d_last + 1] @ pair.source.embeddings.T
    relevance = similarity.max(axis=0)
    closest = similarity.argmax(axis=0) + d_first
    grown = []
    for step, limit in ((1, len(relevance)), (-1, -1)):
        j = (s_last if step == 1 else s_first) + step
        while j != limit and relevance[j] >= settings.summary_min_sentence_similarity:
            grown.append(j)
            j += step
    if not grown:
        return fragment
    added = np.asarray(grown, dtype=np.int64)
    return Fragment(
        np.concatenate([fragment.i, closest[added]]),
        np.concatenate([fragment.j, added]),
        np.concatenate([fragment.weight, relevance[added]]),
    )
