"""Reading and writing the PAN text-alignment layout, on small corpora built in tmp_path."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from textreuse.errors import CorpusError
from textreuse.evaluation.pan import Pair, load_corpus, read_detections, write_detections
from textreuse.model import Passage, ReuseType, Span

COPIED = "the harbour authority will rebuild the naïve “northern” barrier"
SUSP = "An opening line.\r\n" + COPIED + " and more words follow."
SRC = "Source text begins. " + COPIED + ". The end."


def _feature(this: int, length: int, source: int, **labels: str) -> str:
    extra = "".join(f' {key}="{value}"' for key, value in labels.items())
    return (
        f'<feature name="plagiarism"{extra} this_offset="{this}" this_length="{length}" '
        f'source_reference="r1.txt" source_offset="{source}" source_length="{length}"/>'
    )


def _document(reference: str, *features: str) -> str:
    body = "\n".join(features)
    header = '<?xml version="1.0" encoding="utf-8"?>'
    return f'{header}\n<document reference="{reference}">\n{body}\n</document>\n'


COPY_CASE = _feature(SUSP.index(COPIED), len(COPIED), SRC.index(COPIED), obfuscation="none")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Two sub-corpora: 02-copy holds s1-r1 (one case) and s3-r1 (no truth XML);
    01-none holds s2-r1, whose XML has only an ``about`` feature."""
    root = tmp_path / "corpus"
    for folder in ("susp", "src", "01-none", "02-copy"):
        (root / folder).mkdir(parents=True)
    (root / "susp" / "s1.txt").write_bytes(SUSP.encode())
    (root / "susp" / "s2.txt").write_bytes(b"Nothing copied at all in this one.")
    (root / "susp" / "s3.txt").write_bytes(b"Nor in this one.")
    (root / "src" / "r1.txt").write_bytes(SRC.encode())
    (root / "pairs").write_text("s1.txt r1.txt\ns2.txt r1.txt\ns3.txt r1.txt\n")
    (root / "02-copy" / "pairs").write_text("s1.txt r1.txt\ns3.txt r1.txt\n")
    (root / "01-none" / "pairs").write_text("s2.txt r1.txt\n")
    (root / "02-copy" / "s1-r1.xml").write_text(_document("s1.txt", COPY_CASE))
    about = '<feature name="about" authors="nobody"/>'
    (root / "01-none" / "s2-r1.xml").write_text(_document("s2.txt", about))
    return root


def test_load_corpus_reads_pairs_and_truth(corpus: Path) -> None:
    loaded = load_corpus(corpus)
    assert loaded.subcorpora == ["01-none", "02-copy"]
    assert [(p.subcorpus, p.key) for p in loaded.pairs] == [
        ("01-none", ("s2.txt", "r1.txt")),
        ("02-copy", ("s1.txt", "r1.txt")),
        ("02-copy", ("s3.txt", "r1.txt")),
    ]
    none, copy, no_xml = loaded.pairs
    assert none.cases == () and no_xml.cases == ()
    [case] = loaded.cases
    assert case.pair == copy.key and case.obfuscation == "none"
    # Offsets count code points, and the "\r\n" before the passage as two of them.
    suspicious, source = copy.read_texts()
    assert suspicious == SUSP and source == SRC
    assert suspicious[case.suspicious.start : case.suspicious.end] == COPIED
    assert source[case.source.start : case.source.end] == COPIED


@pytest.mark.parametrize(
    ("labels", "expected"),
    [
        ({"obfuscation": "random", "type": "artificial"}, "random"),
        ({"type": "translation-chain"}, "translation-chain"),
        ({}, "02-copy"),
    ],
)
def test_obfuscation_label_falls_back_to_type_then_subcorpus(
    corpus: Path, labels: dict[str, str], expected: str
) -> None:
    feature = _feature(SUSP.index(COPIED), len(COPIED), SRC.index(COPIED), **labels)
    (corpus / "02-copy" / "s1-r1.xml").write_text(_document("s1.txt", feature))
    [case] = load_corpus(corpus).cases
    assert case.obfuscation == expected


def test_flat_corpus_is_one_subcorpus_named_after_its_folder(
    seeds_dir: Path, tmp_path: Path
) -> None:
    # The seeds in PAN layout, linked rather than copied: truth XML beside the pairs file.
    root = tmp_path / "seeds-corpus"
    (root / "susp").mkdir(parents=True)
    (root / "src").mkdir()
    (root / "susp" / "derived-blog.txt").symlink_to(seeds_dir / "derived-blog.txt")
    (root / "src" / "source-bbc.txt").symlink_to(seeds_dir / "source-bbc.txt")
    xml = "derived-blog-source-bbc.xml"
    (root / xml).symlink_to(seeds_dir / xml)
    (root / "pairs").write_text("derived-blog.txt source-bbc.txt\n")
    loaded = load_corpus(root)
    assert loaded.subcorpora == ["seeds-corpus"]
    [pair] = loaded.pairs
    assert [c.obfuscation for c in pair.cases] == [
        "summary",
        "near-verbatim",
        "paraphrase",
        "verbatim",
    ]
    derived, source = pair.read_texts()
    verbatim = pair.cases[-1]  # verbatim up to line breaks
    assert derived[verbatim.suspicious.start : verbatim.suspicious.end].split() == (
        source[verbatim.source.start : verbatim.source.end].split()
    )


