"""The values textreuse passes around: documents, records, spans, passages and reports.

Offsets are half-open code-point indices into the original text, so that
``document.text[span.start:span.end]`` is exactly the text a passage claims.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Literal, cast


class ReuseType(StrEnum):
    """How a passage was reused, from the most literal to the freest."""

    VERBATIM = "verbatim"
    NEAR_VERBATIM = "near-verbatim"
    PARAPHRASE = "paraphrase"
    SUMMARY = "summary"


class Verdict(StrEnum):
    """How much of a document was derived from its sources, as newsrooms label it."""

    WHOLLY = "wholly-derived"
    PARTIALLY = "partially-derived"
    NON = "non-derived"


# Shares of a document in passages at which it counts as partially, then wholly,
# derived. Chosen on METER (945 UK newspaper stories that journalists labelled
# against the Press Association copy they came from) as the pair with the best 3-class
# macro F1; in 10-fold cross-validation the second held at 0.76 in every fold and the
# first moved between 0.10 and 0.24 (bench/bench_meter.py prints the figures).
PARTIALLY_DERIVED_SHARE = 0.14
WHOLLY_DERIVED_SHARE = 0.76


def verdict_of(share: float) -> Verdict:
    """The verdict for a derived share (0..1).

    >>> verdict_of(0.9).value, verdict_of(0.3).value, verdict_of(0.05).value
    ('wholly-derived', 'partially-derived', 'non-derived')
    """
    if share >= WHOLLY_DERIVED_SHARE:
        return Verdict.WHOLLY
    if share >= PARTIALLY_DERIVED_SHARE:
        return Verdict.PARTIALLY
    return Verdict.NON


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
    """One aligned pair of spans: text of the derived document reused from the source.

    ``case`` numbers the run of reuse the passage belongs to: passages in step on both
    sides (a copied paragraph and the rewritten one after it) are one case, typed in
    parts; 0 where no one numbered it.
    """

    derived: Span
    source: Span
    reuse_type: ReuseType
    similarity: float
    evidence: tuple[SentenceMatch, ...] = ()
    case: int = 0


def reuse_cases(passages: Iterable[Passage]) -> list[tuple[Span, Span]]:
    """Each case's extent on both sides, the parts of a case joined (a passage with case
    0 stands alone), in order of their start in the derived document.

    >>> parts = [Passage(Span(0, 10), Span(5, 15), ReuseType.VERBATIM, 1.0, case=1),
    ...          Passage(Span(12, 30), Span(17, 40), ReuseType.PARAPHRASE, 0.4, case=1)]
    >>> reuse_cases(parts)
    [(Span(start=0, end=30), Span(start=5, end=40))]
    """
    groups: dict[int, list[Passage]] = {}
    alone: list[list[Passage]] = []
    for passage in passages:
        if passage.case:
            groups.setdefault(passage.case, []).append(passage)
        else:
            alone.append([passage])
    cases = [
        (
            Span(min(p.derived.start for p in parts), max(p.derived.end for p in parts)),
            Span(min(p.source.start for p in parts), max(p.source.end for p in parts)),
        )
        for parts in [*groups.values(), *alone]
    ]
    return sorted(cases, key=lambda case: (case[0].start, case[1].start))


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
    def verdict(self) -> Verdict:
        """Wholly, partially or non-derived, by :attr:`derived_coverage`."""
        return verdict_of(self.derived_coverage)

    @property
    def source_coverage(self) -> float:
        """Share of the source document's code points that were reused (0..1)."""
        return _share(covered_chars(p.source for p in self.passages), len(self.source.text))


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


@dataclass(frozen=True, slots=True)
class Record:
    """One document of a collection: its id, its text and what is known about it.

    ``date`` is an ISO 8601 date or date-time string (``2024-05-01``,
    ``2024-05-01T09:30:00+01:00``), kept as given once checked.
    """

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    date: str | None = None


Earlier = Literal["a", "b"]
"""Which document of a pair came first, by date."""

_EARLIER: dict[object, Earlier | None] = {"a": "a", "b": "b", None: None}


@dataclass(frozen=True, slots=True)
class PassagePair:
    """A passage shared by documents ``a`` and ``b`` (``a_id < b_id``), with offsets in each.

    ``earlier`` is ``"a"`` or ``"b"`` when their dates say which came first, else None.
    """

    a_id: str
    b_id: str
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    type: ReuseType
    similarity: float
    earlier: Earlier | None

    def to_dict(self) -> dict[str, object]:
        """The row as JSON-ready values (the type as its plain name)."""
        return {**asdict(self), "type": self.type.value}

    @classmethod
    def from_dict(cls, row: Mapping[str, object]) -> PassagePair:
        """The row back from :meth:`to_dict`."""
        earlier = row["earlier"]
        if earlier not in _EARLIER:
            msg = f"earlier must be 'a', 'b' or None, got {earlier!r}"
            raise ValueError(msg)
        return cls(
            a_id=str(row["a_id"]),
            b_id=str(row["b_id"]),
            a_start=int(cast(int, row["a_start"])),
            a_end=int(cast(int, row["a_end"])),
            b_start=int(cast(int, row["b_start"])),
            b_end=int(cast(int, row["b_end"])),
            type=ReuseType(str(row["type"])),
            similarity=float(cast(float, row["similarity"])),
            earlier=_EARLIER[earlier],
        )
