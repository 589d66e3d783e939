"""Reuse through real OCR damage: ICDAR 2019 post-OCR windows planted in two articles.

Each window is a stretch of an ICDAR 2019 document as the OCR engine read it and as
people transcribed it (the gold text), cut at the same aligned positions. The OCR
window is planted, as a paragraph, into an article made of other OCR text of that
language (an OCR'd reprint), and the gold window into an article of other gold text
(the clean source). The script prints, per language and character-error-rate band:

* recall: the share of the planted window, on both sides, that the passages cover;
* a baseline in the same run: the share of the window's words inside a word 3-gram
  the two windows share (what an exact n-gram matcher could find at best);
* typing: of the windows whose two sides are at least 80% alike character by
  character, the share whose passage is typed verbatim or near-verbatim.

    python bench/bench_ocr.py [--windows N] [--seed S] [--languages DE,FR]

Needs ../shared/data/icdar2019-postocr beside the clone.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz.distance import Indel, Levenshtein

from textreuse import compare
from textreuse.model import ReuseType, Span, covered_chars

ICDAR = (
    Path(__file__).resolve().parents[2]
    / "shared"
    / "data"
    / "icdar2019-postocr"
    / "evaluation_4M_without_Finnish"
)
BANDS = ((0.0, 0.05), (0.05, 0.10), (0.10, 0.20), (0.20, 0.40))
WINDOW = 500  # aligned characters
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Document:
    ocr_aligned: str
    gold_aligned: str

    @property
    def ocr(self) -> str:
        return clean(self.ocr_aligned)

    @property
    def gold(self) -> str:
        return clean(self.gold_aligned)


@dataclass(frozen=True)
class Window:
    ocr: str
    gold: str
    cer: float
    document: int


def clean(aligned: str) -> str:
    return " ".join(aligned.replace("@", "").replace("#", "").split())


def read_documents(language: str) -> list[Document]:
    documents = []
    for path in sorted((ICDAR / language).rglob("*.txt")):
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        fields = {line[:14].strip(): line[14:] for line in lines if line.startswith("[")}
        ocr, gold = fields.get("[OCR_aligned]"), fields.get("[ GS_aligned]")
        if ocr and gold and len(ocr) == len(gold):
            documents.append(Document(ocr, gold))
    return documents


def windows_of(document: Document, number: int, rng: random.Random) -> list[Window]:
    """Windows of the document at aligned positions, each cut at spaces of the gold."""
    found = []
    gold = document.gold_aligned
    spaces = [m.start() for m in re.finditer(" ", gold)]
    if len(gold) < WINDOW * 2 or not spaces:
        return found
    for _ in range(4):
        start = rng.choice(spaces[: max(1, len(spaces) // 2)])
        end = next((s for s in spaces if s >= start + WINDOW), None)
        if end is None:
            continue
        ocr = clean(document.ocr_aligned[start:end])
        gold_text = clean(gold[start:end])
        if "#" in gold[start:end] or len(gold_text) < WINDOW * 0.8:
            continue
        cer = Levenshtein.distance(ocr, gold_text) / len(gold_text)
        found.append(Window(ocr, gold_text, cer, number))
    return found


def filler(documents: list[Document], rng: random.Random, side: str, chars: int) -> str:
    text = ""
    while len(text) < chars:
        document = rng.choice(documents)
        body = document.ocr if side == "ocr" else document.gold
        start = rng.randrange(max(1, len(body) - 800))
        text += " " + body[start : start + 800]
    return text.strip()


def covered(span: Span, spans: list[Span]) -> float:
    """Share of ``span`` inside the union of ``spans``."""
    inside = [
        Span(max(span.start, s.start), min(span.end, s.end)) for s in spans if s.overlaps(span)
    ]
    return covered_chars(inside) / len(span)


def ngram_baseline(window: Window) -> float:
    """Share of the OCR window's words inside a word 3-gram both windows have."""
    ocr, gold = WORD.findall(window.ocr.lower()), WORD.findall(window.gold.lower())
    shared = {tuple(gold[i : i + 3]) for i in range(len(gold) - 2)}
    inside = set()
    for i in range(len(ocr) - 2):
        if tuple(ocr[i : i + 3]) in shared:
            inside.update((i, i + 1, i + 2))
    return len(inside) / len(ocr) if ocr else 0.0


