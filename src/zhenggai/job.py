"""Extraction jobs over a corpus: scheduling only. What the job folder holds and how it is written is
:mod:`zhenggai.io`'s; here inputs are handed to workers and their outcomes to the folder, in order.

A document (its text's SHA-256) is done once the folder holds a record of it, whatever engine or version
made it: a rerun skips it, and says how many were made by another engine or version. ``redo=True`` extracts
those again; the new record supersedes the old one for every reader.
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections import Counter, deque
from collections.abc import Generator, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from tqdm import tqdm

from . import prompts
from .agent.factory import Engine
from .inputs import Input
from .io import DEFAULT_LIMITS, JobFolder, current_records
from .schemas import FailedRecord
from .settings import Limits
from .version import __version__
from .work import RULES, Done, died, fail, init_worker, job_key, process


@dataclass
class Summary:
    counts: Counter[str] = field(default_factory=Counter)
    failed: Counter[str] = field(default_factory=Counter)
    other_version: int = 0
    no_outline: int = 0
    issues: int = 0
    usage: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    interrupted: bool = False

    def lines(self) -> list[str]:
        c = self.counts
        out = [
            f"done {c['done']} (no outline {self.no_outline}), skipped {c['skipped']} (already in the job), "
            f"duplicates {c['duplicate']}, failed {c['failed']}, validation issues {self.issues}, {self.seconds:.1f} s"
        ]
        if c["ignored"]:
            out.append(f"ignored {c['ignored']} files that are no document type (images, JSON, …)")
        if self.failed:
            out.append("failed by reason: " + ", ".join(f"{k} {v}" for k, v in self.failed.most_common()))
        if self.other_version:
            out.append(
                f"{self.other_version} skipped documents were extracted by another engine or version; "
                "--redo extracts them again (the new record replaces the old for every reader)"
            )
        if self.usage.get("calls"):
            out.append(
                f"LLM: {self.usage['calls']} calls, {self.usage['prompt_tokens']} prompt + "
                f"{self.usage['completion_tokens']} completion tokens, {self.usage['reasks']} reasks"
            )
        if self.interrupted:
            out.append("interrupted: rerun the same command to resume")
        return out


def outcomes(
    items: Iterator[Input],
    engine: Engine,
    skip: frozenset[str],
    jobs: int,
    limits: Limits,
    *,
    keep_report: bool = False,
) -> Generator[Done, None, None]:
    """Outcomes in input order. Documents run in worker processes whenever there is a memory limit (a limit
    on the job's own process would cap the job). A worker that dies takes down its pool: a new pool is
    started, the documents that were in flight are retried one at a time, and one that kills its worker
    again is recorded as ``worker_died``. Any other failure fails its document, not the job. When the
    consumer stops (Ctrl-C), queued documents are cancelled and the workers killed at once."""
    if jobs <= 1 and not limits.memory_limit:
        for item in items:
            yield process(item, engine, skip, limits, keep_report)
        return
    retry: deque[Input] = deque()
    strikes: Counter[str] = Counter()
    while True:
        pool = ProcessPoolExecutor(jobs, initializer=init_worker, initargs=(limits.memory_limit, skip))
        pending: dict[Future[Done], Input] = {}
        broken = finished = False
        try:
            while not broken:
                room = 1 if retry else 2 * jobs  # bounded: the corpus is streamed, never held as results
                while len(pending) < room and not broken:
                    nxt = retry.popleft() if retry else next(items, None)
                    if nxt is None:
                        break
                    try:
                        pending[pool.submit(process, nxt, engine, None, limits, keep_report)] = nxt
                    except BrokenProcessPool:  # a worker died while we were writing
                        retry.appendleft(nxt)
                        broken = True
                if not pending:
                    finished = not broken
                    if finished:
                        return
                    break
                # The oldest first: outcomes come in input order, so which of two copies of a text is the
                # duplicate, and the order of the records, do not depend on which worker was faster.
                fut = next(iter(pending))
                item = pending.pop(fut)
                try:
                    done = fut.result()
                except BrokenProcessPool:
                    broken = True
                    strikes[item.path] += 1
                    if strikes[item.path] > 1:
                        yield died(item)
                    else:
                        retry.append(item)
                    continue
                except Exception as exc:  # a result that could not come back (pickling, memory)
                    done = fail(item, "internal", f"{type(exc).__name__}: {exc}")
                yield done
            for item in pending.values():  # the pool is gone: what was in flight runs again
                strikes[item.path] += 1
                retry.append(item)
            finished = True
        finally:
            if finished:
                pool.shutdown(wait=True)
            else:  # interrupted: do not wait for the queue
                workers = list(getattr(pool, "_processes", {}).values())
                for proc in workers:
                    with contextlib.suppress(OSError):
                        proc.kill()
                pool.shutdown(wait=False, cancel_futures=True)
                for proc in workers:
                    proc.join(5)


def run_job(
    inputs: Iterator[Input],
    out: Path,
    *,
    engine: Engine = RULES,
    jobs: int = 1,
    quiet: bool = False,
    redo: bool = False,
    on_failure: Any = None,
    limits: Limits = DEFAULT_LIMITS,
    dask: str | None = None,
) -> Summary:
    """Run ``inputs`` into the job folder ``out``. ``on_failure(record)`` is called for each failed input
    as it happens (the CLI names them on stderr)."""
    folder = JobFolder(out)
    records = current_records(out)
    earlier = {r.path: r.no_outline for r in records.values() if r.no_outline}  # kept by a skipped report
    first_path = {doc: r.path for doc, r in records.items()}
    current = {doc for doc, r in records.items() if r.key == job_key(doc, engine)}
    skip = frozenset(records) if not redo else frozenset(current)
    summary = Summary()
    errors: list[FailedRecord] = []
    duplicates: list[dict[str, str]] = []
    written: set[str] = set()
    t0 = time.perf_counter()
    manifest: dict[str, Any] = {
        "zhenggai": __version__,
        "python": sys.version.split()[0],
        "engine": engine.name,
        "model": engine.endpoint.model if engine.endpoint else None,
        "prompt_version": prompts.PROBLEM if engine.endpoint else None,
        "jobs": jobs,
        "dask": dask,
        "limits": asdict(limits),
        "state": "running",
    }
    folder.write_manifest(manifest)
    bar = tqdm(unit="doc", disable=quiet or not sys.stderr.isatty(), file=sys.stderr)
    if dask is not None:
        from .cluster import dask_outcomes  # only a Dask job imports Dask

        results = dask_outcomes(inputs, engine, skip, limits, address=dask, workers=jobs)
    else:
        results = outcomes(inputs, engine, skip, jobs, limits)
    try:
        for d in results:
            o = d.outcome
            bar.update(1)
            kind = o.kind
            if (kind == "done" and o.sha256 in written) or (
                kind == "skipped" and first_path.get(o.sha256, o.path) != o.path
            ):  # the same text under two names in one run
                kind = "duplicate"
            if kind == "skipped" and o.sha256 not in current:
                summary.other_version += 1
            if kind == "skipped" and o.path in earlier:
                o.failure = earlier[o.path]
            if kind == "done":
                folder.append(d.line)
                written.add(o.sha256)
                first_path.setdefault(o.sha256, o.path)
                summary.issues += d.issues
                summary.usage.update({k: v for k, v in d.usage.items() if isinstance(v, int)})
            if kind in ("done", "skipped") and o.failure is not None:
                summary.no_outline += 1
            if kind == "duplicate":
                duplicates.append({"path": o.path, "sha256": o.sha256, "same_as": first_path.get(o.sha256, "")})
            if o.failure is not None:
                errors.append(o.failure)
                if kind == "failed":
                    summary.failed[o.failure.code] += 1
                if on_failure is not None and kind != "skipped":
                    on_failure(o.failure)
            summary.counts[kind] += 1
    except KeyboardInterrupt:
        summary.interrupted = True
    except BaseException:
        manifest["state"] = "failed"
        raise
    finally:
        results.close()  # a pool stops at once when the loop did not finish
        bar.close()
        summary.seconds = time.perf_counter() - t0
        folder.write_errors(errors)
        folder.write_duplicates(duplicates)
        manifest.update(
            {
                "state": "interrupted"
                if summary.interrupted
                else manifest["state"]
                if manifest["state"] == "failed"
                else "finished",
                "inputs": sum(summary.counts.values()),
                "counts": dict(summary.counts),
                "failed_by_reason": dict(summary.failed),
                "no_outline": summary.no_outline,
                "validation_issues": summary.issues,
                "llm_usage": dict(summary.usage),
                "seconds": round(summary.seconds, 3),
                "finished_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            }
        )
        folder.write_manifest(manifest)
        folder.close()
    return summary
