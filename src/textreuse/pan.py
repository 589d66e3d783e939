"""Read and write corpora in the PAN text-alignment layout.

A corpus folder holds ``pairs`` (lines ``suspicious.txt source.txt``), the documents
in ``susp/`` and ``src/``, and one folder per sub-corpus (obfuscation type), each with
its own ``pairs`` and one truth XML per pair, ``<susp-stem>-<src-stem>.xml``::

    <document reference="suspicious-document00005.txt">
      <feature name="plagiarism" obfuscation="none" this_offset="3593" this_length="698"
               source_reference="source-document01090.txt" source_offset="1300"
               source_length="698"/>
    </document>

A corpus with no sub-corpus folder keeps its truth XML beside its ``pairs`` file.
Offsets are code-point offsets into the UTF-8 decoded documents.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from textreuse.errors import CorpusError
from textreuse.model import Passage, Span
from textreuse.plagdet import Case

_TRUTH_FEATURE = "plagiarism"
_DETECTION_FEATURE = "detected-plagiarism"


@dataclass(frozen=True)
class Pair:
    """One suspicious document, one source, the sub-corpus they belong to, and the truth."""

    suspicious: Path
    source: Path
    subcorpus: str
    cases: tuple[Case, ...]

    @property
    def key(self) -> tuple[str, str]:
        """The pair's identity: the two file names."""
        return self.suspicious.name, self.source.name


@dataclass(frozen=True)
class Corpus:
    """A PAN text-alignment corpus: its pairs, grouped by sub-corpus."""

    root: Path
    pairs: tuple[Pair, ...]

    @property
    def subcorpora(self) -> list[str]:
        """Sub-corpus names in the order their pairs appear."""
        return list(dict.fromkeys(pair.subcorpus for pair in self.pairs))


def load_corpus(path: str | Path) -> Corpus:
    """Load a corpus folder's pairs and truth cases.

    Raises:
        CorpusError: a required file is missing or malformed (the message names it).
    """
    root = Path(path)
    for required in ("pairs", "susp", "src"):
        if not (root / required).exists():
            msg = f"{root}: not a PAN text-alignment corpus (no {required!r} inside)"
            raise CorpusError(msg)
    subfolders = sorted(
        child
        for child in root.iterdir()
        if child.is_dir() and child.name not in {"susp", "src"} and (child / "pairs").is_file()
    )
    folders = subfolders or [root]
    pairs = []
    for folder in folders:
        for suspicious, source in _read_pairs(folder / "pairs"):
            susp_path, src_path = root / "susp" / suspicious, root / "src" / source
            for document in (susp_path, src_path):
                if not document.is_file():
                    listed = folder / "pairs"
                    msg = f"{listed}: lists {document.name}, which is not in {document.parent}"
                    raise CorpusError(msg)
            truth = folder / f"{Path(suspicious).stem}-{Path(source).stem}.xml"
            cases = _read_truth(truth, folder.name) if truth.is_file() else ()
            pairs.append(Pair(susp_path, src_path, folder.name, cases))
    return Corpus(root=root, pairs=tuple(pairs))


def _read_pairs(path: Path) -> list[tuple[str, str]]:
    pairs = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        names = line.split()
        if len(names) != 2:
            msg = f"{path}:{number}: expected 'suspicious.txt source.txt', got {line!r}"
            raise CorpusError(msg)
        pairs.append((names[0], names[1]))
    return pairs


def _read_truth(path: Path, subcorpus: str) -> tuple[Case, ...]:
    root = _parse(path)
    suspicious = root.get("reference", "")
    cases = []
    for feature in root.iter("feature"):
        if feature.get("name") != _TRUTH_FEATURE:
            continue
        pair, this, source = _feature_spans(path, suspicious, feature)
        label = feature.get("obfuscation") or feature.get("type") or subcorpus
        cases.append(Case(pair, this, source, label))
    return tuple(cases)


def _parse(path: Path) -> ET.Element:
    try:
        return ET.parse(path).getroot()
    except ET.ParseError as error:
        msg = f"{path}: malformed XML ({error})"
        raise CorpusError(msg) from None


def _feature_spans(
    path: Path, suspicious: str, feature: ET.Element
) -> tuple[tuple[str, str], Span, Span]:
    try:
        this_offset = int(feature.get("this_offset", ""))
        this_length = int(feature.get("this_length", ""))
        source_offset = int(feature.get("source_offset", ""))
        source_length = int(feature.get("source_length", ""))
    except ValueError:
        msg = f"{path}: a feature lacks integer this_/source_ offset and length attributes"
        raise CorpusError(msg) from None
    if min(this_offset, this_length, source_offset, source_length) < 0:
        msg = f"{path}: a feature has a negative offset or length"
        raise CorpusError(msg)
    pair = (suspicious, feature.get("source_reference", ""))
    return (
        pair,
        Span(this_offset, this_offset + this_length),
        Span(source_offset, source_offset + source_length),
    )


def check_bounds(pair: Pair, suspicious_length: int, source_length: int) -> None:
    """Refuse truth whose offsets run past the end of its documents.

    Raises:
        CorpusError: naming the pair and the offending range.
    """
    for case in pair.cases:
        if case.suspicious.end > suspicious_length or case.source.end > source_length:
            msg = (
                f"{pair.subcorpus}/{pair.suspicious.stem}-{pair.source.stem}.xml: case "
                f"[{case.suspicious.start}:{case.suspicious.end}) / "
                f"[{case.source.start}:{case.source.end}) runs past the end of its documents "
                f"({suspicious_length} / {source_length} characters)"
            )
            raise CorpusError(msg)


def write_detections(out_dir: str | Path, pair: Pair, passages: Iterable[Passage]) -> Path:
    """Write a pair's detections as PAN XML under ``out_dir/<sub-corpus>/``; return the path."""
    folder = Path(out_dir) / pair.subcorpus
    folder.mkdir(parents=True, exist_ok=True)
    document = ET.Element("document", reference=pair.suspicious.name)
    for passage in passages:
        ET.SubElement(
            document,
            "feature",
            name=_DETECTION_FEATURE,
            this_offset=str(passage.derived.start),
            this_length=str(len(passage.derived)),
            source_reference=pair.source.name,
            source_offset=str(passage.source.start),
            source_length=str(len(passage.source)),
        )
    ET.indent(document)
    path = folder / f"{pair.suspicious.stem}-{pair.source.stem}.xml"
    ET.ElementTree(document).write(path, encoding="utf-8", xml_declaration=True)
    return path


def read_detections(folder: str | Path) -> list[Case]:
    """Read every detection XML under ``folder`` (any depth) as cases."""
    detections = []
    for path in sorted(Path(folder).rglob("*.xml")):
        root = _parse(path)
        suspicious = root.get("reference", "")
        for feature in root.iter("feature"):
            if feature.get("name") == _DETECTION_FEATURE:
                pair, this, source = _feature_spans(path, suspicious, feature)
                detections.append(Case(pair, this, source))
    return detections
