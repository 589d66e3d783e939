"""Fetch a document given as an ``http://`` or ``https://`` address.

Downloads go through trafilatura's fetcher (urllib3 underneath) with a timeout, a
size limit that stops the download as soon as it is passed, and no fall-back to
unverified TLS. trafilatura logs a failure instead of raising it, so the reason is
read from its log and turned into one line naming the address.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from textreuse.errors import InputError

DEFAULT_TIMEOUT_SECONDS = 20
_SCHEMES = ("http://", "https://")
# What a failure's log message says, in urllib3's words, and what a person should read.
_REASONS = (
    (("exceeds MAX_FILE_SIZE",), "larger than the {limit} limit; raise --max-bytes"),
    (
        ("NameResolutionError", "Name or service not known", "Temporary failure in name"),
        "the host name does not resolve (offline, or a mistyped address?)",
    ),
    (("Connection refused", "ConnectionRefused"), "the connection was refused"),
    (("timed out", "Timeout"), "no answer within {timeout} s"),
    (("SSLError", "CERTIFICATE"), "its TLS certificate could not be verified"),
    (("Network is unreachable", "NewConnectionError"), "no network route to it (offline?)"),
    (("too many redirects", "redirect"), "too many redirects"),
)


@dataclass(frozen=True, slots=True)
class Download:
    """What a fetch brought back: the bytes, the address they came from at the end of
    any redirects, and the media type the server named (``text/html``), if any."""

    data: bytes
    url: str
    media_type: str | None


def is_web_address(name: str) -> bool:
    """Whether a document argument is an address to fetch rather than a path."""
    return name.lower().startswith(_SCHEMES)


def fetch(url: str, *, max_bytes: int, timeout: int = DEFAULT_TIMEOUT_SECONDS) -> Download:
    """Download ``url`` whole, refusing answers that fail, are errors or are too big.

    Raises:
        InputError: the address could not be fetched, answered with an HTTP error, or
            sent more than ``max_bytes``; the message names the address and the reason.
    """
    from trafilatura.downloads import fetch_response  # slow to import; only URLs need it
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "DOWNLOAD_TIMEOUT", str(timeout))
    config.set("DEFAULT", "MAX_FILE_SIZE", str(max_bytes))
    config.set("DEFAULT", "INSECURE_SSL_FALLBACK", "false")
    # The address is the user's own choice, as with curl: intranet and loopback pages
    # are theirs to read. A service that fetched addresses its clients send would need
    # this protection on.
    config.set("DEFAULT", "SSRF_PROTECTION", "off")
    failures = _FailureLog()
    logger = logging.getLogger("trafilatura.downloads")
    logger.addHandler(failures)
    try:
        response = fetch_response(url, decode=False, config=config)
    finally:
        logger.removeHandler(failures)
    if response is None:
        reason = _reason(" ".join(failures.messages), max_bytes, timeout)
        msg = f"{url}: could not be fetched: {reason}"
        raise InputError(msg)
    if response.status >= 400:
        msg = f"{url}: the server answered HTTP {response.status}"
        raise InputError(msg)
    content_type = (response.headers or {}).get("content-type")
    media_type = content_type.split(";")[0].strip().lower() if content_type else None
    return Download(
        data=bytes(response.data or b""), url=response.url or url, media_type=media_type
    )


class _FailureLog(logging.Handler):
    """Keeps the messages trafilatura logs while one fetch runs."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _reason(logged: str, max_bytes: int, timeout: int) -> str:
    """A short reason for a failed fetch, from what was logged about it."""
    for needles, reason in _REASONS:
        if any(needle.lower() in logged.lower() for needle in needles):
            return reason.format(limit=f"{max_bytes:,}-byte", timeout=timeout)
    return logged.rsplit(":", 1)[-1].strip() or "no answer"
