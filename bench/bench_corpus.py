"""Documents per second of a rules-engine job over a corpus of ≥1,000 reports built by varying the bundled
ones, at 1 and 2 worker processes, as a ratio from one run.

Run: .venv/bin/python bench/bench_corpus.py [--docs 1000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.corpus import seed_copies  # noqa: E402

from zhenggai.inputs import expand  # noqa: E402
from zhenggai.job import run_job  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        docs = seed_copies(Path(tmp) / "corpus", args.docs)
        megabytes = sum(p.stat().st_size for p in docs) / 1e6
        rates = {}
        for jobs in (1, 2):
            t0 = time.perf_counter()
            summary = run_job(expand([str(Path(tmp) / "corpus")]), Path(tmp) / f"job{jobs}", jobs=jobs, quiet=True)
            seconds = time.perf_counter() - t0
            assert summary.counts["done"] == args.docs, summary.lines()
            rates[jobs] = args.docs / seconds
            print(
                f"jobs={jobs}: {args.docs} documents ({megabytes:.1f} MB) in {seconds:.1f} s = {rates[jobs]:.1f} docs/s"
            )
        print(f"speed-up 2 workers / 1 worker: {rates[2] / rates[1]:.2f}x")


if __name__ == "__main__":
    main()
