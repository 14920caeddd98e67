"""Annotation of one batch, with the LLM replaced by a script of Outcomes: a valid answer merged at exact
offsets, a failure or an answer with nothing valid leaving the rules result with an issue on each problem, a
partly valid one kept but for the keys dropped; and the report's provenance and usage after the pass."""

import json
from collections.abc import Callable
from typing import Any

import pytest
from pydantic import BaseModel

from tests.helpers import BLOCKS_TEXT, DEV_GOLD
from zhenggai import extract
from zhenggai.agent.annotate import annotate, annotate_batch, max_tokens
from zhenggai.agent.blocks import Batch, batches
from zhenggai.agent.call import Outcome
from zhenggai.agent.meter import Meter
from zhenggai.schemas import Problem, Report, Usage

# BLOCKS_TEXT: problem 0 has M1 (市委召开会议3次 [F1]) and M2 (印发《学习方案》[D1]和《考核办法》[D2]); problem 1
# has M3 (区纪委监委开展督查5次 [F2],查处问题12个 [F3]); problem 2 has nothing to annotate.
GOOD = {
    "M1": {"k": "会议", "s": "已完成", "b": ["市委"]},
    "M2": {"k": "发文", "s": "推进中", "d": [2]},
    "M3": {"k": "督查", "s": "已完成", "b": ["区纪委监委"]},
    "F1": "召开会议",
    "F2": "开展督查",
    "F3": "查处问题",
}


class Scripted:
    """Stands in for a Caller: answers each question with ``script(answer model)`` and keeps what it was asked."""

    model = "scripted"

    def __init__(self, script: Callable[[type[BaseModel]], Outcome[Any]]) -> None:
        self.script = script
        self.asked: list[tuple[list[dict[str, str]], int]] = []

    def ask(self, response_model: type[BaseModel], messages: list[dict[str, str]], *, max_tokens: int) -> Outcome[Any]:
        self.asked.append((messages, max_tokens))
        return self.script(response_model)


def unlabelled(report: Report) -> Report:
    """``report`` without the rules' labels, so that what the LLM fills in shows on its own."""
    out = report.model_copy(deep=True)
    for p in out.problems:
        for m in p.measures:
            m.kind = m.status = None
            m.responsible, m.sources = [], {}
        for f in p.figures:
            f.subject = f.indicator = None
            f.sources = {}
    return out


@pytest.fixture
def report() -> Report:
    return unlabelled(extract(text=BLOCKS_TEXT))


def test_rules_labels_stay_and_an_agreeing_llm_makes_them_both() -> None:
    report = extract(text=BLOCKS_TEXT)
    m1, m2 = report.problems[0].measures
    assert m1.sources["kind"] == "rules" and m1.kind == "meeting"
    problems, issues, _ = run(report, lambda model: Outcome(answer=model.model_validate(GOOD)))
    n1, n2 = problems[0].measures
    assert issues == []
    assert (n1.kind, n1.sources["kind"]) == ("meeting", "both")  # the LLM agrees
    # where the LLM differs, the rules' answer is kept and stays marked as the rules'
    assert (n2.kind, n2.sources["kind"]) == (m2.kind, "rules" if m2.kind != "document" else "both")
    assert (n2.status, n2.sources["status"]) == (m2.status, "rules" if m2.status != "in_progress" else "both")
    assert [b.text for b in n1.responsible] == [b.text for b in m1.responsible]
    assert [d.text for d in n2.documents] == ["《考核办法》"]  # documents have no rules label: the LLM's
    f1 = problems[0].figures[0]
    assert f1.subject == report.problems[0].figures[0].subject and f1.sources["subject"] in {"rules", "both"}
    assert f1.indicator == report.problems[0].figures[0].indicator and f1.sources["indicator"] == "rules"


def run(report: Report, script: Callable[[type[BaseModel]], Outcome[Any]]) -> tuple[list[Problem], list[Any], Batch]:
    [batch] = batches(report)
    problems = [p.model_copy(deep=True) for p in report.problems]
    issues = annotate_batch(Scripted(script), "the system prompt", report.text, problems, batch)  # type: ignore[arg-type]
    return problems, issues, batch


def test_max_tokens_grows_with_what_the_answer_may_hold(report: Report) -> None:
    [batch] = batches(report)
    assert max_tokens(batch) == 40 + 30 * 3 + 4 * 2 + 16 * 3  # 3 measures, 2 titles, 3 figures: 186


