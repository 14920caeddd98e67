"""The label pass: degenerate runs are not taken, the calibration decides which source each field takes, and
every label says where it came from; the answer not taken stays visible."""

import contextlib
import threading
from pathlib import Path

import pytest

from tests.agent.label_fake import FakeClient, factory
from tests.helpers import TEXT
from zhenggai import extract
from zhenggai.agent import calibration
from zhenggai.agent.label_llm import LabelAgent, degenerate_runs, longest_plausible_run
from zhenggai.settings import Endpoint

ENDPOINT = Endpoint(base_url="http://127.0.0.1:1/v1", model="fake-model", provider="llamacpp")


@pytest.mark.parametrize(
    ("share", "longest"),
    # the longest run with a chance of at least 1e-4 at that share: 0.35**8 = 2.3e-4, 0.35**9 = 7.9e-5
    [(0.35, 8), (0.7, 25), (0.9, 87)],
)
def test_longest_plausible_run(share: float, longest: int) -> None:
    assert longest_plausible_run(share) == longest
    assert share**longest >= 1e-4 > share ** (longest + 1)


@pytest.mark.parametrize(
    ("field", "answers", "runs"),
    [
        ("kind", ["会议"] * 9, [(0, 9)]),
        ("kind", ["会议"] * 8, []),
        ("kind", ["督查", *["会议"] * 10, "督查"], [(1, 11)]),
        ("kind", [*["会议"] * 5, None, *["会议"] * 5], []),  # a question with no answer breaks the run
        ("status", ["已完成"] * 87, []),
        ("status", ["已完成"] * 88, [(0, 88)]),
        ("subject", ["会议"] * 50, []),  # spans have no fixed labels to run on
    ],
)
def test_degenerate_runs(field: str, answers: list[str | None], runs: list[tuple[int, int]]) -> None:
    assert degenerate_runs(field, answers) == runs


def record(tmp_path: Path, llm: float, rules: float = 0.6) -> Path:
    labels = {
        f: {"items": 2, "accuracy": llm, "baselines": {"commonest": {"accuracy": 0.2}, "rules": {"accuracy": rules}}}
        for f in ("kind", "indicator")
    }
    calibration.write(calibration.from_eval(labels, ENDPOINT.model, ["kind", "indicator"], "g"), tmp_path)
    return tmp_path


def other_everywhere(item: str, allowed: list[str]) -> str:
    """Kind 其他 (the rules say meeting, document); indicator 会议 (the rules say meetings); elsewhere the first
    value allowed (status 已完成, the body 市委, the subject 会议: each what the rules answer here)."""
    return (
        "其他"
        if "其他" in allowed and "会议" in allowed and "人事" in allowed
        else "会议"
        if "会议" in allowed
        else allowed[0]
    )


def run(fake: FakeClient, **kw: object):  # type: ignore[no-untyped-def]
    return extract(text=TEXT, agent=LabelAgent(ENDPOINT, client_factory=factory(fake), **kw))  # type: ignore[arg-type]


def test_a_field_the_calibration_gives_the_llm_takes_its_answer(tmp_path: Path) -> None:
    fake = FakeClient(other_everywhere)
    report = run(fake, calibration_dir=record(tmp_path, llm=0.9))
    m1, m2 = report.problems[0].measures
    (f,) = report.problems[0].figures
    assert (m1.kind, m2.kind, m1.sources["kind"], m2.sources["kind"]) == ("other", "other", "llm", "llm")
    assert (f.indicator, f.sources["indicator"]) == ("meetings", "both")  # 会议 is the rules' meetings
    assert len(fake.requests) == 3  # only the fields it wins are asked: two kinds and one indicator
    shown = [i.message for i in report.issues if i.code == "llm_other_answer"]
    assert shown == ["kind: llm 'other' kept; rules 'meeting'", "kind: llm 'other' kept; rules 'document'"]
    assert report.provenance.usage is not None and report.provenance.usage.calls == 3


