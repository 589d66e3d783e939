"""Read and write corpora in the PAN text-alignment layout.

A corpus folder holds ``pairs`` (lines ``suspicious.txt source.txt``), the documents
in ``susp/`` and ``src/``, and one folder per sub-corpus (obfuscation type), each with
its own ``pairs`` and one truth XML per pair, ``<susp-stem>-<src-stem>.xml``::

    <document reference="suspicious-document00005.txt">
      <feature name="plagiarism" obfuscation="none" this_offset="3593" this_length="698"
               source_reference="source-document01090.txt" source_offset="1300"
               source_length="698"/>
    </document>

A corpus with no sub-corpus folder keeps its truth XML beside its top-level ``pairs``
and forms one sub-corpus named after the folder. A pair without a truth XML has no
cases. Offsets are code-point offsets into the UTF-8 decoded documents, read without
newline translation (a ``\\r\\n`` counts as two characters).

Detections are written in the same layout with ``name="detected-plagiarism"``, one
XML per pair under ``<out_dir>/<sub-corpus>/``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from textreuse.errors import CorpusError
from textreuse.evaluation.plagdet import Case
from textreuse.model import Passage, Span, reuse_cases

TRUTH_FEATURE = "plagiarism"
DETECTION_FEATURE = "detected-plagiarism"


@dataclass(frozen=True)
class Pair:
    """A suspicious document, a source, the sub-corpus they belong to, and the truth.

    The documents are not read until :meth:`read_texts` is called.
    """

    suspicious: Path
    source: Path
    subcorpus: str
    cases: tuple[Case, ...] = ()

    @property
    def key(self) -> tuple[str, str]:
        """The pair's identity, as cases and detections name it: the two file names."""
        return self.suspicious.name, self.source.name

    @property
    def xml_name(self) -> str:
        """The file name of the pair's truth or detection XML."""
        return f"{self.suspicious.stem}-{self.source.stem}.xml"

    def read_texts(self) -> tuple[str, str]:
        """The suspicious and source texts, after checking the truth fits inside them.

        Raises:
            CorpusError: a document cannot be read as UTF-8, or a case's offsets run
                past the end of its document.
        """
        suspicious, source = _read_text(self.suspicious), _read_text(self.source)
        for case in self.cases:
            for side, span, text, path in (
                ("this", case.suspicious, suspicious, self.suspicious),
                ("source", case.source, source, self.source),
            ):
                if span.end > len(text):
                    msg = (
                        f"{self.subcorpus}/{self.xml_name}: {side}_offset {span.start} + "
                        f"{side}_length {len(span)} runs past the end of {path.name} "
                        f"({len(text)} characters)"
                    )
                    raise CorpusError(msg)
        return suspicious, source


@dataclass(frozen=True)
class Corpus:
    """A PAN text-alignment corpus: its folder and its pairs, sub-corpus by sub-corpus."""

    root: Path
    pairs: tuple[Pair, ...]

    @property
    def subcorpora(self) -> list[str]:
        """Sub-corpus names in the order their pairs appear."""
        return list(dict.fromkeys(pair.subcorpus for pair in self.pairs))

    @property
    def cases(self) -> list[Case]:
        """Every truth case of every pair."""
        return [case for pair in self.pairs for case in pair.cases]


