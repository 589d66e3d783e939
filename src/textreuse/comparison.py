"""Compare a document with one source or several: the entry points behind
``textreuse compare``."""

from __future__ import annotations

from collections.abc import Iterable

from textreuse.aligner import AlignSettings, align
from textreuse.attribution import QueryResult, SourceMatch, rank_sources
from textreuse.dates import parse_date, which_came_first
from textreuse.model import Document, Record, Report


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


def compare_sources(
    derived: str | Document,
    sources: Iterable[str | Document | Record],
    *,
    settings: AlignSettings | None = None,
    date: str | None = None,
) -> QueryResult:
    """Align ``derived`` with each of ``sources`` and attribute what it reused.

    The sources are ranked as ``query`` ranks an archive's candidates, and every
    reused character of ``derived`` is given to the source whose passage explains it
    best (see :mod:`textreuse.attribution`); sources that gave nothing are left out of
    :attr:`QueryResult.sources` but counted in ``aligned``.

    Args:
        derived: the document suspected of reuse, as text or a :class:`Document`.
        sources: the documents it may have reused; a :class:`Record` brings its id,
            title, url and date into the result.
        settings: aligner tuning, as for :func:`compare`.
        date: when ``derived`` was published (ISO 8601), to say which came first.

    >>> story = "The bridge closes on Monday for six weeks of repairs. " * 4
    >>> result = compare_sources(story, [Record("a", "Unrelated words here."), story])
    >>> [match.record.id for match in result.sources], result.aligned
    (['source 2'], 2)
    """
    derived_doc = derived if isinstance(derived, Document) else Document(derived, "derived")
    date = parse_date(date, derived_doc.name)
    records = [_as_record(source, number) for number, source in enumerate(sources, 1)]
    reports = {
        index: compare(derived_doc, Document(record.text, record.id), settings=settings)
        for index, record in enumerate(records)
    }
    length = len(derived_doc.text)
    found = {index: report for index, report in reports.items() if report.passages}
    matches = tuple(
        SourceMatch(
            record=records[index],
            report=reports[index],
            shared_fingerprints=0,
            new_coverage=new_chars / length if length else 0.0,
            first=which_came_first(records[index].date, date),
        )
        for index, new_chars in rank_sources(found, length)
    )
    return QueryResult(
        document=derived_doc,
        date=date,
        sources=matches,
        candidates=len(records),
        aligned=len(records),
    )


def _as_record(source: str | Document | Record, number: int) -> Record:
    if isinstance(source, Record):
        return source
    if isinstance(source, Document):
        return Record(source.name, source.text)
    return Record(f"source {number}", source)
