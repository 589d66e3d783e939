"""Measure the document verdict on a labelled manifest: derived documents, their
candidate sources and how a person labelled each (wholly, partially, non-derived).

The manifest is CSV (columns ``derived``, ``sources``, ``label``; several sources
separated by ``|``) or JSON Lines (``{"derived": ..., "sources": [...], "label": ...}``),
paths relative to the manifest's folder. Each document's derived share is the part
of it inside a passage of any of its sources; from the shares come the ROC AUC of
derived (wholly or partially) against non-derived, and the 3-class macro F1 and
confusion matrix with thresholds chosen by 10-fold cross-validation.
"""

from __future__ import annotations

import csv
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from textreuse.aligner import AlignSettings
from textreuse.comparison import compare
from textreuse.errors import CorpusError, InputError
from textreuse.evaluation.documents import (
    best_thresholds,
    cross_validated_labels,
    macro_f1,
    roc_auc,
)
from textreuse.io import jsonl_objects, read_document
from textreuse.model import Document, Verdict, covered_chars

LABELS = (Verdict.NON, Verdict.PARTIALLY, Verdict.WHOLLY)
_SHORT_LABELS = {"non": Verdict.NON, "partially": Verdict.PARTIALLY, "wholly": Verdict.WHOLLY}


@dataclass(frozen=True)
class LabelledEntry:
    """One manifest row: a derived document, its candidate sources, its label."""

    derived: Path
    sources: tuple[Path, ...]
    label: Verdict
    where: str


@dataclass(frozen=True)
class DocumentScores:
    """How well derived shares tell the labels apart on one manifest."""

    documents: int
    pairs: int
    auc: float
    macro_f1: float
    thresholds: tuple[float, float]
    confusion: dict[str, dict[str, int]]
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready figures."""
        return {
            "documents": self.documents,
            "pairs": self.pairs,
            "roc_auc": round(self.auc, 4),
            "macro_f1": round(self.macro_f1, 4),
            "thresholds": {"partially": self.thresholds[0], "wholly": self.thresholds[1]},
            "confusion": self.confusion,
            "seconds": round(self.seconds, 3),
        }


def read_manifest(path: Path) -> list[LabelledEntry]:
    """The entries of a CSV or JSONL manifest.

    Raises:
        CorpusError: the manifest cannot be read, or a row lacks a field or has an
            unknown label (named by file and line).
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        msg = f"{path}: cannot read the manifest ({error})"
        raise CorpusError(msg) from None
    rows = _jsonl_rows(path, text) if path.suffix.lower() == ".jsonl" else _csv_rows(path, text)
    entries = [_entry(path, where, row) for where, row in rows]
    if not entries:
        msg = f"{path}: the manifest lists no documents"
        raise CorpusError(msg)
    return entries


def _csv_rows(path: Path, text: str) -> Iterator[tuple[str, dict[str, Any]]]:
    reader = csv.DictReader(text.splitlines())
    for row in reader:
        sources = (row.get("sources") or "").split("|")
        yield f"{path}:{reader.line_num}", {**row, "sources": sources}


def _jsonl_rows(path: Path, text: str) -> Iterator[tuple[str, dict[str, Any]]]:
    for where, row in jsonl_objects(text.splitlines(), str(path), "derived, sources and label"):
        if isinstance(row.get("sources"), str):
            row["sources"] = [row["sources"]]
        yield where, row


def _entry(manifest: Path, where: str, row: dict[str, Any]) -> LabelledEntry:
    derived, sources, label = row.get("derived"), row.get("sources"), row.get("label")
    if not isinstance(derived, str) or not derived.strip():
        msg = f"{where}: missing the derived document"
        raise CorpusError(msg)
    if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
        msg = f"{where}: sources must be a list of paths"
        raise CorpusError(msg)
    paths = tuple(manifest.parent / s.strip() for s in sources if s.strip())
    if not paths:
        msg = f"{where}: no sources for {derived}"
        raise CorpusError(msg)
    verdict = _label(str(label or "").strip().lower())
    if verdict is None:
        msg = f"{where}: unknown label {label!r} (wholly-derived, partially-derived or non-derived)"
        raise CorpusError(msg)
    return LabelledEntry(manifest.parent / derived.strip(), paths, verdict, where)


def _label(text: str) -> Verdict | None:
    for verdict in Verdict:
        if text == verdict.value:
            return verdict
    return _SHORT_LABELS.get(text.removesuffix("_derived").removesuffix("-derived"))


def evaluate_manifest(
    path: Path, *, settings: AlignSettings | None = None, encoding: str | None = None
) -> DocumentScores:
    """Align every labelled document with its sources and score the derived shares.

    Raises:
        CorpusError: the manifest is malformed, or a document it names cannot be read.
    """
    entries = read_manifest(path)
    started = time.perf_counter()
    shares = np.array([_derived_share(entry, settings, encoding) for entry in entries])
    seconds = time.perf_counter() - started
    labels = np.array([LABELS.index(entry.label) for entry in entries], dtype=np.int64)
    predicted = cross_validated_labels(shares, labels)
    confusion = {
        truth.value: {
            guess.value: int(((labels == t) & (predicted == g)).sum())
            for g, guess in enumerate(LABELS)
        }
        for t, truth in enumerate(LABELS)
    }
    return DocumentScores(
        documents=len(entries),
        pairs=sum(len(entry.sources) for entry in entries),
        auc=roc_auc(shares[labels > 0], shares[labels == 0]),
        macro_f1=macro_f1(labels, predicted, len(LABELS)),
        thresholds=best_thresholds(shares, labels),
        confusion=confusion,
        seconds=seconds,
    )


def _derived_share(
    entry: LabelledEntry, settings: AlignSettings | None, encoding: str | None
) -> float:
    derived = _read(entry, entry.derived, encoding)
    spans = [
        p.derived
        for source in entry.sources
        for p in compare(derived, _read(entry, source, encoding), settings=settings).passages
    ]
    return covered_chars(spans) / len(derived.text) if derived.text else 0.0


def _read(entry: LabelledEntry, path: Path, encoding: str | None) -> Document:
    try:
        return read_document(path, encoding=encoding)
    except InputError as error:
        msg = f"{entry.where}: {error}"
        raise CorpusError(msg) from None
