"""Align the passages a derived document reused from a source.

The method follows the best PAN text-alignment systems (Sanchez-Perez, Sidorov and
Gelbukh, PAN 2014 and 2015) and adds exact word n-gram seeds and token-level boundary
refinement so that copied text keeps exact edges:

1. **Seeding.** Each sentence becomes a tf-isf vector of content-word stems. A pair of
   sentences is a seed when both its cosine and its Dice coefficient pass a threshold,
   or when the two share a content-word n-gram (found by stable hashes).
2. **Extension.** Seeds are clustered: runs of seeds whose sentences lie within
   ``max_gap_sentences`` of each other on the derived side, then on the source side,
   again and again until stable. A cluster whose two fragments are not similar as a
   whole is re-clustered with a smaller gap.
3. **Filtering.** Passages shorter than ``min_passage_chars`` go (half of it where a
   pair has nothing longer and several sentences corroborate each other); where two
   overlap in the derived document the better-supported one stays. A second extension with a
   wide gap is kept instead when it reveals a summary (a short derived fragment
   condensing a long source fragment).
4. **Refinement and classification.** Edges are moved to the first and last words the
   two fragments share, and each passage is typed by how much of its word sequence
   survived: verbatim, near-verbatim or paraphrase. A paraphrase grows over the
   neighbouring sentence pairs that still look like rewrites of each other, and a
   reworded sentence takes in the neighbours a rewrite merged into it.

Every step works on word tokens that remember their original offsets, so each
reported span slices the original input exactly.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import NamedTuple

import numpy as np
import scipy.sparse as sp
from rapidfuzz.distance import Indel

from textreuse.fingerprint import ngram_hashes
from textreuse.model import Passage, ReuseType, SentenceMatch, Span
from textreuse.semantic import SentenceEncoder
from textreuse.semantic import require as require_semantic
from textreuse.text import Sentences, Tokens, sentence_texts, split_sentences, tokenize

__all__ = ["AlignSettings", "align"]


@dataclass(frozen=True, kw_only=True)
class AlignSettings:
    """Tuning of the aligner. Thresholds are floats in [0, 1]; limits carry their unit."""

    min_cosine: float = 0.28
    min_dice: float = 0.28
    min_fragment_cosine: float = 0.34
    max_gap_sentences: int = 4
    summary_max_gap_sentences: int = 24
    summary_length_ratio: float = 3.0
    summary_min_source_share: float = 0.5
    ngram_size: int = 3
    max_ngram_occurrences: int = 8
    max_seeds_per_sentence: int = 8
    seed_best_ratio: float = 0.85
    min_passage_chars: int = 150
    corroborated_passage_share: float = 0.5
    corroborated_min_cosine: float = 0.4
    edge_min_cosine: float = 0.1
    edge_min_word_similarity: float = 0.3
    near_verbatim_similarity: float = 0.8
    min_sentence_words: int = 3
    max_sentence_words: int = 40
    semantic: bool = False
    semantic_min_similarity: float = 0.8
    semantic_min_dice: float = 0.1
    semantic_min_fragment_similarity: float = 0.75
    summary_type_ratio: float = 1.5
    semantic_summary_ratio: float = 2.5
    summary_min_sentence_similarity: float = 0.4

    def __post_init__(self) -> None:
        for name in (
            "min_cosine",
            "min_dice",
            "min_fragment_cosine",
            "near_verbatim_similarity",
            "seed_best_ratio",
            "summary_min_source_share",
            "semantic_min_similarity",
            "semantic_min_dice",
            "semantic_min_fragment_similarity",
            "summary_min_sentence_similarity",
            "corroborated_passage_share",
            "corroborated_min_cosine",
            "edge_min_cosine",
            "edge_min_word_similarity",
        ):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                msg = f"{name} must be within [0, 1], got {value}"
                raise ValueError(msg)
        for name in (
            "max_gap_sentences",
            "summary_max_gap_sentences",
            "max_ngram_occurrences",
            "max_seeds_per_sentence",
            "min_passage_chars",
            "semantic_summary_ratio",
        ):
            if getattr(self, name) < 0:
                msg = f"{name} must be >= 0, got {getattr(self, name)}"
                raise ValueError(msg)
        if self.ngram_size < 1 or self.min_sentence_words < 1 or self.max_sentence_words < 1:
            msg = "ngram_size, min_sentence_words and max_sentence_words must be >= 1"
            raise ValueError(msg)


DEFAULT_SETTINGS = AlignSettings()


class _Side(NamedTuple):
    """One document prepared for alignment; ``content`` indexes its content-word tokens,
    ``embeddings`` (semantic mode only) holds one unit vector per sentence."""

    tokens: Tokens
    sentences: Sentences
    sentence_of_token: np.ndarray
    content: np.ndarray
    content_stems: list[str]
    embeddings: np.ndarray | None


class _Seeds(NamedTuple):
    """Seed sentence pairs: derived sentence ``i``, source sentence ``j``, their similarity
    (tf-isf cosine, or embedding cosine in semantic mode)."""

    i: np.ndarray
    j: np.ndarray
    weight: np.ndarray


_NO_SEEDS = _Seeds(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0))


class _Fragment(NamedTuple):
    """A candidate passage: the seeds behind it and the sentence ranges they span."""

    i: np.ndarray
    j: np.ndarray
    weight: np.ndarray

    @property
    def derived_sentences(self) -> tuple[int, int]:
        return int(self.i.min()), int(self.i.max())

    @property
    def source_sentences(self) -> tuple[int, int]:
        return int(self.j.min()), int(self.j.max())


class _Candidate(NamedTuple):
    """A typed passage, the seed weight behind it, and the shortest side of its matched core."""

    passage: Passage
    support: float
    core_chars: int


def align(
    derived: str,
    source: str,
    *,
    settings: AlignSettings | None = None,
    encoder: SentenceEncoder | None = None,
) -> list[Passage]:
    """Find every passage of ``derived`` that was reused from ``source``.

    Args:
        derived: the text suspected of reuse.
        source: the text it may have reused.
        settings: tuning; the defaults were chosen on the PAN 2013 training corpus.
            ``settings.semantic`` adds sentence-embedding seeds for paraphrase and summary.
        encoder: the sentence encoder for semantic mode; defaults to all-MiniLM-L6-v2.

    Raises:
        SemanticUnavailable: semantic mode without the ``semantic`` extra installed.

    Returns:
        Passages sorted by their start in ``derived``; each span slices its text exactly.

    >>> text = "The council voted on Tuesday to close the old bridge for repairs. " * 3
    >>> [p.reuse_type.value for p in align(text, text)]
    ['verbatim']
    """
    settings = settings or DEFAULT_SETTINGS
    if settings.semantic and encoder is None:
        require_semantic()
    d_side, s_side = _side(derived, settings), _side(source, settings)
    lexical, seeds = _align_sides(d_side, s_side, settings)
    if not settings.semantic or not _meaning_may_add(lexical, seeds, d_side, s_side, settings):
        return lexical
    if encoder is None:
        from textreuse.semantic import default_encoder  # torch only when asked for

        encoder = default_encoder()
    d_side, s_side = _with_embeddings(d_side, encoder), _with_embeddings(s_side, encoder)
    by_meaning, _ = _align_sides(d_side, s_side, settings)
    return _merge(lexical, by_meaning)


def _align_sides(
    d_side: _Side, s_side: _Side, settings: AlignSettings
) -> tuple[list[Passage], _Seeds]:
    """The passages between two prepared documents, and the seeds they grew from (with
    embeddings on both sides, sentence-meaning seeds and fragments join the lexical ones)."""
    d_tokens, s_tokens = d_side.tokens, s_side.tokens
    if len(d_tokens) == 0 or len(s_tokens) == 0:
        return [], _NO_SEEDS
    if d_tokens.norms == s_tokens.norms:
        return [_whole_document_passage(d_tokens, s_tokens)], _NO_SEEDS

    weights_d, weights_s, binary_d, binary_s = _sentence_vectors(d_side, s_side)
    seeds = _find_seeds(d_side, s_side, weights_d, weights_s, binary_d, binary_s, settings)
    if len(seeds.i) == 0:
        return [], seeds

    best = _keep_near_best(seeds, settings.seed_best_ratio)
    fragments = _extend(
        best, settings.max_gap_sentences, d_side, s_side, weights_d, weights_s, settings
    )
    passages = _passages(fragments, d_side, s_side, weights_d, weights_s, settings)
    if _summary_possible(best, s_side, settings):
        wide = _extend(
            best, settings.summary_max_gap_sentences, d_side, s_side, weights_d, weights_s, settings
        )
        wide_passages = _passages(wide, d_side, s_side, weights_d, weights_s, settings)
        if any(
            len(p.source) >= settings.summary_length_ratio * len(p.derived)
            and len(p.source) >= settings.summary_min_source_share * len(s_tokens.text)
            for p in wide_passages
        ):
            passages = wide_passages
    return sorted(passages, key=lambda p: (p.derived.start, p.source.start)), best


def _meaning_may_add(
    lexical: list[Passage], seeds: _Seeds, d_side: _Side, s_side: _Side, settings: AlignSettings
) -> bool:
    """Whether sentence embeddings could find what the words did not.

    Embedding is the costly step, so it is spent only where the lexical pass left a
    question open: sentences that share words with the source but no passage came of
    it (no passage at all, or a derived paragraph that no passage touches, the way a
    summarised lead stands apart from the paragraphs copied below it), or passages
    whose source sides are ``semantic_summary_ratio`` times as long as their derived
    sides (a summary found only in part). Documents sharing no seed at all are not
    embedded: similar meaning without shared words is, on news, as often the same story
    told twice as it is reuse.
    """
    if len(seeds.i) == 0:
        return False
    if not lexical:
        return True
    derived = sum(len(p.derived) for p in lexical)
    source = sum(len(p.source) for p in lexical)
    if source >= settings.semantic_summary_ratio * derived:
        return True
    in_passage_d = _sentences_within(d_side, [p.derived for p in lexical])
    in_passage_s = _sentences_within(s_side, [p.source for p in lexical])
    paragraphs = d_side.sentences.paragraph
    explained = np.isin(paragraphs, paragraphs[in_passage_d])
    stray = ~explained[seeds.i] & ~in_passage_s[seeds.j]
    return bool(stray.any())


def _sentences_within(side: _Side, spans: list[Span]) -> np.ndarray:
    """For each sentence, whether it overlaps one of ``spans``."""
    tokens, sentences = side.tokens, side.sentences
    starts = np.asarray(tokens.starts)[sentences.first]
    ends = np.asarray(tokens.ends)[sentences.stop - 1]
    within = np.zeros(len(sentences), dtype=bool)
    for span in spans:
        within |= (starts < span.end) & (ends > span.start)
    return within


def _merge(lexical: list[Passage], by_meaning: list[Passage]) -> list[Passage]:
    """What the semantic pass adds to the lexical one.

    Where the words found nothing, the semantic passages are all the evidence there is.
    Where they found passages, meaning adds only what words cannot find, summaries,
    each replacing the lexical pieces of it; a reworded passage found by meaning next to
    lexical ones is more often the same story told again (PAN13: precision on random
    obfuscation fell from 0.93 to 0.90 when they were added).
    """
    if not lexical:
        return by_meaning
    kept = list(lexical)
    for passage in by_meaning:
        if passage.reuse_type is ReuseType.SUMMARY:
            kept = [k for k in kept if not k.derived.overlaps(passage.derived)] + [passage]
    return sorted(kept, key=lambda p: (p.derived.start, p.source.start))


def _summary_possible(seeds: _Seeds, s_side: _Side, settings: AlignSettings) -> bool:
    """Whether the wide-gap variant could find a summary: its source side would need to
    span the required share of the source, and no passage reaches beyond the seeds."""
    if settings.summary_max_gap_sentences <= settings.max_gap_sentences or len(seeds.j) == 0:
        return False
    reach = _token_span(
        s_side.tokens, *_token_range(s_side.sentences, int(seeds.j.min()), int(seeds.j.max()))
    )
    return len(reach) >= settings.summary_min_source_share * len(s_side.tokens.text)


def _side(text: str, settings: AlignSettings) -> _Side:
    """A document prepared for alignment; the last few are remembered, since one
    document is often aligned with many (a query with its candidates, a scan)."""
    if len(text) <= _REMEMBERED_TEXT_CHARS:
        return _remembered_side(text, settings)
    return _prepare(tokenize(text), settings)


_REMEMBERED_TEXT_CHARS = 200_000


@lru_cache(maxsize=16)
def _remembered_side(text: str, settings: AlignSettings) -> _Side:
    return _prepare(tokenize(text), settings)


def _prepare(tokens: Tokens, settings: AlignSettings) -> _Side:
    sentences = split_sentences(
        tokens,
        min_content_words=settings.min_sentence_words,
        max_content_words=settings.max_sentence_words,
    )
    sentence_of_token = np.repeat(
        np.arange(len(sentences), dtype=np.int64), sentences.stop - sentences.first
    )
    content = [k for k, stem in enumerate(tokens.stems) if stem is not None]
    content_stems = [tokens.stems[k] for k in content]
    return _Side(
        tokens,
        sentences,
        sentence_of_token,
        np.asarray(content, dtype=np.int64),
        content_stems,
        None,
    )


def _with_embeddings(side: _Side, encoder: SentenceEncoder) -> _Side:
    """The same prepared document with one unit vector per sentence."""
    return side._replace(embeddings=_encode(encoder, sentence_texts(side.tokens, side.sentences)))


def _encode(encoder: SentenceEncoder, sentences: list[str]) -> np.ndarray:
    """Embed a document's sentences, through the encoder's per-document cache if it has one."""
    encode_document = getattr(encoder, "encode_document", None)
    if encode_document is not None:
        return encode_document(sentences)
    return encoder.encode(sentences)


def _whole_document_passage(d_tokens: Tokens, s_tokens: Tokens) -> Passage:
    """Identical word sequences: one verbatim passage from the first word to the last."""
    return Passage(
        derived=_token_span(d_tokens, 0, len(d_tokens)),
        source=_token_span(s_tokens, 0, len(s_tokens)),
        reuse_type=ReuseType.VERBATIM,
        similarity=1.0,
    )


# Below this many matrix cells (sentences x vocabulary) dense arrays beat sparse ones:
# news-sized pairs then cost microseconds per step instead of scipy's fixed overheads.
_DENSE_CELLS = 4_000_000
_ROW_BLOCK = 2048

Matrix = np.ndarray | sp.csr_matrix


def _sentence_vectors(d_side: _Side, s_side: _Side) -> tuple[Matrix, Matrix, Matrix, Matrix]:
    """tf-isf sentence vectors (rows L2-normalised) and binary term vectors of both sides."""
    vocabulary = {
        stem: k for k, stem in enumerate(set(d_side.content_stems) | set(s_side.content_stems))
    }
    counts = [
        (
            side.sentence_of_token[side.content],
            np.fromiter((vocabulary[stem] for stem in side.content_stems), dtype=np.int64),
        )
        for side in (d_side, s_side)
    ]
    size = max(len(vocabulary), 1)
    shapes = [(len(d_side.sentences), size), (len(s_side.sentences), size)]
    dense = sum(n * size for n, _ in shapes) <= _DENSE_CELLS
    tf = [
        _count_matrix(rows, cols, shape, dense)
        for (rows, cols), shape in zip(counts, shapes, strict=True)
    ]
    binary = [(m > 0).astype(np.float64) for m in tf]
    sentence_count = shapes[0][0] + shapes[1][0]
    document_frequency = np.asarray(binary[0].sum(axis=0) + binary[1].sum(axis=0)).ravel()
    isf = np.log(sentence_count / np.maximum(document_frequency, 1.0))
    # Terms present in every sentence get weight zero; keep a floor so that text made
    # of one repeated word still has direction.
    isf = np.maximum(isf, 1e-3)
    weighted = [_normalize_rows(m, isf) for m in tf]
    if not dense:
        binary = [b.tocsr() for b in binary]
    return weighted[0], weighted[1], binary[0], binary[1]


def _count_matrix(
    rows: np.ndarray, cols: np.ndarray, shape: tuple[int, int], dense: bool
) -> Matrix:
    if dense:
        flat = np.bincount(rows * shape[1] + cols, minlength=shape[0] * shape[1])
        return flat.reshape(shape).astype(np.float64)
    return sp.csr_matrix((np.ones(len(rows), dtype=np.float64), (rows, cols)), shape=shape)


def _normalize_rows(counts: Matrix, isf: np.ndarray) -> Matrix:
    if isinstance(counts, np.ndarray):
        weighted = counts * isf
        norms = np.linalg.norm(weighted, axis=1, keepdims=True)
        return weighted / np.where(norms == 0, 1.0, norms)
    weighted = counts.multiply(isf).tocsr()
    norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.diags(1.0 / norms) @ weighted


def _find_seeds(
    d_side: _Side,
    s_side: _Side,
    weights_d: Matrix,
    weights_s: Matrix,
    binary_d: Matrix,
    binary_s: Matrix,
    settings: AlignSettings,
) -> _Seeds:
    """Sentence pairs similar enough (cosine and Dice) or sharing a content n-gram."""
    terms_d = np.asarray(binary_d.sum(axis=1)).ravel()
    terms_s = np.asarray(binary_s.sum(axis=1)).ravel()
    ngram_pairs = _ngram_sentence_pairs(d_side, s_side, settings)
    found_i, found_j, found_w = [], [], []
    for i, j, cos, common in _similar_pairs(weights_d, weights_s, binary_d, binary_s):
        dice = 2.0 * common / np.maximum(terms_d[i] + terms_s[j], 1.0)
        keep = (cos > settings.min_cosine) & (dice > settings.min_dice)
        if len(ngram_pairs):
            keep |= np.isin(i * len(terms_s) + j, ngram_pairs)
        if d_side.embeddings is not None and s_side.embeddings is not None:
            # Embeddings find the reworded sentence; the shared words required beside
            # them keep same-story sentences that were not reused (which still score
            # high on similarity alone) out.
            meaning = np.einsum("ij,ij->i", d_side.embeddings[i], s_side.embeddings[j])
            keep |= (meaning >= settings.semantic_min_similarity) & (
                dice >= settings.semantic_min_dice
            )
        found_i.append(i[keep])
        found_j.append(j[keep])
        found_w.append(cos[keep])
    seeds = _Seeds(np.concatenate(found_i), np.concatenate(found_j), np.concatenate(found_w))
    return _cap_seeds(seeds, settings.max_seeds_per_sentence)


def _similar_pairs(
    weights_d: Matrix, weights_s: Matrix, binary_d: Matrix, binary_s: Matrix
) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]]:
    """Sentence pairs sharing a term: indices, cosine and number of shared terms.

    Sparse matrices go in row blocks, which bound memory on long documents.
    """
    if isinstance(weights_d, np.ndarray):
        cosine = weights_d @ weights_s.T
        i, j = np.nonzero(cosine)
        yield i, j, cosine[i, j], (binary_d @ binary_s.T)[i, j]
        return
    weights_s_t = weights_s.T.tocsc()
    binary_s_t = binary_s.T.tocsc()
    for block_start in range(0, weights_d.shape[0], _ROW_BLOCK):
        block = slice(block_start, block_start + _ROW_BLOCK)
        cosine = (weights_d[block] @ weights_s_t).tocoo()
        shared = (binary_d[block] @ binary_s_t).tocsr()
        common = np.asarray(shared[cosine.row, cosine.col]).ravel()
        yield (
            cosine.row.astype(np.int64) + block_start,
            cosine.col.astype(np.int64),
            cosine.data,
            common,
        )


def _keep_near_best(seeds: _Seeds, ratio: float) -> _Seeds:
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
    return _Seeds(seeds.i[keep], seeds.j[keep], seeds.weight[keep])


def _ngram_sentence_pairs(d_side: _Side, s_side: _Side, settings: AlignSettings) -> np.ndarray:
    """Sentence pairs (encoded ``i * n_source + j``) that share a content-word n-gram.

    N-grams frequent in either document (boilerplate, repeated text) are skipped: they
    say nothing about where a passage came from and would pair everything with everything.
    """
    hash_d, sent_d = _ngrams_by_sentence(d_side, settings.ngram_size)
    hash_s, sent_s = _ngrams_by_sentence(s_side, settings.ngram_size)
    order = np.argsort(hash_s, kind="stable")
    hash_s, sent_s = hash_s[order], sent_s[order]
    lo = np.searchsorted(hash_s, hash_d, side="left")
    matches = np.searchsorted(hash_s, hash_d, side="right") - lo
    sorted_d = np.sort(hash_d)
    in_derived = np.searchsorted(sorted_d, hash_d, side="right") - np.searchsorted(
        sorted_d, hash_d, side="left"
    )
    rare = (matches > 0) & (matches <= settings.max_ngram_occurrences)
    rare &= in_derived <= settings.max_ngram_occurrences
    lo, matches, sent_d = lo[rare], matches[rare], sent_d[rare]
    # Expand each derived n-gram into its matches lo, lo+1, ..., lo+matches-1.
    first_of_run = np.repeat(np.cumsum(matches) - matches, matches)
    positions = np.repeat(lo, matches) + np.arange(int(matches.sum())) - first_of_run
    pairs = np.repeat(sent_d, matches) * len(s_side.sentences) + sent_s[positions]
    return np.unique(pairs)


def _ngrams_by_sentence(side: _Side, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Hashes of a document's content-word n-grams and the sentence each starts in."""
    hashes = ngram_hashes(side.content_stems, n)
    return hashes, side.sentence_of_token[side.content[: len(hashes)]]


