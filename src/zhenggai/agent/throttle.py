"""Throttling LLM calls to what an endpoint allows: a bound on calls in flight, a budget of requests and of
tokens per minute, and a pause that a 429/503 ``Retry-After`` sets for every caller, not only the one that
got it. Tenacity still decides what is retried (:mod:`~zhenggai.agent.transport`); the throttle stands in
front of every HTTP attempt, so reasks and retries count.

One :class:`Throttle` per endpoint serves all threads of a process (:func:`throttle_for`). The worker
processes of one local job share theirs through a folder in the job folder (``shared``):

- the budget and the pause are one small JSON file read and rewritten under ``fcntl.lockf``. Sharing the
  state, rather than dividing the budget by the number of processes, gives a process that is busy the budget
  that an idle one (loading or validating its document, or done at the tail of a job) does not use, and lets a pause reach every
  process; a call costs one lock and a read and write of a file of at most a minute's calls, nothing beside a
  remote call's latency.
- the calls in flight are slot files under ``flock``: a call holds one, and the kernel lets go of it when the
  process dies, so a worker killed by a limit leaks no slot. ``flock`` locks belong to an open file, so the
  threads of one process exclude one another too (``lockf`` locks belong to the process: the JSON file's
  lock is paired with a thread lock for that reason). This needs the job folder on a local file system: NFS
  turns ``flock`` into a per-process lock, and the threads of one process would no longer exclude each other.

The state is only shared where the folder is: on Dask workers on other machines each process throttles on its
own (see the README). This module is light (no LLM client): an :class:`~zhenggai.agent.factory.Engine` holds a
:class:`Budget`.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import random
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ..settings import CONFIG_FILES, Endpoint, read_numbers

JOB_FOLDER = ".throttle"  # in a job folder: the state its processes share
WINDOW = 60.0  # the budgets are per minute: at most rpm requests and tpm tokens in any 60 s
MAX_PAUSE = 120.0  # the longest Retry-After obeyed (as transport caps its own wait)
POLL = 0.02  # seconds between tries for a slot held by another process (flock has no wait with a timeout)
# Chinese runs near one token per character in the tokenizers of the models in use (an over-estimate for ASCII):
# a call is charged its prompt's characters and its whole max_tokens, and the usage it reports corrects that.
CHARS_PER_TOKEN = 1.0
_MESSAGE_TOKENS = 4  # the role and separators of each message


@dataclass(frozen=True)
class Budget:
    """What an endpoint allows; 0 is no bound. ``concurrency`` bounds the calls in flight in a process, or
    across a local job's processes when they share a folder."""

    concurrency: int = 0
    rpm: int = 0
    tpm: int = 0

    @classmethod
    def resolve(
        cls,
        flags: Mapping[str, Any] | None = None,
        env: Mapping[str, str] | None = None,
        config_files: tuple[Path, ...] = CONFIG_FILES,
    ) -> Budget:
        return cls(**read_numbers(("concurrency", "rpm", "tpm"), flags, env, config_files))

    @property
    def counts(self) -> bool:
        """Whether calls must be remembered for a minute (a request or token budget is set)."""
        return bool(self.rpm or self.tpm)


UNBOUNDED = Budget()


def estimate_tokens(messages: Any, max_tokens: int | None) -> int:
    """What a call may cost before it is sent: its prompt's size and all the room its answer may take."""
    chars = sum(len(str(m.get("content") or "")) for m in messages or [] if isinstance(m, dict))
    return int(chars / CHARS_PER_TOKEN) + _MESSAGE_TOKENS * len(messages or []) + (max_tokens or 0)


@dataclass
class Sent:
    """A call within the last minute: when it was let through, what it is charged, whose it is."""

    at: float
    tokens: int
    id: str


@dataclass
class State:
    """What the budget and the pause need to know; shared between processes as JSON."""

    not_before: float = 0.0  # no call starts before this (a Retry-After)
    sent: list[Sent] = field(default_factory=list)  # oldest first

    def to_json(self) -> str:
        return json.dumps({"not_before": self.not_before, "sent": [[s.at, s.tokens, s.id] for s in self.sent]})

    @classmethod
    def from_json(cls, text: str) -> State:
        """The state a file holds; a fresh one if it is empty or torn (a process killed while writing it:
        forgetting one minute's calls is the lesser harm than failing every call after)."""
        try:
            raw = json.loads(text)
            return cls(float(raw["not_before"]), [Sent(float(a), int(t), str(i)) for a, t, i in raw["sent"]])
        except (ValueError, KeyError, TypeError):
            return cls()


def admit(state: State, budget: Budget, tokens: int, now: float, call_id: str) -> float:
    """0 when a call charged ``tokens`` may start at ``now`` — it is then recorded in ``state`` — else the
    seconds to wait before asking again. A call larger than the whole token budget waits for an empty minute."""
    state.sent = [s for s in state.sent if now - WINDOW < s.at <= now + WINDOW]  # a clock stepped back: forgotten
    state.not_before = min(state.not_before, now + MAX_PAUSE)
    if state.not_before > now:
        return state.not_before - now
    wait = 0.0
    if budget.rpm and len(state.sent) >= budget.rpm:  # until enough of the oldest leave the window
        wait = state.sent[len(state.sent) - budget.rpm].at + WINDOW - now
    if budget.tpm:
        need = min(tokens, budget.tpm)
        used = sum(s.tokens for s in state.sent)
        for s in state.sent:
            if used + need <= budget.tpm:
                break
            used -= s.tokens
            wait = max(wait, s.at + WINDOW - now)
    if wait > 0:
        return wait
    if budget.counts:
        state.sent.append(Sent(now, tokens, call_id))
    return 0.0


