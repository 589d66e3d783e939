"""The text model: word tokens with original offsets, and sentences made of them.

Pure functions of a string; everything above (fingerprints, the aligner, the
archive) reads text only through these.
"""

from textreuse.text.sentences import Sentences, sentence_texts, split_sentences
from textreuse.text.tokens import Tokens, content_stem, normalize_word, tokenize

__all__ = [
    "Sentences",
    "Tokens",
    "content_stem",
    "normalize_word",
    "sentence_texts",
    "split_sentences",
    "tokenize",
]