def _cap_seeds(seeds: _Seeds, cap: int) -> _Seeds:
    """Keep at most ``cap`` best seeds per sentence on each side (a guard against repetition)."""
    if len(seeds.i) == 0 or cap == 0:
        return seeds
    order = np.lexsort((-seeds.weight,))
    keep = np.zeros(len(order), dtype=bool)
    keep[order] = (_rank_within(seeds.i[order]) < cap) & (_rank_within(seeds.j[order]) < cap)
    return _Seeds(seeds.i[keep], seeds.j[keep], seeds.weight[keep])


def _rank_within(groups: np.ndarray) -> np.ndarray:
    """For each element, how many earlier elements share its group."""
    order = np.argsort(groups, kind="stable")
    sorted_groups = groups[order]
    starts = np.r_[0, np.flatnonzero(np.diff(sorted_groups)) + 1]
    run_start = np.repeat(starts, np.diff(np.r_[starts, len(groups)]))
    ranks = np.empty(len(groups), dtype=np.int64)
    ranks[order] = np.arange(len(groups)) - run_start
    return ranks


def _extend(
    seeds: _Seeds,
    max_gap: int,
    d_side: _Side,
    s_side: _Side,
    weights_d: Matrix,
    weights_s: Matrix,
    settings: AlignSettings,
) -> list[_Fragment]:
    """Cluster seeds into fragments, shrinking the gap where a fragment is not similar enough."""
    fragments: list[_Fragment] = []
    paragraphs = d_side.sentences.paragraph[seeds.i]
    # A summary condenses a long source passage and may skip whole source paragraphs;
    # any other passage ends at a source paragraph that shares nothing, as it does on
    # the derived side, so that alignment does not depend on which side is which.
    source_paragraphs = (
        s_side.sentences.paragraph[seeds.j]
        if max_gap < settings.summary_max_gap_sentences
        else None
    )
    pending = [(np.arange(len(seeds.i)), max_gap)]
    while pending:
        members, gap = pending.pop()
        for cluster in _cluster(seeds, paragraphs, source_paragraphs, members, gap):
            fragment = _Fragment(seeds.i[cluster], seeds.j[cluster], seeds.weight[cluster])
            if _fragment_cosine(fragment, weights_d, weights_s) >= settings.min_fragment_cosine or (
                _fragment_meaning(fragment, d_side, s_side)
                >= settings.semantic_min_fragment_similarity
            ):
                fragments.append(fragment)
            elif gap > 0:
                pending.append((cluster, gap - 1))
    return fragments