def test_a_field_the_rules_win_keeps_the_rules_answer(tmp_path: Path) -> None:
    fake = FakeClient(other_everywhere)
    report = run(fake, calibration_dir=record(tmp_path, llm=0.5), fields=["kind", "status"])
    m1, m2 = report.problems[0].measures
    assert (m1.kind, m2.kind, m1.sources["kind"]) == ("meeting", "document", "rules")
    # the model's status answer here is the first allowed, 已完成: done, as the rules say
    assert (m1.sources["status"], m2.sources["status"]) == ("both", "both")
    shown = [i.message for i in report.issues if i.code == "llm_other_answer"]
    assert shown == ["kind: rules 'meeting' kept; llm 'other'", "kind: rules 'document' kept; llm 'other'"]


def test_with_no_calibration_every_field_is_asked_and_the_rules_win(tmp_path: Path) -> None:
    fake = FakeClient(other_everywhere)
    report = run(fake, calibration_dir=tmp_path)
    m1 = report.problems[0].measures[0]
    (f,) = report.problems[0].figures
    # 2 kinds, 2 statuses, 1 responsible (the second measure names no body), 1 subject, 1 indicator
    assert len(fake.requests) == 7
    assert (m1.kind, m1.sources["kind"], m1.status, m1.sources["status"]) == ("meeting", "rules", "done", "both")
    assert [s.text for s in m1.responsible] == ["市委"] and m1.sources["responsible"] == "both"  # its one candidate
    assert f.subject is not None and f.subject.text == "会议" and f.sources["subject"] == "both"


def test_the_llm_policy_takes_every_answer_but_not_a_degenerate_run(tmp_path: Path) -> None:
    text = TEXT.replace(
        "一是市委召开会议3次。二是印发《学习方案》。", "".join(f"{n}是开展督查。" for n in "一二三四五六七八九")
    )
    fake = FakeClient(lambda item, allowed: "会议")
    report = extract(text=text, agent=LabelAgent(ENDPOINT, client_factory=factory(fake), fields=["kind"], policy="llm"))
    measures = report.problems[0].measures
    assert len(measures) == 9 and all(m.kind == "inspection" and m.sources["kind"] == "rules" for m in measures)
    (issue,) = [i for i in report.issues if i.code == "llm_degenerate"]
    assert issue.message.startswith("kind: 9 answers in a row '会议'") and issue.path == "problems[0].measures[0]"


def test_a_sample_asks_only_the_first_problems() -> None:
    fake = FakeClient(lambda item, allowed: allowed[0])
    agent = LabelAgent(ENDPOINT, client_factory=factory(fake), fields=["kind"], policy="llm", problems=0)
    report = extract(text=TEXT, agent=agent)
    assert fake.requests == [] and all(m.sources["kind"] == "rules" for m in report.problems[0].measures)


def test_the_shipped_record_gives_the_local_model_no_question() -> None:
    local = Endpoint(base_url="http://127.0.0.1:8765/v1", model="qwen2.5-coder-1.5b-instruct", provider="llamacpp")
    fake = FakeClient(lambda item, allowed: allowed[0])
    report = extract(text=TEXT, agent=LabelAgent(local, client_factory=factory(fake)))
    assert fake.requests == [] and report.problems[0].measures[0].sources["kind"] == "rules"


def test_a_fields_questions_go_out_workers_at_a_time_and_settle_in_order() -> None:
    text = TEXT.replace(
        "一是市委召开会议3次。二是印发《学习方案》。", "".join(f"{n}是开展督查。" for n in "一二三四五六")
    )
    lock, state = threading.Lock(), {"now": 0, "peak": 0}
    # each answer is held until four are in flight (or a second passes), so only concurrent asking overlaps
    four = threading.Barrier(4)

    def answer(item: str, allowed: list[str]) -> str:
        with lock:
            state["now"] += 1
            state["peak"] = max(state["peak"], state["now"])
        with contextlib.suppress(threading.BrokenBarrierError):
            four.wait(timeout=1)
        with lock:
            state["now"] -= 1
        return "督查" if "督查" in allowed else allowed[0]

    fake = FakeClient(answer)
    agent = LabelAgent(ENDPOINT, client_factory=factory(fake), fields=["kind"], policy="llm", workers=4)
    report = extract(text=text, agent=agent)
    assert state["peak"] == 4 and len(fake.requests) == 6
    # the answers land on their own items: every measure is an inspection, by the rules and the model alike
    assert [m.sources["kind"] for m in report.problems[0].measures] == ["both"] * 6
