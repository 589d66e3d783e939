"""Which language a text is in, and what comparing words of that language needs.

A document's language is identified with py3langid (a model shipped in its package,
97 languages), except that text whose words are mostly English function words is
taken as English without running the model, which keeps English, the common case,
as fast as before. ``language=`` overrides detection everywhere.

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

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

import Stemmer

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
_SAMPLE_CHARS = 1000


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
    import py3langid  # loads its model on first use (about half a second)

    code, _ = py3langid.classify(text[:_SAMPLE_CHARS])
    return str(code)


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