def _cluster(
    seeds: _Seeds,
    paragraphs: np.ndarray,
    source_paragraphs: np.ndarray | None,
    members: np.ndarray,
    gap: int,
) -> list[np.ndarray]:
    """Split seeds into groups that are contiguous (within ``gap``) on both sides.

    A whole paragraph without seeds also splits (on the source side only where
    ``source_paragraphs`` is given): gap tolerance bridges sentences a rewrite dropped
    or added, but a paragraph that shares nothing with the other side is new text and
    ends the passage.
    """
    done: list[np.ndarray] = []
    stack = [(members, True)]
    while stack:
        group, by_derived = stack.pop()
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
    group: np.ndarray,
    along: np.ndarray,
    across: np.ndarray,
    gap: int,
    paragraphs: np.ndarray | None = None,
) -> list[np.ndarray]:
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


def _fragment_meaning(fragment: _Fragment, d_side: _Side, s_side: _Side) -> float:
    """Cosine of the mean sentence embeddings of the two sides (0 without embeddings)."""
    if d_side.embeddings is None or s_side.embeddings is None:
        return 0.0
    return _fragment_cosine(fragment, d_side.embeddings, s_side.embeddings)


def _fragment_cosine(fragment: _Fragment, weights_d: Matrix, weights_s: Matrix) -> float:
    """Cosine of the summed sentence vectors of the two sides (a sum and a mean point the
    same way, so this serves tf-isf vectors and embeddings alike)."""
    d_first, d_last = fragment.derived_sentences
    s_first, s_last = fragment.source_sentences
    d = np.asarray(weights_d[d_first : d_last + 1].sum(axis=0)).ravel()
    s = np.asarray(weights_s[s_first : s_last + 1].sum(axis=0)).ravel()
    norm = float(np.linalg.norm(d) * np.linalg.norm(s))
    return float(d @ s) / norm if norm else 0.0


