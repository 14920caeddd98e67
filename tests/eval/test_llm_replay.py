"""`zhenggai eval --engine llm --replay` over the dev gold, offline from the recorded cassettes of the local
model: the LLM path never lowers a grounded metric below the rules engine, and nothing ungrounded gets out."""

import json

import pytest
import yaml

from tests.helpers import DEV_GOLD, ROOT
from zhenggai.cli import main

GROUNDED = ["problems.f1", "measures.f1", "figures.text_value_unit.f1", "dates.text_start_end.f1"]


def metric(summary: dict, path: str) -> float:  # type: ignore[type-arg]
    node = summary
    for part in path.split("."):
        node = node[part]
    return float(node)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, dict]:  # type: ignore[type-arg]
    out = tmp_path_factory.mktemp("eval")
    assert main(["eval", "--golden", str(DEV_GOLD), "--engine", "rules", "--out", str(out / "rules")]) == 0
    code = main(
        [
            "eval",
            "--golden",
            str(DEV_GOLD),
            "--engine",
            "llm",
            "--replay",
            "--cassettes",
            str(ROOT / "cassettes" / "eval" / "dev"),
            "--out",
            str(out / "llm"),
        ]
    )
    assert code == 0
    return (
        json.loads((out / "rules.json").read_text(encoding="utf-8")),
        json.loads((out / "llm.json").read_text(encoding="utf-8")),
    )


def test_llm_never_lowers_a_grounded_metric(results: tuple[dict, dict]) -> None:  # type: ignore[type-arg]
    rules, llm = results
    for path in GROUNDED:
        assert metric(llm["summary"], path) >= metric(rules["summary"], path), path


def test_replay_ran_the_recorded_model_and_nothing_ungrounded_got_out(results: tuple[dict, dict]) -> None:  # type: ignore[type-arg]
    _, llm = results
    s = llm["summary"]
    assert s["grounding"]["share"] == 1.0 and s["grounding"]["total"] > 1000
    recorded = sum(
        len(yaml.safe_load(c.read_text(encoding="utf-8"))["interactions"])
        for c in (ROOT / "cassettes" / "eval" / "dev").glob("*.yaml")
    )
    assert s["cost"]["calls"] == recorded > 0  # every recorded call replayed, and no other
    assert s["cost"]["prompt_tokens"] > 0 and s["cost"]["llm_seconds"] > 0
    assert s["cost"]["llm_items_kept"] > 0 and 0 < s["llm_survival"] <= 1
    assert all(d.get("status") == "ok" for d in llm["documents"])
