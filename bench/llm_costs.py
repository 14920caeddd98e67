"""LLM cost figures for an eval run: calls per report, prompt tokens ÷ document tokens, completion tokens per
problem, recorded model seconds per report, reasks and dropped items.

Run after `zhenggai eval --golden golden/dev --engine llm --replay --out out/eval-dev-llm`, with the local
server up (document tokens are counted by the model's own tokenizer through llama.cpp's /extras/tokenize):
    .venv/bin/python bench/llm_costs.py out/eval-dev-llm.json [--server http://127.0.0.1:8765]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("result", type=Path)
    parser.add_argument("--server", default="http://127.0.0.1:8765")
    args = parser.parse_args()
    result = json.loads(args.result.read_text(encoding="utf-8"))
    golden = ROOT / result["golden"] if not Path(result["golden"]).is_absolute() else Path(result["golden"])
    print(
        "| report | chars | doc tokens | problems | calls | reasks | prompt tokens | prompt ÷ doc | "
        "completion / problem | model s | LLM items kept / dropped |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for d in result["documents"]:
        text = (golden / f"{d['name']}.txt").read_text(encoding="utf-8")
        tokens = len(httpx.post(f"{args.server}/extras/tokenize", json={"input": text}, timeout=60).json()["tokens"])
        problems = d["summary"]["problems"]["tp"] + d["summary"]["problems"]["fp"]
        print(
            f"| {d['name']} | {len(text)} | {tokens} | {problems} | {d['calls']} | {d['reasks']} | "
            f"{d['prompt_tokens']} | {d['prompt_tokens'] / tokens:.2f} | {d['completion_tokens'] / problems:.0f} | "
            f"{d['llm_seconds']:.0f} | {d['llm_items_kept']} / {d['llm_items_dropped']} |"
        )


if __name__ == "__main__":
    main()
