"""textreuse: find reused text between documents, with exact character offsets.

>>> import textreuse
>>> report = textreuse.compare("derived text ...", "source text ...")
"""

from textreuse.aligner import AlignSettings, align
from textreuse.archive import Archive, QueryResult, find_sources
from textreuse.comparison import compare
from textreuse.errors import (
    ConfigError,
    CorpusError,
    InputError,
    SemanticUnavailable,
    TextReuseError,
)
from textreuse.evaluation import Scores, evaluate
from textreuse.io import read_document, read_records
from textreuse.model import Document, Passage, Record, Report, ReuseType, Span, Verdict
from textreuse.scan import ScanSettings, ScanSummary, scan_local, scan_spark
from textreuse.version import __version__

__all__ = [
    "AlignSettings",
    "Archive",
    "ConfigError",
    "CorpusError",
    "Document",
    "InputError",
    "Passage",
    "QueryResult",
    "Record",
    "Report",
    "ReuseType",
    "ScanSettings",
    "ScanSummary",
    "Scores",
    "SemanticUnavailable",
    "Span",
    "TextReuseError",
    "Verdict",
    "__version__",
    "align",
    "compare",
    "evaluate",
    "find_sources",
    "read_document",
    "read_records",
    "scan_local",
    "scan_spark",
]
