"""The per-item LLM labelers against the rules and the commonest label, from recorded label cassettes
replayed offline exactly as `zhenggai eval --engine llm --replay` does, with what the questions cost per report
and how spread the model's answers are. By default the dev recording (`cassettes/eval/dev-labels/` over
`golden/dev`); the wild one is `cassettes/eval/wild-labels golden/wild`.

    .venv/bin/python bench/llm_labels.py [CASSETTE_DIR [GOLDEN_DIR]]
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from zhenggai import extract
from zhenggai.agent.calibration import METRICS
from zhenggai.agent.cassettes import use_cassette
from zhenggai.agent.label_llm import LabelAgent, shown
from zhenggai.eval.llm import evaluate_llm
from zhenggai.settings import Endpoint

ROOT = Path(__file__).resolve().parent.parent
CASSETTES = ROOT / "cassettes" / "eval" / "dev-labels"
GOLDEN = ROOT / "golden" / "dev"


def documents(entry: dict[str, Any]) -> str:
    """A field's documents, counted where there are many, with the problems asked where a sample was."""
    docs = entry["documents"]
    shown = ", ".join(docs) if len(docs) <= 3 else f"{len(docs)} reports"
    firsts = set(entry.get("problems", {}).values())
    return shown + (f", first {firsts.pop()} problems each" if len(firsts) == 1 else "")


def main() -> None:
    cassettes = Path(sys.argv[1]) if len(sys.argv) > 1 else CASSETTES
    golden = Path(sys.argv[2]) if len(sys.argv) > 2 else GOLDEN
    result = evaluate_llm(golden, mode="replay", cassettes=cassettes)
    record = result["calibration"]
    print("| label | documents | items | metric | local LLM | rules | commonest | default takes |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for field, s in record["fields"].items():
        takes = "llm" if s["llm"] > s["rules"] else "rules"
        print(
            f"| {field} | {documents(s)} | {s['items']} | {METRICS[field]} | {s['llm']:.3f} "
            f"| {s['rules']:.3f} | {s['commonest']:.3f} | {takes} |"
        )
    print()
    print(
        "| report | calls | prompt tokens | completion tokens | model s | s / call | degenerate runs | differ from rules |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    saved = json.loads((cassettes / "endpoint.json").read_text(encoding="utf-8"))
    endpoint = Endpoint(saved["base_url"], saved["model"], saved["provider"])
    spread: dict[str, Counter[str]] = {}
    for d in result["documents"]:
        fields = saved["labels"].get(d["name"], [])
        sample = saved.get("problems", {}).get(d["name"])
        agent = LabelAgent(endpoint, attempts=saved["attempts"], fields=fields, policy="llm", problems=sample)
        with use_cassette(cassettes / f"{d['name']}.yaml", "none"):
            report = extract(golden / f"{d['name']}.txt", agent=agent)
        codes = Counter(i.code for i in report.issues)
        items = [*(m for p in report.problems for m in p.measures), *(f for p in report.problems for f in p.figures)]
        for field in fields:
            spread.setdefault(field, Counter()).update(
                shown(getattr(i, field)) for i in items if i.sources.get(field) in ("llm", "both")
            )
        calls = d.get("calls", 0)
        per = d.get("llm_seconds", 0) / calls if calls else 0
        print(
            f"| {d['name']} | {calls} | {d.get('prompt_tokens', 0)} | {d.get('completion_tokens', 0)} "
            f"| {d.get('llm_seconds', 0):.0f} | {per:.1f} | {codes['llm_degenerate']} | {codes['llm_other_answer']} |"
        )
    for field, answers in spread.items():
        print(f"\n{field} answers taken:", ", ".join(f"{k} {v}" for k, v in answers.most_common(9)))


if __name__ == "__main__":
    main()
