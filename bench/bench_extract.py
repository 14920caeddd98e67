"""Throughput of the rules engine over the bundled reports, beside a bare ``re.finditer`` scan of the same text.

Run: .venv/bin/python bench/bench_extract.py [--rounds N]
Reports MB/s (UTF-8 bytes of the loaded text) on one core and the ratio bare-scan ÷ extract, from one run.
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

from zhenggai import extract
from zhenggai.load import load_path

ROOT = Path(__file__).resolve().parent.parent


def best_of(rounds: int, fn) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    docs = [load_path(p) for p in sorted((ROOT / "golden" / "dev").glob("*.txt"))]
    megabytes = sum(len(d.text.encode("utf-8")) for d in docs) / 1e6
    digits = re.compile(r"\d+(?:\.\d+)?")

    def scan() -> None:
        for d in docs:
            for _ in digits.finditer(d.text):
                pass

    def run() -> None:
        for d in docs:
            extract(d)

    t_scan, t_extract = best_of(args.rounds, scan), best_of(args.rounds, run)
    print(f"corpus: {len(docs)} reports, {megabytes:.3f} MB (best of {args.rounds} rounds, one process, one core)")
    print(f"bare re.finditer digit scan: {megabytes / t_scan:10.2f} MB/s")
    print(f"zhenggai extract (rules):    {megabytes / t_extract:10.2f} MB/s")
    print(f"ratio scan / extract:        {t_extract / t_scan:10.1f}x")


if __name__ == "__main__":
    main()
