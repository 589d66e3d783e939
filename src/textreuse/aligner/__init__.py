"""Align the passages a derived document reused from a source.

The method follows the best PAN text-alignment systems (Sanchez-Perez, Sidorov and
Gelbukh, PAN 2014 and 2015) and adds exact word n-gram seeds and token-level boundary
refinement so that copied text keeps exact edges. One module per stage, called in
this order by :func:`align`:

1. :mod:`~textreuse.aligner.prepare`: tokens, sentences and content words of each
   document (remembered for the next pair);
2. :mod:`~textreuse.aligner.vectors`: tf-isf sentence vectors over both documents;
3. :mod:`~textreuse.aligner.seeds`: sentence pairs similar enough (cosine and Dice),
   or sharing a content-word n-gram;
4. :mod:`~textreuse.aligner.extend`: seeds clustered into fragments within
   ``max_gap_sentences`` on both sides, re-clustered with a smaller gap where a
   fragment is not similar as a whole; a wide-gap variant is kept instead when it
   reveals a summary;
5. :mod:`~textreuse.aligner.grow`: reworded passages grown over their edges and the
   sentences a rewrite merged;
6. :mod:`~textreuse.aligner.passages`: edges refined to the words both sides share,
   passages typed (verbatim, near-verbatim, paraphrase), short ones dropped,
   overlaps resolved;
7. :mod:`~textreuse.aligner.meaning` (semantic mode): sentence embeddings where the
   words left a question open, adding summaries;
8. :mod:`~textreuse.aligner.cases`: passages in step on both sides numbered as one
   case of reuse.

Every step works on word tokens that remember their original offsets, so each
reported span slices the original input exactly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textreuse.aligner.settings import AlignSettings
from textreuse.lazy import lazy_names

if TYPE_CHECKING:
    from textreuse.aligner.encoder import SentenceEncoder
    from textreuse.aligner.pipeline import align

__all__ = ["AlignSettings", "SentenceEncoder", "align"]


# The stages load with align, on first use: reading AlignSettings' defaults loads none.
__getattr__, __dir__ = lazy_names(
    __name__,
    {"align": "textreuse.aligner.pipeline", "SentenceEncoder": "textreuse.aligner.encoder"},
    __all__,
)
