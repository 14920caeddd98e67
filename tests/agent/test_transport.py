"""Transport resilience: which failures are transient, the Retry-After header, and that a retry waits what the
server asked (capped) or else backs off exponentially; anything else is raised at once. Against the fake
endpoint: a Retry-After pauses the other callers of the throttle too, and an answer's usage is what it is
charged."""

import threading
from collections.abc import Callable

import httpx
import openai
import pytest
from pydantic import BaseModel

from tests.helpers.fake_llm import FakeClock, Reply, fake_endpoint
from zhenggai.agent.call import Caller, Outcome
from zhenggai.agent.providers import Endpoint, make_client
from zhenggai.agent.throttle import Budget, Throttle, Ticket
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
        ({"retry-after-ms": "1500", "Retry-After": "2"}, 1.5),  # OpenAI's milliseconds first
        ({"retry-after-ms": "soon", "Retry-After": "2"}, 2.0),
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


class Pick(BaseModel):
    n: int


MESSAGES = [{"role": "user", "content": "一个数?"}]


def test_a_retry_after_seen_by_one_thread_delays_the_next_call_of_another() -> None:
    """Thread A gets a 429 asking for 5 s and, while it waits to retry, thread B asks: B's call waits those 5 s
    on the shared throttle before it is sent (its request reaches the server only after that wait)."""
    clock = FakeClock()
    waits: list[tuple[str, float, int]] = []  # who waited, how long, requests the server had by then
    a_waiting, b_done = threading.Event(), threading.Event()
    replies = [Reply(429, raw=b'{"error":"busy"}', headers={"Retry-After": "5"}), Reply(content='{"n": 1}')]
    with fake_endpoint(replies) as (url, received):

        def throttle_sleep(seconds: float) -> None:
            waits.append((threading.current_thread().name, seconds, len(received)))
            clock.sleep(seconds)

        throttle = Throttle(clock=clock.now, sleep=throttle_sleep)
        endpoint = Endpoint(base_url=url, model="fake", provider="openai", transport_attempts=2)

        def a_backoff(_: float) -> None:  # A's own wait before its retry: B runs meanwhile
            a_waiting.set()
            b_done.wait(30)

        def ask(sleep: Callable[[float], None]) -> Outcome[Pick]:
            return Caller(make_client(endpoint, sleep=sleep, throttle=throttle), "fake", 0).ask(
                Pick, MESSAGES, max_tokens=20
            )

        results: dict[str, Outcome[Pick]] = {}
        a = threading.Thread(target=lambda: results.setdefault("A", ask(a_backoff)), name="A")
        a.start()
        assert a_waiting.wait(30)
        results["B"] = ask(lambda _: None)
        b_done.set()
        a.join(30)
    assert waits[0] == ("MainThread", 5.0, 1)  # B waited what A was asked, before its request was sent
    assert [getattr(results[k].answer, "n", None) for k in "AB"] == [1, 1] and len(received) == 3


class Recording(Throttle):
    def __init__(self, budget: Budget) -> None:
        super().__init__(budget)
        self.asked: list[int] = []

    def acquire(self, tokens: int) -> Ticket:
        self.asked.append(tokens)
        return super().acquire(tokens)


def test_a_call_is_charged_its_estimate_then_the_tokens_its_answer_reports() -> None:
    throttle = Recording(Budget(tpm=1000))
    with fake_endpoint([Reply(content='{"n": 1}')]) as (url, _):
        endpoint = Endpoint(base_url=url, model="fake", provider="openai", transport_attempts=1)
        Caller(make_client(endpoint, throttle=throttle), "fake", 0).ask(Pick, MESSAGES, max_tokens=20)
    assert throttle.asked == [4 + 4 + 20]  # 一个数? is 4 characters, 4 for the message, all of max_tokens
    with throttle.store.locked() as state:
        assert [s.tokens for s in state.sent] == [15]  # the fake's usage: 10 prompt + 5 completion
