"""What one request to the web service may ask of the server.

Kept apart from :mod:`textreuse.service.app` so that the command line can show the
defaults without importing FastAPI, an optional extra.
"""

from __future__ import annotations

from dataclasses import dataclass

from textreuse.config import require_count, require_number

# The names a browser uses for this machine: the default allowed Host headers.
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]", "::1")


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds on one request: body size, text length, batch size and working time."""

    max_body_bytes: int = 8 * 1024 * 1024
    max_text_chars: int = 1_000_000
    max_documents: int = 1000
    timeout_seconds: float = 30.0
    # Worker processes that align (each request's work runs in one, killed at the
    # timeout): requests beyond this many wait for one to be free.
    workers: int = 2

    def __post_init__(self) -> None:
        require_count("Limits", "max_body_bytes", self.max_body_bytes, minimum=1)
        require_count("Limits", "max_text_chars", self.max_text_chars, minimum=1)
        require_count("Limits", "max_documents", self.max_documents, minimum=1)
        require_number("Limits", "timeout_seconds", self.timeout_seconds, minimum=0.001)
        require_count("Limits", "workers", self.workers, minimum=1)
