"""What one request to the web service may ask of the server.

Kept apart from :mod:`textreuse.service` so that the command line can show the
defaults without importing FastAPI, an optional extra.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds on one request: body size, text length, batch size and working time."""

    max_body_bytes: int = 8 * 1024 * 1024
    max_text_chars: int = 1_000_000
    max_documents: int = 1000
    timeout_seconds: float = 30.0
