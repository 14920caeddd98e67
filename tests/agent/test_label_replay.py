"""The recorded label questions of the local model (real traffic) replayed offline through `zhenggai eval
--engine llm --replay`: kind and indicator on dev gold (`cassettes/eval/dev-labels/`), status, responsible and
subject on the wild gold (`cassettes/eval/wild-labels/`), and all five on the first problem of each report of
golden/wild2 (`cassettes/eval/wild2-labels/`, recorded while the rules had never been tuned on it) and of
golden/wild3 (`cassettes/eval/wild3-labels/`), the gold the rules have never been tuned on. Every question of
the recorded fields and problems replays (a missing cassette or question fails the replay), the answers stay
grounded, and the shipped calibration record holds what the wild3 replay makes."""

import json
from pathlib import Path

import pytest
import yaml

from tests.helpers import DEV_GOLD, ROOT
from zhenggai import extract
from zhenggai.agent import calibration
from zhenggai.agent.label_items import questions
from zhenggai.cli import main

WILD_GOLD = ROOT / "golden" / "wild"
WILD2_GOLD = ROOT / "golden" / "wild2"
WILD3_GOLD = ROOT / "golden" / "wild3"
FIELDS = {"kind", "status", "responsible", "subject", "indicator"}
# cassette folder -> (its gold, the fields recorded there)
RECORDINGS = {
    "dev-labels": (DEV_GOLD, {"kind", "indicator"}),
    "wild-labels": (WILD_GOLD, {"status", "responsible", "subject"}),
    "wild2-labels": (WILD2_GOLD, FIELDS),
    "wild3-labels": (WILD3_GOLD, FIELDS),
}
MODEL = "qwen2.5-coder-1.5b-instruct"

Replayed = tuple[str, dict, Path]  # type: ignore[type-arg]


@pytest.fixture(scope="module", params=sorted(RECORDINGS))
def replayed(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Replayed:
    out = tmp_path_factory.mktemp(request.param)
    cassettes = ROOT / "cassettes" / "eval" / request.param
    args = ["eval", "--golden", str(RECORDINGS[request.param][0]), "--engine", "llm", "--replay"]
    assert main([*args, "--cassettes", str(cassettes), "-o", str(out / "llm"), "--calibration-dir", str(out)]) == 0
    return request.param, json.loads((out / "llm.json").read_text(encoding="utf-8")), out


def test_every_question_replays_from_the_recording(replayed: Replayed) -> None:
    folder, result, _ = replayed
    gold, fields = RECORDINGS[folder]
    cassettes = ROOT / "cassettes" / "eval" / folder
    saved = json.loads((cassettes / "endpoint.json").read_text(encoding="utf-8"))
    assert {f for fs in saved["labels"].values() for f in fs} == fields
    asked = {}
    for name, recorded in saved["labels"].items():
        report = extract(gold / f"{name}.txt")
        sample = saved.get("problems", {}).get(name)
        asked[name] = sum(len(list(questions(report, f, sample))) for f in recorded)
    # a replay raises on a question with no recording, so each of these calls was recorded
    assert {d["name"]: d["calls"] for d in result["documents"]} == asked and all(n > 0 for n in asked.values())
    for name, n in asked.items():
        assert len(yaml.safe_load((cassettes / f"{name}.yaml").read_text(encoding="utf-8"))["interactions"]) >= n
    assert result["summary"]["grounding"]["share"] == 1.0


def test_the_wild_recording_covers_every_wild_report() -> None:
    saved = json.loads((ROOT / "cassettes" / "eval" / "wild-labels" / "endpoint.json").read_text(encoding="utf-8"))
    names = {p.stem for p in WILD_GOLD.glob("*.txt")}
    assert len(names) == 14 and set(saved["labels"]) == names
    assert all((ROOT / "cassettes" / "eval" / "wild-labels" / f"{n}.yaml").is_file() for n in names)


def test_the_shipped_record_holds_the_replays_fields(replayed: Replayed) -> None:
    folder, result, written = replayed
    gold, fields = RECORDINGS[folder]
    shipped = calibration.load(MODEL)
    made = json.loads((written / calibration.file_name(MODEL)).read_text(encoding="utf-8"))
    assert shipped is not None and made == result["calibration"] and set(made["fields"]) == fields
    for f in fields:
        assert made["fields"][f]["gold"] == str(gold)
        if shipped["fields"][f]["gold"] == f"golden/{gold.name}":  # the replay the shipped record was made from
            assert {**made["fields"][f], "gold": None} == {**shipped["fields"][f], "gold": None}, f
            assert made["prompts"][f] == shipped["prompts"][f]


def test_the_shipped_record_holds_all_five_fields_from_unseen_gold_and_gives_the_llm_none() -> None:
    shipped = calibration.load(MODEL)
    assert shipped is not None
    # measured where the rules were never tuned (wild3), on at least 40 items a field, the model loses every
    # field to the rules: the default takes the rules everywhere
    assert {f: s["gold"] for f, s in shipped["fields"].items()} == dict.fromkeys(FIELDS, "golden/wild3")
    assert all(shipped["fields"][f]["items"] >= 40 for f in FIELDS)
    assert calibration.llm_fields(shipped) == frozenset()
