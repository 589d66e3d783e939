"""Stage 2: tf-isf sentence vectors of both documents, and the algebra over them.

Each sentence becomes a vector of its content-word stems, weighted by inverse
sentence frequency over both documents and L2-normalised, beside a binary vector
of which stems it has (for Dice). Below a size where dense arrays beat sparse ones
(news-sized pairs), the matrices are dense: microseconds per step instead of
scipy's fixed overheads; above it they are sparse, in row blocks that bound memory.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp

from textreuse.aligner.prepare import BoolArray, FloatArray, Side
from textreuse.text.tokens import IntArray

# Below this many matrix cells (sentences x vocabulary, and sentence pairs) dense arrays
# beat sparse ones.
_DENSE_CELLS = 4_000_000
_ROW_BLOCK = 2048
# A term in more sentences than this in both documents does not make a sentence pair
# a candidate on its own (it still counts in the pair's cosine): news-length documents
# never reach it; a long one that repeats a word everywhere would pair everything.
_COMMON_TERM_SENTENCES = 64

Matrix = FloatArray | Any
"""A dense array, or a scipy CSR matrix (scipy ships no type hints for it)."""


@dataclass(frozen=True, eq=False)
class SentenceVectors:
    """One document's sentences as tf-isf vectors (``weights``, rows L2-normalised) and
    binary term vectors (``terms``)."""

    weights: Matrix
    terms: Matrix

    def row(self, k: int) -> FloatArray:
        """Sentence ``k``'s tf-isf vector, dense."""
        if isinstance(self.weights, np.ndarray):
            row: FloatArray = self.weights[k]
            return row
        return np.asarray(self.weights[k].toarray()).ravel()

    def term_counts(self) -> FloatArray:
        """How many distinct content stems each sentence has."""
        return np.asarray(self.terms.sum(axis=1), dtype=np.float64).ravel()


def sentence_vectors(derived: Side, source: Side) -> tuple[SentenceVectors, SentenceVectors]:
    """tf-isf and binary term vectors of both documents' sentences, over one vocabulary."""
    vocabulary = {
        stem: k for k, stem in enumerate(set(derived.content_stems) | set(source.content_stems))
    }
    counts = [
        (
            side.sentence_of_token[side.content],
            np.fromiter((vocabulary[stem] for stem in side.content_stems), dtype=np.int64),
        )
        for side in (derived, source)
    ]
    size = max(len(vocabulary), 1)
    shapes = [(len(derived.sentences), size), (len(source.sentences), size)]
    # The pair matrix counts too: a long text with a small vocabulary (one sentence
    # repeated) would make a dense sentence-by-sentence product.
    pair_cells = len(derived.sentences) * len(source.sentences)
    dense = max(sum(n * size for n, _ in shapes), pair_cells) <= _DENSE_CELLS
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
        binary = [_sparse(b).tocsr() for b in binary]
    return SentenceVectors(weighted[0], binary[0]), SentenceVectors(weighted[1], binary[1])


def similar_pairs(
    derived: SentenceVectors, source: SentenceVectors
) -> Iterator[tuple[IntArray, IntArray, FloatArray, FloatArray]]:
    """Sentence pairs sharing a term: indices, cosine and number of shared terms.

    Sparse matrices go in row blocks, which bound memory on long documents.
    """
    if isinstance(derived.weights, np.ndarray):
        cosine = derived.weights @ source.weights.T
        i, j = np.nonzero(cosine)
        yield i, j, cosine[i, j], (derived.terms @ source.terms.T)[i, j]
        return
    common_terms = _common_terms(derived, source)
    if common_terms is not None:
        yield from _pairs_sharing_a_rarer_term(derived, source, common_terms)
        return
    weights_t = _sparse(source.weights).T.tocsc()
    terms_t = _sparse(source.terms).T.tocsc()
    for block_start in range(0, derived.weights.shape[0], _ROW_BLOCK):
        block = slice(block_start, block_start + _ROW_BLOCK)
        cosine = (derived.weights[block] @ weights_t).tocsr()
        shared = (derived.terms[block] @ terms_t).tocsr()
        cosine.sort_indices()
        shared.sort_indices()
        # Weights are positive wherever a term is, so both products have the same
        # pattern: the shared-term counts are read off in step, not looked up.
        rows = np.repeat(np.arange(cosine.shape[0]), np.diff(cosine.indptr))
        yield (
            rows.astype(np.int64) + block_start,
            cosine.indices.astype(np.int64),
            cosine.data,
            shared.data,
        )


