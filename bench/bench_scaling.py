"""Does the rules pipeline stay linear in the size of its input? A real report joined 1×, 2×, … 64×, a PDF's
text layer (wrapped, so every span is mapped back from the view) likewise, and the hostile inputs of
tests/test_scaling.py, each timed whole (load → extract → validate), beside a bare ``re.finditer`` digit scan
of the same text; time per byte is given relative to the 1× run of each series.

Run: taskset -c 0 .venv/bin/python bench/bench_scaling.py [--rounds N] [--max 64]
Prints one table from one run; best of N rounds per row, contenders alternating within a round. Times are the
process's CPU time (user + system), which the other work of a shared machine disturbs far less than the wall
clock does (bench/bench_extract.py prints both and finds them within a few per cent on a quiet machine).
"""

from __future__ import annotations

import argparse
import re
import time
from collections.abc import Callable
from pathlib import Path

from zhenggai import extract
from zhenggai.load import load_path, load_text

ROOT = Path(__file__).resolve().parent.parent
DIGITS = re.compile(r"\d+")
HEAD = "根据省委统一部署,省委第一巡视组对某县进行了巡视。\n一、整改落实情况\n(一)党的领导方面\n1.针对“学习不够”的问题。一是"
TAIL = "。\n中共某县委\n2021年9月1日\n"


def best(rounds: int, *fns: Callable[[], object]) -> list[float]:
    """Best time of each function over ``rounds`` rounds, the functions alternating within each round."""
    out = [float("inf")] * len(fns)
    for _ in range(rounds):
        for i, fn in enumerate(fns):
            t0 = time.process_time()
            fn()
            out[i] = min(out[i], time.process_time() - t0)
    return out


def row(label: str, text: str, rounds: int) -> tuple[str, int, float, float]:
    doc = load_text(text)
    t_extract, t_scan = best(rounds, lambda: extract(doc), lambda: sum(1 for _ in DIGITS.finditer(text)))
    return label, len(text.encode("utf-8")), t_extract, t_scan


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--max", type=int, default=64)
    args = parser.parse_args()
    # a plain report, and a PDF's text layer wrapped every 36 characters (golden/published): its soft breaks are
    # joined in the view and every span mapped back, at every size
    bases = {
        "huiji_2021": (ROOT / "golden" / "dev" / "huiji_2021.txt").read_text(encoding="utf-8"),
        "provdept_2021 PDF text": load_path(ROOT / "golden" / "published" / "provdept_2021_pdf.pdf").text,
    }
    print("| input | bytes | extract CPU s | MB/s | time/byte vs 1× | bare scan time/byte vs 1× | extract ÷ scan |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for name, base in bases.items():
        first: tuple[float, float] | None = None
        k = 1
        while k <= args.max:
            label, size, te, ts = row(f"{name} × {k}", "\n".join([base] * k), args.rounds if k < 32 else 1)
            first = first or (te / size, ts / size)
            print(
                f"| {label} | {size:,} | {te:.3f} | {size / te / 1e6:.2f} | {te / size / first[0]:.2f} | "
                f"{ts / size / first[1]:.2f} | {te / ts:.0f}× |"
            )
            k *= 2
    hostile = {
        "5,000-digit number": "共" + "7" * 5000 + "个",
        "200,000 ASCII chars (1.1.…)": "1." * 100_000,
        "5,000 date ranges on one line": "3月5日至6日、" * 5000,
    }
    for label, body in hostile.items():
        label, size, te, ts = row(label, HEAD + body + TAIL, 1)
        print(f"| {label} | {size:,} | {te:.3f} | {size / te / 1e6:.2f} | | | {te / ts:.0f}× |")


if __name__ == "__main__":
    main()