def _passages(
    fragments: list[_Fragment],
    d_side: _Side,
    s_side: _Side,
    weights_d: Matrix,
    weights_s: Matrix,
    settings: AlignSettings,
) -> list[Passage]:
    """Turn fragments into typed passages, drop short ones, resolve overlaps in ``derived``.

    A passage needs ``min_passage_chars`` of matched text: one sentence pair shorter
    than that is a common coincidence. Where a pair of documents has no passage that
    long, a shorter one (down to ``corroborated_passage_share`` of it) still counts when
    two or more sentences on each side, similar as a whole, corroborate each other: a
    reworded paragraph of two short sentences. Beside full-length passages such short
    fragments are mostly the shared story's vocabulary, so they are not reported there.
    """
    full, short = [], []
    for found in fragments:
        fragment = _grow_summary(found, d_side, s_side, settings)
        whole = _candidate(fragment, d_side, s_side, settings)
        if whole.passage.reuse_type is ReuseType.PARAPHRASE:
            grown = _grow_edges(fragment, d_side, s_side, weights_d, weights_s, settings)
            if grown is not fragment:
                fragment, whole = grown, _candidate(grown, d_side, s_side, settings)
        if whole.core_chars >= settings.min_passage_chars:
            grown = _grow_merges(fragment, d_side, s_side, weights_d, weights_s, settings)
            if grown is not fragment:
                fragment, whole = grown, _candidate(grown, d_side, s_side, settings)
        if whole.core_chars >= settings.min_passage_chars:
            full.extend(_split_by_type(fragment, whole, d_side, s_side, settings))
        elif _corroborated(whole, fragment, weights_d, weights_s, settings):
            short.extend(_split_by_type(fragment, whole, d_side, s_side, settings))
    kept: list[_Candidate] = []
    for candidate in sorted(full or short, key=lambda c: -c.support):
        if not any(candidate.passage.derived.overlaps(k.passage.derived) for k in kept):
            kept.append(candidate)
    return [k.passage for k in kept]


