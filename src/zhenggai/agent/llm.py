"""The LLM path as one object: an endpoint and its call policy, over the two jobs it does — annotating problem
blocks (:mod:`~zhenggai.agent.annotate`) and segmenting reports with no outline
(:mod:`~zhenggai.agent.segment_llm`). Each pass gets a fresh client and usage meter."""

from __future__ import annotations

from collections.abc import Callable

import instructor

from ..schemas import Report
from ..settings import DEFAULT_ATTEMPTS
from .annotate import annotate
from .call import Caller
from .meter import Meter
from .providers import Endpoint, make_client
from .segment_llm import segment

ClientFactory = Callable[..., instructor.Instructor]  # make_client(endpoint, *, clock=…) or a test's wrapper


class LLMAgent:
    def __init__(
        self,
        endpoint: Endpoint,
        *,
        attempts: int = DEFAULT_ATTEMPTS,
        workers: int = 1,
        client_factory: ClientFactory = make_client,
    ) -> None:
        self.endpoint = endpoint
        self.attempts = attempts
        self.workers = max(1, workers)
        self.client_factory = client_factory

    def annotate(self, report: Report) -> Report:
        """The LLM's grounded notes on each problem of ``report``; what it got wrong is dropped and recorded."""
        return annotate(report, *self._open(), workers=self.workers)

    def segment(self, report: Report) -> Report:
        """Problems of a report whose outline was not found, from the LLM's heading anchors."""
        return segment(report, *self._open())

    def _open(self) -> tuple[Caller, Meter]:
        meter = Meter()
        client = self.client_factory(self.endpoint, clock=meter.clock)
        meter.attach(client)
        return Caller(client, self.endpoint.model, self.attempts), meter
