"""LLM segmentation of a report with no outline, with the LLM replaced by a script of Outcomes: the anchors of
a valid answer become problems; a failure or an invalid last answer gives no headings from the chunk but an
issue; the well-formed anchors of an invalid answer are kept where grounded. And against the recorded reask:
the usage counts what the cassette holds."""

import json
from typing import Any

import pytest
import yaml

from tests.helpers import NO_OUTLINE, ROOT
from zhenggai import extract
from zhenggai.agent.call import Outcome
from zhenggai.agent.cassettes import use_cassette
from zhenggai.agent.chunking import SegmentAnswer
from zhenggai.agent.llm import LLMAgent
from zhenggai.agent.localmodel import MODEL_NAME
from zhenggai.agent.meter import Meter
from zhenggai.agent.providers import Endpoint
from zhenggai.agent.segment_llm import MAX_TOKENS, chunk_headings, segment

HEADINGS = ["关于学习贯彻不深入的问题", "关于作风不实的问题"]
SIGNATURE = NO_OUTLINE.index("中共某县委")  # where the closing block starts: the last chunk ends there


class Scripted:
    """Stands in for a Caller: gives ``outcome`` to every question and keeps what it was asked."""

    model = "scripted"

    def __init__(self, outcome: Outcome[Any]) -> None:
        self.outcome = outcome
        self.asked: list[dict[str, Any]] = []

    def ask(self, response_model: type, messages: list[dict[str, str]], **kwargs: Any) -> Outcome[Any]:
        self.asked.append({"model": response_model, "messages": messages, **kwargs})
        return self.outcome


def answer(headings: list[str]) -> Outcome[Any]:
    return Outcome(answer=SegmentAnswer(headings=headings))


def test_a_chunk_is_asked_with_its_text_as_the_grounding_context() -> None:
    caller = Scripted(answer(HEADINGS))
    assert chunk_headings(caller, "the system prompt", "the chunk") == (HEADINGS, [])  # type: ignore[arg-type]
    [asked] = caller.asked
    assert asked["model"] is SegmentAnswer and asked["max_tokens"] == MAX_TOKENS == 700
    assert asked["context"] == {"chunk": "the chunk"}
    assert asked["messages"] == [
        {"role": "system", "content": "the system prompt"},
        {"role": "user", "content": "the chunk"},
    ]


@pytest.mark.parametrize(
    ("outcome", "message"),
    [
        (
            Outcome(failed=True, reason="Error code: 503"),
            "LLM call failed; no headings from this chunk: Error code: 503",
        ),
        (Outcome(content="", reason="why"), "no valid answer; no headings from this chunk: why"),
        (Outcome(content='{"headings": "关于"}', reason="why"), "no valid answer; no headings from this chunk: why"),
        (Outcome(content="抱歉", reason="why"), "no valid answer; no headings from this chunk: why"),
    ],
)
def test_no_answer_gives_no_headings_and_says_why(outcome: Outcome[Any], message: str) -> None:
    assert chunk_headings(Scripted(outcome), "s", NO_OUTLINE) == ([], [message])  # type: ignore[arg-type]


def test_the_grounded_anchors_of_an_invalid_last_answer_are_kept() -> None:
    last = json.dumps(
        {"headings": ["关于学习贯彻不深入的问题", "开展督查5次", "关于纪律松弛的问题"]}, ensure_ascii=False
    )
    headings, dropped = chunk_headings(Scripted(Outcome(content=last, reason="why", attempts=2)), "s", NO_OUTLINE)  # type: ignore[arg-type]
    assert headings == ["关于学习贯彻不深入的问题"]
    assert len(dropped) == 2 and all(m.startswith("dropped: heading ") for m in dropped)
    assert "'开展督查5次' states no problem" in dropped[0]
    assert "'关于纪律松弛的问题' is not found verbatim" in dropped[1]


def test_anchors_become_problems_from_each_to_the_next() -> None:
    report = extract(text=NO_OUTLINE)
    assert report.status == "no_outline" and report.problems == []
    out = segment(report, Scripted(answer(HEADINGS)), Meter())  # type: ignore[arg-type]
    assert out.status == "ok"
    assert out.status_detail == "no outline found; 2 problems segmented from LLM heading anchors"
    assert [p.title.text for p in out.problems] == HEADINGS
    assert [[m.text for m in p.measures] for p in out.problems] == [
        ["县委召开会议3次,印发《学习方案》。"],
        ["开展督查5次。"],
    ]
    assert out.problems[1].title.start == NO_OUTLINE.index("关于作风不实的问题")
    assert (out.provenance.extractor, out.provenance.model, out.provenance.prompt_version) == (
        "llm",
        "scripted",
        "segment_v1",
    )
    assert out.provenance.usage is not None and out.provenance.usage.calls == 0


def test_a_chunk_without_headings_leaves_the_report_without_problems_and_an_issue() -> None:
    out = segment(extract(text=NO_OUTLINE), Scripted(Outcome(failed=True, reason="down")), Meter())  # type: ignore[arg-type]
    assert out.status == "no_outline" and out.problems == []
    assert out.status_detail == "no outline found; 0 problems segmented from LLM heading anchors"
    [issue] = out.issues
    assert (issue.code, issue.path, issue.start, issue.end) == ("llm_dropped", f"segment[0:{SIGNATURE}]", 0, SIGNATURE)
    assert issue.message == "LLM call failed; no headings from this chunk: down"


RECORDED = ROOT / "cassettes" / "tests" / "test_llm_recorded"
REASK_TEST = "test_no_outline_report_is_segmented_from_grounded_anchors_after_a_reask"


def test_the_recorded_reask_is_counted_once() -> None:
    """The cassette holds the segmentation question, its reask, and the annotation of the problems found."""
    requests = [
        yaml.safe_load(i["request"]["body"])
        for i in yaml.safe_load((RECORDED / f"{REASK_TEST}.yaml").read_text(encoding="utf-8"))["interactions"]
    ]
    reasks = [r for r in requests if r["messages"][-1]["content"].startswith("Correct your JSON")]
    assert (len(requests), len(reasks)) == (3, 1)
    endpoint = Endpoint(
        base_url="http://127.0.0.1:8765/v1", model=MODEL_NAME, provider="llamacpp", transport_attempts=1
    )
    agent = LLMAgent(endpoint, attempts=1)
    with use_cassette(RECORDED / f"{REASK_TEST}.yaml", "none"):
        segmented = agent.segment(extract(text=NO_OUTLINE))
        annotated = agent.annotate(segmented)
    assert segmented.provenance.usage is not None and annotated.provenance.usage is not None
    assert (segmented.provenance.usage.calls, segmented.provenance.usage.reasks) == (2, 1)
    assert (annotated.provenance.usage.calls, annotated.provenance.usage.reasks) == (3, 1)  # segmentation's added
