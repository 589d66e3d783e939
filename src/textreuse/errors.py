"""Errors raised by textreuse.

Every error the library raises on purpose derives from one base, so callers (the
CLI, the web service) can catch it and show its message without a traceback::

    TextReuseError
    ├── InputError (ValueError)          a document cannot be read or is not text
    ├── CorpusError (ValueError)         a collection or corpus is missing parts or malformed
    ├── ConfigError (ValueError)         a setting is out of its allowed range
    ├── ArchiveError (OSError)           an archive cannot be read or written (damaged,
    │                                    read-only, disk full)
    └── SemanticUnavailable (ImportError) semantic alignment without its optional extra
"""

from __future__ import annotations


class TextReuseError(Exception):
    """Base of every error textreuse raises on purpose."""


class InputError(TextReuseError, ValueError):
    """A document could not be read as text: missing, empty, binary, badly encoded, too big."""


class CorpusError(TextReuseError, ValueError):
    """A corpus folder does not follow the expected layout or holds malformed files."""


class ConfigError(TextReuseError, ValueError):
    """A setting has a value it cannot take; the message names the field, the value and
    what is allowed."""


class ArchiveError(TextReuseError, OSError):
    """An archive could not be read or written: its file is damaged, read-only, or the
    disk is full. The message names the file; what was committed before stays."""


class SemanticUnavailable(TextReuseError, ImportError):
    """Semantic alignment was asked for but its optional dependencies are not installed."""
