"""One document against several sources: ranking them and giving each reused
character to the source that explains it best.

Plagiarism checkers' match overviews work this way: where passages of two sources
cover the same text, the text is shown as coming from the one whose passage is the
most similar (a word-for-word copy beats a loose paraphrase of the same lines), and
on a tie from the better-ranked source. ``query`` (over an archive) and ``compare``
with several sources both report a :class:`SourceResult` built here.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise
from typing import TypeVar

import numpy as np
import numpy.typing as npt

from textreuse.dates import FirstOf
from textreuse.model import Document, Passage, Record, Report, Span, Verdict, verdict_of

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class SourceMatch:
    """One source the document reused, with the passages."""

    record: Record
    report: Report
    shared_fingerprints: int
    new_coverage: float
    first: FirstOf | None

    @property
    def coverage(self) -> float:
        """Share of the document this source's passages cover."""
        return self.report.derived_coverage


@dataclass(frozen=True, slots=True)
class Attribution:
    """A stretch of the document given to one passage of one source.

    ``rank`` is the source's place (1 = first) and ``number`` the passage's place
    among that source's passages in display order (1 = first).
    """

    span: Span
    rank: int
    number: int
    passage: Passage


@dataclass(frozen=True)
class QueryResult:
    """The ranked sources of a document, best first."""

    document: Document
    date: str | None
    sources: tuple[SourceMatch, ...]
    candidates: int
    aligned: int

    @property
    def coverage(self) -> float:
        """Share of the document covered by the passages of all its sources together."""
        length = len(self.document.text)
        covered = sum(len(a.span) for a in self.attributions)
        return covered / length if length else 0.0

    @property
    def verdict(self) -> Verdict:
        """Wholly, partially or non-derived, by :attr:`coverage` over all sources."""
        return verdict_of(self.coverage)

    @cached_property
    def attributions(self) -> tuple[Attribution, ...]:
        """Every reused stretch of the document with the passage that explains it best."""
        return tuple(attribute([match.report.passages for match in self.sources]))

    def attributed_share(self, rank: int) -> float:
        """Share of the document given to the source ranked ``rank`` (1 = first)."""
        length = len(self.document.text)
        given = sum(len(a.span) for a in self.attributions if a.rank == rank)
        return given / length if length else 0.0


def display_order(passages: Iterable[Passage]) -> list[Passage]:
    """Passages in the order every view numbers them: by derived span, then source span."""
    return sorted(
        passages, key=lambda p: (p.derived.start, p.derived.end, p.source.start, p.source.end)
    )


def best_first(passage: Passage, rank: int) -> tuple[float, int, int]:
    """Sort key putting the passage that best explains the text it covers first: the
    most similar, then the one of the better-ranked source, then the shortest."""
    return (-passage.similarity, rank, len(passage.derived))


def attribute(ranked: Sequence[Sequence[Passage]]) -> list[Attribution]:
    """The document's reused stretches, each given to its best covering passage.

    ``ranked`` holds each source's passages, best-ranked source first. The stretches
    do not overlap, are in document order, and together cover exactly what the
    passages cover; neighbouring stretches given to the same passage are one.
    """
    located = [
        (rank, number, passage)
        for rank, passages in enumerate(ranked, 1)
        for number, passage in enumerate(display_order(passages), 1)
        if passage.derived.start < passage.derived.end
    ]
    opening: dict[int, list[int]] = {}
    closing: dict[int, list[int]] = {}
    for index, (_, _, passage) in enumerate(located):
        opening.setdefault(passage.derived.start, []).append(index)
        closing.setdefault(passage.derived.end, []).append(index)
    active: set[int] = set()
    attributions: list[Attribution] = []
    for start, end in pairwise(sorted(opening.keys() | closing.keys())):
        active.difference_update(closing.get(start, ()))
        active.update(opening.get(start, ()))
        if not active:
            continue
        best = min(active, key=lambda i: (*best_first(located[i][2], located[i][0]), i))
        rank, number, passage = located[best]
        last = attributions[-1] if attributions else None
        if last and last.span.end == start and (last.rank, last.number) == (rank, number):
            attributions[-1] = Attribution(Span(last.span.start, end), rank, number, passage)
        else:
            attributions.append(Attribution(Span(start, end), rank, number, passage))
    return attributions


def rank_sources(reports: Mapping[K, Report], length: int) -> list[tuple[K, int]]:
    """Sources in order of what each explains beyond those before it: ``(key, new chars)``.

    Each character of the document is explained as well as the most similar passage
    of the sources ranked so far covers it (0 where none does). At each step the
    source that raises that the most, summed over the characters, goes next; ties go
    to the larger similarity-weighted total, then to the key given first. So the
    original outranks its near-copies, and a close source still ranks above one that
    covers the same text loosely.
    """
    remaining = dict(reports)
    order = {key: index for index, key in enumerate(reports)}
    level: npt.NDArray[np.float64] = np.zeros(length, dtype=np.float64)
    ranked: list[tuple[K, int]] = []

    def gain(key: K) -> tuple[float, float, int]:
        passages = remaining[key].passages
        raised = sum(
            float(np.maximum(p.similarity - level[p.derived.start : p.derived.end], 0).sum())
            for p in passages
        )
        return raised, sum(p.similarity * len(p.derived) for p in passages), -order[key]

    while remaining:
        best = max(remaining, key=gain)
        explained_before = int(np.count_nonzero(level))
        for p in remaining.pop(best).passages:
            window = level[p.derived.start : p.derived.end]
            np.maximum(window, max(p.similarity, 1e-9), out=window)
        ranked.append((best, int(np.count_nonzero(level)) - explained_before))
    return ranked
