"""Building the LLM agent from settings, for any process: the CLI, a job's worker processes, an eval run.

An :class:`Engine` is what travels to a worker (an endpoint, a few numbers and a folder pickle; an agent holding
HTTP clients does not); the agent is built where it is used, and only then is the LLM stack imported.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..settings import DEFAULT_ATTEMPTS, Endpoint, resolver
from .throttle import UNBOUNDED, Budget

if TYPE_CHECKING:
    from .llm import LLMAgent


@dataclass(frozen=True)
class Engine:
    endpoint: Endpoint | None = None
    attempts: int = DEFAULT_ATTEMPTS
    workers: int = 1
    budget: Budget = UNBOUNDED  # what the endpoint allows (--concurrency, --rpm, --tpm)
    shared: str | None = None  # the folder through which a local job's processes share the budget

    @property
    def name(self) -> str:
        return "llm" if self.endpoint else "rules"

    def without_key(self) -> Engine:
        """This engine with no API key in it, to send to other machines; :meth:`agent` reads the key there."""
        if self.endpoint is None or not self.endpoint.api_key:
            return self
        return replace(self, endpoint=replace(self.endpoint, api_key=""))

    def agent(self) -> LLMAgent | None:
        if self.endpoint is None:
            return None
        from ..settings import calibration_dir
        from .label_llm import LabelAgent

        endpoint = self.endpoint
        if not endpoint.api_key:  # a worker's own key, from its environment or config
            endpoint = replace(endpoint, api_key=resolver()("api_key") or "")
        shared = Path(self.shared) if self.shared else None
        return LabelAgent(
            endpoint,
            attempts=self.attempts,
            workers=self.workers,
            budget=self.budget,
            shared=shared,
            calibration_dir=calibration_dir(),
        )
