"""Jobs on a local Dask cluster (loopback): the same records as the local job, and a worker killed mid-job
loses and duplicates nothing."""

import json
import os
import signal
import threading
import time
from pathlib import Path

from tests.helpers import DEV_GOLD
from tests.helpers.corpus import seed_copies
from zhenggai.inputs import expand
from zhenggai.io import REPORTS
from zhenggai.job import run_job


def _records(job: Path) -> list[str]:
    return sorted((job / REPORTS).read_text(encoding="utf-8").splitlines())


def test_a_dask_job_writes_what_the_local_job_writes(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    seed_copies(corpus, 4)
    (corpus / "copy.txt").write_bytes((corpus / "r0000.txt").read_bytes())  # a duplicate
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "news.txt").write_text("本市今日举行运动会,数千名市民参加。", encoding="utf-8")
    local = run_job(expand([str(corpus)]), tmp_path / "local", quiet=True)
    dask = run_job(expand([str(corpus)]), tmp_path / "dask", quiet=True, dask="local", jobs=2)
    assert _records(tmp_path / "local") == _records(tmp_path / "dask")
    assert dict(local.counts) == dict(dask.counts) == {"done": 4, "duplicate": 1, "failed": 2}
    errors = [json.loads(x) for x in (tmp_path / "dask" / "errors.jsonl").read_text().splitlines()]
    assert sorted(e["code"] for e in errors) == ["empty", "not_a_report"]


def _worker_pids() -> list[int]:
    """Dask worker processes of this one (a local cluster's nannies run here and spawn them), from /proc."""
    out = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            cmdline = (status.parent / "cmdline").read_bytes()
            ppid = int(next(x for x in status.read_text().splitlines() if x.startswith("PPid:")).split()[1])
        except (OSError, StopIteration, ValueError):
            continue
        if b"spawn_main" in cmdline and ppid == os.getpid():
            out.append(int(status.parent.name))
    return out


def test_a_worker_killed_mid_job_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    big = "\n".join([(DEV_GOLD / "xuchang_2017.txt").read_text(encoding="utf-8")] * 6)
    for i in range(24):  # each about a tenth of a second of work: the job outlives the kill
        (corpus / f"r{i:02d}.txt").write_text(big.replace("2017年", f"{1990 + i}年", 1), encoding="utf-8")
    job = tmp_path / "job"
    killed: list[int] = []

    def kill_one() -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            # bytes, not text: the line being written may end inside a character
            done = (job / REPORTS).read_bytes().count(b"\n") if (job / REPORTS).exists() else 0
            pids = _worker_pids()
            if done >= 2 and pids:
                os.kill(pids[0], signal.SIGKILL)
                killed.append(pids[0])
                return
            time.sleep(0.05)

    killer = threading.Thread(target=kill_one)
    killer.start()
    summary = run_job(expand([str(corpus)]), job, quiet=True, dask="local", jobs=2)
    killer.join()
    assert killed, "no worker was killed: the job ended first"
    paths = [json.loads(line)["path"] for line in _records(job)]
    assert sorted(Path(p).name for p in paths) == [f"r{i:02d}.txt" for i in range(24)]  # each exactly once
    assert summary.counts["done"] == 24 and not summary.failed