def _grow_edges(
    fragment: _Fragment,
    d_side: _Side,
    s_side: _Side,
    weights_d: Matrix,
    weights_s: Matrix,
    settings: AlignSettings,
) -> _Fragment:
    """Extend a reworded passage over the sentence pairs just before and after it, in
    step on both sides, while they still look like rewrites of each other.

    Rewriting hits the edges of a passage as hard as its middle, so its first and last
    sentences often share too few words to seed. Next to a passage and in order on both
    sides, weaker evidence is enough: some shared content (tf-isf cosine at least
    ``edge_min_cosine``) and a word sequence that survived (Indel similarity at least
    ``edge_min_word_similarity``). Copied passages already have exact edges and do not grow.
    """
    d_first, d_last = fragment.derived_sentences
    s_first, s_last = fragment.source_sentences
    added: list[tuple[int, int, float]] = []
    for step in (1, -1):
        i, j = (d_last, s_last) if step == 1 else (d_first, s_first)
        while 0 <= i + step < len(d_side.sentences) and 0 <= j + step < len(s_side.sentences):
            likeness = _row_cosine(weights_d, i + step, weights_s, j + step)
            if likeness < settings.edge_min_cosine or (
                _sentence_word_similarity(d_side, i + step, s_side, j + step)
                < settings.edge_min_word_similarity
            ):
                break
            i, j = i + step, j + step
            added.append((i, j, likeness))
    return _with_pairs(fragment, added)


