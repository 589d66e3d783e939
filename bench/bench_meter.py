"""Real newspaper reuse: METER (Press Association copy and the stories nine UK papers
printed from it, labelled by journalists), textreuse beside word 3-gram containment.

Document level: every labelled story against the PA texts of its story folder; the
score is the share of the story covered by passages (textreuse, union over the
candidates) or by word 3-grams one of them has (the baseline). ROC AUC of derived
(wholly or partially) against non-derived, and 3-class macro F1 with two thresholds
chosen by 10-fold cross-validation. Passage level: on the annotated stories,
characters labelled Verbatim or Rewrite are reused, New ones are not; micro
precision, recall and F1 of the characters inside reported passages.

    python bench/bench_meter.py [--limit N] [--semantic] [--manifest DIR]

``--manifest DIR`` also writes the stories and the PA texts as the benchmark reads
them (UTF-8, wire markup stripped) with ``DIR/meter.jsonl``, a manifest that
``textreuse eval DIR/meter.jsonl`` scores the same way.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from corpora import trigram_spans
from textreuse import AlignSettings, compare
from textreuse.evaluation.documents import cross_validated_labels, macro_f1, roc_auc
from textreuse.model import Span

METER = Path(__file__).resolve().parents[2] / "shared" / "data" / "meter-corpus" / "meter_corpus"
LABELS = ("non", "partially", "wholly")
# PA wire copy: rules of dashes, a slug line ("16:54 01/03/00: Page 1 (ZSM) COURTS
# Burstein"), paragraphs opened by a control character (0x19) and closed by "<",
# and quotes typed as `` and ''.
_RULE = re.compile(r"^\s*-{10,}\s*$")
_SLUG = re.compile(r"^\s*\d\d:\d\d \d\d/\d\d/\d\d:")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TAG = re.compile(r"<(/?)(Verbatim|Rewrite|New|unclassified)\b[^>]*>")


def read_cp1252(path: Path) -> str:
    """METER's files are cp1252 (pound signs, curly quotes), with a few bytes cp1252
    leaves undefined: those read as Latin-1."""
    data = path.read_bytes()
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def strip_pa_markup(text: str) -> str:
    """PA wire copy as a reader sees it: rules and the slug line dropped, each
    paragraph (opened by 0x19, closed by "<") on one line, quotes as typed."""
    paragraphs: list[str] = []
    current: list[str] = []
    for line in text.splitlines():
        if _RULE.match(line) or _SLUG.match(line):
            continue
        if "\x19" in line and current:
            paragraphs.append(" ".join(current))
            current = []
        line = _CONTROL.sub("", line).strip()
        ends = line.endswith("<")
        line = line.removesuffix("<").strip()
        if line:
            current.append(line)
        if ends and current:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(p.replace("``", '"').replace("''", '"') for p in paragraphs)


@dataclass(frozen=True)
class Story:
    """One newspaper story, its label, its candidate sources and (where annotated)
    the label of each character."""

    path: str
    label: str
    text: str
    sources: tuple[str, ...]
    char_labels: tuple[str | None, ...] | None = None


def annotated(path: Path) -> tuple[str, tuple[str | None, ...]] | None:
    """The story text of an annotated SGML file and each character's label; None
    where the file has no passage labels."""
    document = read_cp1252(path)
    body = document[document.find("<body>") + 6 : document.rfind("</body>")]
    pieces: list[str] = []
    labels: list[str | None] = []
    label: str | None = None
    last = 0
    for tag in _TAG.finditer(body):
        pieces.append(body[last : tag.start()])
        labels += [label] * (tag.start() - last)
        label = None if tag.group(1) else tag.group(2)
        last = tag.end()
    pieces.append(body[last:])
    labels += [label] * (len(body) - last)
    if "unclassified" in labels or not any(labels):
        return None
    return "".join(pieces), tuple(labels)


def stories(limit: int | None) -> list[Story]:
    """The 945 labelled stories (fewer with ``limit`` per label), each with the
    PA texts of its folder."""
    found: list[Story] = []
    for label in LABELS:
        listed: list[str] = []
        for domain in ("courts", "showbiz"):
            index = METER / "file_index" / domain / f"{label}_derived.txt"
            listed += [line.strip() for line in index.read_text().splitlines() if line.strip()]
        for entry in listed[:limit]:
            path = METER.parent / entry
            relative = path.relative_to(METER / "newspapers" / "rawtexts")
            pa_folder = METER / "PA" / "rawtexts" / relative.parent
            sources = tuple(
                strip_pa_markup(read_cp1252(p)) for p in sorted(pa_folder.glob("*.txt"))
            )
            sgml = (METER / "newspapers" / "annotated" / relative).with_suffix(".sgml")
            labelled = annotated(sgml) if sgml.is_file() else None
            if labelled and "coogan95_telegraph" not in entry:  # its SGML is another text
                text, char_labels = labelled
                found.append(Story(entry, label, text, sources, char_labels))
            else:
                found.append(Story(entry, label, read_cp1252(path), sources))
    return found


def textreuse_spans(derived: str, sources: Sequence[str], settings: AlignSettings) -> list[Span]:
    return [p.derived for s in sources for p in compare(derived, s, settings=settings).passages]


def covered(spans: list[Span], length: int) -> np.ndarray:
    mask = np.zeros(length, dtype=bool)
    for span in spans:
        mask[span.start : span.end] = True
    return mask


Method = Callable[[str, Sequence[str]], list[Span]]


def run(method: Method, items: list[Story]) -> tuple[list[np.ndarray], float, int]:
    """Each story's covered characters, the seconds taken and the pairs aligned."""
    started = time.perf_counter()
    masks = [covered(method(s.text, s.sources), len(s.text)) for s in items]
    return masks, time.perf_counter() - started, sum(len(s.sources) for s in items)


