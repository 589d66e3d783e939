"""A manifest of documents labelled wholly, partially or non-derived: the verdict's
figures (ROC AUC, cross-validated macro F1, confusion) and the errors of bad rows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from textreuse.cli import main
from textreuse.errors import CorpusError
from textreuse.evaluation.manifest import evaluate_manifest, read_manifest
from textreuse.model import Verdict

AGENCY = (
    "A lorry driver was fined 2,000 pounds at Carlisle Crown Court on Tuesday for "
    "driving for eleven hours without a break before he crashed into a bus shelter. "
    "Nobody was hurt, but the shelter was destroyed and the road stayed closed for most "
    "of the morning.\n\n"
    "The court heard that the tachograph in his cab had been switched off for the whole "
    "journey from Glasgow. His employer, a haulage firm based in Penrith, said it had "
    "since fitted every lorry with a locked recorder and retrained its drivers.\n\n"
    "Judge Alan Prior banned him from driving for a year and told him he had been lucky "
    "that the shelter was empty when his lorry left the road."
)
WHOLLY = (
    "A lorry driver was fined 2,000 pounds at Carlisle Crown Court yesterday for "
    "driving for eleven hours without a break before he crashed into a bus shelter. "
    "Nobody was hurt, but the shelter was destroyed and the road stayed closed for most "
    "of the morning. The court heard that the tachograph in his cab had been switched off "
    "for the whole journey from Glasgow. Judge Alan Prior banned him from driving for a "
    "year and told him he had been lucky that the shelter was empty."
)
PARTIALLY = (
    "Residents of a Carlisle estate say they have asked the council for a speed camera "
    "on the main road for three years, and were ignored each time they wrote.\n\n"
    "A lorry driver was fined 2,000 pounds at Carlisle Crown Court on Tuesday for "
    "driving for eleven hours without a break before he crashed into a bus shelter.\n\n"
    "Local councillors will meet next month to discuss traffic on the estate, where two "
    "children were injured by a van last winter and parents now walk their children to "
    "school in groups."
)
NON = (
    "Haulage firms in Cumbria are struggling to find drivers, and some now pay a bonus "
    "of several thousand pounds to anyone who joins. Industry leaders blame long hours "
    "and poor roadside facilities, and want more secure parking along the motorway."
)


def write_manifest(folder: Path, rows: list[dict[str, object]]) -> Path:
    for name, text in (("agency.txt", AGENCY), ("w.txt", WHOLLY), ("p.txt", PARTIALLY)):
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "n.txt").write_text(NON, encoding="cp1252")
    manifest = folder / "labels.jsonl"
    manifest.write_text("\n".join(json.dumps(row) for row in rows) + "\n", encoding="utf-8")
    return manifest


ROWS: list[dict[str, object]] = [
    {"derived": name, "sources": ["agency.txt"], "label": label}
    for name, label in (("w.txt", "wholly-derived"), ("p.txt", "partially"), ("n.txt", "non"))
    for _ in range(4)
]


def test_a_manifest_separates_its_labels_by_derived_share(tmp_path: Path) -> None:
    scores = evaluate_manifest(write_manifest(tmp_path, ROWS))
    assert scores.documents == scores.pairs == 12
    assert scores.auc == 1.0
    assert scores.macro_f1 == 1.0
    assert scores.confusion["wholly-derived"]["wholly-derived"] == 4
    assert sum(sum(row.values()) for row in scores.confusion.values()) == 12


def test_a_csv_manifest_reads_several_sources(tmp_path: Path) -> None:
    write_manifest(tmp_path, ROWS)
    manifest = tmp_path / "labels.csv"
    manifest.write_text(
        "derived,sources,label\nw.txt,agency.txt|p.txt,wholly-derived\n", encoding="utf-8-sig"
    )
    [entry] = read_manifest(manifest)
    assert entry.sources == (tmp_path / "agency.txt", tmp_path / "p.txt")
    assert entry.label is Verdict.WHOLLY


def test_eval_takes_a_manifest_and_prints_json(tmp_path: Path) -> None:
    manifest = write_manifest(tmp_path, ROWS)
    result = CliRunner().invoke(main, ["eval", str(manifest), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert figures["roc_auc"] == 1.0 and figures["documents"] == 12


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ('{"derived": "w.txt", "sources": ["agency.txt"], "label": "copied"}', "unknown label"),
        ('{"derived": "w.txt", "label": "non"}', "sources must be a list"),
        ('{"derived": "w.txt", "sources": ["agency.txt"]', "not valid JSON"),
        ('{"derived": "gone.txt", "sources": ["agency.txt"], "label": "non"}', "no such file"),
    ],
)
def test_a_bad_row_stops_with_its_line_named(tmp_path: Path, line: str, problem: str) -> None:
    manifest = write_manifest(tmp_path, ROWS[:1])
    manifest.write_text(manifest.read_text() + line + "\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=rf"labels.jsonl:2: .*{problem}"):
        evaluate_manifest(manifest)
    result = CliRunner().invoke(main, ["eval", str(manifest)])
    assert result.exit_code == 1
    assert "labels.jsonl:2" in result.output and "Traceback" not in result.output


def test_documents_in_another_encoding_are_detected_or_named(tmp_path: Path) -> None:
    rows = [{"derived": "n.txt", "sources": ["agency.txt"], "label": "non"}] * 2
    manifest = write_manifest(tmp_path, rows)
    (tmp_path / "n.txt").write_bytes("Fees of £2,000 were paid. ".encode("cp1252") * 5)
    assert evaluate_manifest(manifest).documents == 2
    assert evaluate_manifest(manifest, encoding="cp1252").documents == 2
    with pytest.raises(CorpusError, match="not valid utf-16"):
        evaluate_manifest(manifest, encoding="utf-16")
