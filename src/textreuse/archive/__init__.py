"""The archive: source documents in one SQLite file, and finding a document's sources in it.

:mod:`~textreuse.archive.store` keeps documents and their fingerprints;
:mod:`~textreuse.archive.query` finds sources over the small
:class:`~textreuse.archive.postings.Postings` protocol that the store implements.
"""

from textreuse.archive.query import (
    DEFAULT_CANDIDATES,
    DEFAULT_TOP,
    QueryResult,
    SourceMatch,
    find_sources,
)
from textreuse.archive.store import (
    DEFAULT_BATCH_SIZE,
    AddSummary,
    Archive,
    ArchiveStats,
)
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
