"""The aligner: passages found, passages rightly not found, and offsets that slice exactly."""

from __future__ import annotations

import random
import string

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from textreuse.aligner import AlignSettings, align
from textreuse.model import ReuseType, Span
from textreuse.text import tokenize

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _words(text: str) -> list[str]:
    return tokenize(text).norms


def _vocabulary(seed: int, size: int = 400) -> list[str]:
    rng = random.Random(seed)
    words = set()
    while len(words) < size:
        words.add("".join(rng.choices(string.ascii_lowercase, k=rng.randint(4, 9))))
    return sorted(words)


def _paragraph(rng: random.Random, vocabulary: list[str], sentences: int) -> str:
    out = []
    for _ in range(sentences):
        words = rng.choices(vocabulary, k=rng.randint(9, 16))
        out.append(" ".join(words).capitalize() + ".")
    return " ".join(out)


ARTICLE = (
    "The river authority said on Monday that the northern flood barrier would be rebuilt "
    "before the winter storms. Engineers found cracks in three of the concrete gates "
    "during an inspection in August. The work will cost about 40 million pounds and "
    "close the towpath for five months.\n\n"
    "Local traders fear that the closure will keep visitors away from the harbour "
    "market during the busiest weeks of the year. The authority promised a free shuttle "
    "boat between the two bridges while the barrier is rebuilt."
)
UNRELATED = (
    "A chess club in the old library celebrated its centenary with a simultaneous "
    "exhibition against forty players. The youngest challenger, aged nine, held the "
    "visiting grandmaster to a draw after four hours of play. Members plan a summer "
    "tournament open to schools across the county."
)


def test_finds_a_copied_paragraph_with_exact_offsets() -> None:
    copied = ARTICLE.split("\n\n")[0]
    derived = UNRELATED + "\n\n" + copied + "\n\nThat is all the news for today, thank you."
    [passage] = align(derived, ARTICLE)
    assert derived[passage.derived.start : passage.derived.end] == copied
    assert ARTICLE[passage.source.start : passage.source.end] == copied
    assert passage.reuse_type is ReuseType.VERBATIM
    assert passage.similarity == 1.0


def test_copy_with_changed_whitespace_and_quotes_is_still_verbatim() -> None:
    copied = ARTICLE.split("\n\n")[0]
    reflowed = copied.replace(" ", "\n", 5).replace("  ", " ").replace("'", "’")
    [passage] = align(UNRELATED + "\n\n" + reflowed, ARTICLE)
    assert passage.reuse_type is ReuseType.VERBATIM
    assert (UNRELATED + "\n\n" + reflowed)[passage.derived.start : passage.derived.end] == reflowed


def test_light_edit_is_near_verbatim() -> None:
    copied = ARTICLE.split("\n\n")[0]
    edited = copied.replace("on Monday", "this week").replace("about 40", "roughly 40")
    [passage] = align(UNRELATED + "\n\n" + edited, ARTICLE)
    assert passage.reuse_type is ReuseType.NEAR_VERBATIM
    assert 0.8 <= passage.similarity < 1.0


def test_unrelated_documents_share_nothing() -> None:
    assert align(UNRELATED, ARTICLE) == []


def test_passage_shorter_than_minimum_is_not_reported() -> None:
    sentence = "Engineers found cracks in three of the concrete gates during an inspection."
    assert len(sentence) < AlignSettings().min_passage_chars
    assert align(UNRELATED + " " + sentence, ARTICLE) == []
    short = AlignSettings(min_passage_chars=40)
    assert len(align(UNRELATED + " " + sentence, ARTICLE, settings=short)) == 1


REWORDED_PAIR = (
    "Engineers discovered cracks in three concrete gates in August. "
    "The work costs about 40 million pounds and shuts the towpath for five months."
)


def test_two_short_reworded_sentences_corroborate_each_other() -> None:
    assert len(REWORDED_PAIR) < AlignSettings().min_passage_chars
    derived = UNRELATED + "\n\n" + REWORDED_PAIR
    [passage] = align(derived, ARTICLE)
    assert derived[passage.derived.start : passage.derived.end] == REWORDED_PAIR
    assert ARTICLE[passage.source.start : passage.source.end].startswith("Engineers found")
    assert ARTICLE[passage.source.start : passage.source.end].endswith("for five months.")
    alone = AlignSettings(corroborated_passage_share=1.0, min_shared_content_words=100)
    assert align(derived, ARTICLE, settings=alone) == []


def test_short_fragments_beside_a_full_passage_are_not_reported() -> None:
    copied = ARTICLE.split("\n\n")[1]
    derived = copied + "\n\n" + UNRELATED + "\n\n" + REWORDED_PAIR
    [passage] = align(derived, ARTICLE)
    assert derived[passage.derived.start : passage.derived.end] == copied


