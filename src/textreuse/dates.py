"""Publication dates: checking them, and telling which of two documents came first.

>>> which_came_first("2024-05-01", "2024-05-02T09:30:00")
'source'
>>> which_came_first("2024-05-01", None) is None
True
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from textreuse.errors import CorpusError

FirstOf = Literal["source", "document", "same"]


def parse_date(value: object, where: str) -> str | None:
    """An ISO 8601 date or date-time, checked; None where there is none.

    Raises:
        CorpusError: the value is not an ISO 8601 date (``where`` names the record).
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime | date):
        return value.isoformat()
    text = str(value).strip()
    try:
        datetime.fromisoformat(text)
    except ValueError:
        msg = f"{where}: date {text!r} is not an ISO 8601 date such as 2024-05-01"
        raise CorpusError(msg) from None
    return text


def which_came_first(source_date: str | None, document_date: str | None) -> FirstOf | None:
    """``"source"``, ``"document"`` or ``"same"``; None unless both dates are known.

    Dates compare at the precision both have: a day against a time compares days.
    """
    if not source_date or not document_date:
        return None
    source, document = datetime.fromisoformat(source_date), datetime.fromisoformat(document_date)
    if (
        "T" not in source_date
        or "T" not in document_date
        or ((source.tzinfo is None) != (document.tzinfo is None))
    ):
        return _first(source.date(), document.date())
    return _first(source, document)


def _first(source: date, document: date) -> FirstOf:
    """Which of two moments of the same kind (two days, or two comparable times) is earlier."""
    if source < document:
        return "source"
    if document < source:
        return "document"
    return "same"
