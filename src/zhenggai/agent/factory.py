"""Building the LLM agent from settings, for any process: the CLI, a job's worker processes, an eval run.

An :class:`Engine` is what travels to a worker (an endpoint and two numbers pickle; an agent holding HTTP
clients does not); the agent is built where it is used, and only then is the LLM stack imported.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..settings import DEFAULT_ATTEMPTS, Endpoint

if TYPE_CHECKING:
    from .llm import LLMAgent


@dataclass(frozen=True)
class Engine:
    endpoint: Endpoint | None = None
    attempts: int = DEFAULT_ATTEMPTS
    workers: int = 1

    @property
    def name(self) -> str:
        return "llm" if self.endpoint else "rules"

    def agent(self) -> LLMAgent | None:
        if self.endpoint is None:
            return None
        from .llm import LLMAgent

        return LLMAgent(self.endpoint, attempts=self.attempts, workers=self.workers)
