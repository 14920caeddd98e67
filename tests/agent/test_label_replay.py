"""The recorded label questions of the local model (`cassettes/eval/dev-labels/`, real traffic) replayed
offline through `zhenggai eval --engine llm --replay`: every question of the recorded fields and problems
replays, the answers stay grounded, and the shipped calibration record is the one this replay makes."""

import json
from pathlib import Path

import pytest
import yaml

from tests.helpers import DEV_GOLD, ROOT
from zhenggai import extract
from zhenggai.agent import calibration
from zhenggai.agent.label_items import questions
from zhenggai.cli import main

CASSETTES = ROOT / "cassettes" / "eval" / "dev-labels"
MODEL = "qwen2.5-coder-1.5b-instruct"


@pytest.fixture(scope="module")
def replayed(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, Path]:  # type: ignore[type-arg]
    out = tmp_path_factory.mktemp("labels")
    args = ["eval", "--golden", str(DEV_GOLD), "--engine", "llm", "--replay", "--cassettes", str(CASSETTES)]
    assert main([*args, "-o", str(out / "llm"), "--calibration-dir", str(out / "cal")]) == 0
    return json.loads((out / "llm.json").read_text(encoding="utf-8")), out / "cal"


def test_every_question_replays_from_the_recording(replayed: tuple[dict, Path]) -> None:  # type: ignore[type-arg]
    result, _ = replayed
    saved = json.loads((CASSETTES / "endpoint.json").read_text(encoding="utf-8"))
    asked = {}
    for name, fields in saved["labels"].items():
        report = extract(DEV_GOLD / f"{name}.txt")
        sample = saved.get("problems", {}).get(name)
        asked[name] = sum(len(list(questions(report, f, sample))) for f in fields)
    # a replay raises on a question with no recording, so each of these calls was recorded
    assert {d["name"]: d["calls"] for d in result["documents"]} == asked and all(n > 0 for n in asked.values())
    for name, n in asked.items():
        assert len(yaml.safe_load((CASSETTES / f"{name}.yaml").read_text(encoding="utf-8"))["interactions"]) >= n
    assert result["summary"]["grounding"]["share"] == 1.0


def test_the_shipped_record_is_the_replays(replayed: tuple[dict, Path]) -> None:  # type: ignore[type-arg]
    result, written = replayed
    shipped = calibration.load(MODEL)
    made = json.loads((written / calibration.file_name(MODEL)).read_text(encoding="utf-8"))
    assert shipped is not None and made == result["calibration"]
    assert shipped["gold"] == "golden/dev" and made["gold"].endswith("golden/dev")
    assert {k: v for k, v in made.items() if k not in ("date", "gold")} == {
        k: v for k, v in shipped.items() if k not in ("date", "gold")
    }
    # the model loses every field it was measured on here, so the default gives it none
    assert set(shipped["fields"]) == {"kind", "indicator"} and calibration.llm_fields(shipped) == frozenset()
