"""Usage through instructor's hooks, against the fake endpoint (10 prompt and 5 completion tokens a reply):
a call per answer instructor asks for, a reask per parse error but the last attempt's, transport retries inside
one call, the endpoint's own processing time summed."""

from concurrent.futures import ThreadPoolExecutor

from pydantic import BaseModel

from tests.helpers.fake_llm import Reply, fake_endpoint
from zhenggai.agent.call import Caller
from zhenggai.agent.meter import Meter
from zhenggai.agent.providers import Endpoint, make_client
from zhenggai.schemas import Usage


class Pick(BaseModel):
    n: int


MESSAGES = [{"role": "user", "content": "a number?"}]
GOOD, BAD = Reply(content='{"n": 1}'), Reply(content='{"n": "one"}')


def metered(replies: list[Reply], questions: int = 1, *, attempts: int = 1, workers: int = 1) -> Usage:
    with fake_endpoint(replies) as (url, _):
        meter = Meter()
        client = make_client(
            Endpoint(base_url=url, model="fake", provider="openai", transport_attempts=3),
            sleep=lambda _: None,
            clock=meter.clock,
        )
        meter.attach(client)
        caller = Caller(client, "fake", attempts)
        with ThreadPoolExecutor(workers) as pool:
            list(pool.map(lambda _: caller.ask(Pick, MESSAGES, max_tokens=20), range(questions)))
        return meter.close()


def counts(u: Usage) -> tuple[int, int, int, int]:
    return u.calls, u.prompt_tokens, u.completion_tokens, u.reasks


def test_one_answer() -> None:
    assert counts(metered([GOOD])) == (1, 10, 5, 0)


def test_a_reask_that_succeeds() -> None:
    assert counts(metered([BAD, GOOD])) == (2, 20, 10, 1)


def test_the_last_attempts_parse_error_is_no_reask() -> None:
    assert counts(metered([BAD])) == (2, 20, 10, 1)  # answer, reask, answer: given up
    assert counts(metered([BAD], attempts=3)) == (4, 40, 20, 3)


def test_transport_retries_are_one_call_and_a_failure_has_no_tokens() -> None:
    assert counts(metered([Reply(503, raw=b"{}"), GOOD])) == (1, 10, 5, 0)
    assert counts(metered([Reply(503, raw=b"{}")])) == (1, 0, 0, 0)  # three transport attempts, no answer


def test_a_cut_answer_is_one_call_without_reask() -> None:
    assert counts(metered([Reply(content='{"n":', finish="length")])) == (1, 10, 5, 0)


def test_questions_add_up_across_threads() -> None:
    assert counts(metered([GOOD], questions=8, workers=4)) == (8, 80, 40, 0)


def test_server_seconds_are_the_endpoints_processing_time() -> None:
    timed = Reply(content='{"n": 1}', headers={"openai-processing-ms": "1500"})
    usage = metered([timed], questions=2)
    assert usage.server_seconds == 3.0 and usage.seconds >= 0


def test_usages_add_field_by_field() -> None:
    a = Usage(calls=1, prompt_tokens=2, completion_tokens=3, reasks=4, seconds=0.5, server_seconds=1.5)
    b = Usage(calls=10, prompt_tokens=20, completion_tokens=30, reasks=40, seconds=1.0, server_seconds=2.0)
    assert a + b == Usage(calls=11, prompt_tokens=22, completion_tokens=33, reasks=44, seconds=1.5, server_seconds=3.5)
    assert a.calls == 1 and b.calls == 10  # a new Usage: the operands are unchanged
