"""The text model for every script: words with original offsets, their comparison
forms and stems in the text's language, and sentences made of them.

Pure functions of a string; everything above (fingerprints, the aligner, the
archive) reads text only through these.
"""

from textreuse.text.languages import detect_language, word_model
from textreuse.text.normalize import normalize_word
from textreuse.text.scripts import latin_equivalent
from textreuse.text.sentences import Sentences, sentence_texts, split_sentences
from textreuse.text.tokens import Tokens, content_stem, tokenize

__all__ = [
    "Sentences",
    "Tokens",
    "content_stem",
    "detect_language",
    "latin_equivalent",
    "normalize_word",
    "sentence_texts",
    "split_sentences",
    "tokenize",
    "word_model",
]
