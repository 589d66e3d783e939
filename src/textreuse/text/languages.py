"""Which language a text is in, and what comparing words of that language needs.

A document's language is identified with py3langid (a model shipped in its package,
about 140 languages) on its first 320 bytes, except where a cheaper sign settles it:
text whose words are mostly English function words is English, and text mostly in a
script that one language writes (Hangul, Thai, Greek, Hebrew; Han and kana where
kana are a tenth or more of them: Japanese; Han otherwise: Chinese) is that language.
Text mostly in a script that several write (Arabic, Cyrillic, Devanagari, Bengali) is
told apart among those languages only. English, the common
case, stays as fast as before.
``language=`` overrides detection everywhere.

Each language gets a :class:`WordModel`: a Snowball stemmer from PyStemmer where
Snowball has one (about 30 languages) and a stop-word list from stopwordsiso where it
has one (57 languages). Every other language takes the language-neutral path: words
are compared unstemmed and none is set aside; the tf-isf weights then discount words
by how often they occur, which is what a stop list approximates.

>>> detect_language("The council said on Monday that it would close the old bridge.")
'en'
>>> word_model("de").stem("häuser"), word_model("zh").stemmer is None
('haus', True)
"""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import regex
import Stemmer

from textreuse.text.characters import CharacterTable
from textreuse.text.language_model import load_language_identifier
from textreuse.text.normalize import normalize_word
from textreuse.text.stopwords import ENGLISH_STOPWORDS

# ISO 639-1 codes of the Snowball stemmers PyStemmer ships.
SNOWBALL = {
    "ar": "arabic",
    "ca": "catalan",
    "cs": "czech",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "eo": "esperanto",
    "es": "spanish",
    "et": "estonian",
    "eu": "basque",
    "fa": "persian",
    "fi": "finnish",
    "fr": "french",
    "ga": "irish",
    "hi": "hindi",
    "hu": "hungarian",
    "hy": "armenian",
    "id": "indonesian",
    "it": "italian",
    "lt": "lithuanian",
    "ms": "indonesian",  # Malay and Indonesian share their morphology
    "nb": "norwegian",
    "ne": "nepali",
    "nl": "dutch",
    "nn": "norwegian",
    "no": "norwegian",
    "pl": "polish",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sr": "serbian",
    "st": "sesotho",
    "sv": "swedish",
    "ta": "tamil",
    "tr": "turkish",
    "yi": "yiddish",
}
ENGLISH = "en"
# Text whose first words are at least this share English function words is English:
# English prose runs at 40-50%, other languages' text at under 15%.
_ENGLISH_SHARE = 0.3
_SAMPLE_WORDS = 200
# The model reads UTF-8 bytes, about 0.2 microseconds each: a few sentences' worth tells
# a language, as many bytes in every script (two a letter in Arabic or Cyrillic, three
# in Devanagari). On 2,000 windows of historical OCR text in 9 languages, 320 bytes
# told as many right as 480 (one fewer), in two thirds of the time.
_SAMPLE_CHARS = 400
_SAMPLE_BYTES = 320
# Scripts that one language writes (as far as stemming and function words go) need no
# model; kana before Han, so that Japanese is not taken for Chinese.
_SCRIPT_LANGUAGES = (
    (regex.compile(r"[\p{Hiragana}\p{Katakana}]", regex.V1), "ja"),
    (regex.compile(r"\p{Hangul}", regex.V1), "ko"),
    (regex.compile(r"\p{Thai}", regex.V1), "th"),
    (regex.compile(r"\p{Greek}", regex.V1), "el"),
    (regex.compile(r"\p{Hebrew}", regex.V1), "he"),
    (regex.compile(r"\p{Han}", regex.V1), "zh"),
)
# Scripts that several languages write: text mostly in one is told apart only among the
# languages of the model that write it (or ever did), which halves the model's work and
# keeps a few foreign words from pulling it into another script's language. Lists err
# on the side of more languages: one missing here could never be the answer.
_SCRIPT_GROUPS = (
    (
        regex.compile(r"\p{Arabic}", regex.V1),
        "arabic",
        # Arabic and its dialects, Persian, Urdu, Pashto, Kurdish, Uyghur, Southern
        # Uzbek, and those also written in it: Azerbaijani, Kazakh, Kyrgyz, Punjabi
        # (Shahmukhi), Malay (Jawi), Hausa (Ajami), Tatar.
        (
            "ar",
            "ary",
            "arz",
            "fa",
            "ur",
            "ps",
            "ku",
            "sdh",
            "ug",
            "uzs",
            "az",
            "kk",
            "ky",
            "pa",
            "ms",
            "ha",
            "tt",
        ),
    ),
    (
        regex.compile(r"\p{Cyrillic}", regex.V1),
        "cyrillic",
        (
            "ru",
            "uk",
            "be",
            "bg",
            "mk",
            "sr",
            "bs",
            "kk",
            "ky",
            "mn",
            "tg",
            "tt",
            "ba",
            "uz",
            "az",
            "tk",
            "crh",
        ),
    ),
    (
        regex.compile(r"\p{Devanagari}", regex.V1),
        "devanagari",
        ("hi", "mr", "ne", "sa", "gom"),
    ),
    (regex.compile(r"\p{Bengali}", regex.V1), "bengali", ("bn", "as")),
)
_LETTER = regex.compile(r"\p{L}", regex.V1)
_KANA_SHARE = 0.1


