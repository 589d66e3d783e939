"""Long documents cost about their length: the work per sentence is bounded, and the
word alignments of very long passages run on windows.

Each bound is checked by counting the work, not by timing it: the letters compared,
the seeds the neighbour rule adds, the length of the word lists aligned at once.
"""

from __future__ import annotations

import random

import pytest

import textreuse.aligner.passages as passages
import textreuse.aligner.seeds as seeds
from textreuse import AlignSettings, compare
from textreuse.aligner.pair import AlignedPair
from textreuse.aligner.prepare import prepare_pair
from textreuse.aligner.settings import DEFAULT_SETTINGS
from textreuse.aligner.vectors import similar_pairs
from textreuse.model import ReuseType

SENTENCE = "The council met again today to discuss the budget for the coming year. "


def replaced_every(text: str, step: int) -> str:
    words = text.split(" ")
    words[step // 2 :: step] = ["replaced"] * len(words[step // 2 :: step])
    return " ".join(words)


def story(number: int) -> str:
    return (
        f"Report {number} says the harbour board approved plan {number * 7} on day {number}. "
        f"Engineers expect work on pier {number} to take {number % 9 + 2} months. "
    )


def test_the_same_sentence_over_and_over_seeds_each_sentence_a_bounded_number_of_times(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = 0
    real = seeds._letters_alike

    def counted(*args: object, **kwargs: object) -> float:
        nonlocal calls
        calls += 1
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(seeds, "_letters_alike", counted)
    source = SENTENCE * 600
    compare(replaced_every(source, 9), source)
    # Before, the neighbour rule flooded the whole 600 x 600 grid of sentence pairs.
    per_sentence = AlignSettings().max_seeds_per_sentence + 6
    assert calls <= per_sentence * 2 * 600


def test_a_very_long_copy_is_found_whole_with_exact_edges(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    longest = 0
    real = passages.Indel.opcodes

    def measured(a: list[str], b: list[str]) -> object:
        nonlocal longest
        longest = max(longest, len(a), len(b))
        return real(a, b)

    monkeypatch.setattr(passages.Indel, "opcodes", measured)
    body = "".join(story(n) for n in range(1, 700))  # about 20,000 words
    source = "Unrelated opening words about the weather and a fair. " + body
    derived = "A different start on cricket scores. " + replaced_every(body, 40)
    [passage] = compare(derived, source).passages
    assert derived[passage.derived.start :].startswith("Report 1 says")
    assert source[passage.source.start :].startswith("Report 1 says")
    assert passage.derived.end == len(derived.rstrip())
    assert passage.reuse_type is ReuseType.NEAR_VERBATIM
    assert longest <= passages._EDGE_WORDS * 2 < len(body.split())


def words_of(seed: int, count: int) -> list[str]:
    """Made-up words: no sentence shares more than chance with another."""
    rng = random.Random(seed)
    return [
        f"{rng.choice('bcdfgklmnprst')}{rng.choice('aeiou')}{rng.randrange(900)}n"
        for _ in range(count)
    ]


def test_a_sentence_the_source_repeats_far_away_does_not_stretch_a_paragraph(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A copied document whose source says one sentence twice, far apart: the seed to
    the far copy stretched its paragraph's piece over all the source between them, so a
    verbatim paragraph was typed paraphrase, and aligning the stretched pieces cost the
    square of the length (found by bench/bench_length.py)."""
    paragraphs = []
    for number in range(40):
        sentences = [" ".join(words_of(number * 10 + k, 14)).capitalize() + "." for k in range(4)]
        paragraphs.append(" ".join(sentences))
    repeated = paragraphs[3].split(". ")[1]
    paragraphs[36] = paragraphs[36] + " " + repeated + "."
    source = "\n\n".join(paragraphs)
    longest_source = 0
    real = passages._word_similarity

    def measured(d_words: list[str], s_words: list[str]) -> float:
        nonlocal longest_source
        if len(d_words) < 200:
            longest_source = max(longest_source, len(s_words))
        return real(d_words, s_words)

    monkeypatch.setattr(passages, "_word_similarity", measured)
    report = compare(replaced_every(source, 50), source)
    assert {p.reuse_type for p in report.passages} <= {ReuseType.VERBATIM, ReuseType.NEAR_VERBATIM}
    assert longest_source < 400  # a paragraph's piece is aligned with about its own length


def _made_up_words(count: int, rng: random.Random) -> list[str]:
    """Distinct lowercase made-up words, none of them a stop word."""
    words: set[str] = set()
    while len(words) < count:
        words.add("zq" + "".join(rng.choice("bcdfghjklmnprstvw") for _ in range(6)))
    return sorted(words)


def test_a_word_everywhere_on_one_side_pairs_no_sentences_on_its_own() -> None:
    """A term whose sentences in one document times those in the other pass the budget
    (here 300 x 20) makes no candidates alone, even where one side has it rarely; it
    still counts in the pairs that something rarer made."""
    rng = random.Random(3)
    words = iter(_made_up_words(2 * 1200 * 6, rng))

    def document(with_harbour: int) -> str:
        sentences = []
        for k in range(1200):
            own = [next(words) for _ in range(6)]
            if k < with_harbour:
                own.append("harbour")
            if k == 0:
                own.append("lighthouse")
            sentences.append(" ".join(own).capitalize() + ".")
        return "\n".join(" ".join(sentences[k : k + 4]) for k in range(0, 1200, 4))

    derived, source = prepare_pair(document(300), document(20), DEFAULT_SETTINGS)
    pair = AlignedPair.of(derived, source, DEFAULT_SETTINGS)
    found = [
        (int(i), int(j), float(shared))
        for rows, cols, _, counts in similar_pairs(pair.derived_vectors, pair.source_vectors)
        for i, j, shared in zip(rows, cols, counts, strict=True)
    ]
    assert found == [(0, 0, 2.0)]  # lighthouse made it; harbour counted in it
