"""Transport resilience: timeouts, connection errors, 429 and 5xx are retried with exponential backoff and
jitter (honouring Retry-After); anything else — a 400, a refusal, bad JSON — is not a transport matter.
Each attempt first passes the endpoint's :class:`~zhenggai.agent.throttle.Throttle`, which a Retry-After
pauses for every caller."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar

import openai
from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt, wait_exponential_jitter

from .throttle import MAX_PAUSE, Throttle, estimate_tokens

T = TypeVar("T")
_backoff = wait_exponential_jitter(initial=1, max=30, jitter=1)


def transient(exc: BaseException) -> bool:
    if isinstance(exc, openai.APITimeoutError | openai.APIConnectionError | openai.RateLimitError):
        return True
    return isinstance(exc, openai.APIStatusError) and exc.status_code >= 500


def retry_after(exc: BaseException | None) -> float | None:
    """Seconds a 429/503 asks us to wait, from its Retry-After header (seconds form), or OpenAI's finer
    ``retry-after-ms`` when it sends one."""
    if not isinstance(exc, openai.APIStatusError):
        return None
    for name, scale in (("retry-after-ms", 1000.0), ("retry-after", 1.0)):
        value = exc.response.headers.get(name)
        try:
            if value is not None:
                return max(0.0, float(value) / scale)
        except ValueError:
            continue
    return None


def _wait(state: RetryCallState) -> float:
    asked = retry_after(state.outcome.exception() if state.outcome else None)
    return min(asked, MAX_PAUSE) if asked is not None else _backoff(state)


def resilient(fn: Callable[..., T], *, attempts: int, sleep: Callable[[float], None] | None = None) -> Callable[..., T]:
    def call(*args: Any, **kwargs: Any) -> T:
        retrying = Retrying(
            retry=retry_if_exception(transient),
            wait=_wait,
            stop=stop_after_attempt(attempts),
            reraise=True,
            sleep=sleep or time.sleep,
        )
        return retrying(fn, *args, **kwargs)

    return call


def throttled(fn: Callable[..., T], throttle: Throttle) -> Callable[..., T]:
    """``fn`` (one HTTP attempt of a chat completion) let through by ``throttle``: charged its estimated
    tokens, then what its answer reports; a Retry-After it gets pauses every caller of the endpoint."""

    def call(*args: Any, **kwargs: Any) -> T:
        ticket = throttle.acquire(estimate_tokens(kwargs.get("messages"), kwargs.get("max_tokens")))
        try:
            result = fn(*args, **kwargs)
        except BaseException as exc:
            throttle.release(ticket)  # refused or lost: the estimate stands, as the endpoint may count it
            asked = retry_after(exc)
            if asked is not None:
                throttle.pause(asked)
            raise
        throttle.release(ticket, getattr(getattr(result, "usage", None), "total_tokens", None))
        return result

    return call
