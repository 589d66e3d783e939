"""The ``textreuse`` command line: :mod:`~textreuse.cli.commands` over the output
formats and destinations of :mod:`~textreuse.cli.output`."""

from textreuse.cli.commands import main

__all__ = ["main"]
