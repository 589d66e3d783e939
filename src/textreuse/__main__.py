"""``python -m textreuse``: the same command line as ``textreuse``."""

from textreuse.cli import main

main()
