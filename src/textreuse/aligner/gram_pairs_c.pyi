from textreuse.fingerprint import HashArray
from textreuse.text.tokens import IntArray

def shared_gram_pairs(
    grams_d: HashArray,
    sent_d: IntArray,
    grams_s: HashArray,
    sent_s: IntArray,
    most: int,
    n: int,
) -> IntArray: ...
