"""What a worker does with one document of a job: extract it and make its record line, so that the job's own
process (:mod:`zhenggai.job`, or the Dask client of :mod:`zhenggai.cluster`) only writes. Both schedulers
import it; neither imports the other's.
"""

from __future__ import annotations

import contextlib
import ctypes
import signal
from dataclasses import dataclass, field
from typing import Any

from .agent.factory import Engine
from .guard import limit_memory
from .inputs import Input
from .io import DEFAULT_LIMITS, Outcome, job_line, run_one
from .schemas import FailedRecord
from .settings import Limits
from .version import __version__

RULES = Engine()


def job_key(sha256: str, engine: Engine) -> str:
    return f"{sha256}:{engine.name}:{__version__}"


@dataclass
class Done:
    """A worker's outcome with the record line already made, so the parent only writes."""

    outcome: Outcome
    line: str = ""
    usage: dict[str, Any] = field(default_factory=dict)
    issues: int = 0


def process(
    item: Input,
    engine: Engine,
    skip: frozenset[str] | None = None,
    limits: Limits = DEFAULT_LIMITS,
    keep_report: bool = False,
) -> Done:
    """One input, in a worker process; never raises. A job gets the record line; a single run
    (``keep_report``) the report itself. ``skip`` None: the set the worker was started with."""
    outcome = run_one(item, engine.agent(), skip=_WORKER_SKIP if skip is None else skip, limits=limits)
    if outcome.kind != "done" or outcome.report is None:
        return Done(outcome)
    if keep_report:
        return Done(outcome, issues=outcome.issues)
    try:  # a report too big to serialise under the memory limit fails alone
        line = job_line(outcome, job_key(outcome.sha256, engine), item.metadata)
    except MemoryError:
        return fail(item, "memory", "its record needed more memory than the limit")
    usage = outcome.report.provenance.usage
    done = Done(outcome, line, usage.model_dump() if usage else {}, outcome.issues)
    outcome.report = None  # the line holds it: the report does not travel back across the process boundary
    return done


def fail(item: Input, code: str, message: str) -> Done:
    return Done(
        Outcome(item.path, "failed", failure=FailedRecord(path=item.path, stage="extract", code=code, message=message))
    )


_WORKER_SKIP: frozenset[str] = frozenset()  # set once per worker: the done set is not shipped with each task


def init_worker(memory_mb: int, skip: frozenset[str]) -> None:
    """Worker initializer: killed when the job's process dies, even by kill -9 (Linux); Ctrl-C is the
    parent's to handle; the address space capped by the memory limit; the job's done set kept."""
    global _WORKER_SKIP
    with contextlib.suppress(OSError, AttributeError):  # not Linux: workers end with the pool as before
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    limit_memory(memory_mb)
    _WORKER_SKIP = skip


def died(item: Input) -> Done:
    return fail(item, "worker_died", "its worker process died twice on it")
