"""The archive, query and scan read every script with the same text model as compare."""

from __future__ import annotations

from pathlib import Path

import pytest

from textreuse.archive import Archive, find_sources
from textreuse.model import Record
from textreuse.scan import scan_local

FIXTURES = Path(__file__).parent / "fixtures" / "languages"


def paragraphs(language: str) -> list[str]:
    return [p.strip() for p in (FIXTURES / f"{language}.txt").read_text("utf-8").split("\n\n")]


def records(language: str) -> list[Record]:
    """The source article among the other fixtures' articles, as an archive holds them."""
    others = [
        Record(id=f"other-{path.stem}", text="\n\n".join(paragraphs(path.stem)[:3]))
        for path in sorted(FIXTURES.glob("*.txt"))
        if path.stem != language
    ]
    a, b, c, _, e = paragraphs(language)
    return [
        *others,
        Record(id="source", text="\n\n".join([a, b, c])),
        Record(id="same-topic", text=e),
    ]


@pytest.mark.parametrize("language", ["zh", "ar", "ja", "hi", "th", "de"])
def test_a_query_finds_its_source_in_any_script(tmp_path: Path, language: str) -> None:
    _, b, c, d, _ = paragraphs(language)
    with Archive.open(tmp_path / "archive.db") as archive:
        archive.add(records(language))
        result = find_sources(archive, "\n\n".join([d, b, c]))
    assert [match.record.id for match in result.sources] == ["source"]
    assert result.coverage > 0.5


@pytest.mark.parametrize("language", ["zh", "ur"])
def test_a_scan_pairs_the_copy_with_its_source(tmp_path: Path, language: str) -> None:
    _, b, c, d, _ = paragraphs(language)
    collection = [*records(language), Record(id="copy", text="\n\n".join([d, b, c]))]
    summary = scan_local(collection, tmp_path / "out", workers=1)
    pairs = (tmp_path / "out" / "pairs.jsonl").read_text(encoding="utf-8")
    assert summary.aligned_pairs == 1
    assert '"a_id": "copy", "b_id": "source"' in pairs
