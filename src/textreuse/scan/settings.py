"""How a collection is scanned: one frozen object, every field checked when it is made."""

from __future__ import annotations

from dataclasses import dataclass, field

from textreuse.aligner import AlignSettings
from textreuse.config import require_count, require_type
from textreuse.fingerprint import FingerprintSettings

# The Spark driver's memory where none is given (the Spark engine's own setting; here so
# that the command line can show it without loading the engines).
DEFAULT_DRIVER_MEMORY = "4g"


@dataclass(frozen=True, slots=True)
class ScanSettings:
    """How a collection is scanned; the defaults suit news and web text.

    Pairs sharing fewer than ``dense_shared`` fingerprints are aligned only when those
    lie at least ``min_fingerprint_spread`` content words apart on both sides: a few
    overlapping n-grams of one stock phrase are not a passage. With ``include_text``,
    each passage pair also carries the text of both its sides (``a_text``, ``b_text``).
    """

    fingerprints: FingerprintSettings = field(default_factory=FingerprintSettings)
    max_document_frequency: int = 100
    min_shared_fingerprints: int = 2
    dense_shared: int = 4
    min_fingerprint_spread: int = 3
    align: AlignSettings = field(default_factory=AlignSettings)
    include_text: bool = False

    def __post_init__(self) -> None:
        owner = "ScanSettings"
        require_type(owner, "fingerprints", self.fingerprints, FingerprintSettings)
        require_count(owner, "max_document_frequency", self.max_document_frequency, minimum=2)
        require_count(owner, "min_shared_fingerprints", self.min_shared_fingerprints, minimum=1)
        require_count(owner, "dense_shared", self.dense_shared, minimum=1)
        require_count(owner, "min_fingerprint_spread", self.min_fingerprint_spread, minimum=0)
        require_type(owner, "align", self.align, AlignSettings)
        require_type(owner, "include_text", self.include_text, bool)