def test_a_reworded_edge_sentence_joins_the_paraphrase_it_borders() -> None:
    reworded = (
        "A spokesman told reporters on Friday that the old flood wall is to be repaired ahead of "
        "the winter. Engineers discovered cracks in three concrete gates in an August check. "
        "The repairs cost roughly 40 million pounds and will shut the towpath for five months."
    )
    derived = UNRELATED + "\n\n" + reworded
    [passage] = align(derived, ARTICLE)
    assert passage.reuse_type is ReuseType.PARAPHRASE
    assert derived[passage.derived.start : passage.derived.end] == reworded
    assert ARTICLE[passage.source.start :].startswith("The river authority said")
    without_edges = AlignSettings(edge_min_word_similarity=1.0)
    [core] = align(derived, ARTICLE, settings=without_edges)
    assert derived[core.derived.start :].startswith("Engineers discovered")


def test_two_source_sentences_merged_into_one_are_both_in_the_passage() -> None:
    copied, rewritten = ARTICLE.split("\n\n")
    merged = (
        "Stallholders at the harbour market worry that shutting the path will drive visitors "
        "away in the peak season; the authority has promised a free boat between the two "
        "bridges while the barrier is rebuilt."
    )
    derived = UNRELATED + "\n\n" + copied + "\n\n" + merged
    passage = align(derived, ARTICLE)[-1]
    assert derived[passage.derived.start : passage.derived.end] == merged
    assert ARTICLE[passage.source.start : passage.source.end] == rewritten
    [*_, unmerged] = align(derived, ARTICLE, settings=AlignSettings(edge_min_cosine=1.0))
    assert ARTICLE[unmerged.source.start :].startswith("The authority promised")


class CountingEncoder:
    """Stands in for the sentence model: counts the sentences it is asked to embed."""

    def __init__(self) -> None:
        self.sentences = 0

    def encode(self, sentences: list[str]) -> np.ndarray:
        self.sentences += len(sentences)
        vectors = np.ones((len(sentences), 8))
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


SEMANTIC = AlignSettings(semantic=True)


def test_semantic_mode_embeds_nothing_where_words_settle_the_question() -> None:
    encoder = CountingEncoder()
    assert align(UNRELATED, ARTICLE, settings=SEMANTIC, encoder=encoder) == []
    copied = ARTICLE.split("\n\n")[0]
    derived = UNRELATED + "\n\n" + copied
    assert align(derived, ARTICLE, settings=SEMANTIC, encoder=encoder) == align(derived, ARTICLE)
    assert encoder.sentences == 0


def test_semantic_mode_embeds_where_shared_words_made_no_passage() -> None:
    encoder = CountingEncoder()
    second = ARTICLE.split("\n\n")[1]
    stray = "Engineers say the concrete gates have cracks."
    derived = stray + "\n\n" + UNRELATED + "\n\n" + second
    align(derived, ARTICLE, settings=SEMANTIC, encoder=encoder)
    assert encoder.sentences > 0


def test_passages_in_a_different_order_are_all_found() -> None:
    first, second = ARTICLE.split("\n\n")
    derived = second + "\n\n" + UNRELATED + "\n\n" + first
    passages = align(derived, ARTICLE)
    found = {derived[p.derived.start : p.derived.end] for p in passages}
    assert found == {first, second}


def test_empty_and_wordless_texts_give_no_passages() -> None:
    assert align("", ARTICLE) == []
    assert align(ARTICLE, "... !!! ---") == []


def test_one_word_repeated_a_million_times_is_handled() -> None:
    repeated = "forces " * 1_000_000
    [whole] = align(repeated, repeated)
    assert (whole.derived.start, whole.derived.end) == (0, len(repeated) - 1)
    assert align(repeated, ARTICLE) == []
    copied = ARTICLE.split("\n\n")[0]
    mixed = repeated[:70_000] + "\n\n" + copied + "\n\n" + repeated[:70_000]
    [passage] = align(mixed, ARTICLE)
    assert mixed[passage.derived.start : passage.derived.end] == copied


def test_settings_are_validated() -> None:
    with pytest.raises(ValueError, match="min_cosine"):
        AlignSettings(min_cosine=1.5)
    with pytest.raises(ValueError, match="min_passage_chars"):
        AlignSettings(min_passage_chars=-1)


@st.composite
def planted_documents(draw: st.DrawFn) -> tuple[str, str, list[str]]:
    """A source, and a derived text made of unrelated paragraphs and copied ones."""
    seed = draw(st.integers(0, 10_000))
    rng = random.Random(seed)
    source_vocabulary, other_vocabulary = _vocabulary(seed)[:200], _vocabulary(seed)[200:]
    source_paragraphs = [_paragraph(rng, source_vocabulary, rng.randint(3, 4)) for _ in range(4)]
    copied = draw(st.lists(st.sampled_from(source_paragraphs), min_size=1, max_size=3, unique=True))
    unrelated = [_paragraph(rng, other_vocabulary, rng.randint(2, 4)) for _ in range(3)]
    parts = copied + unrelated
    rng.shuffle(parts)
    separator = draw(st.sampled_from(["\n\n", "\r\n\r\n", "\n \n"]))
    return separator.join(parts), "\n\n".join(source_paragraphs), copied


