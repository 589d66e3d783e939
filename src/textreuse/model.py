"""The values textreuse passes around: documents, spans, passages and reports.

Offsets are half-open code-point indices into the original text, so that
``document.text[span.start:span.end]`` is exactly the text a passage claims.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum


class ReuseType(StrEnum):
    """How a passage was reused, from the most literal to the freest."""

    VERBATIM = "verbatim"
    NEAR_VERBATIM = "near-verbatim"
    PARAPHRASE = "paraphrase"
    SUMMARY = "summary"


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range ``[start, end)`` of code points in a document."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            msg = f"a span needs 0 <= start <= end, got [{self.start}, {self.end})"
            raise ValueError(msg)

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Span) -> bool:
        """True when the two spans share at least one code point (an empty span shares none)."""
        return max(self.start, other.start) < min(self.end, other.end)


@dataclass(frozen=True, slots=True)
class Document:
    """A text and the name it is shown under (a path, a URL or ``<stdin>``)."""

    text: str
    name: str = "<text>"

    def slice(self, span: Span) -> str:
        """The exact text a span covers."""
        return self.text[span.start : span.end]


@dataclass(frozen=True, slots=True)
class SentenceMatch:
    """Evidence for a passage: a derived sentence, the source sentence it matched, and how
    similar they are (tf-isf cosine, or embedding cosine in semantic mode)."""

    derived: Span
    source: Span
    similarity: float


@dataclass(frozen=True, slots=True)
class Passage:
    """One aligned pair of spans: text of the derived document reused from the source."""

    derived: Span
    source: Span
    reuse_type: ReuseType
    similarity: float
    evidence: tuple[SentenceMatch, ...] = ()


def covered_chars(spans: Iterable[Span]) -> int:
    """Number of code points covered by the union of ``spans``."""
    total = 0
    reach = -1
    for span in sorted(spans, key=lambda s: s.start):
        start = max(span.start, reach)
        if span.end > start:
            total += span.end - start
            reach = span.end
    return total


@dataclass(frozen=True)
class Report:
    """Everything ``compare`` found between a derived document and a source."""

    derived: Document
    source: Document
    passages: tuple[Passage, ...] = field(default_factory=tuple)

    @property
    def derived_coverage(self) -> float:
        """Share of the derived document's code points that are reused (0..1)."""
        return _share(covered_chars(p.derived for p in self.passages), len(self.derived.text))

    @property
    def source_coverage(self) -> float:
        """Share of the source document's code points that were reused (0..1)."""
        return _share(covered_chars(p.source for p in self.passages), len(self.source.text))


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0
