"""The comparison form of a word: what differs between two copies of it folded away.

NFKC (compatibility forms, composed accents), case, typographic and modifier
apostrophes, and outside ASCII: invisible format characters (soft hyphen, zero-width
joiners, word joiner, bidi marks), Hebrew points and Arabic harakat (written or left
out at will), the Arabic tatweel (kashida), the letter variants that Arabic, Persian
and Urdu keyboards give the same letter (yeh, kaf, heh, alef with hamza or madda),
the digits of every script (as ASCII digits), and variation selectors.

>>> normalize_word("Ｃａｆｅ́"), normalize_word("كتـــاب"), normalize_word("۳۰")
('café', 'كتاب', '30')
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache


@lru_cache(maxsize=1 << 18)
def normalize_word(word: str) -> str:
    """The comparison form of a word: NFKC, case folded, one apostrophe, and (outside
    ASCII) format characters, optional diacritics and letter variants folded away."""
    norm = unicodedata.normalize("NFKC", word).casefold().replace("’", "'").replace("ʼ", "'")
    return norm if norm.isascii() else norm.translate(_folding())


@cache
def _folding() -> dict[int, int | None]:
    """The translation table of :func:`normalize_word` for non-ASCII words."""
    table: dict[int, int | None] = {}
    for code in range(0x80, 0x10000):
        char = chr(code)
        category = unicodedata.category(char)
        if category == "Cf":
            table[code] = None  # soft hyphen, zero-width joiners, word joiner, marks of bidi
        elif category == "Nd":
            table[code] = ord("0") + unicodedata.decimal(char)
        elif category == "Mn" and (0x0591 <= code <= 0x05C7 or 0x0610 <= code <= 0x06ED):
            table[code] = None  # Hebrew points, Arabic harakat: written or left out at will
        elif 0xFE00 <= code <= 0xFE0F:
            table[code] = None  # variation selectors: a glyph's look, not the word
    table[0x0640] = None  # Arabic tatweel (kashida): stretches a word, means nothing
    for variants, canonical in (
        ("أإآٱ", "ا"),
        ("ىیۍێ", "ي"),
        ("ک", "ك"),
        ("ہەۃة", "ه"),
        ("ۓ", "ے"),
    ):
        for variant in variants:
            table[ord(variant)] = ord(canonical)
    return table
