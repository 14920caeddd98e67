"""The instructor client for an LLM endpoint: any OpenAI-compatible server (``settings.Endpoint``).

The provider registry (``settings.PROVIDERS``) maps a provider kind to how structured output is asked for;
this module applies it to every raw call and puts tenacity's transport retries under instructor's reasks.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import Any

import httpx
import instructor
import openai

# The endpoint, its resolver and the provider registry are light and live in settings.py; named here too
# because this is where a reader of the agent looks for them.
from ..errors import ConfigError
from ..settings import PROVIDERS, Endpoint, resolve_endpoint
from .throttle import Throttle, throttle_for
from .transport import resilient, throttled

__all__ = ["PROVIDERS", "ConfigError", "Endpoint", "ServerClock", "make_client", "resolve_endpoint"]


class ServerClock:
    """Server-side processing time, from the ``openai-processing-ms`` header OpenAI and llama.cpp send; a
    replayed cassette carries the recorded value, so a replay reports the seconds the model really took."""

    def __init__(self) -> None:
        self.ms = 0.0
        self._lock = threading.Lock()  # responses of concurrent calls arrive on several threads

    def __call__(self, response: httpx.Response) -> None:
        with contextlib.suppress(ValueError):
            ms = float(response.headers.get("openai-processing-ms", 0))
            with self._lock:
                self.ms += ms


def make_client(
    endpoint: Endpoint,
    *,
    sleep: Callable[[float], None] | None = None,
    clock: ServerClock | None = None,
    throttle: Throttle | None = None,
) -> instructor.Instructor:
    """An instructor client whose raw calls adapt ``response_format`` to the provider, pass ``throttle``
    (default: the process's unbounded one for the endpoint, which still shares a Retry-After) at every
    attempt, and retry transport failures with tenacity; the openai client's own retries are off so that one
    policy applies."""
    http = httpx.Client(timeout=endpoint.timeout, event_hooks={"response": [clock]} if clock else None)
    raw = openai.OpenAI(
        base_url=endpoint.base_url,
        api_key=endpoint.api_key or "not-needed",
        timeout=endpoint.timeout,
        max_retries=0,
        http_client=http,
    )
    completions = raw.chat.completions
    create = completions.create
    adapt = PROVIDERS[endpoint.provider]

    def adapted(*args: Any, **kwargs: Any) -> Any:
        if "response_format" in kwargs:
            kwargs["response_format"] = adapt(kwargs["response_format"])
        return create(*args, **kwargs)

    attempt = throttled(adapted, throttle or throttle_for(endpoint))
    completions.create = resilient(attempt, attempts=endpoint.transport_attempts, sleep=sleep)  # type: ignore[method-assign,assignment]
    return instructor.from_openai(raw, mode=instructor.Mode.JSON_SCHEMA)
