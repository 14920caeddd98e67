"""Usage accounting of one LLM pass over a document, through instructor's hooks."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any

import instructor

from ..schemas import Usage
from .providers import ServerClock


@dataclass
class Meter:
    """Calls, tokens and reasks as instructor reports them; safe across worker threads."""

    usage: Usage = field(default_factory=Usage)
    lock: threading.Lock = field(default_factory=threading.Lock)
    clock: ServerClock = field(default_factory=ServerClock)
    started: float = field(default_factory=time.perf_counter)

    def attach(self, client: instructor.Instructor) -> None:
        client.on("completion:kwargs", self._call)
        client.on("completion:response", self._response)
        client.on("parse:error", self._parse_error)

    def _call(self, *args: Any, **kwargs: Any) -> None:
        with self.lock:
            self.usage.calls += 1

    def _response(self, response: Any) -> None:
        u = getattr(response, "usage", None)
        with self.lock:
            self.usage.prompt_tokens += getattr(u, "prompt_tokens", 0) or 0
            self.usage.completion_tokens += getattr(u, "completion_tokens", 0) or 0

    def _parse_error(self, error: Exception, *, is_last_attempt: bool = False, **_: Any) -> None:
        """An answer that did not validate is reasked, unless it was the last attempt."""
        if not is_last_attempt:
            with self.lock:
                self.usage.reasks += 1

    def close(self) -> Usage:
        self.usage.seconds = round(time.perf_counter() - self.started, 3)
        self.usage.server_seconds = round(self.clock.ms / 1000, 3)
        return self.usage
