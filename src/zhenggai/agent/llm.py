"""The LLM path as one object: an endpoint and its call policy, over the two jobs it does — annotating problem
blocks (:mod:`~zhenggai.agent.annotate`) and segmenting reports with no outline
(:mod:`~zhenggai.agent.segment_llm`). Each pass gets a fresh client and usage meter; every call of every pass
goes through the process's one throttle for the endpoint (:mod:`~zhenggai.agent.throttle`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import instructor

from ..schemas import Report
from ..settings import DEFAULT_ATTEMPTS
from .annotate import annotate
from .call import Caller
from .meter import Meter
from .providers import Endpoint, make_client
from .segment_llm import segment
from .throttle import UNBOUNDED, Budget, Throttle, throttle_for

ClientFactory = Callable[..., instructor.Instructor]  # make_client(endpoint, *, clock=…, throttle=…) or a test's


class LLMAgent:
    def __init__(
        self,
        endpoint: Endpoint,
        *,
        attempts: int = DEFAULT_ATTEMPTS,
        workers: int = 1,
        client_factory: ClientFactory = make_client,
        budget: Budget = UNBOUNDED,
        shared: Path | None = None,
        throttle: Throttle | None = None,
    ) -> None:
        """``budget`` is what the endpoint allows, ``shared`` the folder through which a job's processes share
        it; ``throttle`` replaces the process's throttle for the endpoint (a test's, on a fake clock)."""
        self.endpoint = endpoint
        self.attempts = attempts
        self.workers = max(1, workers)
        self.client_factory = client_factory
        self.throttle = throttle or throttle_for(endpoint, budget, shared)

    def annotate(self, report: Report) -> Report:
        """The LLM's grounded notes on each problem of ``report``; what it got wrong is dropped and recorded."""
        return annotate(report, *self._open(), workers=self.workers)

    def segment(self, report: Report) -> Report:
        """Problems of a report whose outline was not found, from the LLM's heading anchors."""
        return segment(report, *self._open())

    def _open(self) -> tuple[Caller, Meter]:
        meter = Meter()
        client = self.client_factory(self.endpoint, clock=meter.clock, throttle=self.throttle)
        meter.attach(client)
        return Caller(client, self.endpoint.model, self.attempts), meter
