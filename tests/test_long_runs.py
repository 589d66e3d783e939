"""Runs of one character cost their length, not its square (they froze the server).

Before, the tokenizer's gap pattern and the sentence-end pattern tried every start in a
run of non-word characters or of ! . ?: 60,000 trailing spaces took a minute, and
"Wow" plus 40,000 "!" 41 seconds. Each case here runs in a child process with a bound
that only a hang can reach.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

SENTENCES = "The council met on Monday. It voted to close the bridge. Repairs start in May. "


@pytest.mark.parametrize(
    "tail",
    ["' ' * 60_000", "'.' * 40_000", "'!' * 40_000", "'?!.' * 15_000", "'\\u3002' * 40_000"],
)
def test_a_long_run_of_one_character_does_not_hang(tail: str) -> None:
    program = (
        "from textreuse import compare\n"
        f"text = {SENTENCES * 5!r} + 'Wow' + {tail}\n"
        "report = compare(text, text)\n"
        "assert report.passages\n"
    )
    subprocess.run([sys.executable, "-c", program], check=True, timeout=60)
