"""Find the sources of a document in an archive: retrieve candidates, align, rank.

1. **Candidates.** Every content-word n-gram of the document is looked up among the
   archive's winnowed fingerprints. Fingerprints held by more than
   ``max_document_frequency`` documents (boilerplate, stock phrases) are ignored.
2. **Selection.** Candidates are picked greedily by how many of the document's
   fingerprints they share that no earlier pick shares, so a second source is not
   crowded out by forty reprints of the first; leftover places go to the candidates
   sharing the most. Only these are aligned.
3. **Alignment** with the same aligner as ``compare``.
4. **Ranking** by how much of the document each source explains beyond the sources
   ranked above it (:func:`~textreuse.attribution.rank_sources`): the original ranks
   above its near-copies, and every distinct source gets a place near the top.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from textreuse.aligner import AlignSettings
from textreuse.archive.defaults import DEFAULT_CANDIDATES, DEFAULT_TOP
from textreuse.archive.postings import Postings
from textreuse.attribution import QueryResult, SourceMatch, rank_sources
from textreuse.dates import parse_date, which_came_first
from textreuse.fingerprint import content_ngram_hashes
from textreuse.model import Document

MIN_SHARED_FINGERPRINTS = 2


def find_sources(
    archive: Postings,
    document: str | Document,
    *,
    top: int = DEFAULT_TOP,
    candidates: int = DEFAULT_CANDIDATES,
    max_document_frequency: int | None = None,
    date: str | None = None,
    settings: AlignSettings | None = None,
) -> QueryResult:
    """The archived documents that ``document`` reused passages from, ranked.

    Args:
        archive: where to look.
        document: the text to check, or a :class:`Document`.
        top: how many sources to return at most.
        candidates: how many retrieved documents to align.
        max_document_frequency: ignore fingerprints held by more documents than
            this; by default 50, or 0.2% of the archive if that is more.
        date: when ``document`` was published (ISO 8601), to say which came first.
        settings: aligner settings, as for ``compare``.
    """
    doc = document if isinstance(document, Document) else Document(document, "document")
    date = parse_date(date, doc.name)
    limit = max_document_frequency or max(50, len(archive) // 500)
    language = settings.language if settings is not None else None
    shared = _shared_fingerprints(archive, doc.text, limit, language)
    chosen = _select(shared, candidates)
    records = archive.records(chosen)
    from textreuse.comparison import compare  # the aligner loads when first aligning

    reports = {
        key: compare(doc, Document(records[key].text, records[key].id), settings=settings)
        for key in chosen
        if key in records
    }
    length = len(doc.text)
    found = {key: reports[key] for key in sorted(reports) if reports[key].passages}
    ranked = rank_sources(found, length)
    sources = tuple(
        SourceMatch(
            record=records[key],
            report=reports[key],
            shared_fingerprints=len(shared[key]),
            new_coverage=new_chars / length if length else 0.0,
            first=which_came_first(records[key].date, date),
        )
        for key, new_chars in ranked[:top]
    )
    return QueryResult(
        document=doc, date=date, sources=sources, candidates=len(shared), aligned=len(reports)
    )


def _shared_fingerprints(
    archive: Postings, text: str, limit: int, language: str | None
) -> dict[int, set[int]]:
    """For each archived document, the indices of the query's n-grams it holds.

    Every n-gram of the query is looked up (not only its winnowed ones): an archived
    fingerprint anywhere in the query is found, whatever window the query would pick.
    """
    hashes = np.unique(content_ngram_hashes(text, archive.fingerprint_settings.ngram, language))
    shared: dict[int, set[int]] = defaultdict(set)
    for index, fingerprint in enumerate(hashes.view(np.int64).tolist()):
        holders = archive.postings(fingerprint, limit + 1)
        if len(holders) > limit:
            continue  # too common to say where the text came from
        for key in holders:
            shared[key].add(index)
    return {key: found for key, found in shared.items() if len(found) >= MIN_SHARED_FINGERPRINTS}


def _select(shared: dict[int, set[int]], count: int) -> list[int]:
    """Up to ``count`` candidates: a greedy cover of the query's fingerprints, then the largest."""
    by_size = sorted(shared, key=lambda key: (-len(shared[key]), key))
    pool = by_size[: max(count * 20, 200)]
    chosen: list[int] = []
    covered: set[int] = set()
    while len(chosen) < count:
        best = max(pool, key=lambda key: len(shared[key] - covered), default=None)
        if best is None or len(shared[best] - covered) < MIN_SHARED_FINGERPRINTS:
            break
        chosen.append(best)
        covered |= shared[best]
        pool.remove(best)
    chosen += [key for key in by_size if key not in chosen][: count - len(chosen)]
    return chosen
