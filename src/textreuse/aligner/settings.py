"""The aligner's tuning: one frozen object, every field checked when it is made."""

from __future__ import annotations

from dataclasses import dataclass, fields

from textreuse.config import (
    require_count,
    require_flag,
    require_fraction,
    require_language,
    require_number,
)

# Fields that are not thresholds in [0, 1], with the least value each may take.
_COUNTS = {
    "max_gap_sentences": 0,
    "summary_max_gap_sentences": 0,
    "ngram_size": 1,
    "max_ngram_occurrences": 0,
    "max_seeds_per_sentence": 0,
    "min_passage_chars": 0,
    "min_shared_content_words": 1,
    "min_sentence_words": 1,
    "max_sentence_words": 1,
}
_RATIOS = ("summary_length_ratio", "summary_type_ratio", "semantic_summary_ratio")
_FLAGS = ("semantic",)


@dataclass(frozen=True, kw_only=True)
class AlignSettings:
    """Tuning of the aligner. Thresholds are floats in [0, 1]; limits carry their unit.

    ``language`` (an ISO 639-1 code) overrides the language identified in each text;
    ``min_passage_chars`` counts Latin-equivalent characters (see
    :func:`textreuse.text.scripts.latin_equivalent`).

    >>> AlignSettings(min_passage_chars=-1)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    textreuse.errors.ConfigError: AlignSettings.min_passage_chars must be ... >= 0, got -1
    """

    min_cosine: float = 0.28
    min_dice: float = 0.28
    min_fragment_cosine: float = 0.34
    max_gap_sentences: int = 4
    summary_max_gap_sentences: int = 24
    summary_length_ratio: float = 3.0
    summary_min_source_share: float = 0.5
    ngram_size: int = 3
    max_ngram_occurrences: int = 8
    max_seeds_per_sentence: int = 8
    seed_best_ratio: float = 0.85
    min_passage_chars: int = 150
    min_shared_content_words: int = 8
    brief_min_share: float = 0.5
    corroborated_passage_share: float = 0.5
    corroborated_min_cosine: float = 0.4
    edge_min_cosine: float = 0.1
    edge_min_word_similarity: float = 0.3
    near_verbatim_similarity: float = 0.8
    min_letter_similarity: float = 0.7
    min_sentence_words: int = 3
    max_sentence_words: int = 40
    semantic: bool = False
    semantic_min_similarity: float = 0.8
    semantic_min_dice: float = 0.1
    semantic_min_fragment_similarity: float = 0.75
    summary_type_ratio: float = 1.5
    semantic_summary_ratio: float = 2.5
    summary_min_sentence_similarity: float = 0.4
    language: str | None = None

    def __post_init__(self) -> None:
        for field in fields(self):
            value = getattr(self, field.name)
            if field.name == "language":
                if value is not None:
                    require_language("AlignSettings", field.name, value)
            elif field.name in _COUNTS:
                require_count("AlignSettings", field.name, value, minimum=_COUNTS[field.name])
            elif field.name in _RATIOS:
                require_number("AlignSettings", field.name, value, minimum=0.0)
            elif field.name in _FLAGS:
                require_flag("AlignSettings", field.name, value)
            else:
                require_fraction("AlignSettings", field.name, value)


DEFAULT_SETTINGS = AlignSettings()
