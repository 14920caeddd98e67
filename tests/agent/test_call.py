"""One question through instructor against the fake endpoint: every way it ends is one Outcome — the answer;
the last raw answer and why it failed; or a failure with nothing to salvage."""

import json
from types import SimpleNamespace
from typing import Any, Literal

import pytest
from pydantic import BaseModel, ValidationInfo, field_validator

from tests.helpers.fake_llm import Reply, fake_endpoint
from zhenggai.agent.call import REASON_CHARS, Caller, Outcome
from zhenggai.agent.providers import Endpoint, make_client


class Pick(BaseModel):
    n: Literal[1, 2]

    @field_validator("n")
    @classmethod
    def allowed(cls, n: int, info: ValidationInfo) -> int:
        if isinstance(info.context, dict) and n not in info.context["allowed"]:
            raise ValueError(f"{n} is not allowed here")
        return n


MESSAGES = [{"role": "system", "content": "pick"}, {"role": "user", "content": "1 or 2?"}]


def ask(
    replies: list[Reply], *, attempts: int = 1, context: dict[str, Any] | None = None, model: type[BaseModel] = Pick
) -> tuple[Outcome[Any], list[dict[str, Any]]]:
    with fake_endpoint(replies) as (url, received):
        endpoint = Endpoint(base_url=url, model="fake", provider="openai", transport_attempts=1)
        caller = Caller(make_client(endpoint), "fake", attempts)
        return caller.ask(model, MESSAGES, max_tokens=50, context=context), received


def test_an_answer() -> None:
    out, received = ask([Reply(content='{"n": 1}')])
    assert isinstance(out.answer, Pick) and out.answer.n == 1
    assert (out.failed, out.content, out.reason, out.attempts) == (False, "", "", 1)
    [request] = received
    assert request["model"] == "fake" and request["temperature"] == 0 and request["max_tokens"] == 50
    assert request["messages"] == MESSAGES


def test_a_reasked_answer() -> None:
    out, received = ask([Reply(content='{"n": 3}'), Reply(content='{"n": 2}')])
    assert isinstance(out.answer, Pick) and out.answer.n == 2 and len(received) == 2


def test_no_valid_answer_keeps_the_last_one_to_salvage() -> None:
    out, received = ask([Reply(content='{"n": 3}'), Reply(content='{"n": 4}')], attempts=1)
    assert len(received) == 2  # the answer and one reask
    assert out.answer is None and not out.failed
    assert out.content == '{"n": 4}' and out.attempts == 2 and "validation error" in out.reason


def test_more_attempts_more_reasks() -> None:
    out, received = ask([Reply(content='{"n": 3}')], attempts=2)
    assert len(received) == 3 and out.attempts == 3 and out.content == '{"n": 3}'


def test_the_context_reaches_the_validators() -> None:
    out, received = ask([Reply(content='{"n": 1}'), Reply(content='{"n": 2}')], context={"allowed": [2]})
    assert isinstance(out.answer, Pick) and out.answer.n == 2
    assert "1 is not allowed here" in received[1]["messages"][-1]["content"]  # the reask carries the message


class Many(BaseModel):
    a: int
    b: int
    c: int
    d: int
    e: int
    f: int


def test_a_long_reason_is_cut() -> None:
    out, _ = ask([Reply(content="{}")], model=Many)  # six "Field required" errors, each with its URL
    assert "6 validation errors for Many" in out.reason and len(out.reason) == REASON_CHARS


def test_an_answer_cut_at_max_tokens_is_not_reasked() -> None:
    out, received = ask([Reply(content='{"n":', finish="length")])
    assert len(received) == 1
    assert out.answer is None and not out.failed and out.content == '{"n":' and out.attempts == 1
    assert "max_tokens" in out.reason


@pytest.mark.parametrize("code", [503, 400])
def test_an_api_error_is_a_failure_with_nothing_to_salvage(code: int) -> None:
    out, received = ask([Reply(code, raw=json.dumps({"error": "no"}).encode())])
    assert len(received) == 1  # one transport attempt; instructor does not reask an API error
    assert out.failed and out.answer is None and out.content == ""
    assert out.reason.startswith(f"Error code: {code}")


def boom(**kwargs: Any) -> None:
    raise RuntimeError("boom")


BROKEN = SimpleNamespace(chat=SimpleNamespace(completions=SimpleNamespace(create=boom)))  # raises no API error


def test_any_other_error_is_a_failure_named_by_its_type() -> None:
    out = Caller(BROKEN, "fake", 1).ask(Pick, MESSAGES, max_tokens=50)  # type: ignore[arg-type]
    assert out == Outcome(failed=True, reason="RuntimeError: boom")
