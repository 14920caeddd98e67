"""Transport resilience: which failures are transient, the Retry-After header, and that a retry waits what the
server asked (capped) or else backs off exponentially; anything else is raised at once."""

from collections.abc import Callable

import httpx
import openai
import pytest

from zhenggai.agent.transport import resilient, retry_after, transient

REQUEST = httpx.Request("POST", "http://127.0.0.1:1/v1/chat/completions")


ERRORS: dict[int, type[openai.APIStatusError]] = {
    400: openai.BadRequestError,
    401: openai.AuthenticationError,
    404: openai.NotFoundError,
    429: openai.RateLimitError,
}


def status(code: int, headers: dict[str, str] | None = None) -> openai.APIStatusError:
    """The error the openai client raises for an HTTP status (RateLimitError for 429, InternalServerError for a
    5xx …)."""
    cls = ERRORS.get(code, openai.InternalServerError if code >= 500 else openai.APIStatusError)
    return cls(f"Error code: {code}", response=httpx.Response(code, headers=headers, request=REQUEST), body=None)


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (openai.APITimeoutError(request=REQUEST), True),
        (openai.APIConnectionError(request=REQUEST), True),
        (status(429), True),
        (status(500), True),
        (status(502), True),
        (status(503), True),
        (status(400), False),  # the request itself is wrong: sending it again gives the same answer
        (status(401), False),
        (status(404), False),
        (openai.APIResponseValidationError(httpx.Response(200, request=REQUEST), None), False),
        (ValueError("bad JSON"), False),
    ],
)
def test_transient(exc: BaseException, expected: bool) -> None:
    assert transient(exc) is expected


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"Retry-After": "7"}, 7.0),
        ({"retry-after": "0.5"}, 0.5),
        ({"Retry-After": "-3"}, 0.0),
        ({"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}, None),  # the date form is not read
        ({}, None),
    ],
)
def test_retry_after(headers: dict[str, str], expected: float | None) -> None:
    assert retry_after(status(429, headers)) == expected


def test_retry_after_needs_a_status_error() -> None:
    assert retry_after(None) is None
    assert retry_after(openai.APITimeoutError(request=REQUEST)) is None


def failing(*errors: BaseException) -> tuple[Callable[..., str], list[tuple[tuple[object, ...], dict[str, object]]]]:
    """A function that raises ``errors`` one per call, then answers "ok"; and the calls it got."""
    calls: list[tuple[tuple[object, ...], dict[str, object]]] = []

    def fn(*args: object, **kwargs: object) -> str:
        calls.append((args, kwargs))
        if len(calls) <= len(errors):
            raise errors[len(calls) - 1]
        return "ok"

    return fn, calls


@pytest.mark.parametrize(
    ("asked", "expected"),
    [("7", [7.0]), ("0", [0.0]), ("500", [120.0])],  # what the server asked, at most two minutes
)
def test_a_retry_waits_what_retry_after_asks(asked: str, expected: list[float]) -> None:
    fn, calls = failing(status(429, {"Retry-After": asked}))
    slept: list[float] = []
    assert resilient(fn, attempts=3, sleep=slept.append)("a", model="m") == "ok"
    assert slept == expected
    assert calls == [(("a",), {"model": "m"})] * 2  # the same arguments each time


def test_without_retry_after_the_wait_doubles_with_jitter() -> None:
    fn, calls = failing(status(500), status(503, {"Retry-After": "soon"}))  # an unreadable header: backoff too
    slept: list[float] = []
    assert resilient(fn, attempts=3, sleep=slept.append)() == "ok"
    assert len(calls) == 3 and len(slept) == 2
    assert 1 <= slept[0] <= 2 and 2 <= slept[1] <= 3  # 1 s then 2 s, each plus up to 1 s of jitter


def test_attempts_exhausted_raises_the_last_error_itself() -> None:
    last = status(503)
    fn, calls = failing(status(503), status(503), last)
    slept: list[float] = []
    with pytest.raises(openai.APIStatusError) as raised:
        resilient(fn, attempts=3, sleep=slept.append)()
    assert raised.value is last and len(calls) == 3 and len(slept) == 2


def test_a_non_transient_error_is_raised_at_once() -> None:
    fn, calls = failing(status(400))
    slept: list[float] = []
    with pytest.raises(openai.BadRequestError):
        resilient(fn, attempts=3, sleep=slept.append)()
    assert len(calls) == 1 and slept == []
