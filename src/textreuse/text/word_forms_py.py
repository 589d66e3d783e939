"""Each word's remembered forms, in Python: the reference that the compiled kernel
(``word_forms_c``) must equal, and the fallback where it was not built.

``forms`` maps a word to its normalised form, its content stem (None for a function
word) and the stem's stable hash (0 for a function word); every word asked for must
be in it.

>>> forms = {"The": ("the", None, 0), "Bridge": ("bridge", "bridg", 7)}
>>> norms, stems, content, hashes = known_forms(("The", "Bridge"), forms)
>>> norms, stems, content.tolist(), hashes.tolist()
(['the', 'bridge'], [None, 'bridg'], [1], [7])
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from textreuse.text.stable_hashes import HashArray

IntArray = npt.NDArray[np.int64]
Forms = dict[str, tuple[str, str | None, int]]


def known_forms(
    words: Sequence[str], forms: Forms
) -> tuple[list[str], list[str | None], IntArray, HashArray]:
    """Each word's normalised form and stem, the positions of the words that have a
    stem (the content words) and their stems' hashes. Raises KeyError for a word
    ``forms`` lacks."""
    found = [forms[word] for word in words]
    stems = [stem for _, stem, _ in found]
    content = [k for k, stem in enumerate(stems) if stem is not None]
    return (
        [norm for norm, _, _ in found],
        stems,
        np.array(content, dtype=np.int64),
        np.array([found[k][2] for k in content], dtype=np.uint64),
    )