def _grow_merges(
    fragment: _Fragment,
    d_side: _Side,
    s_side: _Side,
    weights_d: Matrix,
    weights_s: Matrix,
    settings: AlignSettings,
) -> _Fragment:
    """Add the sentences a rewrite merged into one of the passage's reworded sentences,
    or split one of them into, on either side (see :func:`_merged_neighbours`).

    This only sets a passage's extent: it runs on passages already long enough to be
    reported, since sentences absorbed this way are no evidence that reuse happened.
    """
    paired = list(zip(fragment.i.tolist(), fragment.j.tolist(), strict=True))
    taken_d, taken_s = {i for i, _ in paired}, {j for _, j in paired}
    added: list[tuple[int, int, float]] = []
    for i, j in paired:
        if _sentence_word_similarity(d_side, i, s_side, j) >= settings.near_verbatim_similarity:
            continue
        for step in (1, -1):
            merged = _merged_neighbours(i, j, step, s_side, taken_s, weights_d, weights_s, settings)
            split = _merged_neighbours(j, i, step, d_side, taken_d, weights_s, weights_d, settings)
            added += merged + [(i, j, likeness) for j, i, likeness in split]
            taken_s.update(j for _, j, _ in merged)
            taken_d.update(i for i, _, _ in split)
    return _with_pairs(fragment, added)


def _with_pairs(fragment: _Fragment, added: list[tuple[int, int, float]]) -> _Fragment:
    """The fragment with more ``(derived sentence, source sentence, weight)`` seeds."""
    if not added:
        return fragment
    i, j, weight = (np.asarray(column) for column in zip(*added, strict=True))
    return _Fragment(
        np.concatenate([fragment.i, i.astype(np.int64)]),
        np.concatenate([fragment.j, j.astype(np.int64)]),
        np.concatenate([fragment.weight, weight.astype(fragment.weight.dtype)]),
    )


