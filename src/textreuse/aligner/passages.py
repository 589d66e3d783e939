"""Stage 6: fragments turned into typed passages with exact edges.

Edges move to the first and last words the two sides share (copied text keeps
exact edges; a paraphrase keeps whole sentences), each passage is typed by how much
of its word sequence survived (verbatim, near-verbatim, paraphrase, or summary in
semantic mode), short ones go, and where two overlap in the derived document the
better-supported one stays.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, NamedTuple

import numpy as np
from rapidfuzz.distance import Indel

from textreuse.aligner.grow import grow_edges, grow_merges, grow_summary
from textreuse.aligner.letters import letter_copy
from textreuse.aligner.pair import AlignedPair, Fragment
from textreuse.aligner.prepare import Side
from textreuse.model import Passage, ReuseType, SentenceMatch
from textreuse.text.tokens import IntArray

TokenRange = tuple[int, int]
# Word alignments cost the product of the two lengths: past this many words on a side,
# edges and similarity are taken over windows of _EDGE_WORDS.
_EXACT_WORDS = 5000
_EDGE_WORDS = 2000


class Candidate(NamedTuple):
    """A typed passage (its evidence not yet listed: most candidates are dropped), the
    seed weight behind it, the shortest side of its matched core in Latin-equivalent
    characters, its token ranges, and the fragment it was made from."""

    passage: Passage
    support: float
    core_chars: float
    ranges: tuple[TokenRange, TokenRange]
    fragment: Fragment


def find_passages(pair: AlignedPair, fragments: list[Fragment]) -> list[Passage]:
    """Turn fragments into typed passages, drop short ones, resolve overlaps in ``derived``.

    A passage needs ``min_passage_chars`` of matched text: one sentence pair shorter
    than that is a common coincidence. Where a pair of documents has no passage that
    long, a shorter one (down to ``corroborated_passage_share`` of it) still counts when
    two or more sentences on each side, similar as a whole, corroborate each other: a
    reworded paragraph of two short sentences; so does a brief, most of one text, whose
    sides share enough content words in order (:func:`_shared_enough`). Beside
    full-length passages such short fragments are mostly the shared story's vocabulary,
    so they are not reported there.
    """
    min_chars = pair.settings.min_passage_chars
    full: list[Candidate] = []
    short: list[Candidate] = []
    for found in fragments:
        fragment, whole = _grown(pair, grow_summary(pair, found))
        if whole.core_chars >= min_chars:
            full.extend(_split_by_type(pair, fragment, whole))
        elif _corroborated(pair, whole, fragment) or _shared_enough(pair, whole):
            short.extend(_split_by_type(pair, fragment, whole))
    kept: list[Candidate] = []
    for candidate in sorted(full or short, key=lambda c: -c.support):
        if not any(candidate.passage.derived.overlaps(k.passage.derived) for k in kept):
            kept.append(candidate)
    return [replace(k.passage, evidence=_evidence(pair, k.fragment)) for k in kept]


def whole_document_passage(derived: Side, source: Side) -> Passage:
    """Identical word sequences: one verbatim passage from the first word to the last."""
    return Passage(
        derived=derived.token_span(0, len(derived.tokens)),
        source=source.token_span(0, len(source.tokens)),
        reuse_type=ReuseType.VERBATIM,
        similarity=1.0,
    )


def _grown(pair: AlignedPair, fragment: Fragment) -> tuple[Fragment, Candidate]:
    """The fragment after edge growth (for a paraphrase) and merge growth (for a passage
    long enough to report), with its candidate passage."""
    whole = _candidate(pair, fragment)
    if whole.passage.reuse_type is ReuseType.PARAPHRASE:
        grown = grow_edges(pair, fragment)
        if grown is not fragment:
            fragment, whole = grown, _candidate(pair, grown)
    if whole.core_chars >= pair.settings.min_passage_chars:
        grown = grow_merges(pair, fragment)
        if grown is not fragment:
            fragment, whole = grown, _candidate(pair, grown)
    return fragment, whole


def _corroborated(pair: AlignedPair, candidate: Candidate, fragment: Fragment) -> bool:
    """A short passage backed by two or more sentences on each side, similar as a whole."""
    settings = pair.settings
    return (
        candidate.core_chars >= settings.corroborated_passage_share * settings.min_passage_chars
        and fragment.derived_sentences[0] < fragment.derived_sentences[1]
        and fragment.source_sentences[0] < fragment.source_sentences[1]
        and pair.fragment_cosine(fragment) >= settings.corroborated_min_cosine
    )


def _split_by_type(pair: AlignedPair, fragment: Fragment, whole: Candidate) -> list[Candidate]:
    """Split a passage at the paragraph breaks where the kind of reuse changes.

    A writer who copies one paragraph and rewrites the next made two choices; a reader
    should see both rather than one averaged "near-verbatim" block. Paragraphs of one
    kind stay together unless together they read as another kind. The pieces may be
    shorter than a passage: the passage as a whole already showed the reuse.
    """
    paragraphs = pair.derived.sentences.paragraph[fragment.i]
    distinct = np.unique(paragraphs)
    if len(distinct) == 1:
        return [whole]

    def subset(chosen: IntArray) -> Candidate:
        wanted = np.zeros(int(distinct[-1]) + 1, dtype=bool)
        wanted[chosen] = True  # a lookup: np.isin costs far more on a few seeds
        mask = wanted[paragraphs]
        part = Fragment(fragment.i[mask], fragment.j[mask], fragment.weight[mask])
        return _candidate(pair, _main_run(part, pair.settings.summary_max_gap_sentences))

    pieces = [subset(distinct[k : k + 1]) for k in range(len(distinct))]
    runs: list[list[int]] = []
    for index, piece in enumerate(pieces):
        if runs and pieces[runs[-1][-1]].passage.reuse_type == piece.passage.reuse_type:
            runs[-1].append(index)
        else:
            runs.append([index])
    # A run of one paragraph is that paragraph's piece, already typed.
    joined = (
        [whole]
        if len(runs) == 1
        else [pieces[run[0]] if len(run) == 1 else subset(distinct[run]) for run in runs]
    )
    split: list[Candidate] = []
    for run, candidate in zip(runs, joined, strict=True):
        if candidate.passage.reuse_type == pieces[run[0]].passage.reuse_type:
            split.append(candidate)
        else:
            # Paragraphs each copied, joined over text between them that is not (two
            # near-verbatim pieces making one paraphrase): the pieces are the reuse.
            split.extend(pieces[index] for index in run)
    return split


def _main_run(fragment: Fragment, gap: int) -> Fragment:
    """The heaviest run of a fragment's seeds that lie together on the source side
    (within ``gap`` sentences). A sentence the source repeats far away also seeds
    there: harmless in a fragment that spans both places, but a paragraph's piece of it
    would stretch over all the source between them (typed paraphrase, and costly)."""
    first, last = fragment.source_sentences
    if last - first <= gap + 1:  # no step between them can be wider
        return fragment
    order = np.argsort(fragment.j, kind="stable")
    cuts = np.flatnonzero(np.diff(fragment.j[order]) > gap + 1) + 1
    if len(cuts) == 0:
        return fragment
    best = max(np.split(order, cuts), key=lambda run: float(fragment.weight[run].sum()))
    keep = np.sort(best)
    return Fragment(fragment.i[keep], fragment.j[keep], fragment.weight[keep])


def _candidate(pair: AlignedPair, fragment: Fragment) -> Candidate:
    """The candidate passage of a fragment: typed once per pair for each extent (and
    whether a seed is letter-alike, which :func:`letter_copy` reads), since a fragment
    grown, split or found again with another gap often spans the same sentences."""
    strong = float(fragment.weight.max()) >= pair.settings.min_letter_similarity
    key = ("typed", fragment.derived_sentences, fragment.source_sentences, strong)
    passage, core_chars, ranges = pair.remember(key, lambda: _typed(pair, fragment))
    return Candidate(passage, float(fragment.weight.sum()), core_chars, ranges, fragment)


def _typed(
    pair: AlignedPair, fragment: Fragment
) -> tuple[Passage, float, tuple[TokenRange, TokenRange]]:
    """Type the passage a fragment spans, with edges refined where the wording was kept,
    with its core's length and its token ranges.

    Copied text gets the exact edges of the words both sides share; a paraphrase keeps
    whole sentences, since its first and last shared words say little about its extent.
    """
    settings = pair.settings
    d_range = pair.derived.token_range(*fragment.derived_sentences)
    s_range = pair.source.token_range(*fragment.source_sentences)
    passage = _classify(pair, *_refine(pair, d_range, s_range))
    if passage.reuse_type is ReuseType.PARAPHRASE:
        copy = letter_copy(pair, fragment)
        if copy is not None and copy.similarity >= settings.near_verbatim_similarity:
            # Words broken by OCR or typos: the letters tell a copy from a rewrite, and
            # where it starts and ends (the first and last intact words say little).
            passage = Passage(
                pair.derived.token_span(*copy.derived),
                pair.source.token_span(*copy.source),
                ReuseType.NEAR_VERBATIM,
                round(copy.similarity, 4),
            )
    core_chars = _core_chars(pair, passage)
    if passage.reuse_type is ReuseType.PARAPHRASE:
        passage = _classify(pair, d_range, s_range)
        if pair.fragment_meaning(fragment) >= settings.semantic_min_fragment_similarity:
            # The sentences mean the same: the whole of them is the evidence, not just
            # the words they happen to share.
            core_chars = _core_chars(pair, passage)
            if len(passage.source) >= settings.summary_type_ratio * len(passage.derived):
                passage = replace(passage, reuse_type=ReuseType.SUMMARY)
    return passage, core_chars, (d_range, s_range)


def _evidence(pair: AlignedPair, fragment: Fragment) -> tuple[SentenceMatch, ...]:
    """The sentence pairs behind a passage, in order, each with how alike the two are."""
    return tuple(
        SentenceMatch(
            pair.derived.sentence_span(i, i),
            pair.source.sentence_span(j, j),
            round(_pair_similarity(pair, i, j, weight), 4),
        )
        for i, j, weight in sorted(
            zip(fragment.i.tolist(), fragment.j.tolist(), fragment.weight.tolist(), strict=True)
        )
    )


def _shared_enough(pair: AlignedPair, candidate: Candidate) -> bool:
    """A short passage that is most of one of the two texts (at least
    ``brief_min_share`` of it: a brief rewritten from longer copy) and whose two sides
    share ``min_shared_content_words`` content words in the same order, more than two
    texts on one story share by chance. Within longer texts such a run is mostly a
    stock phrase, a list or a quote that both happen to carry, and across a collection
    those add up to more than its reuse."""
    passage, settings = candidate.passage, pair.settings
    share = max(
        len(passage.derived) / len(pair.derived.tokens.text),
        len(passage.source) / len(pair.source.tokens.text),
    )
    return (
        share >= settings.brief_min_share
        and _shared_content_words(pair, *candidate.ranges) >= settings.min_shared_content_words
    )


def _shared_content_words(pair: AlignedPair, d_range: TokenRange, s_range: TokenRange) -> int:
    """How many content words the two sides share in the same order."""
    d_words, s_words = pair.derived.words(d_range), pair.source.words(s_range)
    d_content = pair.derived.tokens.stems[d_range[0] : d_range[1]]
    return sum(
        stem is not None
        for block in _blocks(d_words, s_words)
        for stem in d_content[block.a : block.a + block.size]
    )


def _core_chars(pair: AlignedPair, passage: Passage) -> float:
    """The shorter side of a passage, in Latin-equivalent characters."""
    return min(
        pair.derived.weighted_length(passage.derived), pair.source.weighted_length(passage.source)
    )


def _pair_similarity(pair: AlignedPair, i: int, j: int, weight: float) -> float:
    """How alike two sentences are: their embedding cosine where there are embeddings,
    else the tf-isf cosine the seed was found with."""
    if pair.derived.embeddings is None or pair.source.embeddings is None:
        return float(weight)
    return float(pair.derived.embeddings[i] @ pair.source.embeddings[j])


def _refine(
    pair: AlignedPair, d_range: TokenRange, s_range: TokenRange
) -> tuple[TokenRange, TokenRange]:
    """Move the edges inward to the first and last words the two fragments share.

    Only words of the first and last sentence can be trimmed, so a paraphrase keeps
    its sentences while a passage copied from mid-sentence gets exact edges.
    """
    d_words, s_words = pair.derived.words(d_range), pair.source.words(s_range)
    edges = _shared_edges(d_words, s_words)
    if edges is None:
        return d_range, s_range
    (d_first, s_first), (d_stop, s_stop) = edges
    d_new = _trim(pair.derived, d_range, d_range[0] + d_first, d_range[0] + d_stop)
    s_new = _trim(pair.source, s_range, s_range[0] + s_first, s_range[0] + s_stop)
    return d_new, s_new


def _shared_edges(
    d_words: list[str], s_words: list[str]
) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """Where the first run of words both sides share starts, and where the last ends
    (on each side); None where they share none. Past ``_EXACT_WORDS`` words the
    alignment, which costs the product of the two lengths, runs on the first and last
    ``_EDGE_WORDS`` of each side only: the edges lie in the first and last sentence."""
    if max(len(d_words), len(s_words)) <= _EXACT_WORDS:
        blocks = _blocks(d_words, s_words)
        return ((blocks[0].a, blocks[0].b), _block_end(blocks[-1])) if blocks else None
    head = _blocks(d_words[:_EDGE_WORDS], s_words[:_EDGE_WORDS])
    d_tail, s_tail = max(0, len(d_words) - _EDGE_WORDS), max(0, len(s_words) - _EDGE_WORDS)
    tail = _blocks(d_words[d_tail:], s_words[s_tail:])
    if not head or not tail:
        return None
    d_stop, s_stop = _block_end(tail[-1])
    return (head[0].a, head[0].b), (d_tail + d_stop, s_tail + s_stop)


def _blocks(d_words: list[str], s_words: list[str]) -> list[Any]:
    return [b for b in Indel.opcodes(d_words, s_words).as_matching_blocks() if b.size > 0]


def _block_end(block: Any) -> tuple[int, int]:
    return block.a + block.size, block.b + block.size


def _word_similarity(d_words: list[str], s_words: list[str]) -> float:
    """Indel similarity of two word sequences. Past ``_EXACT_WORDS`` words, where the
    exact figure costs the product of the lengths, the mean over windows of at most
    ``_EDGE_WORDS`` on each side, taken at the same relative place on both, weighted
    by length: linear in the length (the longer side sets the number of windows, so a
    short side never meets the whole of a long one), and close for a copy, whose words
    stay in step."""
    if max(len(d_words), len(s_words)) <= _EXACT_WORDS:
        return float(Indel.normalized_similarity(d_words, s_words))
    windows = -(-max(len(d_words), len(s_words)) // _EDGE_WORDS)
    total, weight = 0.0, 0
    for k in range(windows):
        d_part = d_words[k * len(d_words) // windows : (k + 1) * len(d_words) // windows]
        s_part = s_words[k * len(s_words) // windows : (k + 1) * len(s_words) // windows]
        total += Indel.normalized_similarity(d_part, s_part) * (len(d_part) + len(s_part))
        weight += len(d_part) + len(s_part)
    return total / weight if weight else 0.0


def _trim(side: Side, token_range: TokenRange, start: int, stop: int) -> TokenRange:
    """The trimmed range, where its new edges stay inside the first and last sentence."""
    first_sentence = side.sentence_of_token[token_range[0]]
    last_sentence = side.sentence_of_token[token_range[1] - 1]
    if side.sentence_of_token[start] != first_sentence:
        start = token_range[0]
    if side.sentence_of_token[stop - 1] != last_sentence:
        stop = token_range[1]
    return start, stop


def _classify(pair: AlignedPair, d_range: TokenRange, s_range: TokenRange) -> Passage:
    """Type the passage between two token ranges by the share of its words both sides
    keep."""
    d_words, s_words = pair.derived.words(d_range), pair.source.words(s_range)
    if d_words == s_words:
        reuse_type, similarity = ReuseType.VERBATIM, 1.0
    else:
        similarity = _word_similarity(d_words, s_words)
        near = similarity >= pair.settings.near_verbatim_similarity
        reuse_type = ReuseType.NEAR_VERBATIM if near else ReuseType.PARAPHRASE
    derived = pair.derived.token_span(*d_range)
    source = pair.source.token_span(*s_range)
    return Passage(derived, source, reuse_type, round(similarity, 4))
