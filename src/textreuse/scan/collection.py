"""A scan's documents held compactly, so that the processes of a local scan share them.

A million news documents are gigabytes of text. Held as a million ``str`` objects,
each pool worker (forked from the process that read them) soon holds its own copy:
reading an object writes its reference count, and the page it sits on is copied.
Here all the texts are one UTF-8 buffer that no process writes, and a document's
text is decoded when it is asked for.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import pairwise
from typing import overload

import numpy as np

from textreuse.errors import CorpusError
from textreuse.model import Record
from textreuse.text.tokens import IntArray

# Lone surrogates (which JSON can spell) survive the round trip through UTF-8.
_ERRORS = "surrogatepass"


def refuse_duplicate_ids(sorted_ids: Iterable[str]) -> None:
    """Raise :class:`CorpusError` where two of the ids (in sorted order) are the same:
    which document would be meant?"""
    for before, after in pairwise(sorted_ids):
        if before == after:
            msg = f"two documents have the id {after!r}; ids must be unique in a scan"
            raise CorpusError(msg)


class Collection(Sequence[Record]):
    """The documents of a scan sorted by id, each one's id, date and text (the fields a
    scan reads); ``collection[n]`` is document ``n`` as a :class:`Record`."""

    def __init__(
        self, ids: list[str], dates: list[str | None], texts: bytearray, bounds: IntArray
    ) -> None:
        """``texts`` holds every text (UTF-8, never written once made); document ``n``'s
        is ``texts[bounds[2 * n] : bounds[2 * n + 1]]``."""
        self.ids, self.dates = ids, dates
        self._texts, self._bounds = texts, bounds

    @classmethod
    def of(cls, records: Iterable[Record]) -> Collection:
        """The records, read once (each text is encoded as it arrives and then let go).

        Raises:
            CorpusError: two records have the same id.
        """
        ids: list[str] = []
        dates: list[str | None] = []
        texts = bytearray()
        starts = [0]
        for record in records:
            ids.append(record.id)
            dates.append(record.date)
            texts += record.text.encode("utf-8", _ERRORS)
            starts.append(len(texts))
        bounds = np.asarray(starts, dtype=np.int64)
        order = sorted(range(len(ids)), key=ids.__getitem__)
        sorted_ids = [ids[k] for k in order]
        refuse_duplicate_ids(sorted_ids)
        # The buffer stays in reading order; the bounds follow the sorted documents.
        index = np.asarray(order, dtype=np.int64)
        sorted_bounds = np.stack([bounds[index], bounds[index + 1]], axis=1).ravel()
        # Kept as read, not copied into bytes: at a million documents a copy is gigabytes.
        return cls(sorted_ids, [dates[k] for k in order], texts, sorted_bounds)

    def text(self, number: int) -> str:
        """Document ``number``'s text, exactly as it was given."""
        start, end = self._bounds[2 * number], self._bounds[2 * number + 1]
        return str(memoryview(self._texts)[start:end], "utf-8", _ERRORS)

    def __len__(self) -> int:
        return len(self.ids)

    @overload
    def __getitem__(self, number: int) -> Record: ...

    @overload
    def __getitem__(self, number: slice) -> Sequence[Record]: ...

    def __getitem__(self, number: int | slice) -> Record | Sequence[Record]:
        if isinstance(number, slice):
            return [self[k] for k in range(*number.indices(len(self)))]
        if not -len(self) <= number < len(self):
            raise IndexError(number)
        number %= len(self)
        return Record(id=self.ids[number], text=self.text(number), date=self.dates[number])

    def __iter__(self) -> Iterator[Record]:
        return (self[k] for k in range(len(self)))
