"""Stage 3: seeds, the sentence pairs that may have been reused.

A pair of sentences is a seed when both its tf-isf cosine and its Dice coefficient
pass a threshold, or when the two share a content-word n-gram (found by stable
hashes), or when their letters are alike though their words are not (OCR damage);
in semantic mode, also when their embeddings are close and they share some words.
Each sentence keeps only its few best seeds, and only those nearly as good as its best.
"""

from __future__ import annotations

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

from textreuse.aligner.gram_pairs import shared_gram_pairs
from textreuse.aligner.pair import AlignedPair, Seeds
from textreuse.aligner.prepare import BoolArray, FloatArray
from textreuse.aligner.vectors import similar_pairs
from textreuse.text.tokens import IntArray

# A sentence matched against part of a longer one has at least this many letters;
# below it, a chance match against some stretch is too likely (unrelated sentences of
# 40 letters or more score under 0.6 against their best stretch of each other).
_MIN_PART_LETTERS = 40
# A sentence pair's words are broken when the two share fewer than this share of the
# shorter one's terms: only then are its letters asked where the words were not.
_BROKEN_SHARE = 0.5
# Slack for floating-point rounding where a bound is read from another formula.
_ROUNDING = 1e-9


def find_seeds(pair: AlignedPair) -> Seeds:
    """Sentence pairs similar enough (cosine and Dice) or sharing a content n-gram."""
    settings = pair.settings
    terms_d = pair.derived_vectors.term_counts()
    terms_s = pair.source_vectors.term_counts()
    ngram_pairs = _ngram_sentence_pairs(pair)
    found_i: list[IntArray] = []
    found_j: list[IntArray] = []
    found_w: list[FloatArray] = []
    for i, j, cos, common in similar_pairs(pair.derived_vectors, pair.source_vectors):
        dice = 2.0 * common / np.maximum(terms_d[i] + terms_s[j], 1.0)
        keep = (cos > settings.min_cosine) & (dice > settings.min_dice)
        if len(ngram_pairs):
            keep |= _among_sorted(i * len(terms_s) + j, ngram_pairs)
        if pair.derived.embeddings is not None and pair.source.embeddings is not None:
            # Embeddings find the reworded sentence; the shared words required beside
            # them keep same-story sentences that were not reused (which still score
            # high on similarity alone) out.
            meaning = np.einsum("ij,ij->i", pair.derived.embeddings[i], pair.source.embeddings[j])
            keep |= (meaning >= settings.semantic_min_similarity) & (
                dice >= settings.semantic_min_dice
            )
        broken = common < _BROKEN_SHARE * np.minimum(terms_d[i], terms_s[j])
        weight = _add_letter_seeds(pair, i, j, cos, keep, broken)
        found_i.append(i[keep])
        found_j.append(j[keep])
        found_w.append(weight[keep])
    seeds = Seeds(np.concatenate(found_i), np.concatenate(found_j), np.concatenate(found_w))
    return _cap_seeds(seeds, settings.max_seeds_per_sentence)


def _add_letter_seeds(
    pair: AlignedPair,
    i: IntArray,
    j: IntArray,
    cos: FloatArray,
    keep: BoolArray,
    broken: BoolArray,
) -> FloatArray:
    """Mark (in ``keep``) the sentence pairs whose words differ but whose letters are
    alike (at least ``min_letter_similarity``): a copy read by OCR, or typed with
    typos, breaks words and keeps letters. Only pairs sharing some content are
    compared, and of those each derived sentence only with the few (``max_seeds_per_sentence``)
    it is closest to by cosine, so that the letters cost linear time however many
    sentences share a word. Where most words of the shorter sentence are ``broken`` (not shared),
    its letters may match part of the longer one, and a seed the words found weighs
    its letter similarity where that is higher, so that a sentence's damaged copy
    outranks a same-topic neighbour whose words happen to overlap more. Returns the
    seed weights: the cosine, or the letter similarity where it decided."""
    floor = pair.settings.min_letter_similarity
    weight = cos.copy()
    d_letters, s_letters = pair.derived.sentence_letters, pair.source.sentence_letters
    asked = np.flatnonzero((cos > 0) & (~keep | broken))
    cap = pair.settings.max_seeds_per_sentence
    if cap:
        # Blocks hold whole derived rows, so each sentence's nearest are all here.
        order = asked[np.lexsort((-cos[asked], i[asked]))]
        asked = order[_rank_within(i[order]) < cap]
    asked = asked[_may_be_alike(pair, i[asked], j[asked], broken[asked])]
    for k, a, b, words_broken, word_cosine in zip(
        asked.tolist(),
        i[asked].tolist(),
        j[asked].tolist(),
        broken[asked].tolist(),
        cos[asked].tolist(),
        strict=True,
    ):
        alike = _letters_alike(d_letters[a], s_letters[b], floor, parts=words_broken)
        if alike >= floor:
            keep[k], weight[k] = True, max(word_cosine, alike)
    return weight


