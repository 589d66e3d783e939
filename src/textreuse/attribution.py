"""One document against several sources: ranking them and giving each reused
character to the source that explains it best.

Plagiarism checkers' match overviews work this way: where passages of two sources
cover the same text, the text is shown as coming from the one whose passage is the
most similar (a word-for-word copy beats a loose paraphrase of the same lines), and
on a tie from the better-ranked source. ``query`` (over an archive) and ``compare``
with several sources both report a :class:`QueryResult` built here, and every view
paints overlapping passages by the same rule.
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
        return tuple(
            attribute(self.document.text, [match.report.passages for match in self.sources])
        )

    def attributed_share(self, rank: int) -> float:
        """Share of the document given to the source ranked ``rank`` (1 = first)."""
        length = len(self.document.text)
        given = sum(len(a.span) for a in self.attributions if a.rank == rank)
        return given / length if length else 0.0


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch ``[start, end)`` of a text covered by the same passages all along.

    ``passages`` holds the indices (into the spans given to :func:`split_segments`)
    of every span that covers the segment, in ascending order; it is empty for
    text that no passage covers.
    """

    start: int
    end: int
    passages: tuple[int, ...]


def split_segments(text: str, spans: Sequence[Span]) -> list[Segment]:
    """Cut ``text`` at every span boundary, so overlapping spans can be drawn without loss.

    The segments are non-empty, contiguous and together cover ``text`` exactly once;
    each one lists every span that covers it. Empty spans cover nothing, but still cut
    the text, so that a segment starts where each of them sits.
    """
    opening: dict[int, list[int]] = {}
    closing: dict[int, list[int]] = {}
    cuts = {0, len(text)}
    for index, span in enumerate(spans):
        if span.end > len(text):
            msg = f"span [{span.start}:{span.end}) reaches past the text's {len(text)} characters"
            raise ValueError(msg)
        cuts.update((span.start, span.end))
        if span.start < span.end:
            opening.setdefault(span.start, []).append(index)
            closing.setdefault(span.end, []).append(index)
    active: set[int] = set()
    segments = []
    for start, end in pairwise(sorted(cuts)):
        active.difference_update(closing.get(start, ()))
        active.update(opening.get(start, ()))
        segments.append(Segment(start, end, tuple(sorted(active))))
    return segments


def display_order(passages: Iterable[Passage]) -> list[Passage]:
    """Passages in the order every view numbers them: by derived span, then source span."""
    return sorted(
        passages, key=lambda p: (p.derived.start, p.derived.end, p.source.start, p.source.end)
    )


def best_first(passage: Passage, rank: int) -> tuple[float, int, int]:
    """Sort key putting the passage that best explains the text it covers first: the
    most similar, then the one of the better-ranked source, then the shortest."""
    return (-passage.similarity, rank, len(passage.derived))


def attribute(text: str, ranked: Sequence[Sequence[Passage]]) -> list[Attribution]:
    """The reused stretches of the document ``text``, each given to its best covering
    passage.

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
    spans = [passage.derived for _, _, passage in located]
    attributions: list[Attribution] = []
    for segment in split_segments(text, spans):
        if not segment.passages:
            continue
        best = min(segment.passages, key=lambda i: (*best_first(located[i][2], located[i][0]), i))
        rank, number, passage = located[best]
        start, end = segment.start, segment.end
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
