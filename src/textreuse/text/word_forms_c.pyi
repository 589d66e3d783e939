from collections.abc import Sequence

from textreuse.text.word_forms_py import Forms, HashArray, IntArray

def known_forms(
    words: Sequence[str], forms: Forms
) -> tuple[list[str], list[str | None], IntArray, HashArray]: ...