def _may_be_alike(pair: AlignedPair, i: IntArray, j: IntArray, parts: BoolArray) -> BoolArray:
    """Which sentence pairs :func:`_letters_alike` could find alike: those its bounds
    do not rule out, read from the pairs' Indel distances, all computed in one call
    (one C++ loop), so that only the few left cost a Python call each."""
    if len(i) == 0:
        return np.zeros(0, dtype=bool)
    d_length, s_length = pair.derived.letter_lengths[i], pair.source.letter_lengths[j]
    d_letters, s_letters = pair.derived.sentence_letters, pair.source.sentence_letters
    distance = process.cpdist(
        [d_letters[a] for a in i.tolist()],
        [s_letters[b] for b in j.tolist()],
        scorer=Indel.distance,
        dtype=np.int64,
    )
    short, total = np.minimum(d_length, s_length), d_length + s_length
    floor = pair.settings.min_letter_similarity
    # The same bounds as _letters_alike's, with room for rounding: a pair dropped here
    # is one it would find below the floor.
    whole = (2 * short >= floor * total) & (1 - distance / total >= floor - _ROUNDING)
    shared = (total - distance) // 2
    part = parts & (short >= _MIN_PART_LETTERS) & (shared >= floor * short - _ROUNDING)
    return np.asarray(whole | part)


def letter_neighbours(pair: AlignedPair, seeds: Seeds) -> Seeds:
    """Add the sentence pairs next to a seed whose letters are alike: OCR can damage
    every word of a sentence, leaving it no content word in common with its source,
    yet its letters still match, and it sits where the passage continues; or it cut a
    sentence in two, and the piece next to a seed matches part of the same sentence.
    Only seeds at least that alike are followed, and a pair joins only where one of
    its sentences has no seed yet (seeds dropped as weaker than their sentence's best
    come back here when they continue a strong one): each addition seeds a new
    sentence, so repeated text cannot make this quadratic."""
    floor = pair.settings.min_letter_similarity
    d_letters, s_letters = pair.derived.sentence_letters, pair.source.sentence_letters
    known = set(zip(seeds.i.tolist(), seeds.j.tolist(), strict=True))
    seeded_d, seeded_s = set(seeds.i.tolist()), set(seeds.j.tolist())
    strong = seeds.weight >= floor
    frontier = list(zip(seeds.i[strong].tolist(), seeds.j[strong].tolist(), strict=True))
    added: list[tuple[int, int, float]] = []
    while frontier:
        i, j = frontier.pop()
        for near in (
            (i + 1, j + 1),
            (i - 1, j - 1),
            (i + 1, j),
            (i - 1, j),
            (i, j + 1),
            (i, j - 1),
        ):
            if (
                near in known
                or not (0 <= near[0] < len(d_letters) and 0 <= near[1] < len(s_letters))
                or (near[0] in seeded_d and near[1] in seeded_s)
            ):
                continue
            known.add(near)
            alike = _letters_alike(d_letters[near[0]], s_letters[near[1]], floor)
            if alike >= floor:
                added.append((*near, alike))
                frontier.append(near)
                seeded_d.add(near[0])
                seeded_s.add(near[1])
    return _with_added(seeds, added)


def letter_gram_seeds(pair: AlignedPair, seeds: Seeds) -> Seeds:
    """Add seeds for derived sentences that share no content word with any source
    sentence they copy: OCR can break every word of a sentence (spaces put inside
    words, letters misread) while most of its letters stay. Each derived sentence
    without a seed (of 40 letters or more) is compared letter by letter with the one
    source sentence without a seed that shares the most letter n-grams with it (so a
    seed the words found is never outranked here), read with spaces dropped and
    skipping n-grams frequent in either document; the pair joins where its letters are
    at least ``min_letter_similarity`` alike, as a word seed's would be asked. One
    comparison per sentence keeps the work linear in the two texts."""
    settings = pair.settings
    asked = pair.derived.letter_lengths >= _MIN_PART_LETTERS
    asked[seeds.i] = False
    free = np.ones(len(pair.source.sentences), dtype=bool)
    free[seeds.j] = False
    if not (asked.any() and free.any()):  # no n-grams to read where none can pair
        return seeds
    grams_d, sent_d = pair.derived.letter_grams
    grams_s, sent_s = pair.source.letter_grams
    grams_d, sent_d = grams_d[asked[sent_d]], sent_d[asked[sent_d]]
    grams_s, sent_s = grams_s[free[sent_s]], sent_s[free[sent_s]]
    n = len(pair.source.sentences)
    shared = shared_gram_pairs(grams_d, sent_d, grams_s, sent_s, settings.max_ngram_occurrences, n)
    if len(shared) == 0:
        return seeds
    pairs, counts = np.unique(shared, return_counts=True)
    i, j = pairs // n, pairs % n
    order = np.lexsort((-counts, i))
    nearest = order[_rank_within(i[order]) == 0]
    nearest = nearest[_may_be_alike(pair, i[nearest], j[nearest], np.ones(len(nearest), bool))]
    floor = settings.min_letter_similarity
    d_letters, s_letters = pair.derived.sentence_letters, pair.source.sentence_letters
    added = [
        (a, b, alike)
        for a, b in zip(i[nearest].tolist(), j[nearest].tolist(), strict=True)
        if (alike := _letters_alike(d_letters[a], s_letters[b], floor)) >= floor
    ]
    return _with_added(seeds, added)


