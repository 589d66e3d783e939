"""textreuse: find reused text between documents, with exact character offsets.

>>> import textreuse
>>> report = textreuse.compare("derived text ...", "source text ...")
"""

from importlib.metadata import version as _distribution_version

from textreuse.alignment import AlignSettings, align
from textreuse.archive import Archive
from textreuse.comparison import compare
from textreuse.documents import read_document
from textreuse.errors import CorpusError, InputError, TextReuseError
from textreuse.evaluation import Scores, evaluate
from textreuse.model import Document, Passage, Report, ReuseType, Span
from textreuse.query import QueryResult, find_sources
from textreuse.records import Record, read_records
from textreuse.scan import ScanSettings, ScanSummary

__version__ = _distribution_version("textreuse")

__all__ = [
    "AlignSettings",
    "Archive",
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
    "Span",
    "TextReuseError",
    "__version__",
    "align",
    "compare",
    "evaluate",
    "find_sources",
    "read_document",
    "read_records",
]