def _merged_neighbours(
    i: int,
    j: int,
    step: int,
    other: _Side,
    taken: set[int],
    weights_i: Matrix,
    weights_j: Matrix,
    settings: AlignSettings,
) -> list[tuple[int, int, float]]:
    """The sentences next to ``j`` (in its paragraph, in direction ``step``, not yet in
    ``taken``) that sentence ``i`` of the other document also rewrites: two sentences
    merged into one.

    A neighbour joins while it shares some content with ``i`` (cosine at least
    ``edge_min_cosine``) and the sentences taken together are closer to ``i`` than
    without it; a neighbour that only shares the story's vocabulary dilutes them.
    """
    target = _dense_row(weights_i, i)
    together = _dense_row(weights_j, j)
    closeness = _cosine(target, together)
    paragraph = other.sentences.paragraph
    found = []
    k = j + step
    while 0 <= k < len(paragraph) and paragraph[k] == paragraph[j] and k not in taken:
        neighbour = _dense_row(weights_j, k)
        likeness = _row_cosine(weights_i, i, weights_j, k)
        wider = _cosine(target, together + neighbour)
        if likeness < settings.edge_min_cosine or wider <= closeness:
            break
        found.append((i, k, likeness))
        together, closeness, k = together + neighbour, wider, k + step
    return found


def _dense_row(weights: Matrix, k: int) -> np.ndarray:
    """Row ``k`` of a sentence-vector matrix as a dense vector."""
    if isinstance(weights, np.ndarray):
        return weights[k]
    return weights[k].toarray().ravel()


def _cosine(a: np.ndarray, b: np.ndarray) -> float:
    norm = float(np.linalg.norm(a) * np.linalg.norm(b))
    return float(a @ b) / norm if norm else 0.0


def _sentence_word_similarity(d_side: _Side, i: int, s_side: _Side, j: int) -> float:
    """Indel similarity of two sentences' word sequences."""
    d_words = d_side.tokens.norms[d_side.sentences.first[i] : d_side.sentences.stop[i]]
    s_words = s_side.tokens.norms[s_side.sentences.first[j] : s_side.sentences.stop[j]]
    return Indel.normalized_similarity(d_words, s_words)


def _row_cosine(weights_d: Matrix, i: int, weights_s: Matrix, j: int) -> float:
    """Cosine of two L2-normalised sentence vectors."""
    if isinstance(weights_d, np.ndarray):
        return float(weights_d[i] @ weights_s[j])
    return float(weights_d[i].multiply(weights_s[j]).sum())


def _corroborated(
    candidate: _Candidate,
    fragment: _Fragment,
    weights_d: Matrix,
    weights_s: Matrix,
    settings: AlignSettings,
) -> bool:
    """A short passage backed by two or more sentences on each side, similar as a whole."""
    return (
        candidate.core_chars >= settings.corroborated_passage_share * settings.min_passage_chars
        and len(np.unique(fragment.i)) >= 2
        and len(np.unique(fragment.j)) >= 2
        and _fragment_cosine(fragment, weights_d, weights_s) >= settings.corroborated_min_cosine
    )


def _grow_summary(
    fragment: _Fragment, d_side: _Side, s_side: _Side, settings: AlignSettings
) -> _Fragment:
    """Extend the source side of a summary over the source sentences it still covers.

    A summary condenses a run of source sentences, most of which share few words with
    it; in semantic mode each neighbouring source sentence whose meaning is close to
    some sentence of the summary joins the passage, with that pair as its evidence.
    Only summary-shaped fragments (source side at least ``summary_type_ratio`` times the
    derived side) grow.
    """
    if d_side.embeddings is None or s_side.embeddings is None:
        return fragment
    d_first, d_last = fragment.derived_sentences
    s_first, s_last = fragment.source_sentences
    derived = _token_span(d_side.tokens, *_token_range(d_side.sentences, d_first, d_last))
    source = _token_span(s_side.tokens, *_token_range(s_side.sentences, s_first, s_last))
    if len(source) < settings.summary_type_ratio * len(derived):
        return fragment
    similarity = d_side.embeddings[d_first : d_last + 1] @ s_side.embeddings.T
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
    return _Fragment(
        np.concatenate([fragment.i, closest[added]]),
        np.concatenate([fragment.j, added]),
        np.concatenate([fragment.weight, relevance[added]]),
    )


def _split_by_type(
    fragment: _Fragment,
    whole: _Candidate,
    d_side: _Side,
    s_side: _Side,
    settings: AlignSettings,
) -> list[_Candidate]:
    """Split a passage at the paragraph breaks where the kind of reuse changes.

    A writer who copies one paragraph and rewrites the next made two choices; a reader
    should see both rather than one averaged "near-verbatim" block. The pieces may be
    shorter than a passage: the passage as a whole already showed the reuse.
    """
    paragraphs = d_side.sentences.paragraph[fragment.i]
    distinct = np.unique(paragraphs)
    if len(distinct) == 1:
        return [whole]

    def subset(chosen: np.ndarray) -> _Candidate:
        part = _Fragment(*(a[np.isin(paragraphs, chosen)] for a in fragment))
        return _candidate(part, d_side, s_side, settings)

    pieces = [subset(distinct[k : k + 1]) for k in range(len(distinct))]
    runs: list[list[int]] = []
    for index, piece in enumerate(pieces):
        if runs and pieces[runs[-1][-1]].passage.reuse_type == piece.passage.reuse_type:
            runs[-1].append(index)
        else:
            runs.append([index])
    if len(runs) == 1:
        return [whole]
    return [subset(distinct[run]) for run in runs]


