"""What changed inside a reused passage: the words added, dropped and replaced.

The two sides of a passage are cut into words by the same text model the aligner
reads (so Chinese is compared word by word, and case, width and letter variants do
not count as changes) and lined up by RapidFuzz's Levenshtein opcodes over the word
forms: the fewest word insertions, deletions and substitutions that turn the source
wording into the derived one. Neighbouring edits are one change ("operation
personnel" for "operators" is one replacement, not an addition and a replacement).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from rapidfuzz.distance import Levenshtein

from textreuse.model import Passage, Span
from textreuse.text import Tokens, tokenize


class Change(StrEnum):
    """What the derived document did to the source's wording at one place."""

    ADDED = "added"
    DROPPED = "dropped"
    REPLACED = "replaced"


@dataclass(frozen=True, slots=True)
class Edit:
    """One change, with where it is on each side; the side that has no words there
    (the source of an added word, the derived side of a dropped one) is an empty span
    where the words would go."""

    change: Change
    derived: Span
    source: Span


def word_edits(passage: Passage, derived_text: str, source_text: str) -> list[Edit]:
    """The word-level edits from the source side of ``passage`` to its derived side,
    in order; empty when the two sides have the same words."""
    derived = _words(derived_text, passage.derived)
    source = _words(source_text, passage.source)
    edits: list[Edit] = []
    runs: list[list[int]] = []  # [source start, source end, derived start, derived end]
    for op in Levenshtein.opcodes(source.norms, derived.norms):
        if op.tag == "equal":
            continue
        if runs and runs[-1][1] == op.src_start and runs[-1][3] == op.dest_start:
            runs[-1][1], runs[-1][3] = op.src_end, op.dest_end  # one change, not three
        else:
            runs.append([op.src_start, op.src_end, op.dest_start, op.dest_end])
    for src_start, src_end, dest_start, dest_end in runs:
        change = (
            Change.ADDED
            if src_start == src_end
            else Change.DROPPED
            if dest_start == dest_end
            else Change.REPLACED
        )
        edits.append(
            Edit(
                change,
                _cover(derived, dest_start, dest_end, passage.derived),
                _cover(source, src_start, src_end, passage.source),
            )
        )
    return edits


def _words(text: str, span: Span) -> Tokens:
    return tokenize(text[span.start : span.end])


def _cover(words: Tokens, first: int, stop: int, within: Span) -> Span:
    """The span of words ``first..stop-1`` in the whole text; for no words, the empty
    span where word ``first`` starts (or the passage's end after the last word)."""
    base = within.start
    if first < stop:
        return Span(base + int(words.starts[first]), base + int(words.ends[stop - 1]))
    at = base + int(words.starts[first]) if first < len(words.norms) else within.end
    return Span(at, at)
