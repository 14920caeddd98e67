"""The LLM path against real recorded traffic of the local model (Qwen2.5-Coder-1.5B-Instruct on llama.cpp).

Replayed offline; re-record with `pytest tests/test_llm_recorded.py --record-mode=once` after deleting the
cassettes, with the local server running (`zhenggai model serve`).
"""

import pytest
import yaml

from tests.helpers import DEV_GOLD, NO_OUTLINE, ROOT
from zhenggai import extract, validate
from zhenggai.agent.llm import LLMAgent
from zhenggai.agent.localmodel import MODEL_NAME
from zhenggai.agent.providers import Endpoint
from zhenggai.schemas import Report

pytestmark = pytest.mark.vcr
CASSETTES = ROOT / "cassettes" / "tests" / "test_llm_recorded"
# One attempt per transport call, so a request missing from a cassette fails at once.
LOCAL = Endpoint(base_url="http://127.0.0.1:8765/v1", model=MODEL_NAME, provider="llamacpp", transport_attempts=1)


def one_problem(name: str, index: int) -> Report:
    report = extract(DEV_GOLD / f"{name}.txt")
    return report.model_copy(update={"problems": report.problems[index : index + 1]})


def assert_ran_and_grounded(report: Report) -> None:
    assert not [i for i in report.issues if i.code == "llm_failed"], [i.message for i in report.issues]
    assert report.provenance.usage is not None and report.provenance.usage.calls >= 1
    assert [i for i in validate(report) if i.severity == "error"] == []


def recorded_requests(test: str) -> list[dict]:  # type: ignore[type-arg]
    cassette = yaml.safe_load((CASSETTES / f"{test}.yaml").read_text(encoding="utf-8"))
    return [yaml.safe_load(i["request"]["body"]) for i in cassette["interactions"]]


def test_annotation_is_grounded() -> None:
    report = LLMAgent(LOCAL, attempts=1).annotate(one_problem("huiji_2021", 1))
    report.issues += validate(report)
    assert_ran_and_grounded(report)
    assert report.provenance.usage.server_seconds > 1  # type: ignore[union-attr]  # the model's recorded time
    p = report.problems[0]
    assert all(m.kind is not None and m.status is not None for m in p.measures)
    for m in p.measures:  # every body and title the model chose sits inside its own measure
        assert all(m.start <= s.start < s.end <= m.end for s in m.responsible + m.documents)
    for f in p.figures:  # every subject stands in its figure's sentence, the model's right next to the figure
        if f.subject is not None:
            lo, hi = min(f.start, f.subject.start), max(f.end, f.subject.end)
            assert (f.subject.end <= f.start or f.subject.start >= f.end) and "。" not in report.text[lo:hi]
            assert f.sources["subject"] == "rules" or f.subject.end == f.start or f.subject.start == f.end
    [request] = recorded_requests("test_annotation_is_grounded")
    assert "[M1]" in request["messages"][-1]["content"] and request["response_format"]["type"] == "json_object"


def test_no_outline_report_is_segmented_from_grounded_anchors_after_a_reask() -> None:
    agent = LLMAgent(LOCAL, attempts=1)
    report = agent.annotate(agent.segment(extract(text=NO_OUTLINE)))
    assert_ran_and_grounded(report)
    assert report.problems, "the model found no heading"
    assert all(p.title.text.startswith("关于") for p in report.problems)
    requests = recorded_requests("test_no_outline_report_is_segmented_from_grounded_anchors_after_a_reask")
    reask = requests[1]["messages"][-1]["content"]  # the second request carries the validator's message
    assert "Correct your JSON" in reask
    assert any(s in reask for s in ("not found verbatim", "states no problem")), reask
    assert report.provenance.usage is not None and report.provenance.usage.reasks >= 1