def document_figures(items: list[Story], masks: list[np.ndarray]) -> dict[str, object]:
    scores = np.array([m.mean() if len(m) else 0.0 for m in masks])
    labels = np.array([LABELS.index(s.label) for s in items])
    predicted = cross_validated_labels(scores, labels)
    confusion = Counter(zip(labels.tolist(), predicted.tolist(), strict=True))
    return {
        "auc": roc_auc(scores[labels > 0], scores[labels == 0]),
        "macro_f1": macro_f1(labels, predicted, 3),
        "confusion": confusion,
    }


def passage_figures(items: list[Story], masks: list[np.ndarray]) -> dict[str, float]:
    sums: Counter[str] = Counter()
    for story, mask in zip(items, masks, strict=True):
        if story.char_labels is None:
            continue
        for char, label, flagged in zip(story.text, story.char_labels, mask, strict=True):
            if char.isspace() or label is None:
                continue
            sums[f"{label} all"] += 1
            sums[f"{label} flagged"] += bool(flagged)
    reused = sums["Verbatim all"] + sums["Rewrite all"]
    hit = sums["Verbatim flagged"] + sums["Rewrite flagged"]
    flagged = hit + sums["New flagged"]
    precision = hit / flagged if flagged else 0.0
    recall = hit / reused if reused else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "verbatim": sums["Verbatim flagged"] / max(1, sums["Verbatim all"]),
        "rewrite": sums["Rewrite flagged"] / max(1, sums["Rewrite all"]),
        "new": sums["New flagged"] / max(1, sums["New all"]),
    }


def write_manifest(items: list[Story], folder: Path) -> Path:
    """The stories and their PA texts as UTF-8 files under ``folder``, and a JSONL
    manifest naming them with their labels."""
    lines = []
    for number, story in enumerate(items):
        story_path = folder / "stories" / f"{number:04d}.txt"
        story_path.parent.mkdir(parents=True, exist_ok=True)
        story_path.write_text(story.text, encoding="utf-8")
        sources = []
        for k, source in enumerate(story.sources):
            source_path = folder / "pa" / f"{number:04d}-{k}.txt"
            source_path.parent.mkdir(parents=True, exist_ok=True)
            source_path.write_text(source, encoding="utf-8")
            sources.append(str(source_path.relative_to(folder)))
        row = {
            "derived": str(story_path.relative_to(folder)),
            "sources": sources,
            "label": f"{story.label}-derived",
            "meter": story.path,
        }
        lines.append(json.dumps(row))
    manifest = folder / "meter.jsonl"
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return manifest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, help="stories per label (a quick check)")
    parser.add_argument("--semantic", action="store_true", help="also match by meaning")
    parser.add_argument("--manifest", type=Path, help="also write a manifest here")
    args = parser.parse_args()
    if not METER.is_dir():
        sys.exit(f"{METER} is not there: the benchmark needs ../shared beside the clone")
    items = stories(args.limit)
    if args.manifest:
        print(f"manifest written to {write_manifest(items, args.manifest)}", file=sys.stderr)
    annotated_count = sum(s.char_labels is not None for s in items)
    counts = Counter(s.label for s in items)
    print(
        f"{len(items)} stories ({', '.join(f'{counts[k]} {k}' for k in LABELS)}), "
        f"{annotated_count} with passage labels, {sum(len(s.sources) for s in items)} pairs"
    )
    methods: dict[str, Method] = {
        "word 3-grams": trigram_spans,
        "textreuse": lambda d, s: textreuse_spans(d, s, AlignSettings()),
    }
    if args.semantic:
        semantic = AlignSettings(semantic=True)
        methods["textreuse --semantic"] = lambda d, s: textreuse_spans(d, s, semantic)
    header = (
        f"{'method':<22} {'AUC':>6} {'macroF1':>8} {'P':>6} {'R':>6} {'F1':>6} "
        f"{'Verb.R':>7} {'Rewr.R':>7} {'New fl.':>7} {'pairs/s':>8}"
    )
    print(header)
    for name, method in methods.items():
        masks, seconds, pairs = run(method, items)
        doc = document_figures(items, masks)
        passage = passage_figures(items, masks)
        print(
            f"{name:<22} {doc['auc']:>6.3f} {doc['macro_f1']:>8.3f} "
            f"{passage['precision']:>6.3f} {passage['recall']:>6.3f} {passage['f1']:>6.3f} "
            f"{passage['verbatim']:>7.3f} {passage['rewrite']:>7.3f} {passage['new']:>7.3f} "
            f"{pairs / seconds:>8.1f}"
        )
        confusion = doc["confusion"]
        assert isinstance(confusion, Counter)
        rows = " | ".join(
            f"{LABELS[t]}: " + " ".join(str(confusion[(t, p)]) for p in range(3)) for t in range(3)
        )
        print(f"{'':<22} confusion (true: predicted non partially wholly) {rows}")


if __name__ == "__main__":
    main()
