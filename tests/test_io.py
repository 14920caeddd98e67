"""The job folder's promises: one current record per document across versions and engines, a lock against a
second run, a torn tail repaired, counts that add up, an interrupted run that says so."""

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import NO_OUTLINE, ROOT
from tests.helpers.corpus import seed_copies
from zhenggai import work
from zhenggai.errors import ZhenggaiError
from zhenggai.inputs import Input, expand
from zhenggai.io import REPORTS, JobFolder, current_reports, repair, run_one
from zhenggai.job import run_job


def _lines(job: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in (job / REPORTS).read_text(encoding="utf-8").splitlines()]


def test_a_rerun_after_an_upgrade_neither_duplicates_nor_silently_replaces(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = seed_copies(tmp_path / "docs", 3)
    job = tmp_path / "job"
    run_job(expand([str(tmp_path / "docs")]), job, quiet=True)
    monkeypatch.setattr(work, "__version__", "9.9.9")  # the version in each record's key
    again = run_job(expand([str(tmp_path / "docs")]), job, quiet=True)
    assert (again.counts["done"], again.counts["skipped"], again.other_version) == (0, 3, 3)
    assert len(_lines(job)) == 3
    redone = run_job(expand([str(tmp_path / "docs")]), job, quiet=True, redo=True)
    assert redone.counts["done"] == 3 and len(_lines(job)) == 6
    current = list(current_reports(job))
    assert [r["key"].endswith(":rules:9.9.9") for r in current] == [True] * 3
    assert sorted(Path(r["path"]).name for r in current) == sorted(p.name for p in docs)
    assert run_job(expand([str(tmp_path / "docs")]), job, quiet=True, redo=True).counts["skipped"] == 3


def test_a_second_run_on_one_job_folder_is_refused(tmp_path: Path) -> None:
    held = JobFolder(tmp_path / "job")
    try:
        with pytest.raises(ZhenggaiError) as caught:
            JobFolder(tmp_path / "job")
        assert caught.value.code == "job_locked"
    finally:
        held.close()
    JobFolder(tmp_path / "job").close()  # free again once the first run closed it


def test_another_process_is_refused_while_a_run_holds_the_folder(tmp_path: Path) -> None:
    [doc] = seed_copies(tmp_path / "docs", 1)
    held = JobFolder(tmp_path / "job")
    try:
        other = subprocess.run(
            [sys.executable, "-m", "zhenggai", "extract", str(doc), "--job", str(tmp_path / "job"), "--quiet"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
    finally:
        held.close()
    assert other.returncode == 2 and "job_locked" in other.stderr


def test_no_outline_records_survive_a_run_killed_before_errors_were_written(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "no_outline.txt").write_text(NO_OUTLINE, encoding="utf-8")
    job = tmp_path / "job"
    run_job(expand([str(tmp_path / "docs")]), job, quiet=True)
    (job / "errors.jsonl").unlink()  # as if the run had been killed before writing it
    resumed = run_job(expand([str(tmp_path / "docs")]), job, quiet=True)
    assert resumed.no_outline == 1 and "no_outline" in (job / "errors.jsonl").read_text()


def test_file_names_with_line_separators_in_them(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "bad\u2028name.txt").write_bytes(b"")
    (tmp_path / "docs" / "no\u0085outline.txt").write_text(NO_OUTLINE, encoding="utf-8")
    job = tmp_path / "job"
    run_job(expand([str(tmp_path / "docs")]), job, quiet=True)
    resumed = run_job(expand([str(tmp_path / "docs")]), job, quiet=True)
    assert resumed.no_outline == 1
    assert len((job / "errors.jsonl").read_text(encoding="utf-8").rstrip("\n").split("\n")) == 2


@pytest.mark.parametrize(
    ("content", "kept"),
    [
        (b'{"key": "a"}\n{"key": "b"}\n{"key": "c', b'{"key": "a"}\n{"key": "b"}\n'),
        (b'{"key": "a"}\n', b'{"key": "a"}\n'),
        (b'{"key": "torn', b""),
        (b"", b""),
    ],
)
def test_a_torn_tail_is_cut_at_the_last_whole_line(tmp_path: Path, content: bytes, kept: bytes) -> None:
    path = tmp_path / REPORTS
    path.write_bytes(content)
    repair(path)
    assert path.read_bytes() == kept


def test_no_outline_is_written_and_listed_but_not_counted_as_a_failure(tmp_path: Path) -> None:
    (tmp_path / "no_outline.txt").write_text(NO_OUTLINE, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    summary = run_job(expand([str(tmp_path)]), tmp_path / "job", quiet=True)
    assert (summary.counts["done"], summary.no_outline, summary.counts["failed"]) == (1, 1, 1)
    assert summary.counts["failed"] == sum(summary.failed.values())
    errors = [json.loads(line) for line in (tmp_path / "job" / "errors.jsonl").read_text().splitlines()]
    assert sorted((Path(e["path"]).name, e["status"], e["code"]) for e in errors) == [
        ("empty.txt", "failed", "empty"),
        ("no_outline.txt", "no_outline", "no_outline"),
    ]
    resumed = run_job(expand([str(tmp_path)]), tmp_path / "job", quiet=True)
    assert resumed.no_outline == 1  # the skipped report keeps its no_outline record
    assert len((tmp_path / "job" / "errors.jsonl").read_text().splitlines()) == 2


def test_an_interrupted_run_says_so_in_its_manifest(tmp_path: Path) -> None:
    docs = seed_copies(tmp_path / "docs", 3)

    def inputs() -> Iterator[Input]:
        yield Input(str(docs[0]))
        raise KeyboardInterrupt

    summary = run_job(inputs(), tmp_path / "job", quiet=True)
    manifest = json.loads((tmp_path / "job" / "manifest.json").read_text())
    assert summary.interrupted and manifest["state"] == "interrupted"
    assert manifest["counts"].get("done", 0) <= 1  # what was in flight may be lost: the rerun does it
    run_job(expand([str(tmp_path / "docs")]), tmp_path / "job", quiet=True)
    assert json.loads((tmp_path / "job" / "manifest.json").read_text())["state"] == "finished"


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    outcome = run_one(Input(str(fifo)))  # open() on a FIFO with no writer would block forever
    assert outcome.failure is not None and outcome.failure.code == "not_a_file"


def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        out += [int(c) for c in (task / "children").read_text().split()]
    return out


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_workers_die_with_a_job_killed_by_sigkill(tmp_path: Path) -> None:
    seed_copies(tmp_path / "docs", 40)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "zhenggai",
            "extract",
            str(tmp_path / "docs"),
            "--job",
            str(tmp_path / "job"),
            "--jobs",
            "2",
            "--engine",
            "rules",
            "--quiet",
        ],
        cwd=ROOT,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while len(workers) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
        workers = _children(proc.pid)
    assert len(workers) >= 2, "the job never started its workers"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{w}").exists() and "zombie" not in _state(w) for w in workers):
        assert time.monotonic() < deadline, "workers outlived the killed job"
        time.sleep(0.1)


def _state(pid: int) -> str:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return "zombie"
    return next((line for line in status.splitlines() if line.startswith("State:")), "").lower()


def _record(key: str, path: str, report: dict[str, object]) -> str:
    head = json.dumps({"key": key, "path": path, "metadata": {"note": 'a, "report": b'}}, ensure_ascii=False)
    return head[:-1] + ', "report": ' + json.dumps(report, ensure_ascii=False) + "}\n"  # as io.job_line joins


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # the last line of a document wins, in the order documents were first extracted
        ([("d1:rules:1", "a.txt", {"n": 1}), ("d2:rules:1", "b.txt", {"n": 2}), ("d1:rules:2", "a.txt", {"n": 3})],
         [("d1:rules:2", {"n": 3}), ("d2:rules:1", {"n": 2})]),
        # a report whose text holds the join of head and report is read whole
        ([("d1:rules:1", "a.txt", {"text": '}, "report": {"n": 9}'})], [("d1:rules:1", {"text": '}, "report": {"n": 9}'})]),
    ],
)  # fmt: skip
def test_current_reports(tmp_path: Path, lines: list[tuple[str, str, dict[str, object]]], expected: object) -> None:
    (tmp_path / REPORTS).write_text("".join(_record(*line) for line in lines), encoding="utf-8")
    assert [(r["key"], r["report"]) for r in current_reports(tmp_path)] == expected


def test_current_reports_skip_a_torn_last_line_and_keep_the_documents_earlier_record(tmp_path: Path) -> None:
    whole = _record("d1:rules:1", "a.txt", {"n": 1})
    torn = _record("d1:rules:2", "a.txt", {"n": 2})[:-5]  # killed mid-write: its head is whole, its report is not
    (tmp_path / REPORTS).write_text(whole + torn, encoding="utf-8")
    assert [r["report"] for r in current_reports(tmp_path)] == [{"n": 1}]


def test_a_whole_line_whose_report_is_corrupt_stops_the_export_with_a_code(tmp_path: Path) -> None:
    good = _record("d1:rules:1", "a.txt", {"n": 1})
    corrupt = _record("d1:rules:2", "a.txt", {"n": 2}).replace('{"n": 2}', '{"n": ')  # ends in a line feed
    (tmp_path / REPORTS).write_text(good + corrupt, encoding="utf-8")
    with pytest.raises(ZhenggaiError) as err:
        list(current_reports(tmp_path))
    assert err.value.code == "corrupt_record" and str(len(good.encode())) in str(err.value)
