from textreuse.text.word_spans_py import IntArray

def word_spans(
    text: str, parts: str = "", formats: str = ""
) -> tuple[IntArray, IntArray, tuple[str, ...]]: ...