def _with_added(seeds: Seeds, added: list[tuple[int, int, float]]) -> Seeds:
    """``seeds`` and the ``(i, j, weight)`` seeds of ``added`` after them."""
    if not added:
        return seeds
    new_i, new_j, new_w = zip(*added, strict=True)
    return Seeds(
        np.concatenate([seeds.i, np.array(new_i, np.int64)]),
        np.concatenate([seeds.j, np.array(new_j, np.int64)]),
        np.concatenate([seeds.weight, np.array(new_w)]),
    )


def _letters_alike(derived: str, source: str, floor: float, *, parts: bool = True) -> float:
    """Indel similarity of two sentences' letters, or (with ``parts``) of the shorter
    against the stretch of the longer it matches best: damaged punctuation runs two
    sentences into one in one text where the other ends the first, so each matches
    a part of the whole. Below ``floor`` counts as 0."""
    short, long = (derived, source) if len(derived) <= len(source) else (source, derived)
    if 2 * len(short) >= floor * (len(short) + len(long)):
        alike = Indel.normalized_similarity(short, long, score_cutoff=floor)
        if alike >= floor:
            return float(alike)
    if not parts or len(short) < _MIN_PART_LETTERS:
        return 0.0
    # The letters the shorter shares with all of the longer bound those it can share
    # with any stretch of it: most pairs stop at this cheap bound.
    shared = (len(short) + len(long) - Indel.distance(short, long)) // 2
    if shared < floor * len(short):
        return 0.0
    return fuzz.partial_ratio(short, long, score_cutoff=100 * floor) / 100


def keep_near_best(seeds: Seeds, ratio: float) -> Seeds:
    """Keep a seed only if it is nearly the best match of its sentence on both sides.

    A copied sentence matches its origin far better than the same-topic sentences
    around it; those weaker seeds would stretch passages over text that was not reused.
    """
    if len(seeds.i) == 0:
        return seeds
    best_i = np.zeros(int(seeds.i.max()) + 1)
    best_j = np.zeros(int(seeds.j.max()) + 1)
    np.maximum.at(best_i, seeds.i, seeds.weight)
    np.maximum.at(best_j, seeds.j, seeds.weight)
    keep = (seeds.weight >= ratio * best_i[seeds.i]) & (seeds.weight >= ratio * best_j[seeds.j])
    return Seeds(seeds.i[keep], seeds.j[keep], seeds.weight[keep])


def _ngram_sentence_pairs(pair: AlignedPair) -> IntArray:
    """Sentence pairs (encoded ``i * n_source + j``) that share a content-word n-gram.

    N-grams frequent in either document (boilerplate, repeated text) are skipped: they
    say nothing about where a passage came from and would pair everything with everything.
    """
    settings = pair.settings
    hash_d, sent_d = pair.derived.content_grams
    hash_s, sent_s = pair.source.content_grams
    n = len(pair.source.sentences)
    return np.unique(
        shared_gram_pairs(hash_d, sent_d, hash_s, sent_s, settings.max_ngram_occurrences, n)
    )


def _among_sorted(values: IntArray, sorted_values: IntArray) -> BoolArray:
    """Which ``values`` are among the (non-empty, sorted) ``sorted_values``: one binary
    search, without ``np.isin``'s fixed costs on the few pairs of a news text."""
    found = np.minimum(np.searchsorted(sorted_values, values), len(sorted_values) - 1)
    return np.asarray(sorted_values[found] == values)


def _cap_seeds(seeds: Seeds, cap: int) -> Seeds:
    """Keep at most ``cap`` best seeds per sentence on each side (a guard against repetition)."""
    if len(seeds.i) == 0 or cap == 0:
        return seeds
    order = np.lexsort((-seeds.weight,))
    keep = np.zeros(len(order), dtype=bool)
    keep[order] = (_rank_within(seeds.i[order]) < cap) & (_rank_within(seeds.j[order]) < cap)
    return Seeds(seeds.i[keep], seeds.j[keep], seeds.weight[keep])


def _rank_within(groups: IntArray) -> IntArray:
    """For each element, how many earlier elements share its group."""
    order = np.argsort(groups, kind="stable")
    sorted_groups = groups[order]
    # Each element's distance from where its group's run starts (runs of few elements
    # are the rule, so the fewer numpy calls the better).
    places = np.arange(len(groups))
    starts_run = np.ones(len(groups), dtype=bool)
    starts_run[1:] = sorted_groups[1:] != sorted_groups[:-1]
    ranks = np.empty(len(groups), dtype=np.int64)
    ranks[order] = places - np.maximum.accumulate(np.where(starts_run, places, 0))
    return ranks