def test_detections_round_trip(corpus: Path, tmp_path: Path) -> None:
    none, copy, no_xml = load_corpus(corpus).pairs
    passages = [
        Passage(Span(3, 40), Span(5, 42), ReuseType.PARAPHRASE, 0.5),
        Passage(Span(50, 50), Span(0, 7), ReuseType.SUMMARY, 0.2),
    ]
    out = tmp_path / "detections"
    path = write_detections(out, copy, passages)
    assert path == out / "02-copy" / "s1-r1.xml"
    write_detections(out, none, [passages[0]])
    write_detections(out, no_xml, [])
    assert (out / "02-copy" / "s3-r1.xml").is_file()
    back = {(d.pair, d.suspicious, d.source) for d in read_detections(out)}
    assert back == {(copy.key, p.derived, p.source) for p in passages} | {
        (none.key, passages[0].derived, passages[0].source)
    }


def _break_text(name: str, text: str) -> Callable[[Path], object]:
    return lambda root: (root / name).write_text(text)


@pytest.mark.parametrize(
    ("breakage", "message"),
    [
        (lambda root: (root / "pairs").unlink(), r"corpus/pairs: pairs file not found"),
        (_break_text("02-copy/pairs", "s1.txt\n"), r"02-copy/pairs:1: expected"),
        (_break_text("02-copy/pairs", "a b c\n"), r"02-copy/pairs:1: expected"),
        (lambda root: (root / "src" / "r1.txt").unlink(), r"01-none/pairs: lists r1.txt"),
        (_break_text("02-copy/s1-r1.xml", "<document"), r"s1-r1.xml: malformed XML"),
        (_break_text("02-copy/s1-r1.xml", "<doc/>"), r"s1-r1.xml: expected a <document>"),
        (_break_text("02-copy/s1-r1.xml", _document("s9.txt")), r"s1-r1.xml: reference="),
        (
            _break_text("02-copy/s1-r1.xml", _document("s1.txt", _feature(-1, 5, 0))),
            r"s1-r1.xml: this_offset='-1' is not a non-negative integer",
        ),
        (
            _break_text(
                "02-copy/s1-r1.xml",
                _document("s1.txt", _feature(0, 5, 0).replace("r1.txt", "r2.txt")),
            ),
            r"s1-r1.xml: source_reference='r2.txt'",
        ),
        (_break_text("02-copy/pairs", "s1.txt r1.txt\n"), r"lists s3.txt r1.txt, which no sub"),
        (lambda root: (root / "susp").rename(root / "gone"), r"no 'susp' folder"),
    ],
)
def test_malformed_corpus_gets_a_one_line_error(
    corpus: Path, breakage: Callable[[Path], object], message: str
) -> None:
    breakage(corpus)
    with pytest.raises(CorpusError, match=message) as error:
        load_corpus(corpus)
    assert "\n" not in str(error.value)


@pytest.mark.parametrize(
    ("feature", "message"),
    [
        (
            _feature(0, len(SUSP) + 1, 0),
            r"02-copy/s1-r1.xml: this_offset 0 \+ this_length \d+ runs",
        ),
        (_feature(0, 5, len(SRC) - 4), r"source_offset \d+ \+ source_length 5 runs past .* r1.txt"),
    ],
)
def test_offsets_past_the_end_are_refused_when_the_texts_are_read(
    corpus: Path, feature: str, message: str
) -> None:
    (corpus / "02-copy" / "s1-r1.xml").write_text(_document("s1.txt", feature))
    pair = next(p for p in load_corpus(corpus).pairs if p.cases)
    with pytest.raises(CorpusError, match=message):
        pair.read_texts()


def test_unreadable_document_names_the_file(corpus: Path) -> None:
    (corpus / "susp" / "s1.txt").write_bytes(b"caf\xe9")
    pair = next(p for p in load_corpus(corpus).pairs if p.key[0] == "s1.txt")
    with pytest.raises(CorpusError, match=r"s1.txt: not UTF-8"):
        pair.read_texts()


def test_missing_corpus_or_detections_folder(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="not a folder"):
        load_corpus(tmp_path / "nowhere")
    with pytest.raises(CorpusError, match="no such folder"):
        read_detections(tmp_path / "nowhere")


def test_detection_without_source_reference_is_refused(tmp_path: Path) -> None:
    feature = '<feature name="detected-plagiarism" this_offset="0" this_length="3"/>'
    (tmp_path / "a-b.xml").write_text(_document("a.txt", feature))
    with pytest.raises(CorpusError, match=r"a-b.xml: a <feature> element lacks its source_ref"):
        read_detections(tmp_path)


def test_pair_key_is_the_two_file_names() -> None:
    pair = Pair(Path("c/susp/s1.txt"), Path("c/src/r1.txt"), "02-copy")
    assert (pair.key, pair.xml_name) == (("s1.txt", "r1.txt"), "s1-r1.xml")


def test_pan13_training_corpus_matches_its_manifest(pan13_training: Path) -> None:
    loaded = load_corpus(pan13_training)
    assert len(loaded.pairs) == 5185
    assert len(loaded.cases) == 4007
    assert Counter(p.subcorpus for p in loaded.pairs) == {
        "01-no-plagiarism": 1000,
        "02-no-obfuscation": 1000,
        "03-random-obfuscation": 1000,
        "04-translation-obfuscation": 1000,
        "05-summary-obfuscation": 1185,
    }
    assert Counter(c.obfuscation for c in loaded.cases) == {
        "none": 1252,
        "random": 1267,
        "translation-chain": 1250,
        "summary": 238,
    }