def load_corpus(path: str | Path) -> Corpus:
    """List a corpus folder's pairs and read their truth; the documents are read later.

    Sub-corpora are the sub-folders that hold a ``pairs`` file, in name order; every
    pair of the top-level ``pairs`` must be in one of them. Each case's ``obfuscation``
    is the feature's ``obfuscation`` attribute, else its ``type``, else the sub-corpus
    name. Offsets are checked against the documents when :meth:`Pair.read_texts` reads them.

    Raises:
        CorpusError: a required file is missing or malformed (the message names it).
    """
    root = Path(path)
    if not root.is_dir():
        msg = f"{root}: not a folder (expected a PAN text-alignment corpus)"
        raise CorpusError(msg)
    listed = _read_pairs(root / "pairs")
    for folder in ("susp", "src"):
        if not (root / folder).is_dir():
            msg = f"{root}: not a PAN text-alignment corpus (no {folder!r} folder inside)"
            raise CorpusError(msg)
    subfolders = sorted(
        child
        for child in root.iterdir()
        if child.is_dir() and child.name not in {"susp", "src"} and (child / "pairs").is_file()
    )
    if not subfolders:
        return Corpus(root=root, pairs=tuple(_pairs_by_truth_folder(root, listed)))
    pairs: list[Pair] = []
    for subfolder in subfolders:
        pairs.extend(
            _load_pair(root, subfolder, subfolder.name, *names)
            for names in _read_pairs(subfolder / "pairs")
        )
    unassigned = set(listed) - {pair.key for pair in pairs}
    if unassigned:
        suspicious, source = min(unassigned)
        msg = (
            f"{root / 'pairs'}: lists {suspicious} {source}, which no sub-corpus pairs "
            f"file lists ({len(unassigned)} such pairs)"
        )
        raise CorpusError(msg)
    return Corpus(root=root, pairs=tuple(pairs))


def write_detections(out_dir: str | Path, pair: Pair, passages: Iterable[Passage]) -> Path:
    """Write a pair's detections as PAN XML in ``out_dir/<sub-corpus>/``; return its path.

    One detection per case of reuse (the parts of a case joined), as PAN counts them.
    The file is written even with no passages, so every evaluated pair has one.
    """
    folder = Path(out_dir) / pair.subcorpus
    folder.mkdir(parents=True, exist_ok=True)
    document = ET.Element("document", reference=pair.suspicious.name)
    for derived, source in reuse_cases(passages):
        ET.SubElement(
            document,
            "feature",
            name=DETECTION_FEATURE,
            this_offset=str(derived.start),
            this_length=str(len(derived)),
            source_reference=pair.source.name,
            source_offset=str(source.start),
            source_length=str(len(source)),
        )
    ET.indent(document)
    path = folder / pair.xml_name
    ET.ElementTree(document).write(path, encoding="utf-8", xml_declaration=True)
    return path


def read_detections(folder: str | Path) -> list[Case]:
    """Read every detection XML under ``folder`` (any depth), keyed by the pair they name.

    Raises:
        CorpusError: the folder is missing, or an XML file is malformed.
    """
    folder = Path(folder)
    if not folder.is_dir():
        msg = f"{folder}: no such folder of detections"
        raise CorpusError(msg)
    detections = []
    for path in sorted(folder.rglob("*.xml")):
        document = _parse(path)
        suspicious = _attribute(path, document, "reference")
        for feature in _features(document, DETECTION_FEATURE):
            pair = (suspicious, _attribute(path, feature, "source_reference"))
            detections.append(Case(pair, *_spans(path, feature)))
    return detections


def _pairs_by_truth_folder(root: Path, listed: list[tuple[str, str]]) -> list[Pair]:
    """The pairs of a corpus whose only ``pairs`` file is at the top: each pair belongs to
    the sub-folder holding its truth XML (the layout of corpora converted from PAN 2011),
    and a pair without one to a sub-corpus named after the corpus."""
    folders = sorted(
        child for child in root.iterdir() if child.is_dir() and child.name not in {"susp", "src"}
    )
    by_folder: dict[str, list[Pair]] = {folder.name: [] for folder in folders}
    without_truth: list[Pair] = []
    for suspicious, source in listed:
        xml_name = f"{Path(suspicious).stem}-{Path(source).stem}.xml"
        holder = next((folder for folder in folders if (folder / xml_name).is_file()), None)
        if holder is None:
            without_truth.append(_load_pair(root, root, root.resolve().name, suspicious, source))
        else:
            by_folder[holder.name].append(_load_pair(root, holder, holder.name, suspicious, source))
    return [pair for pairs in by_folder.values() for pair in pairs] + without_truth


