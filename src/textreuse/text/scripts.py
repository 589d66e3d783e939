"""How much text a stretch of characters holds, the same in every script.

A length threshold stated in characters means four sentences of Chinese but one of
English: a Han character carries about as much as three Latin letters, a kana or a
Hangul syllable about as much as two (the usual length ratios of translations into
and out of English). Lengths that decide whether a passage is long enough are
counted in Latin-equivalent characters, so a threshold means the same everywhere;
text in alphabets and abugidas (Latin, Cyrillic, Greek, Arabic, Hebrew, Devanagari,
Thai...) counts one per character, as before.

>>> latin_equivalent("reused text"), latin_equivalent("重复使用的文本")
(1.0, 3.0)
"""

from __future__ import annotations

import regex

_HAN = regex.compile(r"\p{Han}", regex.V1)
_SYLLABIC = regex.compile(r"[\p{Hiragana}\p{Katakana}\p{Hangul}]", regex.V1)
_LETTER = regex.compile(r"[\w--\p{Nd}]", regex.V1)
HAN_WEIGHT = 3.0
SYLLABLE_WEIGHT = 2.0


def latin_equivalent(text: str) -> float:
    """Latin-equivalent characters per character of ``text``'s letters (1.0 for text in
    alphabets; up to 3.0 for Chinese)."""
    if text.isascii():
        return 1.0
    han = len(_HAN.findall(text))
    syllables = len(_SYLLABIC.findall(text))
    if han + syllables == 0:
        return 1.0
    letters = max(len(_LETTER.findall(text)), 1)
    weighted = letters + (HAN_WEIGHT - 1.0) * han + (SYLLABLE_WEIGHT - 1.0) * syllables
    return weighted / letters
