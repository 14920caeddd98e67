"""A label recording of a sample (the first problems of a report) is scored on that sample only, and every
question of it must replay from the recording."""

import json
from pathlib import Path

import pytest
import yaml

from tests.helpers import ROOT
from zhenggai.cli import main
from zhenggai.eval.llm import sampled_gold

NAME = "wild13_unlabelled_groups"

GOLD = {
    "problems": [
        {"title": "一", "measures": [{"text": "a", "kind": "meeting", "status": "done"}], "figures": []},
        {
            "title": "二",
            "measures": ["b", {"text": "c", "kind": "system", "responsible": []}],
            "figures": [{"text": "3次", "subject": "会议", "indicator": "meetings"}],
        },
    ]
}


def test_the_labels_after_the_sample_are_taken_out() -> None:
    view = sampled_gold({"doc": 1}, "doc", GOLD)
    assert view["problems"][0] == GOLD["problems"][0]
    assert view["problems"][1]["measures"] == ["b", {"text": "c"}]
    assert view["problems"][1]["figures"] == [{"text": "3次"}]
    assert GOLD["problems"][1]["measures"][1]["kind"] == "system"  # the gold read is not changed


def test_a_document_recorded_whole_keeps_its_gold() -> None:
    assert sampled_gold({"other": 1}, "doc", GOLD) is GOLD


def _one_report_recording(tmp_path: Path, drop_last: bool) -> Path:
    """wild13's real label recording alone, optionally without its last question's answer."""
    src = ROOT / "cassettes" / "eval" / "wild-labels"
    saved = json.loads((src / "endpoint.json").read_text(encoding="utf-8"))
    saved["labels"] = {NAME: saved["labels"][NAME]}
    saved["problems"] = {NAME: saved["problems"][NAME]}
    out = tmp_path / "cassettes"
    out.mkdir()
    (out / "endpoint.json").write_text(json.dumps(saved), encoding="utf-8")
    cassette = yaml.safe_load((src / f"{NAME}.yaml").read_text(encoding="utf-8"))
    if drop_last:
        cassette["interactions"] = cassette["interactions"][:-1]
    (out / f"{NAME}.yaml").write_text(yaml.safe_dump(cassette, allow_unicode=True), encoding="utf-8")
    return out


@pytest.mark.parametrize("drop_last", [False, True])
def test_a_question_without_its_recording_fails_the_replay(tmp_path: Path, drop_last: bool) -> None:
    cassettes = _one_report_recording(tmp_path, drop_last)
    args = ["eval", "--golden", str(ROOT / "golden" / "wild"), "--engine", "llm", "--replay"]
    code = main([*args, "--cassettes", str(cassettes), "-o", str(tmp_path / "out"), "--calibration-dir", str(tmp_path)])
    assert code == (2 if drop_last else 0)  # a usage error: the recording does not fit the code that replays it
