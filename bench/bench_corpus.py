"""A rules-engine job over a corpus built by varying the bundled reports (≥ 1,000 documents; 10,000 for the
README), at 1 and 2 worker processes and on a 2-worker Dask local cluster, then every export format over
that job: documents per second, export seconds, and the peak memory of each, as numbers from one run.

Each run is a ``zhenggai`` command of its own, so that its memory is its own: the peak is the largest sum of
the resident set sizes of the command and all its descendants (worker processes, Dask's scheduler and
workers), sampled every 0.1 s with psutil. ``--src DIR`` runs the exports a second time with the zhenggai
of another checkout's ``src`` (an older version: a before beside the after).

Run: nice .venv/bin/python bench/bench_corpus.py [--docs 10000] [--runs 1,dask,2] [--formats csv,xlsx]
[--src ../main/src]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.helpers.corpus import seed_copies  # noqa: E402

FORMATS = ("csv", "parquet", "sqlite", "duckdb", "xlsx")
# name → (label, extract flags); the job of the last run is the one the exports read
RUNS = {
    "1": ("1 process", ["--jobs", "1"]),
    "dask": ("Dask, 2 workers", ["--dask", "--jobs", "2"]),
    "2": ("2 processes", ["--jobs", "2"]),
}


def measured(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float, str]:
    """Seconds, peak resident megabytes of the process tree, and stderr of ``cmd``."""
    with tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = psutil.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, env=env)
        peak = 0
        while proc.poll() is None:
            rss = 0
            for p in [proc, *proc.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):  # ended between the listing and the reading
                    rss += p.memory_info().rss
            peak = max(peak, rss)
            time.sleep(0.1)
        seconds = time.perf_counter() - t0
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{stderr}")
    return seconds, peak / 1e6, stderr


def zhenggai(*args: str) -> list[str]:
    return [sys.executable, "-m", "zhenggai", *args]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--src", help="also run the exports with the zhenggai of this src directory")
    parser.add_argument("--runs", default=",".join(RUNS), help=f"extract runs, of {','.join(RUNS)}")
    parser.add_argument("--formats", default=",".join(FORMATS), help=f"exports, of {','.join(FORMATS)}")
    args = parser.parse_args()
    versions: list[tuple[str, dict[str, str] | None]] = [("", None)]
    if args.src:
        versions.append((f" ({args.src})", {**os.environ, "PYTHONPATH": str(Path(args.src).resolve())}))
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        docs = seed_copies(corpus, args.docs)
        megabytes = sum(p.stat().st_size for p in docs) / 1e6
        print(f"corpus: {args.docs} documents, {megabytes:.1f} MB", flush=True)
        job = Path(tmp) / "job"
        for label, flags in (RUNS[run] for run in args.runs.split(",")):
            shutil.rmtree(job, ignore_errors=True)
            cmd = zhenggai("extract", str(corpus), "--job", str(job), "--engine", "rules", "--quiet", *flags)
            seconds, peak, stderr = measured(cmd)
            done = re.search(r"done (\d+)", stderr)
            assert done and int(done[1]) == args.docs, stderr
            print(
                f"extract, {label}: {seconds:.1f} s = {args.docs / seconds:.1f} docs/s "
                f"({megabytes / seconds:.2f} MB/s), peak RSS {peak:.0f} MB",
                flush=True,
            )
        size = (job / "reports.jsonl").stat().st_size / 1e6
        print(f"job folder: reports.jsonl {size:.0f} MB", flush=True)
        for fmt in args.formats.split(","):
            for version, env in versions:
                out = Path(tmp) / f"export-{fmt}"
                seconds, peak, _ = measured(zhenggai("export", str(job), "--to", fmt, "-o", str(out)), env)
                written = sum(p.stat().st_size for p in out.iterdir()) / 1e6
                print(
                    f"export --to {fmt}{version}: {seconds:.1f} s, peak RSS {peak:.0f} MB, {written:.0f} MB written",
                    flush=True,
                )
                shutil.rmtree(out)


if __name__ == "__main__":
    main()
