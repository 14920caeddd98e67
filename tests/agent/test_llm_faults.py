"""Transport and answer faults against a fake endpoint on loopback: 429 (Retry-After), 500, a timeout,
malformed JSON and a polite refusal — each retried or reasked, and finally the rules result stands."""

import json
from typing import Any

import pytest

from tests.helpers import NO_OUTLINE, TEXT
from tests.helpers.fake_llm import FakeClock, Reply, fake_endpoint
from zhenggai import extract
from zhenggai.agent.llm import LLMAgent
from zhenggai.agent.providers import Endpoint, make_client
from zhenggai.agent.throttle import Throttle
from zhenggai.schemas import Report

GOOD = json.dumps(
    {"M1": {"k": "会议", "s": "已完成", "b": ["市委"]}, "M2": {"k": "发文", "s": "已完成", "d": [1]}, "F1": "召开会议"},
    ensure_ascii=False,
)
BAD_ANCHOR = GOOD.replace("召开会议", "开了很多会")


def run(
    replies: list[Reply], *, timeout: float = 5.0, attempts: int = 1
) -> tuple[Report, list[dict[str, Any]], list[float]]:
    clock = FakeClock()  # transport's waits and the throttle's on one fake clock: nothing sleeps
    with fake_endpoint(replies) as (url, received):
        endpoint = Endpoint(base_url=url, model="fake", provider="llamacpp", timeout=timeout, transport_attempts=3)
        agent = LLMAgent(
            endpoint,
            attempts=attempts,
            client_factory=lambda ep, **kw: make_client(ep, sleep=clock.sleep, **kw),
            throttle=Throttle(clock=clock.now, sleep=clock.sleep),
        )
        report = extract(text=TEXT, agent=agent)
    return report, received, clock.slept


def annotated(report: Report) -> bool:
    m = report.problems[0].measures
    return m[0].kind == "meeting" and [s.text for s in m[1].documents] == ["《学习方案》"]


def test_good_answer_is_merged_at_exact_offsets() -> None:
    report, received, _ = run([Reply(content=GOOD)])
    assert annotated(report) and report.issues == []
    body = report.problems[0].measures[0].responsible[0]
    assert report.text[body.start : body.end] == "市委"
    assert received[0]["response_format"]["type"] == "json_object" and "schema" in received[0]["response_format"]
    assert report.provenance.usage is not None and report.provenance.usage.calls == 1


def test_429_honours_retry_after_then_succeeds() -> None:
    report, received, slept = run(
        [Reply(429, raw=b'{"error":"busy"}', headers={"Retry-After": "7"}), Reply(content=GOOD)]
    )
    assert annotated(report) and len(received) == 2 and slept == [7.0]


def test_500_is_retried_with_backoff() -> None:
    report, received, slept = run([Reply(500, raw=b'{"error":"oops"}'), Reply(content=GOOD)])
    assert annotated(report) and len(received) == 2 and len(slept) == 1 and 0 < slept[0] <= 31


def test_timeout_is_retried() -> None:
    report, received, _ = run([Reply(content=GOOD, delay=2.0), Reply(content=GOOD)], timeout=0.5)
    assert annotated(report) and len(received) == 2


def test_persistent_failure_keeps_rules_result_and_marks_it() -> None:
    report, received, slept = run([Reply(503, raw=b"{}")])
    assert len(received) == 3 and len(slept) == 2  # transport attempts exhausted
    assert [i.code for i in report.issues] == ["llm_failed"]
    m = report.problems[0].measures[0]
    assert (m.kind, m.sources["kind"]) == ("meeting", "rules") and len(report.problems[0].figures) == 1  # rules stand


@pytest.mark.parametrize("first", ["{not json", "抱歉,我无法完成这个请求。"])
def test_malformed_json_and_refusal_are_reasked(first: str) -> None:
    report, received, _ = run([Reply(content=first), Reply(content=GOOD)])
    assert annotated(report) and report.issues == []
    assert len(received) == 2 and received[1]["messages"][-1]["role"] == "user"
    assert "Correct your JSON" in received[1]["messages"][-1]["content"]
    assert report.provenance.usage is not None and (report.provenance.usage.calls, report.provenance.usage.reasks) == (
        2,
        1,
    )


def test_refusal_after_last_attempt_is_dropped_and_recorded() -> None:
    report, received, _ = run([Reply(content="抱歉,我无法完成这个请求。")])
    assert len(received) == 2
    assert [i.code for i in report.issues] == ["llm_dropped"]
    assert report.problems[0].measures[0].sources["kind"] == "rules"  # the rules' label stands


def test_ungrounded_item_is_reasked_with_the_validator_message_then_dropped() -> None:
    report, received, _ = run([Reply(content=BAD_ANCHOR)])
    assert len(received) == 2
    reask = received[1]["messages"][-1]["content"]
    assert "F1" in reask and "Input should be '会议'" in reask and "input_value='开了很多会'" in reask
    assert [(i.code, i.path) for i in report.issues] == [("llm_dropped", "problems[0].figures[0]")]
    f = report.problems[0].figures[0]
    assert annotated(report) and f.sources["subject"] == "rules"  # the rest of the answer is kept, F1 the rules'
    assert f.subject is not None and f.subject.text == "会议"


def test_answer_cut_at_max_tokens_keeps_rules_result() -> None:
    report, received, _ = run([Reply(content=GOOD[:40], finish="length")])
    assert len(received) == 1
    assert [i.code for i in report.issues] == ["llm_dropped"] and "no valid answer" in report.issues[0].message
    assert report.problems[0].measures[0].sources["kind"] == "rules"  # the rules' label stands


def test_no_outline_is_segmented_by_llm_anchors() -> None:
    answers = [
        json.dumps(
            {"headings": ["关于学习贯彻不深入的问题", "关于作风不实的问题", "这句话不在原文里"]}, ensure_ascii=False
        ),
        json.dumps({"headings": ["关于学习贯彻不深入的问题", "关于作风不实的问题"]}, ensure_ascii=False),
        json.dumps(
            {"M1": {"k": "会议", "s": "已完成"}, "M2": {"k": "督查", "s": "已完成"}, "F1": "", "F2": "开展督查"},
            ensure_ascii=False,
        ),
    ]
    with fake_endpoint([Reply(content=a) for a in answers]) as (url, received):
        agent = LLMAgent(Endpoint(base_url=url, model="fake", provider="llamacpp"), attempts=1)
        report = extract(text=NO_OUTLINE, agent=agent)
    assert "这句话不在原文里" in received[1]["messages"][-1]["content"]  # the ungrounded anchor was reasked
    assert report.status == "ok" and "LLM heading anchors" in (report.status_detail or "")
    assert [p.title.text for p in report.problems] == ["关于学习贯彻不深入的问题", "关于作风不实的问题"]
    assert [[f.text for f in p.figures] for p in report.problems] == [["3次"], ["5次"]]
    assert [[m.text for m in p.measures] for p in report.problems] == [
        ["县委召开会议3次,印发《学习方案》。"],
        ["开展督查5次。"],
    ]
    assert (
        # the LLM's 开展督查 does not replace the rules' subject
        report.problems[1].figures[0].subject is not None and report.problems[1].figures[0].subject.text == "督查"
    )
    assert report.provenance.usage is not None and report.provenance.usage.calls == 3  # both problems in one batch
