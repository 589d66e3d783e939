"""The archive: source documents in one SQLite file, and finding a document's sources in it.

:mod:`~textreuse.archive.store` keeps documents and their fingerprints;
:mod:`~textreuse.archive.query` finds sources over the small
:class:`~textreuse.archive.postings.Postings` protocol that the store implements;
:mod:`~textreuse.archive.defaults` holds the default sizes alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textreuse.lazy import lazy_names

if TYPE_CHECKING:
    from textreuse.archive.defaults import DEFAULT_BATCH_SIZE, DEFAULT_CANDIDATES, DEFAULT_TOP
    from textreuse.archive.query import find_sources
    from textreuse.archive.store import AddSummary, Archive, ArchiveStats
    from textreuse.attribution import QueryResult, SourceMatch
    from textreuse.fingerprint import FingerprintSettings

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "DEFAULT_CANDIDATES",
    "DEFAULT_TOP",
    "AddSummary",
    "Archive",
    "ArchiveStats",
    "FingerprintSettings",
    "QueryResult",
    "SourceMatch",
    "find_sources",
]

_QUERY, _STORE = "textreuse.archive.query", "textreuse.archive.store"
_DEFAULTS = "textreuse.archive.defaults"
__getattr__, __dir__ = lazy_names(
    __name__,
    {
        "DEFAULT_CANDIDATES": _DEFAULTS,
        "DEFAULT_TOP": _DEFAULTS,
        "QueryResult": "textreuse.attribution",
        "SourceMatch": "textreuse.attribution",
        "find_sources": _QUERY,
        "DEFAULT_BATCH_SIZE": _DEFAULTS,
        "AddSummary": _STORE,
        "Archive": _STORE,
        "ArchiveStats": _STORE,
        "FingerprintSettings": "textreuse.fingerprint.settings",
    },
    __all__,
)