@FAST
@given(planted_documents())
def test_every_span_slices_text_with_the_same_words(docs: tuple[str, str, list[str]]) -> None:
    derived, source, copied = docs
    passages = align(derived, source)
    assert passages, "a planted paragraph must be found"
    for p in passages:
        assert 0 <= p.derived.start < p.derived.end <= len(derived)
        assert 0 <= p.source.start < p.source.end <= len(source)
        derived_text = derived[p.derived.start : p.derived.end]
        source_text = source[p.source.start : p.source.end]
        assert derived_text == derived_text.strip() and source_text == source_text.strip()
        if p.reuse_type is ReuseType.VERBATIM:
            assert _words(derived_text) == _words(source_text)
    for paragraph in copied:
        start = derived.index(paragraph)
        covered = sum(
            min(p.derived.end, start + len(paragraph)) - max(p.derived.start, start)
            for p in passages
            if p.derived.overlaps(Span(start, start + len(paragraph)))
        )
        assert covered == len(paragraph)


@FAST
@given(
    st.lists(
        st.text(alphabet=string.ascii_letters + " .,;'\n\"-é’", min_size=1, max_size=60),
        min_size=1,
        max_size=8,
    ).map(" ".join)
)
def test_a_document_compared_with_itself_is_one_verbatim_passage(text: str) -> None:
    passages = align(text, text)
    if not tokenize(text).norms:
        assert passages == []
        return
    tokens = tokenize(text)
    [passage] = passages
    assert passage.reuse_type is ReuseType.VERBATIM
    assert passage.derived == passage.source
    assert passage.derived.start <= tokens.starts[0]
    assert passage.derived.end >= tokens.ends[-1]


@FAST
@given(planted_documents(), st.randoms(use_true_random=False))
def test_order_of_unrelated_paragraphs_does_not_change_what_is_found(
    docs: tuple[str, str, list[str]], rng: random.Random
) -> None:
    derived, source, copied = docs
    paragraphs = derived.replace("\r\n\r\n", "\n\n").replace("\n \n", "\n\n").split("\n\n")
    slots = [k for k, paragraph in enumerate(paragraphs) if paragraph not in copied]
    moved = [paragraphs[k] for k in slots]
    rng.shuffle(moved)
    reordered = paragraphs[:]
    for slot, paragraph in zip(slots, moved, strict=True):
        reordered[slot] = paragraph

    def found(text: str) -> set[tuple[str, int, int, ReuseType]]:
        return {
            (text[p.derived.start : p.derived.end], p.source.start, p.source.end, p.reuse_type)
            for p in align(text, source)
        }

    assert found("\n\n".join(paragraphs)) == found("\n\n".join(reordered))


COURT_REPORT = (
    "A former headteacher was jailed for two years at Leeds Crown Court yesterday for "
    "stealing more than 60,000 pounds from the school fund over six years. The court "
    "heard that he spent the money on holidays in Portugal and a sports car. Judge "
    "Helen Marsh told him he had betrayed the trust of parents and pupils alike. His "
    "barrister said he had repaid half of the money and was deeply ashamed."
)
# Under 150 characters, reworded at its edges: what a paper's news-in-brief column
# prints from an agency story.
BRIEF = (
    "Former headteacher jailed for two years at Leeds Crown Court for stealing more "
    "than 60,000 pounds from school fund."
)
SAME_STORY_BRIEF = (
    "Parents at a Leeds school are to be offered counselling after a court case "
    "involving a former head."
)


def test_a_brief_shorter_than_a_passage_is_found_by_the_words_it_shares() -> None:
    assert len(BRIEF) < AlignSettings().min_passage_chars
    [passage] = align(BRIEF, COURT_REPORT)
    assert (passage.derived.start, passage.derived.end) == (0, len(BRIEF))
    first_sentence = COURT_REPORT[: COURT_REPORT.index(". ") + 1]
    assert passage.source.end <= len(first_sentence)
    stricter = AlignSettings(min_shared_content_words=30)
    assert align(BRIEF, COURT_REPORT, settings=stricter) == []


def test_a_short_text_on_the_same_story_is_not_reported() -> None:
    assert align(SAME_STORY_BRIEF, COURT_REPORT) == []


# Nine content words, under 150 characters: a line-up two match reports both carry.
LINE_UP = "Chelsea fielded Cech, Ferreira, Carvalho, Terry, Gallas, Makelele, Lampard, Duff."


def test_a_short_run_both_long_texts_carry_is_not_reported() -> None:
    """The shared-words rule is for briefs: within longer texts, a short run of
    content words both carry (a line-up, a stock phrase) is too common across a
    collection to report."""
    derived = UNRELATED + " " + LINE_UP + "\n\n" + ARTICLE.split("\n\n")[1]
    source = ARTICLE.split("\n\n")[0] + " " + LINE_UP + "\n\n" + COURT_REPORT
    assert align(derived, source) == []
    assert align(LINE_UP, source)  # alone, the line-up is all of the derived text
