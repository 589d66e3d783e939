"""The installed distribution's version, read once from its metadata."""

from importlib.metadata import version

__version__ = version("textreuse")