def test_a_valid_answer_is_merged_at_exact_offsets(report: Report) -> None:
    caller = Scripted(lambda model: Outcome(answer=model.model_validate(GOOD)))
    [batch] = batches(report)
    problems = [p.model_copy(deep=True) for p in report.problems]
    assert annotate_batch(caller, "the system prompt", report.text, problems, batch) == []  # type: ignore[arg-type]
    assert caller.asked == [
        ([{"role": "system", "content": "the system prompt"}, {"role": "user", "content": batch.prompt}], 186)
    ]
    m1, m2 = problems[0].measures
    assert (m1.kind, m1.status, m2.kind, m2.status) == ("meeting", "done", "document", "in_progress")
    text = report.text
    for span, expected in [(m1.responsible[0], "市委"), (m2.documents[0], "《考核办法》")]:
        assert text[span.start : span.end] == span.text == expected
    assert m1.responsible[0].start == m1.start + 2  # "一是" stands before it
    assert [d.text for d in m2.documents] == ["《考核办法》"]  # D2 only
    subjects = [f.subject for p in problems[:2] for f in p.figures]
    assert [s.text if s else None for s in subjects] == ["召开会议", "开展督查", "查处问题"]
    assert all(s is not None and text[s.start : s.end] == s.text for s in subjects)
    assert report.problems[0].measures[0].kind is None  # the report's own problems are untouched
    assert (m1.sources["kind"], problems[0].figures[0].sources["subject"]) == ("llm", "llm")


def test_a_failed_call_keeps_the_rules_result_with_an_issue_per_problem(report: Report) -> None:
    problems, issues, _ = run(report, lambda _: Outcome(failed=True, reason="Error code: 503"))
    assert [(i.code, i.path, i.start, i.end) for i in issues] == [
        ("llm_failed", "problems[0]", report.problems[0].title.start, report.problems[0].body.end),  # type: ignore[union-attr]
        ("llm_failed", "problems[1]", report.problems[1].title.start, report.problems[1].body.end),  # type: ignore[union-attr]
    ]
    assert {i.message for i in issues} == {"LLM call failed, rules result kept: Error code: 503"}
    assert problems == report.problems


@pytest.mark.parametrize("content", ["", "抱歉", "[1, 2]", '{"M1": {"k": "不知道"}}'])
def test_no_valid_key_drops_the_whole_answer(report: Report, content: str) -> None:
    problems, issues, _ = run(report, lambda _: Outcome(content=content, reason="why", attempts=2))
    assert [(i.code, i.path) for i in issues] == [("llm_dropped", "problems[0]"), ("llm_dropped", "problems[1]")]
    assert issues[0].message == "no valid answer after 2 attempt(s); rules result kept: why"
    assert problems == report.problems


def test_a_partly_valid_answer_keeps_what_validates(report: Report) -> None:
    partial = {k: v for k, v in GOOD.items() if k != "M3"} | {"F3": "乱说"}
    problems, issues, batch = run(report, lambda _: Outcome(content=json.dumps(partial), reason="why", attempts=2))
    m3, f3 = batch.measures[2], batch.figures[2]
    assert [(i.code, i.path, i.start, i.end) for i in issues] == [
        ("llm_dropped", "problems[1].measures[0]", m3.start, m3.end),
        ("llm_dropped", "problems[1].figures[1]", f3.start, f3.end),
    ]
    assert issues[0].message == "M3: dropped after 2 attempt(s): missing"
    assert issues[1].message.startswith("F3: dropped after 2 attempt(s): Input should be")
    assert problems[0].measures[0].kind == "meeting" and problems[1].figures[0].subject is not None  # kept
    assert problems[1].measures[0].kind is None and problems[1].figures[1].subject is None  # dropped


def test_the_pass_sets_provenance_and_adds_the_segmentation_usage(report: Report) -> None:
    prior = Usage(calls=2, prompt_tokens=100, completion_tokens=10, reasks=1, seconds=1.0, server_seconds=2.0)
    segmented = report.model_copy(
        update={"provenance": report.provenance.model_copy(update={"usage": prior, "prompt_version": "segment_v1"})}
    )
    meter = Meter(usage=Usage(calls=1, prompt_tokens=5, completion_tokens=3))
    caller = Scripted(lambda model: Outcome(answer=model.model_validate(GOOD)))
    out = annotate(segmented, caller, meter)  # type: ignore[arg-type]
    usage = out.provenance.usage
    assert usage is not None and (usage.calls, usage.prompt_tokens, usage.completion_tokens, usage.reasks) == (
        3,
        105,
        13,
        1,
    )
    assert usage.server_seconds == 2.0 and usage.seconds >= 1.0
    assert (out.provenance.extractor, out.provenance.model) == ("llm", "scripted")
    assert out.provenance.prompt_version == "segment_v1,problem_v2"
    assert out.problems[0].measures[0].kind == "meeting" and out.issues == report.issues


def test_rules_report_gets_only_the_annotation_prompt_and_usage(report: Report) -> None:
    out = annotate(report, Scripted(lambda model: Outcome(answer=model.model_validate(GOOD))), Meter())  # type: ignore[arg-type]
    assert out.provenance.prompt_version == "problem_v2"
    assert out.provenance.usage is not None and out.provenance.usage.calls == 0  # the script made no real call


def test_workers_keep_the_order_of_batches() -> None:
    report = extract(DEV_GOLD / "xuchang_2017.txt")
    failed = Scripted(lambda _: Outcome(failed=True, reason="down"))
    paths = [i.path for i in annotate(report, failed, Meter(), workers=4).issues if i.code == "llm_failed"]  # type: ignore[arg-type]
    expected = [f"problems[{i}]" for b in batches(report) for i in b.problems]
    assert len(batches(report)) > 4 and paths == expected
    assert len(failed.asked) == len(batches(report))
