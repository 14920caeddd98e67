"""Bounds on one document's cost: a wall-clock limit and a memory limit, each ending with its own code.

The time limit is a real-time interval timer (SIGALRM) whose handler raises inside the running document, so it
stops any Python-level work — PDF parsing, the scanners, a runaway loop — and the next document starts clean.
It applies in the main thread of a process (the CLI, a job's worker); elsewhere it is not armed. The memory
limit caps a job worker's address space (RLIMIT_AS): an allocation past it raises MemoryError there, and a
worker that dies instead is replaced by the job.
"""

from __future__ import annotations

import contextlib
import resource
import signal
import threading
from collections.abc import Iterator
from types import FrameType

from .errors import ZhenggaiError


class DocumentTimeout(BaseException):
    """Raised inside a document's work when its time is up."""


def _expire(signum: int, frame: FrameType | None) -> None:
    raise DocumentTimeout


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise ZhenggaiError(code="timeout") if the body runs longer than ``seconds`` (0: no limit)."""
    armed = seconds > 0 and threading.current_thread() is threading.main_thread()
    if not armed:
        yield
        return
    previous = signal.signal(signal.SIGALRM, _expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except DocumentTimeout:
        raise ZhenggaiError(f"took longer than {seconds:g} s (--time-limit)", code="timeout") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def limit_memory(megabytes: int) -> None:
    """Cap this process's address space (a job worker's, never the CLI's own)."""
    if megabytes > 0:
        cap = megabytes * 1024 * 1024
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        resource.setrlimit(resource.RLIMIT_AS, (cap if hard == resource.RLIM_INFINITY else min(cap, hard), hard))
