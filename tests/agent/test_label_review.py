"""The review page shows where each label came from and, where the rules and the LLM differ, both answers."""

import html
from pathlib import Path

from tests.agent.label_fake import FakeClient, factory
from tests.helpers import TEXT
from zhenggai import extract
from zhenggai.agent.label_llm import LabelAgent
from zhenggai.review import render_report
from zhenggai.settings import Endpoint


def test_a_measure_tip_shows_its_source_and_the_answer_not_taken(tmp_path: Path) -> None:
    endpoint = Endpoint(base_url="http://127.0.0.1:1/v1", model="fake-model", provider="llamacpp")
    fake = FakeClient(lambda item, allowed: "其他" if "人事" in allowed else allowed[0])
    agent = LabelAgent(endpoint, client_factory=factory(fake), fields=["kind", "status"], calibration_dir=tmp_path)
    page = html.unescape(render_report(extract(text=TEXT, agent=agent)))
    # no calibration: the rules' kind stays; the model said 其他 (other); status 已完成 agrees (done)
    assert "kind: meeting (rules)\nstatus: done (both)" in page
    assert "both answers: kind: rules 'meeting' kept; llm 'other'" in page
    assert "kind: document (rules)" in page
