"""Throughput of the rules engine over the bundled reports, beside a bare ``re.finditer`` scan of the same text;
then the share of its time per stage.

Run: .venv/bin/python bench/bench_extract.py [--rounds N]
Reports MB/s (UTF-8 bytes of the loaded text) on one core and the ratio bare-scan ÷ extract, from one run: by the
wall clock, and by the process's CPU time, which a machine shared with other work disturbs far less. The stage
shares come from a further set of rounds with each stage's entry point wrapped in a CPU timer (so they cost a
little more than the plain run); "rest" is what no stage holds: building the report models, classification,
the sections' measures outside the labelers.
"""

from __future__ import annotations

import argparse
import importlib
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from zhenggai import extract
from zhenggai.load import load_path

ROOT = Path(__file__).resolve().parent.parent
# Stage → the (module, name) bindings through which the pipeline calls it. Only the pipeline's own call
# sites are wrapped, so no stage's time holds another's (meta's dates and the validator's re-derived dates
# count as meta and validate).
STAGES: dict[str, tuple[tuple[str, str], ...]] = {
    "segment": (("zhenggai.rules", "segment"),),
    "figures/dates scan": (("zhenggai.rules", "scan_figures"), ("zhenggai.rules", "scan_dates")),
    "labelers": (("zhenggai.rules", "label_problems"), ("zhenggai.rules", "label_measures")),
    "meta": (("zhenggai.rules", "extract_meta"),),
    "validate": (("zhenggai.pipeline", "validate_report"),),
}


def best_of(rounds: int, fn: Callable[[], object], clock: Callable[[], float] = time.perf_counter) -> float:
    times = []
    for _ in range(rounds):
        t0 = clock()
        fn()
        times.append(clock() - t0)
    return min(times)


def _timed(fn: Callable[..., Any], spent: dict[str, float], stage: str) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        t0 = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[stage] += time.process_time() - t0

    return wrapper


def stage_times(rounds: int, run: Callable[[], object]) -> tuple[float, dict[str, float]]:
    """The whole run's time and each stage's, from the round with the least total time."""
    spent = dict.fromkeys(STAGES, 0.0)
    originals = []
    for stage, sites in STAGES.items():
        for module_name, attr in sites:
            module = importlib.import_module(module_name)
            fn = getattr(module, attr)
            originals.append((module, attr, fn))
            setattr(module, attr, _timed(fn, spent, stage))
    best: tuple[float, dict[str, float]] = (float("inf"), {})
    try:
        for _ in range(rounds):
            spent.update(dict.fromkeys(STAGES, 0.0))
            t0 = time.process_time()
            run()
            total = time.process_time() - t0
            if total < best[0]:
                best = (total, dict(spent))
    finally:
        for module, attr, fn in originals:
            setattr(module, attr, fn)
    return best


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
    c_scan, c_extract = best_of(args.rounds, scan, time.process_time), best_of(args.rounds, run, time.process_time)
    print(
        f"by CPU time: bare scan {megabytes / c_scan:.2f} MB/s, extract {megabytes / c_extract:.2f} MB/s, "
        f"ratio {c_extract / c_scan:.1f}x"
    )
    total, spent = stage_times(args.rounds, run)
    print(f"stages (CPU time, timed run {total * 1e3:.1f} ms a pass):")
    for stage, t in [*spent.items(), ("rest", total - sum(spent.values()))]:
        print(f"  {stage:<20} {t * 1e3:7.1f} ms {t / total:6.1%}")


if __name__ == "__main__":
    main()