def _candidate(
    fragment: _Fragment, d_side: _Side, s_side: _Side, settings: AlignSettings
) -> _Candidate:
    """Type the passage a fragment spans, with edges refined where the wording was kept.

    Copied text gets the exact edges of the words both sides share; a paraphrase keeps
    whole sentences, since its first and last shared words say little about its extent.
    """
    d_range = _token_range(d_side.sentences, *fragment.derived_sentences)
    s_range = _token_range(s_side.sentences, *fragment.source_sentences)
    passage = _classify(*_refine(d_side, s_side, d_range, s_range), d_side, s_side, settings)
    core_chars = min(len(passage.derived), len(passage.source))
    if passage.reuse_type is ReuseType.PARAPHRASE:
        passage = _classify(d_range, s_range, d_side, s_side, settings)
        if _fragment_meaning(fragment, d_side, s_side) >= settings.semantic_min_fragment_similarity:
            # The sentences mean the same: the whole of them is the evidence, not just
            # the words they happen to share.
            core_chars = min(len(passage.derived), len(passage.source))
            if len(passage.source) >= settings.summary_type_ratio * len(passage.derived):
                passage = replace(passage, reuse_type=ReuseType.SUMMARY)
    evidence = tuple(
        SentenceMatch(
            _token_span(d_side.tokens, *_token_range(d_side.sentences, i, i)),
            _token_span(s_side.tokens, *_token_range(s_side.sentences, j, j)),
            round(_pair_similarity(i, j, weight, d_side, s_side), 4),
        )
        for i, j, weight in sorted(
            zip(fragment.i.tolist(), fragment.j.tolist(), fragment.weight.tolist(), strict=True)
        )
    )
    return _Candidate(replace(passage, evidence=evidence), float(fragment.weight.sum()), core_chars)


def _pair_similarity(i: int, j: int, weight: float, d_side: _Side, s_side: _Side) -> float:
    """How alike two sentences are: their embedding cosine where there are embeddings,
    else the tf-isf cosine the seed was found with."""
    if d_side.embeddings is None or s_side.embeddings is None:
        return float(weight)
    return float(d_side.embeddings[i] @ s_side.embeddings[j])


def _token_range(sentences: Sentences, first: int, last: int) -> tuple[int, int]:
    return int(sentences.first[first]), int(sentences.stop[last])


def _refine(
    d_side: _Side, s_side: _Side, d_range: tuple[int, int], s_range: tuple[int, int]
) -> tuple[tuple[int, int], tuple[int, int]]:
    """Move the edges inward to the first and last words the two fragments share.

    Only words of the first and last sentence can be trimmed, so a paraphrase keeps
    its sentences while a passage copied from mid-sentence gets exact edges.
    """
    d_words = d_side.tokens.norms[d_range[0] : d_range[1]]
    s_words = s_side.tokens.norms[s_range[0] : s_range[1]]
    blocks = [b for b in Indel.opcodes(d_words, s_words).as_matching_blocks() if b.size > 0]
    if not blocks:
        return d_range, s_range
    first, last = blocks[0], blocks[-1]
    d_new = _trim(d_side, d_range, d_range[0] + first.a, d_range[0] + last.a + last.size)
    s_new = _trim(s_side, s_range, s_range[0] + first.b, s_range[0] + last.b + last.size)
    return d_new, s_new


def _trim(side: _Side, token_range: tuple[int, int], start: int, stop: int) -> tuple[int, int]:
    first_sentence = side.sentence_of_token[token_range[0]]
    last_sentence = side.sentence_of_token[token_range[1] - 1]
    if side.sentence_of_token[start] != first_sentence:
        start = token_range[0]
    if side.sentence_of_token[stop - 1] != last_sentence:
        stop = token_range[1]
    return start, stop


_OPENING = "\"'“‘«([{¿¡"
_CLOSING = "\"'”’».,;:!?)]}%…"


def _token_span(tokens: Tokens, first: int, stop: int) -> Span:
    """The character span of tokens ``[first, stop)``, with adjoining quotes and punctuation."""
    text = tokens.text
    start = int(tokens.starts[first])
    end = int(tokens.ends[stop - 1])
    while start > 0 and text[start - 1] in _OPENING:
        start -= 1
    while end < len(text) and text[end] in _CLOSING:
        end += 1
    return Span(start, end)


def _classify(
    d_range: tuple[int, int],
    s_range: tuple[int, int],
    d_side: _Side,
    s_side: _Side,
    settings: AlignSettings,
) -> Passage:
    """Type the passage between two token ranges by the share of its words both sides keep."""
    d_words = d_side.tokens.norms[d_range[0] : d_range[1]]
    s_words = s_side.tokens.norms[s_range[0] : s_range[1]]
    if d_words == s_words:
        reuse_type, similarity = ReuseType.VERBATIM, 1.0
    else:
        similarity = Indel.normalized_similarity(d_words, s_words)
        reuse_type = (
            ReuseType.NEAR_VERBATIM
            if similarity >= settings.near_verbatim_similarity
            else ReuseType.PARAPHRASE
        )
    derived = _token_span(d_side.tokens, *d_range)
    source = _token_span(s_side.tokens, *s_range)
    return Passage(derived, source, reuse_type, round(similarity, 4))
