"""How often the LLM's measure kind and status agree with labels made by reading (golden/dev/labels/), beside
the score of always answering the commonest label. The golden contract has no kind or status, so this is
measured here rather than by `zhenggai eval`.

Offline, from the dev cassettes (the LLM path replayed exactly as `zhenggai eval --engine llm --replay` does):
    .venv/bin/python bench/llm_labels.py
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from zhenggai import extract
from zhenggai.agent.cassettes import use_cassette
from zhenggai.agent.llm import LLMAgent
from zhenggai.agent.providers import Endpoint

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "golden" / "dev" / "labels" / "measures.jsonl"
CASSETTES = ROOT / "cassettes" / "eval" / "dev"


def main() -> None:
    labels = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line.strip()]
    saved = json.loads((CASSETTES / "endpoint.json").read_text(encoding="utf-8"))
    agent = LLMAgent(
        Endpoint(base_url=saved["base_url"], model=saved["model"], provider=saved["provider"]),
        attempts=saved["attempts"],
    )
    predicted: dict[tuple[str, int, int], tuple[str | None, str | None]] = {}
    for doc in sorted({lab["doc"] for lab in labels}):
        with use_cassette(CASSETTES / f"{doc}.yaml", "none"):
            report = extract(ROOT / "golden" / "dev" / f"{doc}.txt", agent=agent)
        for p in report.problems:
            for m in p.measures:
                predicted[(doc, m.start, m.end)] = (m.kind, m.status)
    print("| field | measures | LLM agrees | commonest label | always answering it | LLM answers (top 3) |")
    print("| --- | --- | --- | --- | --- | --- |")
    for i, field in enumerate(("kind", "status")):
        gold = [lab[field] for lab in labels]
        got = [predicted.get((lab["doc"], lab["start"], lab["end"]), (None, None))[i] for lab in labels]
        agree = sum(g == p for g, p in zip(gold, got, strict=False))
        common, n = Counter(gold).most_common(1)[0]
        top = ", ".join(f"{k} {v}" for k, v in Counter(got).most_common(3))
        print(f"| {field} | {len(gold)} | {agree} ({agree / len(gold):.3f}) | {common} | {n / len(gold):.3f} | {top} |")


if __name__ == "__main__":
    main()
