"""Compare two documents: the one-call entry point behind ``textreuse compare``."""

from __future__ import annotations

from textreuse.aligner import AlignSettings, align
from textreuse.model import Document, Report


def compare(
    derived: str | Document,
    source: str | Document,
    *,
    settings: AlignSettings | None = None,
) -> Report:
    """Align the passages ``derived`` reused from ``source`` and report them.

    Args:
        derived: the document suspected of reuse, as text or a :class:`Document`.
        source: the document it may have reused.
        settings: aligner tuning; the defaults suit news and web text.

    Returns:
        A :class:`Report` with the passages and the share of each document reused.

    >>> report = compare("The bridge closes on Monday for six weeks of repairs. " * 4,
    ...                  "The bridge closes on Monday for six weeks of repairs. " * 4)
    >>> [p.reuse_type.value for p in report.passages], round(report.derived_coverage, 2)
    (['verbatim'], 1.0)
    """
    derived_doc = derived if isinstance(derived, Document) else Document(derived, "derived")
    source_doc = source if isinstance(source, Document) else Document(source, "source")
    passages = align(derived_doc.text, source_doc.text, settings=settings)
    return Report(derived=derived_doc, source=source_doc, passages=tuple(passages))