def _common_terms(derived: SentenceVectors, source: SentenceVectors) -> BoolArray | None:
    """The terms in more than ``_COMMON_TERM_SENTENCES`` sentences of both documents,
    or None where there are none: pairing every sentence holding such a term with
    every other would cost the product of their counts."""
    in_derived = np.asarray(_sparse(derived.terms).getnnz(axis=0))
    in_source = np.asarray(_sparse(source.terms).getnnz(axis=0))
    common = (in_derived > _COMMON_TERM_SENTENCES) & (in_source > _COMMON_TERM_SENTENCES)
    return common if common.any() else None


def _pairs_sharing_a_rarer_term(
    derived: SentenceVectors, source: SentenceVectors, common_terms: BoolArray
) -> Iterator[tuple[IntArray, IntArray, FloatArray, FloatArray]]:
    """As :func:`similar_pairs`, but only pairs that share a term other than the
    common ones are candidates (each occurrence of a rarer term pairs with at most
    ``_COMMON_TERM_SENTENCES`` sentences, so their number is linear in the length);
    their cosines and shared counts still include the common terms."""
    keep = sp.diags((~common_terms).astype(np.float64))
    only = sp.diags(common_terms.astype(np.float64))
    d_weights, d_terms = _sparse(derived.weights), _sparse(derived.terms)
    s_weights, s_terms = _sparse(source.weights).tocsr(), _sparse(source.terms).tocsr()
    rare_weights_t = (s_weights @ keep).T.tocsc()
    rare_terms_t = (s_terms @ keep).T.tocsc()
    common_weights, common_terms_s = (s_weights @ only).tocsr(), (s_terms @ only).tocsr()
    for block_start in range(0, d_weights.shape[0], _ROW_BLOCK):
        block = slice(block_start, block_start + _ROW_BLOCK)
        cosine = (d_weights[block] @ keep @ rare_weights_t).tocsr()
        shared = (d_terms[block] @ keep @ rare_terms_t).tocsr()
        cosine.sort_indices()
        shared.sort_indices()
        rows = np.repeat(np.arange(cosine.shape[0]), np.diff(cosine.indptr))
        cols = cosine.indices.astype(np.int64)
        d_common = (d_weights[block] @ only).tocsr()[rows]
        d_common_terms = (d_terms[block] @ only).tocsr()[rows]
        extra = np.asarray(d_common.multiply(common_weights[cols]).sum(axis=1)).ravel()
        extra_terms = np.asarray(d_common_terms.multiply(common_terms_s[cols]).sum(axis=1)).ravel()
        yield (
            rows.astype(np.int64) + block_start,
            cols,
            cosine.data + extra,
            shared.data + extra_terms,
        )


def row_cosine(a: SentenceVectors, i: int, b: SentenceVectors, j: int) -> float:
    """Cosine of sentence ``i`` of one document and ``j`` of the other (rows are unit)."""
    if isinstance(a.weights, np.ndarray):
        return float(a.weights[i] @ b.weights[j])
    return float(a.weights[i].multiply(b.weights[j]).sum())


def range_cosine(a: Matrix, a_rows: tuple[int, int], b: Matrix, b_rows: tuple[int, int]) -> float:
    """Cosine of the summed rows ``first..last`` (inclusive) of two matrices: a sum and a
    mean point the same way, so this serves tf-isf vectors and embeddings alike."""
    d = np.asarray(a[a_rows[0] : a_rows[1] + 1].sum(axis=0)).ravel()
    s = np.asarray(b[b_rows[0] : b_rows[1] + 1].sum(axis=0)).ravel()
    return cosine(d, s)


def cosine(a: FloatArray, b: FloatArray) -> float:
    """Cosine of two dense vectors (0 where either is zero)."""
    norm = float(np.linalg.norm(a) * np.linalg.norm(b))
    return float(a @ b) / norm if norm else 0.0


def _sparse(matrix: Matrix) -> Any:
    """A matrix known to be a scipy sparse one (which has no type hints)."""
    return matrix


def _count_matrix(rows: IntArray, cols: IntArray, shape: tuple[int, int], dense: bool) -> Matrix:
    if dense:
        flat = np.bincount(rows * shape[1] + cols, minlength=shape[0] * shape[1])
        return flat.reshape(shape).astype(np.float64)
    return sp.csr_matrix((np.ones(len(rows), dtype=np.float64), (rows, cols)), shape=shape)


def _normalize_rows(counts: Matrix, isf: FloatArray) -> Matrix:
    if isinstance(counts, np.ndarray):
        weighted = counts * isf
        norms = np.linalg.norm(weighted, axis=1, keepdims=True)
        return weighted / np.where(norms == 0, 1.0, norms)
    weighted = counts.multiply(isf).tocsr()
    norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.diags(1.0 / norms) @ weighted
