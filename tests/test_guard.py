"""Per-document limits: a document over its time is stopped with `timeout`; a document that kills its worker
is retried alone and then recorded as `worker_died`, while the others are done."""

import os
import time
from pathlib import Path

import pytest

from tests.helpers.corpus import seed_copies
from zhenggai import io as zio
from zhenggai.errors import ZhenggaiError
from zhenggai.guard import time_limit
from zhenggai.inputs import Input, expand
from zhenggai.job import run_job
from zhenggai.settings import Limits


def _spin(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:  # pure Python work: what SIGALRM interrupts
        pass


def test_time_limit_stops_the_body() -> None:
    t0 = time.monotonic()
    with pytest.raises(ZhenggaiError) as caught, time_limit(0.2):
        _spin(5)
    assert caught.value.code == "timeout" and time.monotonic() - t0 < 2
    with time_limit(1):
        _spin(0.01)  # within the limit: nothing happens, and no alarm is left behind
    _spin(1.2)


def test_time_limit_in_a_worker_thread() -> None:
    import threading

    seen: list[str] = []

    def work() -> None:
        try:
            with time_limit(0.2):
                _spin(5)
        except ZhenggaiError as exc:
            seen.append(exc.code)
        with time_limit(1):
            _spin(0.01)
        _spin(0.5)  # no late exception arrives after the body
        seen.append("clean")

    t = threading.Thread(target=work)
    t.start()
    t.join(10)
    assert seen == ["timeout", "clean"]


def test_a_slow_document_is_a_timeout_and_the_next_one_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    docs = seed_copies(tmp_path / "docs", 2)
    real = zio.extract

    def slow_first(doc, agent=None):  # type: ignore[no-untyped-def]
        if doc.source.endswith(docs[0].name):
            _spin(10)
        return real(doc, agent=agent)

    monkeypatch.setattr(zio, "extract", slow_first)
    limits = Limits(time_limit=0.5)
    outcomes = [zio.run_one(Input(str(p)), limits=limits) for p in docs]
    assert outcomes[0].failure is not None and outcomes[0].failure.code == "timeout"
    assert outcomes[1].kind == "done"


def test_a_document_that_kills_its_worker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    docs = seed_copies(tmp_path / "docs", 4)
    real = zio.extract

    def deadly(doc, agent=None):  # type: ignore[no-untyped-def]
        if doc.source.endswith(docs[1].name):
            os._exit(1)  # what a crash in a C library looks like from outside
        return real(doc, agent=agent)

    monkeypatch.setattr(zio, "extract", deadly)  # workers are forked: they inherit it
    summary = run_job(expand([str(tmp_path / "docs")]), tmp_path / "job", jobs=2, quiet=True)
    assert summary.counts["done"] == 3 and dict(summary.failed) == {"worker_died": 1}
    errors = (tmp_path / "job" / "errors.jsonl").read_text()
    assert docs[1].name in errors and "worker_died" in errors


def test_a_single_run_honours_the_limits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from zhenggai.cli import main

    [doc] = seed_copies(tmp_path / "docs", 1)
    monkeypatch.setattr(zio, "extract", lambda doc, agent=None: _spin(10))
    assert main(["extract", str(doc), "-o", str(tmp_path / "r.json"), "--time-limit", "0.5"]) == 1
    assert f"{doc}: timeout: took longer than 0.5 s" in capsys.readouterr().err
    assert main(["extract", str(doc), "-o", str(tmp_path / "s.json"), "--max-bytes", "100"]) == 1
    assert "too_large" in capsys.readouterr().err
