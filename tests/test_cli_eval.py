"""`zhenggai eval` end to end: the dev gates CI relies on, predictions read from a directory, gate failures."""

import json
from pathlib import Path

import pytest

from tests.helpers import DEV_GOLD
from zhenggai.cli import main

DEV_GATES = [
    "--fail-under",
    "problems_f1=1.0",
    "--fail-under",
    "figures_f1=0.97",
    "--fail-under",
    "dates_f1=0.97",
    "--fail-under",
    "grounding=1.0",
]


def test_rules_engine_meets_the_dev_gates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "--golden", str(DEV_GOLD), "--out", str(tmp_path / "dev"), *DEV_GATES]) == 0
    result = json.loads((tmp_path / "dev.json").read_text(encoding="utf-8"))
    assert result["summary"]["documents"] == 3
    assert (tmp_path / "dev.md").read_text(encoding="utf-8").startswith("# zhenggai eval")


def test_predictions_from_a_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pred = tmp_path / "pred"
    assert main(["extract", str(DEV_GOLD / "huiji_2021.txt"), "--format", "golden", "-o", str(pred)]) == 0
    # Spoil one figure of the prediction: the score and the list of misses must show it.
    path = pred / "huiji_2021.pred.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    fig = next(f for p in data["problems"] for f in p["figures"])
    fig["value"] = -1
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code = main(
        [
            "eval",
            "--golden",
            str(DEV_GOLD),
            "--pred",
            str(pred),
            "--out",
            str(tmp_path / "r"),
            "--fail-under",
            "problems_f1=0.3",
        ]
    )
    assert code == 0
    result = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    docs = {d["name"]: d for d in result["documents"]}
    assert docs["xuchang_2017"]["missing_prediction"] and docs["xuchang_2017"]["summary"]["problems"]["recall"] == 0
    huiji = docs["huiji_2021"]
    assert huiji["summary"]["problems"]["f1"] == 1.0
    assert [m["text"] for m in huiji["misses"] if m["kind"] == "figure"] == [fig["text"]]
    assert huiji["summary"]["figures"]["text"]["f1"] == 1.0


def test_failed_gate_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "--golden", str(DEV_GOLD), "--pred", "/nonexistent", "--fail-under", "problems_f1=0.5"]) == 1
    assert "gate failed: problems_f1" in capsys.readouterr().err


def test_check_gold_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "check-gold", str(DEV_GOLD)]) == 0
    assert "0 inconsistencies" in capsys.readouterr().out


def test_eval_runs_unchanged_on_another_golden_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    synthetic = DEV_GOLD.parent / "synthetic"  # five reports in layouts unlike the seeds, one of them GB18030, one HTML
    assert main(["eval", "check-gold", str(synthetic)]) == 0
    assert main(["eval", "--golden", str(synthetic), "--out", str(tmp_path / "syn"), *DEV_GATES]) == 0
    assert json.loads((tmp_path / "syn.json").read_text(encoding="utf-8"))["summary"]["documents"] == 5