def correct(state: State, call_id: str, tokens: int) -> None:
    """Charge a call what its answer reported instead of the estimate."""
    for s in state.sent:
        if s.id == call_id:
            s.tokens = tokens


class Store(Protocol):
    def locked(self) -> contextlib.AbstractContextManager[State]: ...


class MemoryStore:
    """The state of one process."""

    def __init__(self) -> None:
        self._state = State()
        self._lock = threading.Lock()

    @contextlib.contextmanager
    def locked(self) -> Iterator[State]:
        with self._lock:
            yield self._state


class FileStore:
    """The state in a file, read and rewritten under an exclusive ``lockf``, for the processes of a job."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()  # lockf locks are per process: the threads of one need their own

    @contextlib.contextmanager
    def locked(self) -> Iterator[State]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        with self._lock, open(fd, "r+", encoding="utf-8") as f:
            fcntl.lockf(f, fcntl.LOCK_EX)
            try:
                f.seek(0)
                state = State.from_json(f.read())
                yield state
                f.seek(0)
                f.truncate()
                f.write(state.to_json())
                f.flush()
            finally:
                fcntl.lockf(f, fcntl.LOCK_UN)


class Slots(Protocol):
    def take(self, block: bool = True) -> object | None: ...

    def give(self, slot: object) -> None: ...


class MemorySlots:
    """At most ``n`` calls in flight in this process."""

    def __init__(self, n: int) -> None:
        self._free = threading.BoundedSemaphore(n)

    def take(self, block: bool = True) -> object | None:
        return True if self._free.acquire(blocking=block) else None

    def give(self, slot: object) -> None:
        self._free.release()


class FileSlots:
    """At most ``n`` calls in flight across processes: slot files in ``folder``, each held under ``flock``."""

    def __init__(self, folder: Path, n: int) -> None:
        self.paths = [folder / f"slot-{i}" for i in range(n)]

    def take(self, block: bool = True) -> object | None:
        self.paths[0].parent.mkdir(parents=True, exist_ok=True)
        while True:
            for path in random.sample(self.paths, len(self.paths)):  # not all contending for slot 0
                fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    return fd
                except OSError as exc:
                    os.close(fd)
                    if exc.errno not in (errno.EAGAIN, errno.EACCES):
                        raise
            if not block:
                return None
            time.sleep(POLL)

    def give(self, slot: object) -> None:
        assert isinstance(slot, int)
        os.close(slot)  # closing the file lets go of its flock


@dataclass(frozen=True)
class Ticket:
    id: str
    slot: object | None


class Throttle:
    """Calls let through to one endpoint. ``clock`` and ``sleep`` are the waits on the budget and the pause
    (a test gives a fake pair); ``clock`` is wall time, one clock for all processes of a machine."""

    def __init__(
        self,
        budget: Budget = UNBOUNDED,
        shared: Path | None = None,
        *,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.budget = budget
        self.store: Store = FileStore(shared / "rate.json") if shared else MemoryStore()
        self.slots: Slots | None = None
        if budget.concurrency:
            self.slots = FileSlots(shared, budget.concurrency) if shared else MemorySlots(budget.concurrency)
        self.clock = clock
        self.sleep = sleep

    def acquire(self, tokens: int) -> Ticket:
        """Wait for a slot, then for the pause to end and the budget to allow ``tokens``."""
        slot = self.slots.take() if self.slots else None
        ticket = Ticket(uuid.uuid4().hex, slot)
        try:
            while True:
                with self.store.locked() as state:
                    wait = admit(state, self.budget, tokens, self.clock(), ticket.id)
                if wait <= 0:
                    return ticket
                self.sleep(wait)
        except BaseException:
            self._give(ticket)
            raise

    def release(self, ticket: Ticket, used: int | None = None) -> None:
        """A call is over; ``used`` is the tokens its answer reported (None: the estimate stands)."""
        self._give(ticket)
        if used is not None and self.budget.tpm:
            with self.store.locked() as state:
                correct(state, ticket.id, used)

    def pause(self, seconds: float) -> None:
        """No call starts for ``seconds`` (at most :data:`MAX_PAUSE`), whoever makes it."""
        with self.store.locked() as state:
            state.not_before = max(state.not_before, self.clock() + min(seconds, MAX_PAUSE))

    def _give(self, ticket: Ticket) -> None:
        if self.slots is not None and ticket.slot is not None:
            self.slots.give(ticket.slot)


_THROTTLES: dict[tuple[str, str, Budget, str], Throttle] = {}
_REGISTRY = threading.Lock()


def throttle_for(endpoint: Endpoint, budget: Budget = UNBOUNDED, shared: Path | None = None) -> Throttle:
    """The process's throttle for an endpoint (its URL and model) under a budget, made on first use."""
    key = (endpoint.base_url, endpoint.model, budget, str(shared or ""))
    with _REGISTRY:
        if key not in _THROTTLES:
            _THROTTLES[key] = Throttle(budget, shared)
        return _THROTTLES[key]
