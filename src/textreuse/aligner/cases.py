"""Stage 8: passages numbered by the run of reuse they belong to.

A writer who copies one paragraph, rewrites the next and condenses the one after
made one reuse of a stretch of the source, typed in parts. Passages in step on both
sides (each next one later in the source too), with no more than
``max_gap_sentences`` sentences between them in the derived text and no more than
``summary_max_gap_sentences`` in the source (a rewrite may condense what it skips, as
a summary does), are one case: reports keep the parts, and evaluation counts the case
once (PAN's granularity is about cases, not parts).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from textreuse.aligner.prepare import Side
from textreuse.aligner.settings import AlignSettings
from textreuse.model import Passage


def number_cases(
    passages: list[Passage], derived: Side, source: Side, settings: AlignSettings
) -> list[Passage]:
    """The passages (sorted by derived start) with their case numbers, from 1."""
    numbered: list[Passage] = []
    case = 0
    for passage in passages:
        previous = numbered[-1] if numbered else None
        if previous is None or not _in_step(previous, passage, derived, source, settings):
            case += 1
        numbered.append(replace(passage, case=case))
    return numbered


def _in_step(
    before: Passage, after: Passage, derived: Side, source: Side, settings: AlignSettings
) -> bool:
    """Whether ``after`` continues the reuse of ``before`` on both sides."""
    if after.source.start < before.source.start:
        return False
    gap_derived = _sentence_of(derived, after.derived.start) - _sentence_of(
        derived, before.derived.end - 1
    )
    gap_source = _sentence_of(source, after.source.start) - _sentence_of(
        source, before.source.end - 1
    )
    return (
        gap_derived - 1 <= settings.max_gap_sentences
        and gap_source - 1 <= settings.summary_max_gap_sentences
    )


def _sentence_of(side: Side, offset: int) -> int:
    """The sentence a character offset falls in (the one before it, between sentences)."""
    starts = side.tokens.starts[side.sentences.first]
    return int(np.searchsorted(starts, offset, side="right")) - 1
