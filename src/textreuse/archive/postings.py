"""What a query needs of an archive: a small protocol, so that querying does not depend
on how (or where) the archive is stored."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from textreuse.fingerprint import FingerprintSettings
from textreuse.model import Record


class Postings(Protocol):
    """Documents indexed by fingerprint: :class:`textreuse.archive.Archive` is one."""

    @property
    def fingerprint_settings(self) -> FingerprintSettings:
        """How the stored documents were fingerprinted."""
        ...

    def __len__(self) -> int:
        """How many documents are stored."""
        ...

    def postings(self, fingerprint: int, limit: int) -> list[int]:
        """Keys of up to ``limit`` documents holding ``fingerprint`` (a signed 64-bit hash)."""
        ...

    def records(self, keys: Iterable[int]) -> dict[int, Record]:
        """Stored documents by key, as :meth:`postings` gives them."""
        ...
