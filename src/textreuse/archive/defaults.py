"""The archive's default sizes, in a module of their own so that the command line and
the service can show them without loading the store or the aligner."""

from __future__ import annotations

DEFAULT_TOP = 10
"""Sources a query reports."""
DEFAULT_CANDIDATES = 10
"""Candidates a query aligns."""
DEFAULT_BATCH_SIZE = 500
"""Documents ``index add`` writes per transaction."""
