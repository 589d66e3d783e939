"""The pure steps of a scan, which every engine (a local process pool, Spark) runs alike.

1. :func:`~textreuse.fingerprint.located_fingerprints` of every document (winnowed
   content-word n-grams, as the archive stores them);
2. :func:`candidate_pairs`: documents sharing at least ``min_shared_fingerprints``
   fingerprints, where fingerprints held by more than ``max_document_frequency``
   documents (boilerplate, stock phrases) are ignored; never all pairs; then
   :func:`worth_aligning` drops pairs whose few shared fingerprints are one phrase;
3. :func:`align_pair`: each candidate pair aligned with the same aligner as
   ``compare``, giving :class:`~textreuse.model.PassagePair` rows;
4. :func:`~textreuse.clusters.reprint_clusters`, in
   :func:`~textreuse.scan.output.finish_scan`: passages linked across documents,
   grouped into clusters of documents that share the same passage.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import numpy.typing as npt

from textreuse.aligner import AlignSettings, align
from textreuse.dates import which_came_first
from textreuse.fingerprint import FingerprintArray, PositionArray
from textreuse.model import Earlier, PassagePair, Record
from textreuse.scan.collection import refuse_duplicate_ids
from textreuse.scan.settings import ScanSettings
from textreuse.text.tokens import IntArray

DocumentArray = npt.NDArray[np.int32] | npt.NDArray[np.int64]
"""Document numbers, in either width (a million documents fit in 32 bits)."""
Located = tuple[FingerprintArray, PositionArray]
"""A document's fingerprints and where each first occurs."""

_EARLIER: dict[str, Earlier] = {"source": "a", "document": "b"}


def sorted_unique(records: Iterable[Record]) -> list[Record]:
    """The records sorted by id, refusing duplicate ids (which one would be meant?)."""
    collection = sorted(records, key=lambda record: record.id)
    refuse_duplicate_ids(record.id for record in collection)
    return collection


# Pair keys counted at once: the candidate step's memory is about 16 bytes a key, so
# a collection whose fingerprints make more keys is counted in several passes.
_KEYS_PER_PASS = 1 << 24
# Fingerprints are told apart a share of the hash values at a time (a power of two).
_HASH_SHARES = 8


