"""textreuse: find reused text between documents, with exact character offsets.

The public names are loaded when first used (PEP 562), so that ``textreuse
--version`` and a command that needs one part import nothing else.

>>> import textreuse
>>> report = textreuse.compare("derived text ...", "source text ...")
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textreuse.lazy import lazy_names
from textreuse.version import __version__

if TYPE_CHECKING:
    from textreuse.aligner import AlignSettings, align
    from textreuse.archive import Archive, find_sources
    from textreuse.attribution import QueryResult, SourceMatch
    from textreuse.comparison import compare, compare_sources
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

# Where each public name lives.
_HOMES = {
    "AlignSettings": "textreuse.aligner",
    "align": "textreuse.aligner",
    "Archive": "textreuse.archive",
    "QueryResult": "textreuse.attribution",
    "SourceMatch": "textreuse.attribution",
    "find_sources": "textreuse.archive",
    "compare": "textreuse.comparison",
    "compare_sources": "textreuse.comparison",
    "ConfigError": "textreuse.errors",
    "CorpusError": "textreuse.errors",
    "InputError": "textreuse.errors",
    "SemanticUnavailable": "textreuse.errors",
    "TextReuseError": "textreuse.errors",
    "Scores": "textreuse.evaluation",
    "evaluate": "textreuse.evaluation",
    "read_document": "textreuse.io",
    "read_records": "textreuse.io",
    "Document": "textreuse.model",
    "Passage": "textreuse.model",
    "Record": "textreuse.model",
    "Report": "textreuse.model",
    "ReuseType": "textreuse.model",
    "Span": "textreuse.model",
    "Verdict": "textreuse.model",
    "ScanSettings": "textreuse.scan",
    "ScanSummary": "textreuse.scan",
    "scan_local": "textreuse.scan",
    "scan_spark": "textreuse.scan",
}

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
    "SourceMatch",
    "Span",
    "TextReuseError",
    "Verdict",
    "__version__",
    "align",
    "compare",
    "compare_sources",
    "evaluate",
    "find_sources",
    "read_document",
    "read_records",
    "scan_local",
    "scan_spark",
]


__getattr__, __dir__ = lazy_names(__name__, _HOMES, __all__)
