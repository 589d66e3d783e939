"""textreuse: find reused text between documents, with exact character offsets.

>>> import textreuse
>>> report = textreuse.compare("derived text ...", "source text ...")
"""

from importlib.metadata import version as _distribution_version

from textreuse.alignment import AlignSettings, align
from textreuse.comparison import compare
from textreuse.documents import read_document
from textreuse.errors import CorpusError, InputError, TextReuseError
from textreuse.evaluation import Scores, evaluate
from textreuse.model import Document, Passage, Report, ReuseType, Span

__version__ = _distribution_version("textreuse")

__all__ = [
    "AlignSettings",
    "CorpusError",
    "Document",
    "InputError",
    "Passage",
    "Report",
    "ReuseType",
    "Scores",
    "Span",
    "TextReuseError",
    "__version__",
    "align",
    "compare",
    "evaluate",
    "read_document",
]
