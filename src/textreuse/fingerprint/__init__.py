"""Fingerprints of content-word n-grams, as the archive stores and scan pairs them.

:mod:`~textreuse.fingerprint.hashing` hashes and winnows (numpy, the text package);
:mod:`~textreuse.fingerprint.settings` holds :class:`FingerprintSettings` alone, so
that reading the settings loads neither. Each name loads its module on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textreuse.lazy import lazy_names

if TYPE_CHECKING:
    from textreuse.fingerprint.hashing import (
        NGRAM_SEED,
        FingerprintArray,
        HashArray,
        PositionArray,
        content_ngram_hashes,
        document_fingerprints,
        fold_ngrams,
        located_fingerprints,
        ngram_hashes,
        stable_hash64,
        winnow,
    )
    from textreuse.fingerprint.settings import FingerprintSettings

__all__ = [
    "NGRAM_SEED",
    "FingerprintArray",
    "FingerprintSettings",
    "HashArray",
    "PositionArray",
    "content_ngram_hashes",
    "document_fingerprints",
    "fold_ngrams",
    "located_fingerprints",
    "ngram_hashes",
    "stable_hash64",
    "winnow",
]

_HASHING = "textreuse.fingerprint.hashing"
__getattr__, __dir__ = lazy_names(
    __name__,
    {name: _HASHING for name in __all__ if name != "FingerprintSettings"}
    | {"FingerprintSettings": "textreuse.fingerprint.settings"},
    __all__,
)