def measure(
    window: Window, fillers: tuple[list[Document], list[Document]], rng: random.Random
) -> dict[str, float]:
    """Plant one window; the two articles' other text comes from disjoint documents."""
    ocr_fillers, gold_fillers = fillers
    before = filler(ocr_fillers, rng, "ocr", 1200)
    after = filler(ocr_fillers, rng, "ocr", 1200)
    derived = f"{before}\n\n{window.ocr}\n\n{after}"
    source_before = filler(gold_fillers, rng, "gold", 1500)
    source_after = filler(gold_fillers, rng, "gold", 1500)
    source = f"{source_before}\n\n{window.gold}\n\n{source_after}"
    planted_d = Span(len(before) + 2, len(before) + 2 + len(window.ocr))
    planted_s = Span(len(source_before) + 2, len(source_before) + 2 + len(window.gold))
    report = compare(derived, source)
    recall = (
        covered(planted_d, [p.derived for p in report.passages])
        + covered(planted_s, [p.source for p in report.passages])
    ) / 2
    main = max(report.passages, key=lambda p: covered(planted_d, [p.derived]), default=None)
    literal = main is not None and main.reuse_type in (ReuseType.VERBATIM, ReuseType.NEAR_VERBATIM)
    return {
        "recall": recall,
        "baseline": ngram_baseline(window),
        "alike": Indel.normalized_similarity(window.ocr, window.gold),
        "literal": float(literal),
    }


def fillers_for(window: Window, documents: list[Document]) -> tuple[list[Document], list[Document]]:
    """Documents for the OCR article's other text and, disjoint from them, for the gold
    article's: neither holds the window's own document, so the planted window is the
    only text the two articles share."""
    others = [d for n, d in enumerate(documents) if n != window.document]
    return others[0::2], others[1::2]


def band_of(cer: float) -> str | None:
    for low, high in BANDS:
        if low <= cer < high:
            return f"{low:.0%}-{high:.0%}"
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--windows", type=int, default=50, help="windows per band (default 50)")
    parser.add_argument("--seed", type=int, default=2019)
    parser.add_argument("--languages", default="BG,CZ,DE,EN,ES,FR,NL,PL,SL")
    args = parser.parse_args()
    if not ICDAR.is_dir():
        sys.exit(f"{ICDAR} is not there: the benchmark needs ../shared beside the clone")
    rng = random.Random(args.seed)
    print(
        f"{'lang':<5} {'CER band':<9} {'windows':>7} {'recall':>7} {'3-gram':>7} "
        f"{'alike>=0.8':>10} {'typed literal':>13}"
    )
    started, pairs = time.perf_counter(), 0
    worst: dict[str, float] = {}
    for language in args.languages.split(","):
        documents = read_documents(language)
        by_band: dict[str, list[Window]] = defaultdict(list)
        for number in rng.sample(range(len(documents)), len(documents)):
            for window in windows_of(documents[number], number, rng):
                band = band_of(window.cer)
                if band and len(by_band[band]) < args.windows:
                    by_band[band].append(window)
        for low, high in BANDS:
            band = f"{low:.0%}-{high:.0%}"
            rows = [measure(w, fillers_for(w, documents), rng) for w in by_band.get(band, [])]
            pairs += len(rows)
            if not rows:
                continue
            recall = sum(r["recall"] for r in rows) / len(rows)
            baseline = sum(r["baseline"] for r in rows) / len(rows)
            alike = [r for r in rows if r["alike"] >= 0.8]
            typed = sum(r["literal"] for r in alike) / len(alike) if alike else float("nan")
            if high <= 0.20:
                worst[language] = min(worst.get(language, 1.0), recall)
            print(
                f"{language:<5} {band:<9} {len(rows):>7} {recall:>7.3f} {baseline:>7.3f} "
                f"{len(alike):>10} {typed:>13.3f}"
            )
    seconds = time.perf_counter() - started
    print(f"{pairs} pairs in {seconds:.1f} s ({pairs / seconds:.1f} pairs/s)")
    print("lowest recall below 20% CER: " + ", ".join(f"{k} {v:.3f}" for k, v in worst.items()))


if __name__ == "__main__":
    main()
