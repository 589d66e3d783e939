"""The HTTP server under the service: uvicorn, with a deadline for reading requests.

uvicorn waits as long as a client likes for the rest of a request's headers or body,
so a few slow clients (half-sent headers, a body that trickles) can hold every
connection the server has. :func:`deadline_protocol` gives each request a time to
arrive whole, from its first byte (or from the connection's opening); past it the
client is answered 408 and the connection is closed.
"""

from __future__ import annotations

import asyncio
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

_TIMEOUT_BODY = b'{"detail": "the request did not arrive in time"}'
_TIMED_OUT = (
    b"HTTP/1.1 408 Request Timeout\r\ncontent-type: application/json\r\nconnection: close\r\n"
    + b"content-length: %d\r\n\r\n" % len(_TIMEOUT_BODY)
    + _TIMEOUT_BODY
)
# h11 states in which the client has finished sending (or can send no more).
_RECEIVED = (h11.DONE, h11.MUST_CLOSE, h11.CLOSED, h11.ERROR)


def deadline_protocol(read_timeout: float) -> type[H11Protocol]:
    """uvicorn's HTTP/1.1 protocol, with ``read_timeout`` seconds for each request to
    arrive whole (headers and body)."""

    class DeadlineProtocol(H11Protocol):
        _deadline: asyncio.TimerHandle | None = None

        def connection_made(self, transport: Any) -> None:
            super().connection_made(transport)
            self._arm()

        def data_received(self, data: bytes) -> None:
            super().data_received(data)
            if self.conn.their_state in _RECEIVED:
                self._disarm()
            elif self._deadline is None:  # the next request on a kept-alive connection
                self._arm()

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            super().connection_lost(exc)

        def _arm(self) -> None:
            self._deadline = self.loop.call_later(read_timeout, self._expired)

        def _disarm(self) -> None:
            if self._deadline is not None:
                self._deadline.cancel()
                self._deadline = None

        def _expired(self) -> None:
            self._deadline = None
            if self.transport.is_closing():
                return
            if self.cycle is None or not self.cycle.response_started:
                self.transport.write(_TIMED_OUT)  # else an answer is on its way already
            self.transport.close()

    return DeadlineProtocol
