"""Querying an archive: the right sources, in a useful order, with passages whose offsets
slice exactly the text they show."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from textreuse.archive import Archive, find_sources
from textreuse.dates import which_came_first
from textreuse.model import Record
from textreuse.render import query_to_dict, render_query_html

NEWS = Path(__file__).parent / "fixtures" / "news"
FILLER = (
    "Our newsletter goes out every Thursday with a round-up of the week's local stories.\n\n"
    "We asked readers what they thought, and the replies were as varied as ever.\n\n"
)


def paragraphs(name: str) -> list[str]:
    return (NEWS / f"{name}.txt").read_text(encoding="utf-8").split("\n\n")


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Archive:
    path = tmp_path_factory.mktemp("archive") / "news.db"
    store = Archive.open(path)
    records = [
        Record(id=p.stem, text=p.read_text(encoding="utf-8"), date="2024-03-01")
        for p in sorted(NEWS.glob("*.txt"))
    ]
    # A reprint of the ferry story that changed a few words: an alternative source.
    ferry = records[0].text
    reprint = ferry.replace("four crossings", "four sailings").replace("islands", "isles")
    records.append(Record(id="ferry-reprint", text=reprint, date="2024-03-02"))
    store.add(records)
    yield store
    store.close()


def test_a_document_made_of_two_sources_finds_both_first(archive: Archive) -> None:
    ferry, observatory = paragraphs("ferry"), paragraphs("observatory")
    query = FILLER + "\n\n".join(ferry[1:3]) + "\n\n" + FILLER + "\n\n".join(observatory[1:3])
    result = archive.query(query, date="2024-04-01")
    ranked = [match.record.id for match in result.sources]
    assert set(ranked[:2]) == {"ferry", "observatory"}
    # The reprint explains the same text again: it is listed, but below both originals.
    assert ranked.index("ferry-reprint") > 1
    reprint = result.sources[ranked.index("ferry-reprint")]
    assert reprint.new_coverage == 0 and reprint.coverage > 0.2
    assert result.coverage == pytest.approx(sum(m.new_coverage for m in result.sources))
    assert all(match.first == "source" for match in result.sources)
    assert {"orchard", "library", "market"}.isdisjoint(ranked)  # nothing reused from those


def test_unrelated_text_finds_nothing(archive: Archive) -> None:
    result = archive.query(FILLER * 3)
    assert result.sources == () and result.coverage == 0


def test_fingerprints_common_to_many_documents_do_not_make_candidates(tmp_path: Path) -> None:
    boilerplate = (
        "Sign up for our morning briefing to receive the top headlines straight to your inbox "
        "every single weekday before breakfast."
    )
    with Archive.open(tmp_path / "a.db") as archive:
        archive.add(
            Record(id=p.stem, text=p.read_text(encoding="utf-8") + "\n\n" + boilerplate)
            for p in sorted(NEWS.glob("*.txt"))
        )
        query = FILLER + boilerplate
        assert find_sources(archive, query, max_document_frequency=2).candidates == 0
        assert find_sources(archive, query, max_document_frequency=10).candidates == 5


@settings(max_examples=25, deadline=None)
@given(
    picks=st.lists(
        st.tuples(
            st.sampled_from(["ferry", "orchard", "observatory", "library", "market"]),
            st.integers(1, 4),
        ),
        min_size=1,
        max_size=4,
    ),
    prefix=st.text(alphabet=st.characters(codec="utf-8"), max_size=30),
)
def test_every_passage_slices_the_text_it_reports(
    archive: Archive, picks: list[tuple[str, int]], prefix: str
) -> None:
    query = prefix + FILLER.join(paragraphs(name)[index] + "\n\n" for name, index in picks)
    result = archive.query(query)
    data = query_to_dict(result)
    for match, source in zip(result.sources, data["sources"], strict=True):
        for passage in source["passages"]:
            derived, original = passage["derived"], passage["source"]
            assert query[derived["start"] : derived["end"]] == derived["text"]
            assert match.record.text[original["start"] : original["end"]] == original["text"]
    # Every picked paragraph long enough to be a passage leads to its source (the ferry
    # story may be credited to its reprint, which holds the same paragraph).
    found = {match.record.id.removesuffix("-reprint") for match in result.sources}
    assert {name for name, index in picks if len(paragraphs(name)[index]) >= 200} <= found


def test_query_report_is_json_and_html(archive: Archive) -> None:
    query = FILLER + paragraphs("orchard")[2] + "\n\n" + paragraphs("orchard")[3]
    result = archive.query(query)
    data = json.loads(json.dumps(query_to_dict(result)))
    assert data["schema"] == "textreuse/query-report"
    assert data["sources"][0]["id"] == "orchard" and data["sources"][0]["rank"] == 1
    html = render_query_html(result)
    assert "default-src 'none'" in html and "<script" not in html  # loads and runs nothing
    assert 'href="#source-1-p1"' in html and "orchard" in html


@pytest.mark.parametrize(
    ("source", "document", "first"),
    [
        ("2024-01-01", "2024-01-02", "source"),
        ("2024-01-02T10:00:00", "2024-01-02T09:00:00", "document"),
        ("2024-01-02T10:00:00", "2024-01-02", "same"),  # compared at the coarser precision
        ("2024-01-02T10:00:00+00:00", "2024-01-02T11:00:00+02:00", "document"),  # 09:00 UTC
        (None, "2024-01-02", None),
    ],
)
def test_which_came_first(source: str | None, document: str, first: str | None) -> None:
    assert which_came_first(source, document) == first


def test_the_founding_example_finds_the_bbc_article_among_the_bbc_corpus(
    seeds_dir: Path, tmp_path: Path
) -> None:
    bbc = seeds_dir.parent / "data" / "bbc-news-2225" / "bbc"
    if not bbc.is_dir():
        pytest.skip(f"{bbc} is not there")
    records = [
        Record(id=path.relative_to(bbc).as_posix(), text=path.read_bytes().decode("latin-1"))
        for path in sorted(bbc.glob("*/*.txt"))
    ]
    source = (seeds_dir / "source-bbc.txt").read_text(encoding="utf-8")
    derived = (seeds_dir / "derived-blog.txt").read_text(encoding="utf-8")
    with Archive.open(tmp_path / "bbc.db") as archive:
        archive.add([*records, Record(id="source-bbc.txt", text=source)])
        result = archive.query(derived)
    assert result.sources[0].record.id == "source-bbc.txt"
    passages = result.sources[0].report.passages
    assert len(passages) >= 3
    for passage in passages:
        assert passage.derived.end <= 1045  # nothing in the paragraphs from elsewhere