@dataclass(frozen=True)
class WordModel:
    """How the words of one language are compared: its stemmer and its function words."""

    language: str
    stopwords: frozenset[str]
    stemmer: Callable[[str], str] | None

    def stem(self, norm: str) -> str:
        """The stem of a normalised word (the word itself without a stemmer)."""
        return norm if self.stemmer is None else self.stemmer(norm)


def detect_language(text: str, words: Sequence[str] | None = None) -> str:
    """The ISO 639-1 code of the language ``text`` is written in.

    ``words`` (in order) lets a caller that has tokenized the text already spare the
    English check a second pass.
    """
    sample = words[:_SAMPLE_WORDS] if words is not None else text[:_SAMPLE_CHARS].split()
    if sample:
        english = sum(map(ENGLISH_STOPWORDS.__contains__, map(str.lower, sample)))
        if english >= _ENGLISH_SHARE * len(sample):
            return ENGLISH
    # The script is read from the sample the model would read.
    sample_bytes = text[:_SAMPLE_CHARS].encode("utf-8", "replace")[:_SAMPLE_BYTES]
    sample_text = sample_bytes.decode("utf-8", "ignore")
    script = _main_script(sample_text)
    if script in _LANGUAGE_OF_SCRIPT:
        return _LANGUAGE_OF_SCRIPT[script]
    return _identified(sample_text, script)


_LANGUAGE_OF_SCRIPT = {language: language for _, language in _SCRIPT_LANGUAGES}


@lru_cache(maxsize=1 << 12)
def _identified(sample: str, script: str | None) -> str:
    """py3langid's language of a sample, among those that write ``script`` where it is
    one of :data:`_SCRIPT_GROUPS`; remembered, since a document is read again when it
    is aligned after being fingerprinted (an archive's add, then its query)."""
    code, _ = _identifier(script).classify(sample)
    return str(code)


def load_identifier() -> None:
    """Load the language identifier's model now instead of on first use: a server's
    workers fork from a process that loaded it, so that a new one answers its first
    request within the time limit."""
    _identifier(None)


@cache
def _identifier(script: str | None) -> Any:
    """py3langid's identifier, restricted to the languages of a script group where
    ``script`` names one; the model loads on first use (see
    :mod:`~textreuse.text.language_model`) and is shared by all."""
    languages = next((group for _, name, group in _SCRIPT_GROUPS if name == script), None)
    if languages is None:
        return load_language_identifier()
    full = _identifier(None)
    restricted = copy.copy(full)
    restricted.set_languages(sorted(set(languages) & set(full.nb_classes)))
    return restricted


def _main_script(sample: str) -> str | None:
    """The script of :data:`_SCRIPT_LANGUAGES` or :data:`_SCRIPT_GROUPS` that writes most
    of the sample's letters (its language's code or the group's name); None where none
    writes most. Kana and Han together count as Japanese where kana are at least
    :data:`_KANA_SHARE` of them: Japanese prose is mostly kana, and even a kanji-heavy
    headline keeps its kana particles, while Chinese writes none. Each distinct
    character is classed once, so a sample costs one count of its characters."""
    if sample.isascii():
        return None
    letters = 0
    by_script: Counter[str | None] = Counter()
    counts = Counter(sample)
    for (is_letter, script), count in zip(
        map(_SCRIPT_OF.__getitem__, counts), counts.values(), strict=True
    ):
        letters += count if is_letter else 0
        by_script[script] += count
    kana, han = by_script["ja"], by_script["zh"]
    if (kana + han) * 2 > letters and kana >= _KANA_SHARE * (kana + han):
        return "ja"
    for script in (*_LANGUAGE_OF_SCRIPT, *(name for _, name, _ in _SCRIPT_GROUPS)):
        if by_script[script] * 2 > letters:
            return script
    return None


def _letter_and_script(char: str) -> tuple[bool, str | None]:
    """Whether a character is a letter, and the script named here that it is in."""
    named = (*_SCRIPT_LANGUAGES, *((pattern, name) for pattern, name, _ in _SCRIPT_GROUPS))
    script = next((name for pattern, name in named if pattern.match(char)), None)
    return _LETTER.match(char) is not None, script


_SCRIPT_OF = CharacterTable(_letter_and_script)


@cache
def word_model(language: str) -> WordModel:
    """The stemmer and stop words of ``language`` (an ISO 639-1 code), cached."""
    stopwords = ENGLISH_STOPWORDS if language == ENGLISH else _stopwords_iso(language)
    algorithm = SNOWBALL.get(language)
    stemmer = Stemmer.Stemmer(algorithm).stemWord if algorithm else None
    return WordModel(language=language, stopwords=stopwords, stemmer=stemmer)


def _stopwords_iso(language: str) -> frozenset[str]:
    import stopwordsiso

    if not stopwordsiso.has_lang(language):
        return frozenset()
    return frozenset(normalize_word(word) for word in stopwordsiso.stopwords(language))
