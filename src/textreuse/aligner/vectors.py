"""Stage 2: tf-isf sentence vectors of both documents, and the algebra over them.

Each sentence becomes a vector of its content-word stems, weighted by inverse
sentence frequency over both documents and L2-normalised, beside a binary vector
of which stems it has (for Dice). Below a size where dense arrays beat sparse ones
(news-sized pairs), the matrices are dense: microseconds per step instead of
scipy's fixed overheads; above it they are sparse, in row blocks that bound memory.
"""

from __future__ import annotations

import math
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
# A term that alone pairs more sentences than this (its sentences in one document times
# those in the other) does not make a sentence pair a candidate on its own (it still
# counts in the pair's cosine): news-length documents never reach it; in a long one, a
# word of its story found everywhere on one side would pair everything.
_COMMON_TERM_PAIRS = 64 * 64

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
    """tf-isf and binary term vectors of both documents' sentences, over one vocabulary:
    the stems' stable hashes in ascending order (one sort of both documents' hashes,
    where a vocabulary dict costs a Python step per word), so that the terms' order,
    and with it every sum's rounding, is the same in every process."""
    stems = np.concatenate([derived.stem_hashes, source.stem_hashes])
    vocabulary, terms = np.unique(stems, return_inverse=True)
    split = len(derived.stem_hashes)
    counts = [
        (derived.content_sentences, terms[:split]),
        (source.content_sentences, terms[split:]),
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
    # Common terms make no candidates; they still count in the pairs' figures.
    common = _common_terms(derived, source)
    d_weights, d_terms = _sparse(derived.weights), _sparse(derived.terms)
    s_weights, s_terms = _sparse(source.weights).tocsr(), _sparse(source.terms).tocsr()
    rarer = only = s_common_weights = s_common_terms = None
    if common.any():
        rarer, only = sp.diags((~common).astype(np.float64)), sp.diags(common.astype(np.float64))
        s_common_weights, s_common_terms = (s_weights @ only).tocsr(), (s_terms @ only).tocsr()
    weights_t = _rarer(s_weights, rarer).T.tocsc()
    terms_t = _rarer(s_terms, rarer).T.tocsc()
    for block_start in range(0, d_weights.shape[0], _ROW_BLOCK):
        block = slice(block_start, block_start + _ROW_BLOCK)
        cosine = (_rarer(d_weights[block], rarer) @ weights_t).tocsr()
        shared = (_rarer(d_terms[block], rarer) @ terms_t).tocsr()
        cosine.sort_indices()
        shared.sort_indices()
        # Weights are positive wherever a term is, so both products have the same
        # pattern: the shared-term counts are read off in step, not looked up.
        rows = np.repeat(np.arange(cosine.shape[0]), np.diff(cosine.indptr))
        cols = cosine.indices.astype(np.int64)
        cosines, counts = cosine.data, shared.data
        if rarer is not None:
            cosines = cosines + _pair_dots(d_weights[block] @ only, s_common_weights, rows, cols)
            counts = counts + _pair_dots(d_terms[block] @ only, s_common_terms, rows, cols)
        yield rows.astype(np.int64) + block_start, cols, cosines, counts


def _common_terms(derived: SentenceVectors, source: SentenceVectors) -> BoolArray:
    """The terms that pair more than ``_COMMON_TERM_PAIRS`` sentence pairs."""
    in_derived = np.asarray(_sparse(derived.terms).getnnz(axis=0), dtype=np.int64)
    in_source = np.asarray(_sparse(source.terms).getnnz(axis=0), dtype=np.int64)
    return in_derived * in_source > _COMMON_TERM_PAIRS


def _rarer(matrix: Any, rarer: Any) -> Any:
    """The matrix with its common terms' columns zeroed (``rarer`` is their mask as a
    diagonal matrix), or as it is where no term is common."""
    return matrix if rarer is None else matrix @ rarer


def _pair_dots(derived: Any, source: Any, rows: IntArray, cols: IntArray) -> FloatArray:
    """For each pair, the dot product of derived row ``rows[k]`` and source row ``cols[k]``."""
    return np.asarray(derived.tocsr()[rows].multiply(source.tocsr()[cols]).sum(axis=1)).ravel()


def row_cosine(a: SentenceVectors, i: int, b: SentenceVectors, j: int) -> float:
    """Cosine of sentence ``i`` of one document and ``j`` of the other (rows are unit)."""
    if isinstance(a.weights, np.ndarray):
        return float(a.weights[i] @ b.weights[j])
    # Read off the two rows' stored terms: scipy's row indexing costs far more.
    return _sparse_dot(_row_sum(a.weights, (i, i)), _row_sum(b.weights, (j, j)))


def range_cosine(a: Matrix, a_rows: tuple[int, int], b: Matrix, b_rows: tuple[int, int]) -> float:
    """Cosine of the summed rows ``first..last`` (inclusive) of two matrices: a sum and a
    mean point the same way, so this serves tf-isf vectors and embeddings alike.

    Sparse rows are summed as sparse vectors: a dense sum costs the whole vocabulary
    on every call, which made long documents quadratic (the vocabulary grows with
    their length, and so does the number of fragments measured)."""
    if not (getattr(a, "format", None) == getattr(b, "format", None) == "csr"):
        d = np.asarray(a[a_rows[0] : a_rows[1] + 1].sum(axis=0)).ravel()
        s = np.asarray(b[b_rows[0] : b_rows[1] + 1].sum(axis=0)).ravel()
        return cosine(d, s)
    d_sum, s_sum = _row_sum(a, a_rows), _row_sum(b, b_rows)
    norm = float(np.sqrt(d_sum[1] @ d_sum[1]) * np.sqrt(s_sum[1] @ s_sum[1]))
    return _sparse_dot(d_sum, s_sum) / norm if norm else 0.0


def _sparse_dot(a: tuple[IntArray, FloatArray], b: tuple[IntArray, FloatArray]) -> float:
    """The dot product of two sparse vectors given as sorted unique terms and values."""
    _, in_a, in_b = np.intersect1d(a[0], b[0], assume_unique=True, return_indices=True)
    return float(a[1][in_a] @ b[1][in_b])


def _row_sum(matrix: Any, rows: tuple[int, int]) -> tuple[IntArray, FloatArray]:
    """The sum of CSR rows ``first..last`` (inclusive) as sorted terms and their values."""
    low, high = matrix.indptr[rows[0]], matrix.indptr[rows[1] + 1]
    if rows[0] == rows[1] and matrix.has_canonical_format:  # one row: already its sum
        return matrix.indices[low:high].astype(np.int64), matrix.data[low:high]
    terms, where = np.unique(matrix.indices[low:high], return_inverse=True)
    values = np.bincount(where, weights=matrix.data[low:high], minlength=len(terms))
    return np.asarray(terms, dtype=np.int64), np.asarray(values, dtype=np.float64)


def cosine(a: FloatArray, b: FloatArray) -> float:
    """Cosine of two dense vectors (0 where either is zero)."""
    norm = math.sqrt(a @ a) * math.sqrt(b @ b)  # the 2-norm, without numpy's dispatch
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
    normalized = (sp.diags(1.0 / norms) @ weighted).tocsr()
    normalized.sum_duplicates()  # sorted terms in every row, each once: see _row_sum
    return normalized
