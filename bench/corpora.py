"""What the benchmarks share: the BBC News corpus beside the clone, word edits, and
the word 3-gram containment baseline.

Imported by the ``bench_*.py`` scripts as a sibling module (run them as
``python bench/bench_NAME.py``).
"""

from __future__ import annotations

import random
import re
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from textreuse.model import Span

BBC = Path(__file__).resolve().parents[2] / "shared" / "data" / "bbc-news-2225" / "bbc"


def bbc_articles() -> Iterator[tuple[str, str]]:
    """``(id, text)`` of every distinct BBC article, in path order.

    The corpus has 98 groups of byte-identical articles (one copy of each is kept) and
    one Latin-1 file (decoded as such). Exits with a message when the corpus is missing.
    """
    if not BBC.is_dir():
        sys.exit(f"{BBC} is not there: the benchmark needs ../shared beside the clone")
    seen: set[bytes] = set()
    for path in sorted(BBC.glob("*/*.txt")):
        data = path.read_bytes()
        if data in seen:
            continue
        seen.add(data)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
        yield path.relative_to(BBC).with_suffix("").as_posix(), text


def replace_words(text: str, rate: float, rng: random.Random, vocabulary: list[str]) -> str:
    """``text`` with each space-separated word replaced, at ``rate``, by a random one."""
    return " ".join(rng.choice(vocabulary) if rng.random() < rate else w for w in text.split(" "))


_WORD = re.compile(r"\w+")


def trigram_spans(derived: str, sources: Sequence[str]) -> list[Span]:
    """The baseline: spans of the derived words inside a word 3-gram some source has
    (lowercased ``\\w+`` words)."""
    words = [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(derived)]
    known: set[tuple[str, ...]] = set()
    for source in sources:
        tokens = [w.lower() for w in _WORD.findall(source)]
        known.update(zip(tokens, tokens[1:], tokens[2:], strict=False))
    return [
        Span(words[k][0], words[k + 2][1])
        for k in range(len(words) - 2)
        if (words[k][2], words[k + 1][2], words[k + 2][2]) in known
    ]
