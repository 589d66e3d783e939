"""One document against several sources: attribution to the best source, the word
edits inside a passage, and the views that show them."""

from __future__ import annotations

from pathlib import Path

from textreuse import compare, compare_sources
from textreuse.attribution import attribute
from textreuse.edits import Change, word_edits
from textreuse.model import Passage, Record, ReuseType, Span
from textreuse.render import render_query_html, rows_to_csv, rows_to_jsonl


def _passage(start: int, end: int, similarity: float) -> Passage:
    return Passage(Span(start, end), Span(0, end - start), ReuseType.PARAPHRASE, similarity)


def test_overlapping_text_goes_to_the_most_similar_passage_whatever_its_rank() -> None:
    loose = [_passage(0, 100, 0.6)]
    exact = [_passage(40, 70, 1.0)]
    given = attribute("x" * 100, [loose, exact])
    assert [(a.span.start, a.span.end, a.rank) for a in given] == [
        (0, 40, 1),
        (40, 70, 2),
        (70, 100, 1),
    ]


def test_a_tie_goes_to_the_better_ranked_source() -> None:
    given = attribute("x" * 50, [[_passage(0, 50, 0.8)], [_passage(0, 50, 0.8)]])
    assert [(a.span.start, a.span.end, a.rank) for a in given] == [(0, 50, 1)]


def test_compare_sources_attributes_the_seed_to_its_source_and_nothing_to_others(
    seeds_dir: Path,
) -> None:
    derived = (seeds_dir / "derived-blog.txt").read_text(encoding="utf-8")
    source = (seeds_dir / "source-bbc.txt").read_text(encoding="utf-8")
    unrelated = Record("weather", "Rain is expected across the north tomorrow. " * 8)
    result = compare_sources(derived, [unrelated, Record("bbc", source)])
    assert [match.record.id for match in result.sources] == ["bbc"]
    assert result.aligned == 2
    assert {a.rank for a in result.attributions} == {1}
    assert abs(result.coverage - compare(derived, source).derived_coverage) < 1e-9
    assert rows_to_jsonl(result).count("\n") == len(result.sources[0].report.passages)
    assert rows_to_csv(result).splitlines()[0].startswith("document,rank,source,passage")


def test_a_planted_copy_of_a_lower_ranked_source_is_shown_verbatim_from_it() -> None:
    story = (
        "The council approved a new budget for road repairs on Tuesday evening. "
        "Work on the northern bypass will begin in the spring and last two years. "
        "Residents asked for more cycle lanes and better lighting near schools. "
    )
    quote = (
        "The mayor said the plan would cut journey times across the city by a fifth, "
        "and that the first contracts would be signed before the summer holidays begin."
    )
    reworded = (
        "The mayor told reporters the plan would reduce journey times in the city by a fifth, "
        "and that first contracts should be signed before the holidays."
    )
    main_source = story * 3 + reworded  # its passage runs over the quote too
    derived = story * 3 + quote
    result = compare_sources(derived, [Record("main", main_source), Record("quote", quote)])
    ranks = {match.record.id: rank for rank, match in enumerate(result.sources, 1)}
    start = derived.index(quote)
    (overlapping,) = result.sources[0].report.passages
    assert ranks["main"] == 1 and overlapping.derived.end > start + 20  # a real overlap
    given = [a for a in result.attributions if a.span.start < start + len(quote) <= a.span.end]
    assert given and given[0].rank == ranks["quote"]
    assert given[0].passage.reuse_type is ReuseType.VERBATIM
    page = render_query_html(result)
    assert 'class="t-verbatim' in page


def test_word_edits_name_the_changed_words_of_the_near_verbatim_seed(seeds_dir: Path) -> None:
    derived = (seeds_dir / "derived-blog.txt").read_text(encoding="utf-8")
    source = (seeds_dir / "source-bbc.txt").read_text(encoding="utf-8")
    near = next(
        p for p in compare(derived, source).passages if p.reuse_type is ReuseType.NEAR_VERBATIM
    )
    edits = word_edits(near, derived, source)
    assert [
        (e.change, derived[e.derived.start : e.derived.end], source[e.source.start : e.source.end])
        for e in edits
    ] == [(Change.REPLACED, "operation personnel", "operators")]
