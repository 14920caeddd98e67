"""One label question: the schema that constrains its answer, the answer checked against the allowed values,
and the confidence read from logprobs."""

import math
from types import SimpleNamespace

import pytest

from tests.agent.label_fake import FakeClient
from tests.helpers import TEXT
from zhenggai import extract
from zhenggai.agent.label_ask import Asker, confidence, max_tokens, schema
from zhenggai.agent.label_items import Question, questions
from zhenggai.agent.label_prompts import load_prompt
from zhenggai.agent.providers import ServerClock
from zhenggai.settings import PROVIDERS


def question(field: str) -> Question:
    return next(questions(extract(text=TEXT), field))  # type: ignore[arg-type]


def test_an_enum_field_allows_exactly_its_words() -> None:
    s = schema(question("status"))
    assert s == {
        "type": "object",
        "properties": {"a": {"type": "string", "enum": ["已完成", "推进中", "计划", "长期", "未说明"]}},
        "required": ["a"],
        "additionalProperties": False,
    }


def test_responsible_allows_a_short_list_of_its_candidates() -> None:
    value = schema(question("responsible"))["properties"]["a"]
    assert value == {"type": "array", "items": {"type": "string", "enum": ["市委"]}, "maxItems": 3}


def test_llamacpp_gets_the_schema_as_its_grammar() -> None:
    rf = {"type": "json_schema", "json_schema": {"name": "answer", "schema": schema(question("kind")), "strict": True}}
    assert PROVIDERS["llamacpp"](rf) == {"type": "json_object", "schema": schema(question("kind"))}


def test_room_for_the_longest_answer() -> None:
    assert max_tokens(question("kind")) == 12 + 2  # kinds are two characters
    assert max_tokens(question("responsible")) == 12 + 2 * 3 + 4 * 3


def test_every_call_of_a_field_shares_its_prefix_and_ends_with_the_item() -> None:
    fake = FakeClient(lambda item, allowed: allowed[0])
    asker = Asker(fake, "m", ServerClock())
    prompt = load_prompt("label_kind_v1")
    for q in questions(extract(text=TEXT), "kind"):
        asker.ask(prompt, q)
    first, second = (r["messages"] for r in fake.requests)
    assert first[:-1] == second[:-1] == prompt.prefix() and len(prompt.shots) == 9
    assert first[-1] == {"role": "user", "content": "问:一是市委召开会议3次。"}
    assert all(r["temperature"] == 0 and r["logprobs"] and r["top_logprobs"] == 10 for r in fake.requests)
    assert (asker.usage.calls, asker.usage.prompt_tokens, asker.usage.completion_tokens) == (2, 200, 12)


@pytest.mark.parametrize("answer", ["开会", ["市委"], 3])
def test_an_answer_outside_the_allowed_values_is_refused(answer: object) -> None:
    asker = Asker(FakeClient(lambda item, allowed: answer), "m", ServerClock())
    reply, why = asker.ask(load_prompt("label_kind_v1"), question("kind"))
    assert reply is None and "not an allowed answer" in why


def tok(token: str, logprob: float, top: list[tuple[str, float]] = ()) -> SimpleNamespace:  # type: ignore[assignment]
    return SimpleNamespace(
        token=token, logprob=logprob, top_logprobs=[SimpleNamespace(token=t, logprob=lp) for t, lp in top]
    )


def test_confidence_is_the_chosen_share_among_allowed_first_tokens() -> None:
    content = '{"a": "会议"}'
    tokens = [
        tok('{"', -9.0),
        tok("a", -3.0),
        tok('":', -1.0),
        tok(' "', -0.1),
        tok("会议", -0.5, [("会议", -0.5), ("措施", -1.0), ("发文", -2.0)]),  # 措施 is no kind: left out
        tok('"}', -0.2),
    ]
    expected = math.exp(-0.5) / (math.exp(-0.5) + math.exp(-2.0))  # 0.8176
    assert confidence(content, tokens, "会议", ("会议", "发文", "其他")) == round(expected, 4) == 0.8176


def test_confidence_where_the_value_starts_inside_a_token() -> None:
    content = '{"a": "督查"}'
    tokens = [tok('{"a":', -1.0), tok(' "督', -0.2, [(' "督', -0.2), (' "问', -1.6)]), tok('查"}', -0.1)]
    expected = math.exp(-0.2) / (math.exp(-0.2) + math.exp(-1.6))  # 问 begins 问责
    assert confidence(content, tokens, "督查", ("督查", "问责")) == round(expected, 4)


def test_no_logprobs_no_confidence() -> None:
    assert confidence('{"a": "会议"}', [], "会议", ("会议",)) is None
