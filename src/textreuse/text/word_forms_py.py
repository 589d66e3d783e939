"""Each word's remembered forms, in Python: the reference that the compiled kernel
(``word_forms_c``) must equal, and the fallback where it was not built.

``forms`` maps a word to its normalised form and its content stem (None for a
function word); every word asked for must be in it.

>>> norms, stems, content = known_forms(("The", "Bridge"), {"The": ("the", None),
...                                                        "Bridge": ("bridge", "bridg")})
>>> norms, stems, content.tolist()
(['the', 'bridge'], [None, 'bridg'], [1])
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]
Forms = dict[str, tuple[str, str | None]]


def known_forms(words: Sequence[str], forms: Forms) -> tuple[list[str], list[str | None], IntArray]:
    """Each word's normalised form and stem, and the positions of the words that have a
    stem (the content words). Raises KeyError for a word ``forms`` lacks."""
    found = [forms[word] for word in words]
    stems = [stem for _, stem in found]
    content = [k for k, stem in enumerate(stems) if stem is not None]
    return [norm for norm, _ in found], stems, np.array(content, dtype=np.int64)
