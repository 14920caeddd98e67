"""Extraction jobs over a corpus: a job folder that survives being killed and resumes without loss.

``DIR/reports.jsonl``  one line per unique document, appended with a single write and fsynced; a line torn by
                      a kill is cut off at the next start, so every document ends up there exactly once.
``DIR/errors.jsonl``   one record per failed input (path, stage, error, message), rewritten at the end of a run.
``DIR/duplicates.jsonl`` inputs whose loaded text was already extracted (same SHA-256).
``DIR/manifest.json``  versions, engine, prompt version, counts and timings of the last run.
A document is done when a line with its key (content SHA-256, engine, version) is in reports.jsonl.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tqdm import tqdm

from . import __version__, prompts
from .agent.llm import LLMAgent
from .agent.pipeline import extract
from .agent.providers import Endpoint
from .inputs import Input
from .load import LoadError, load_path
from .schemas import Report

REPORTS, ERRORS, DUPLICATES, MANIFEST = "reports.jsonl", "errors.jsonl", "duplicates.jsonl", "manifest.json"


def report_json(report: Report) -> str:
    """The one serialisation of a report, shared by single-file output and job lines."""
    return json.dumps(report.model_dump(mode="json"), ensure_ascii=False)


@dataclass(frozen=True)
class Engine:
    """What a worker process needs to rebuild the extractor (agents hold clients, which do not pickle)."""

    endpoint: Endpoint | None = None
    attempts: int = 1
    workers: int = 1

    @property
    def name(self) -> str:
        return "llm" if self.endpoint else "rules"

    def agent(self) -> LLMAgent | None:
        return LLMAgent(self.endpoint, attempts=self.attempts, workers=self.workers) if self.endpoint else None


@dataclass
class Outcome:
    path: str
    kind: str  # done | skipped | duplicate | failed
    key: str = ""
    line: str = ""
    stage: str = ""
    error: str = ""
    message: str = ""
    issues: int = 0
    usage: dict[str, Any] = field(default_factory=dict)


def job_key(sha256: str, engine: Engine) -> str:
    return f"{sha256}:{engine.name}:{__version__}"


def process(item: Input, engine: Engine, done: frozenset[str]) -> Outcome:
    """Load and extract one input (in a worker process); never raises."""
    if item.error:
        return Outcome(item.path, "failed", stage="input", error="input", message=item.error)
    try:
        doc = load_path(item.path)
    except LoadError as exc:
        return Outcome(item.path, "failed", stage="load", error=_reason(str(exc)), message=str(exc))
    key = job_key(doc.sha256, engine)
    if key in done:
        return Outcome(item.path, "skipped", key=key)
    try:
        report = extract(doc, agent=engine.agent())
    except Exception as exc:
        return Outcome(
            item.path, "failed", key=key, stage="extract", error="internal", message=f"{type(exc).__name__}: {exc}"
        )
    if report.status == "not_a_report":
        return Outcome(
            item.path, "failed", key=key, stage="classify", error="not_a_report", message=report.status_detail or ""
        )
    head = {"key": key, "path": item.path, "metadata": item.metadata}
    line = json.dumps(head, ensure_ascii=False)[:-1] + ', "report": ' + report_json(report) + "}\n"
    usage = report.provenance.usage.model_dump() if report.provenance.usage else {}
    outcome = Outcome(
        item.path,
        "done",
        key=key,
        line=line,
        usage=usage,
        issues=sum(1 for i in report.issues if i.severity == "error"),
    )
    if report.status == "no_outline":
        outcome.stage, outcome.error, outcome.message = "segment", "no_outline", report.status_detail or ""
    return outcome


def _reason(message: str) -> str:
    """A short reason code for the summary, from a loader message."""
    for code in (
        "no such file",
        "empty document",
        "binary file",
        "undecodable",
        "no text layer",
        "no Chinese text",
        "unreadable PDF",
        "unreadable DOCX",
        "cannot read",
        "is a directory",
    ):
        if message.startswith(code) or code in message:
            return code.replace(" ", "_")
    return "load"


def repair(path: Path) -> set[str]:
    """Cut a line torn by a kill off the end of reports.jsonl; return the keys already done."""
    if not path.exists():
        return set()
    data = path.read_bytes()
    if data and not data.endswith(b"\n"):
        cut = data.rfind(b"\n") + 1
        with path.open("r+b") as f:
            f.truncate(cut)
        data = data[:cut]
    keys = set()
    for line in data.splitlines():
        try:
            keys.add(json.loads(line)["key"])
        except (ValueError, KeyError):
            continue
    return keys


class _Appender:
    def __init__(self, path: Path) -> None:
        self.fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)

    def write(self, line: str) -> None:
        os.write(self.fd, line.encode("utf-8"))  # one write of a whole line on an O_APPEND descriptor
        os.fsync(self.fd)

    def close(self) -> None:
        os.close(self.fd)


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


@dataclass
class Summary:
    counts: Counter[str] = field(default_factory=Counter)
    failed: Counter[str] = field(default_factory=Counter)
    issues: int = 0
    usage: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    def lines(self) -> list[str]:
        c = self.counts
        out = [
            f"done {c['done']}, skipped {c['skipped']} (already in the job), duplicates {c['duplicate']}, "
            f"failed {c['failed']}, validation issues {self.issues}, {self.seconds:.1f} s"
        ]
        if self.failed:
            out.append("failed by reason: " + ", ".join(f"{k} {v}" for k, v in self.failed.most_common()))
        if self.usage.get("calls"):
            out.append(
                f"LLM: {self.usage['calls']} calls, {self.usage['prompt_tokens']} prompt + "
                f"{self.usage['completion_tokens']} completion tokens, {self.usage['reasks']} reasks"
            )
        return out


def _outcomes(items: list[Input], engine: Engine, done: frozenset[str], jobs: int) -> Iterator[Outcome]:
    if jobs <= 1:
        for item in items:
            yield process(item, engine, done)
        return
    with ProcessPoolExecutor(jobs) as pool:
        pending: set[Future[Outcome]] = set()
        todo = iter(items)
        while True:
            while len(pending) < 2 * jobs:  # bounded: the corpus is streamed, never held as results
                nxt = next(todo, None)
                if nxt is None:
                    break
                pending.add(pool.submit(process, nxt, engine, done))
            if not pending:
                return
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for fut in finished:
                yield fut.result()


def run_job(
    inputs: Iterator[Input], out: Path, *, engine: Engine = Engine(), jobs: int = 1, quiet: bool = False
) -> Summary:
    out.mkdir(parents=True, exist_ok=True)
    done = repair(out / REPORTS)
    items = list(inputs)
    summary = Summary()
    errors: list[dict[str, str]] = []
    duplicates: list[dict[str, str]] = []
    first_path: dict[str, str] = {}
    t0 = time.perf_counter()
    appender = _Appender(out / REPORTS)
    bar = tqdm(total=len(items), unit="doc", disable=quiet or not sys.stderr.isatty(), file=sys.stderr)
    try:
        for o in _outcomes(items, engine, frozenset(done), jobs):
            bar.update(1)
            if o.kind == "done" and o.key in done:  # the same text under two names in one run
                o.kind = "duplicate"
            if o.kind == "done":
                appender.write(o.line)
                done.add(o.key)
                first_path[o.key] = o.path
                summary.issues += o.issues
                summary.usage.update({k: v for k, v in o.usage.items() if isinstance(v, int)})
            if o.kind == "duplicate":
                duplicates.append({"path": o.path, "key": o.key, "same_as": first_path.get(o.key, "")})
            if o.stage:
                errors.append({"path": o.path, "stage": o.stage, "error": o.error, "message": o.message})
                summary.failed[o.error] += 1
            summary.counts["failed" if o.kind == "failed" else o.kind] += 1
    finally:
        bar.close()
        appender.close()
        summary.seconds = time.perf_counter() - t0
        _write_atomic(out / ERRORS, "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in errors))
        _write_atomic(out / DUPLICATES, "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in duplicates))
        _write_atomic(
            out / MANIFEST,
            json.dumps(
                {
                    "zhenggai": __version__,
                    "python": sys.version.split()[0],
                    "engine": engine.name,
                    "model": engine.endpoint.model if engine.endpoint else None,
                    "prompt_version": prompts.PROBLEM if engine.endpoint else None,
                    "inputs": len(items),
                    "counts": dict(summary.counts),
                    "failed_by_reason": dict(summary.failed),
                    "validation_issues": summary.issues,
                    "llm_usage": dict(summary.usage),
                    "seconds": round(summary.seconds, 3),
                    "jobs": jobs,
                    "finished_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                },
                ensure_ascii=False,
                indent=1,
            )
            + "\n",
        )
    return summary
