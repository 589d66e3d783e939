from textreuse.fingerprint import HashArray
from textreuse.text.tokens import IntArray

def letter_gram_hashes(sentences: list[str], size: int) -> tuple[HashArray, IntArray]: ...