def _load_pair(root: Path, folder: Path, subcorpus: str, suspicious: str, source: str) -> Pair:
    """One line of ``folder/pairs``: check both documents exist and read the truth XML."""
    pair = Pair(root / "susp" / suspicious, root / "src" / source, subcorpus)
    for document in (pair.suspicious, pair.source):
        if not document.is_file():
            msg = f"{folder / 'pairs'}: lists {document.name}, not found in {document.parent}"
            raise CorpusError(msg)
    truth = folder / pair.xml_name
    if not truth.is_file():
        return pair
    return Pair(pair.suspicious, pair.source, subcorpus, _read_truth(truth, pair))


def _read_pairs(path: Path) -> list[tuple[str, str]]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        msg = f"{path}: pairs file not found (expected lines 'suspicious.txt source.txt')"
        raise CorpusError(msg) from None
    except (OSError, UnicodeDecodeError) as error:
        msg = f"{path}: cannot read the pairs file ({error})"
        raise CorpusError(msg) from None
    pairs = []
    for number, line in enumerate(text.splitlines(), start=1):
        names = line.split()
        if not names:
            continue
        if len(names) != 2:
            msg = f"{path}:{number}: expected 'suspicious.txt source.txt', got {line.strip()!r}"
            raise CorpusError(msg)
        pairs.append((names[0], names[1]))
    return pairs


def _read_truth(path: Path, pair: Pair) -> tuple[Case, ...]:
    document = _parse(path)
    if document.get("reference") != pair.suspicious.name:
        msg = (
            f"{path}: reference={document.get('reference')!r} does not name the "
            f"suspicious document {pair.suspicious.name!r}"
        )
        raise CorpusError(msg)
    cases = []
    for feature in _features(document, TRUTH_FEATURE):
        if feature.get("source_reference") != pair.source.name:
            msg = (
                f"{path}: source_reference={feature.get('source_reference')!r} does not "
                f"name the source document {pair.source.name!r}"
            )
            raise CorpusError(msg)
        label = feature.get("obfuscation") or feature.get("type") or pair.subcorpus
        cases.append(Case(pair.key, *_spans(path, feature), obfuscation=label))
    return tuple(cases)


def _parse(path: Path) -> ET.Element:
    try:
        document = ET.parse(path).getroot()
    except ET.ParseError as error:
        msg = f"{path}: malformed XML ({error})"
        raise CorpusError(msg) from None
    except OSError as error:
        msg = f"{path}: cannot read ({error.strerror})"
        raise CorpusError(msg) from None
    if document.tag != "document":
        msg = f"{path}: expected a <document> root element, found <{document.tag}>"
        raise CorpusError(msg)
    return document


def _features(document: ET.Element, name: str) -> list[ET.Element]:
    """The ``<feature name=...>`` elements of one kind (others, like ``about``, are skipped)."""
    return [feature for feature in document.iter("feature") if feature.get("name") == name]


def _attribute(path: Path, element: ET.Element, name: str) -> str:
    value = element.get(name)
    if not value:
        msg = f"{path}: a <{element.tag}> element lacks its {name} attribute"
        raise CorpusError(msg)
    return value


def _spans(path: Path, feature: ET.Element) -> tuple[Span, Span]:
    """The feature's suspicious and source spans, from its offset and length attributes."""
    numbers = []
    for name in ("this_offset", "this_length", "source_offset", "source_length"):
        value = _attribute(path, feature, name)
        try:
            number = int(value)
        except ValueError:
            number = -1
        if number < 0:
            msg = f"{path}: {name}={value!r} is not a non-negative integer"
            raise CorpusError(msg)
        numbers.append(number)
    this_offset, this_length, source_offset, source_length = numbers
    return (
        Span(this_offset, this_offset + this_length),
        Span(source_offset, source_offset + source_length),
    )


def _read_text(path: Path) -> str:
    try:
        with open(path, encoding="utf-8", newline="") as file:  # offsets count "\r\n" as two
            return file.read()
    except UnicodeDecodeError as error:
        msg = f"{path}: not UTF-8 text ({error.reason} at byte {error.start})"
        raise CorpusError(msg) from None
    except OSError as error:
        msg = f"{path}: cannot read ({error.strerror})"
        raise CorpusError(msg) from None
