"""How documents are fingerprinted: a light module, so that the settings (and the
command line's defaults) load without numpy and the text package."""

from __future__ import annotations

from dataclasses import dataclass

from textreuse.config import require_count


@dataclass(frozen=True, slots=True)
class FingerprintSettings:
    """How documents are fingerprinted; fixed for an archive when it is created.

    ``ngram`` content-word stems make one hash; of every ``window`` consecutive
    hashes the smallest is kept, so any run of ``ngram + window - 1`` content words
    that a document shares with an archived one is guaranteed to be found.
    """

    ngram: int = 3
    window: int = 4

    def __post_init__(self) -> None:
        require_count("FingerprintSettings", "ngram", self.ngram, minimum=1)
        require_count("FingerprintSettings", "window", self.window, minimum=1)
