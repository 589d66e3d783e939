"""What every view of a report shares: passage order, percentages, excerpts, offsets."""

from __future__ import annotations

from textreuse.attribution import display_order
from textreuse.model import Passage, Report, Span

NO_PASSAGES = "No reused passages found."


def ordered_passages(report: Report) -> list[Passage]:
    """The report's passages in display order: by derived span, then source span.

    Raises:
        ValueError: a passage reaches past the end of its document.
    """
    for number, passage in enumerate(report.passages, 1):
        for side, span, document in (
            ("derived", passage.derived, report.derived),
            ("source", passage.source, report.source),
        ):
            if span.end > len(document.text):
                msg = (
                    f"passage {number} ends at {span.end} in the {side} document "
                    f"{document.name!r}, which has only {len(document.text)} characters"
                )
                raise ValueError(msg)
    return display_order(report.passages)


def format_percent(share: float) -> str:
    """A share as a percentage with one decimal that never rounds to 0% or 100% falsely."""
    if 0 < share < 0.0005:
        return "<0.1%"
    if 0.9995 <= share < 1:
        return ">99.9%"
    return f"{share * 100:.1f}%"


def excerpt(text: str, limit: int = 60) -> str:
    """``text`` on one line, cut in the middle with an ellipsis when longer than ``limit``."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    keep = limit - 3  # room for " … "
    head = flat[: (keep + 1) // 2]
    tail = flat[len(flat) - keep // 2 :]
    # Cut at word boundaries where a nearby space allows, so no word is shown half.
    if flat[len(head)] != " " and " " in head[len(head) // 2 :]:
        head = head[: head.rindex(" ")]
    if flat[len(flat) - len(tail) - 1] != " " and " " in tail[: len(tail) // 2]:
        tail = tail[tail.index(" ") + 1 :]
    return f"{head.rstrip()} … {tail.lstrip()}"


def offsets(span: Span) -> str:
    """A span as ``[start:end)``."""
    return f"[{span.start}:{span.end})"
