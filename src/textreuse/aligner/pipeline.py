"""The aligner's stages called in order: :func:`align` (see the package docstring)."""

from __future__ import annotations

from textreuse.aligner.cases import number_cases
from textreuse.aligner.encoder import SentenceEncoder, default_encoder, require
from textreuse.aligner.extend import extend, summary_possible
from textreuse.aligner.meaning import embedded, meaning_may_add, merge
from textreuse.aligner.pair import NO_SEEDS, AlignedPair, Seeds
from textreuse.aligner.passages import find_passages, whole_document_passage
from textreuse.aligner.prepare import Side, prepare_pair
from textreuse.aligner.seeds import (
    find_seeds,
    keep_near_best,
    letter_gram_seeds,
    letter_neighbours,
)
from textreuse.aligner.settings import DEFAULT_SETTINGS, AlignSettings
from textreuse.model import Passage


def align(
    derived: str,
    source: str,
    *,
    settings: AlignSettings | None = None,
    encoder: SentenceEncoder | None = None,
) -> list[Passage]:
    """Find every passage of ``derived`` that was reused from ``source``.

    Args:
        derived: the text suspected of reuse.
        source: the text it may have reused.
        settings: tuning; the defaults were chosen on the PAN 2013 training corpus.
            ``settings.semantic`` adds sentence-embedding seeds for paraphrase and summary.
        encoder: the sentence encoder for semantic mode; defaults to all-MiniLM-L6-v2.

    Raises:
        SemanticUnavailable: semantic mode without the ``semantic`` extra installed.

    Returns:
        Passages sorted by their start in ``derived``; each span slices its text exactly.

    >>> text = "The council voted on Tuesday to close the old bridge for repairs. " * 3
    >>> [p.reuse_type.value for p in align(text, text)]
    ['verbatim']
    """
    settings = settings or DEFAULT_SETTINGS
    if settings.semantic and encoder is None:
        require()
    d_side, s_side = prepare_pair(derived, source, settings)
    lexical, seeds = _align_sides(d_side, s_side, settings)
    passages = lexical
    if settings.semantic and meaning_may_add(lexical, seeds, d_side, s_side, settings):
        if encoder is None:
            encoder = default_encoder()  # torch loads only here, when asked for
        embedded_d, embedded_s = embedded(d_side, encoder), embedded(s_side, encoder)
        by_meaning, _ = _align_sides(embedded_d, embedded_s, settings)
        passages = merge(lexical, by_meaning)
    return number_cases(passages, d_side, s_side, settings)


def _align_sides(
    derived: Side, source: Side, settings: AlignSettings
) -> tuple[list[Passage], Seeds]:
    """The passages between two prepared documents, and the seeds they grew from (with
    embeddings on both sides, sentence-meaning seeds and fragments join the lexical ones)."""
    if len(derived.tokens) == 0 or len(source.tokens) == 0:
        return [], NO_SEEDS
    if derived.tokens.norms == source.tokens.norms:
        return [whole_document_passage(derived, source)], NO_SEEDS
    pair = AlignedPair.of(derived, source, settings)
    seeds = letter_gram_seeds(pair, find_seeds(pair))
    if len(seeds.i) == 0:
        return [], seeds
    best = letter_neighbours(pair, keep_near_best(seeds, settings.seed_best_ratio))
    passages = find_passages(pair, extend(pair, best, settings.max_gap_sentences))
    if summary_possible(pair, best):
        wide = find_passages(pair, extend(pair, best, settings.summary_max_gap_sentences))
        if any(_reveals_summary(pair, p) for p in wide):
            passages = wide
    return sorted(passages, key=lambda p: (p.derived.start, p.source.start)), best


def _reveals_summary(pair: AlignedPair, passage: Passage) -> bool:
    """A passage condensing a long stretch of the source: the sign of a summary."""
    settings = pair.settings
    return len(passage.source) >= settings.summary_length_ratio * len(passage.derived) and len(
        passage.source
    ) >= settings.summary_min_source_share * len(pair.source.tokens.text)
