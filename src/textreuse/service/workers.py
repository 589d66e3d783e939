"""Worker processes with a hard deadline, so that no request can outlive its time limit.

A thread cannot be stopped: work that ran past ``--timeout`` used to go on computing
(and committing) after the client was told 408. Here each task runs in a worker
process of a small pool; when the deadline passes, that worker is killed, which stops
the work and rolls back whatever transaction it had open, and a fresh worker takes
its place. The event loop only waits on a pipe, so ``/health`` and every other
request stay responsive whatever one request asks for.

Workers come from a fork server that has imported textreuse once, so a new worker
starts in milliseconds and shares nothing with the server's threads.
"""

from __future__ import annotations

import asyncio
import multiprocessing
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.context import ForkServerContext
from multiprocessing.process import BaseProcess
from typing import Any, TypeVar

from textreuse.errors import TextReuseError

T = TypeVar("T")

# Imported once by the fork server, so that each worker starts with it all loaded.
_PRELOAD = ["textreuse.service.preloaded"]


class WorkerCrashed(RuntimeError):
    """A worker process died before it answered (killed for memory, say)."""


@dataclass
class _Worker:
    process: BaseProcess
    connection: Connection

    def stop(self) -> None:
        """Kill the process at once, whatever it is doing. The pipe is left to the thread
        that may still be reading it (it reads the end of the pipe and lets go), so that
        its descriptor cannot be handed to a new worker while that thread reads."""
        self.process.kill()
        self.process.join(timeout=5)


class WorkerPool:
    """``size`` worker processes; :meth:`run` gives a task to an idle one."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._context: ForkServerContext | None = None
        self._idle: asyncio.Queue[_Worker] | None = None

    async def run(self, task: Callable[[], T], timeout: float) -> T:
        """The result of ``task()`` (a picklable callable) run in a worker.

        Raises:
            TimeoutError: it ran past ``timeout`` seconds; the worker was killed.
            TextReuseError: the task raised one (the same class, the same message).
            WorkerCrashed: the worker died without answering.
        """
        idle = self._started()
        worker = await idle.get()
        try:
            worker.connection.send(task)
            status, value = await asyncio.wait_for(
                asyncio.to_thread(_receive, worker.connection), timeout
            )
        except BaseException:
            # Past its deadline, dead, or its request cancelled: the worker may still be
            # working, and must not answer the next task with this one's result.
            worker.stop()
            worker = self._start_worker()
            raise
        finally:
            idle.put_nowait(worker)
        if status == "error":
            raise value
        return value  # type: ignore[no-any-return]

    def start(self) -> None:
        """Start the fork server and the workers now, not on the first task: the fork
        server imports textreuse and loads the language model (a second or more on a
        busy machine), and a first task would hold up the event loop meanwhile."""
        self._started()

    def close(self) -> None:
        """Stop every idle worker."""
        while self._idle is not None and not self._idle.empty():
            worker = self._idle.get_nowait()
            worker.stop()
            worker.connection.close()

    def _started(self) -> asyncio.Queue[_Worker]:
        if self._idle is None:
            self._context = multiprocessing.get_context("forkserver")
            self._context.set_forkserver_preload(_PRELOAD)
            self._idle = asyncio.Queue()
            for _ in range(self.size):
                self._idle.put_nowait(self._start_worker())
        return self._idle

    def _start_worker(self) -> _Worker:
        assert self._context is not None
        ours, theirs = self._context.Pipe()
        process = self._context.Process(target=_serve, args=(theirs,), daemon=True)
        process.start()
        theirs.close()
        return _Worker(process, ours)


def _receive(connection: Connection) -> tuple[str, Any]:
    try:
        answer: tuple[str, Any] = connection.recv()
    except (EOFError, OSError):
        msg = "the worker process died before it answered (out of memory?)"
        raise WorkerCrashed(msg) from None
    return answer


def _serve(connection: Connection) -> None:
    """A worker's loop: run each task it is sent and send back its result or error."""
    while True:
        try:
            task = connection.recv()
        except EOFError:  # the server closed the pipe: stop
            return
        try:
            answer: tuple[str, Any] = ("ok", task())
        except TextReuseError as error:
            answer = ("error", error)
        except Exception as error:  # anything else is the server's fault: say what
            answer = ("error", RuntimeError(f"{type(error).__name__}: {error}"))
        connection.send(answer)
