"""Bounds on one document's cost: a wall-clock limit and a memory limit, each ending with its own code.

The time limit raises inside the running document, so it stops any Python-level work — PDF parsing, the
scanners, a runaway loop — and the next document starts clean: in a process's main thread (the CLI, a job's
worker) by a real-time interval timer (SIGALRM); in another thread (a Dask worker's) by a timer thread that
raises the exception asynchronously in it. The memory
limit caps a job worker's address space (RLIMIT_AS): an allocation past it raises MemoryError there, and a
worker that dies instead is replaced by the job.
"""

from __future__ import annotations

import contextlib
import ctypes
import resource
import signal
import threading
from collections.abc import Iterator
from types import FrameType

from .errors import ZhenggaiError


class DocumentTimeout(BaseException):
    """Raised inside a document's work when its time is up."""


_ARMED = threading.local()  # whether this thread's body is still running: an alarm after it ends is ignored


def _expire(signum: int, frame: FrameType | None) -> None:
    if getattr(_ARMED, "on", False):
        raise DocumentTimeout


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise ZhenggaiError(code="timeout") if the body runs longer than ``seconds`` (0: no limit)."""
    if seconds <= 0:
        yield
        return
    main = threading.current_thread() is threading.main_thread()
    timer: threading.Timer | None = None
    _ARMED.on = True
    if main:
        previous = signal.signal(signal.SIGALRM, _expire)
        signal.setitimer(signal.ITIMER_REAL, seconds)
    else:  # a worker thread (Dask runs tasks in threads): the exception is raised in it from a timer thread
        timer = threading.Timer(seconds, _raise_in, (threading.get_ident(),))
        timer.daemon = True
        timer.start()
    try:
        yield
    except DocumentTimeout:
        raise ZhenggaiError(f"took longer than {seconds:g} s (--time-limit)", code="timeout") from None
    finally:
        _ARMED.on = False
        if main:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        elif timer is not None:
            timer.cancel()
            timer.join()  # after this no exception can arrive late; one already set is cleared below
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(threading.get_ident()), None)


def _raise_in(thread_id: int) -> None:
    """Schedule DocumentTimeout in another thread: raised there at its next Python instruction (C code
    running without returning to Python is not interrupted, as with the signal). An alarm that fires in the
    last instructions of the guard itself can still escape it: callers catch DocumentTimeout too."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(DocumentTimeout))


def limit_memory(megabytes: int) -> None:
    """Cap this process's address space (a job worker's, never the CLI's own)."""
    if megabytes > 0:
        cap = megabytes * 1024 * 1024
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        resource.setrlimit(resource.RLIMIT_AS, (cap if hard == resource.RLIM_INFINITY else min(cap, hard), hard))