def candidate_pairs(
    hashes: FingerprintArray,
    documents: DocumentArray,
    *,
    max_document_frequency: int,
    min_shared: int,
) -> tuple[IntArray, IntArray]:
    """Document pairs that share fingerprints, from postings ``(hashes[k], documents[k])``.

    Postings must be distinct. Returns ``(pairs, shared)``: an ``(n, 2)`` array of
    document numbers with ``pairs[:, 0] < pairs[:, 1]``, sorted, and how many
    fingerprints each pair shares (at least ``min_shared``). Only fingerprints held
    by 2 to ``max_document_frequency`` documents make pairs, so the work grows with
    the reuse in the collection, not with the square of its size. Where they make
    more than ``_KEYS_PER_PASS`` pair keys, the pairs are counted in passes, each over
    the pairs whose first document falls in its share of the collection, so that
    memory stays bounded however large the collection.
    """
    hashes, grouped = _shared_postings(hashes, documents)
    documents = grouped.astype(np.int64)
    starts = np.flatnonzero(np.r_[True, hashes[1:] != hashes[:-1]])
    sizes = np.diff(np.r_[starts, len(hashes)])
    groups = [
        (starts[sizes == size], size)
        for size in np.unique(sizes[(sizes >= 2) & (sizes <= max_document_frequency)]).tolist()
    ]
    keys_in_all = sum(len(group_starts) * size * (size - 1) // 2 for group_starts, size in groups)
    passes = max(1, -(-keys_in_all // _KEYS_PER_PASS))
    bounds = np.linspace(0, int(documents.max(initial=0)) + 1, passes + 1).astype(np.int64)
    found = [
        _counted_pairs(documents, groups, low, high, min_shared)
        for low, high in zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True)
    ]
    pairs = np.concatenate([f[0] for f in found])
    shared = np.concatenate([f[1] for f in found])
    return np.stack([pairs >> 32, pairs & 0xFFFF_FFFF], axis=1).reshape(-1, 2), shared


def _shared_postings(
    hashes: FingerprintArray, documents: DocumentArray
) -> tuple[FingerprintArray, DocumentArray]:
    """The postings of fingerprints held more than once, the only ones that can make a
    pair, with the postings of each fingerprint together and their documents in
    ascending order. Most fingerprints of a collection are held by one document; the
    postings are sorted a share of the hash values at a time (by their low bits), so
    that the candidate step needs little memory beyond its input."""
    kept: list[IntArray] = []
    hashes = np.ascontiguousarray(hashes)
    # One byte of each hash, read in place (any byte of a good hash will do).
    low_bits = hashes.view(np.uint8)[:: hashes.itemsize] & (_HASH_SHARES - 1)
    for share in range(_HASH_SHARES):
        members = np.flatnonzero(low_bits == share)
        values = hashes[members]
        order = np.lexsort((documents[members], values))
        ordered = values[order]
        repeated = np.zeros(len(ordered), dtype=bool)
        same = ordered[1:] == ordered[:-1]
        repeated[1:] |= same
        repeated[:-1] |= same
        kept.append(members[order[repeated]])
    chosen = np.concatenate(kept)
    return hashes[chosen], documents[chosen]


def _counted_pairs(
    documents: IntArray,
    groups: list[tuple[IntArray, int]],
    low: int,
    high: int,
    min_shared: int,
) -> tuple[IntArray, IntArray]:
    """The pair keys ``first << 32 | second`` (sorted) with ``low <= first < high`` that
    at least ``min_shared`` fingerprint groups make, and how many make each.
    ``groups`` are the start offsets of the fingerprints held by ``size`` documents
    each, with their documents in ascending order."""
    keys: list[IntArray] = []
    for group_starts, size in groups:
        first, second = np.triu_indices(size, 1)
        rows = max(1, _KEYS_PER_PASS // len(first))  # groups expanded at once
        for chunk in range(0, len(group_starts), rows):
            offsets = group_starts[chunk : chunk + rows, None] + np.arange(size)
            members = documents[offsets]  # (groups, size), each row sorted
            # A row's pairs start at one of its first size - 1 members, in ascending
            # order: rows with none in this pass's share are not expanded at all, so
            # a pass costs the postings, not every pair key again.
            members = members[(members[:, 0] < high) & (members[:, -2] >= low)]
            smaller, larger = members[:, first].ravel(), members[:, second].ravel()
            inside = (smaller >= low) & (smaller < high)
            keys.append(smaller[inside] * (1 << 32) + larger[inside])
    if not keys:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    unique, counts = np.unique(np.concatenate(keys), return_counts=True)
    keep = counts >= min_shared
    return unique[keep], counts[keep]


def worth_aligning(a: Located, b: Located, settings: ScanSettings) -> bool:
    """Whether a candidate pair, given each side's ``(fingerprints, positions)`` from
    :func:`textreuse.fingerprint.located_fingerprints`, could share a passage.

    Many shared fingerprints always could. A few could only if they are spread over
    a run of words on both sides; two or three that overlap are one stock phrase
    ("the prime minister said"), which a collection of news shares by thousands.
    """
    _, in_a, in_b = np.intersect1d(a[0], b[0], assume_unique=True, return_indices=True)
    if len(in_a) >= settings.dense_shared:
        return True
    if len(in_a) < settings.min_shared_fingerprints:
        return False
    spread_a = np.ptp(a[1][in_a])
    spread_b = np.ptp(b[1][in_b])
    return bool(min(spread_a, spread_b) >= settings.min_fingerprint_spread)


def align_pair(a: Record, b: Record, settings: AlignSettings | None = None) -> list[PassagePair]:
    """The passages two documents share; ``a`` must have the smaller id.

    ``b`` is aligned as the derived document and ``a`` as the source, always in that
    order, so every engine gets the same passages.
    """
    if not a.id < b.id:
        msg = f"align_pair needs a.id < b.id, got {a.id!r} and {b.id!r}"
        raise ValueError(msg)
    first = which_came_first(a.date, b.date)
    earlier = _EARLIER.get(first or "")
    return [
        PassagePair(
            a_id=a.id,
            b_id=b.id,
            a_start=p.source.start,
            a_end=p.source.end,
            b_start=p.derived.start,
            b_end=p.derived.end,
            type=p.reuse_type,
            similarity=round(float(p.similarity), 4),
            earlier=earlier,
        )
        for p in align(b.text, a.text, settings=settings)
    ]
