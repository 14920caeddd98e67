"""What goes to disk, in one place: the per-document record function, the job folder, the output writers.

Job folder ``DIR/``:

``reports.jsonl``     one line per extraction: ``{"key", "path", "metadata", "report"}``, appended with one
                      fsynced write; a line torn by a kill is cut off at the next start. A document (its text's
                      SHA-256) is done once it has a line; a rerun with ``--redo`` appends a newer line for it,
                      and readers (:func:`current_reports`) take only the last line of each document, so
                      nothing is ever counted twice.
``errors.jsonl``      one :class:`~zhenggai.schemas.FailedRecord` per input that failed in the last run (failed
                      inputs are retried by every run), and per ``no_outline`` report.
``duplicates.jsonl``  inputs whose text another input already gave, kept across runs.
``manifest.json``     versions, engine, counts, timings, and ``state``: running, finished or interrupted.
``.lock``             locked (a POSIX record lock) by the run using the folder; a second run at once is refused.
``.throttle/``        with the LLM engine: the endpoint budget its processes share (:mod:`zhenggai.agent.throttle`).
"""

from __future__ import annotations

import fcntl
import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from .errors import UsageError, ZhenggaiError
from .golden import to_golden
from .guard import DocumentTimeout, time_limit
from .inputs import Input
from .load import load_path
from .pipeline import add_llm, extract
from .schemas import FailedRecord, Report, Stage
from .settings import Limits

DEFAULT_LIMITS = Limits()

if TYPE_CHECKING:
    from .agent.llm import LLMAgent

REPORTS, ERRORS, DUPLICATES, MANIFEST, LOCK = (
    "reports.jsonl",
    "errors.jsonl",
    "duplicates.jsonl",
    "manifest.json",
    ".lock",
)


def report_json(report: Report, *, text: bool = True) -> str:
    """The one serialisation of a report, shared by single-file output and job lines: compact UTF-8 JSON from
    pydantic's own serialiser, twice as fast as ``json.dumps`` of the dumped dict on a long report."""
    return report.model_dump_json(exclude=None if text else {"text"})


def dump(record: FailedRecord) -> str:
    return json.dumps(record.model_dump(mode="json"), ensure_ascii=False)


@dataclass
class Outcome:
    """What became of one input: a report (``done``), already in the job (``skipped``), or a failure."""

    path: str
    kind: str  # done | skipped | failed | ignored
    sha256: str = ""
    report: Report | None = None
    failure: FailedRecord | None = None  # also set for a done report whose status is no_outline

    @property
    def issues(self) -> int:
        return len(self.report.issues) if self.report else 0


def run_one(
    item: Input,
    agent: LLMAgent | None = None,
    *,
    skip: frozenset[str] = frozenset(),
    limits: Limits = DEFAULT_LIMITS,
) -> Outcome:
    """Load and extract one input within ``limits``; never raises. ``skip`` holds the text hashes already
    done (jobs)."""
    if item.ignored is not None:
        return Outcome(item.path, "ignored")
    if item.error is not None:
        return _failed(item.path, "input", ZhenggaiError(item.error, code=item.code))
    stage: Stage = "load"
    sha = ""
    try:
        with time_limit(limits.time_limit):
            doc = load_path(item.path, limits)
            if doc.sha256 in skip:
                return Outcome(item.path, "skipped", doc.sha256)
            stage, sha = "extract", doc.sha256
            report = extract(doc)  # the rules engine, under the time limit
        if agent is not None:
            report = add_llm(report, agent)
    except ZhenggaiError as exc:
        return _failed(item.path, stage, exc, sha)
    except DocumentTimeout:  # an alarm in the guard's own last instructions
        return _failed(item.path, stage, ZhenggaiError("took longer than the time limit", code="timeout"), sha)
    except MemoryError:
        return _failed(item.path, stage, ZhenggaiError("needed more memory than the limit", code="memory"), sha)
    except Exception as exc:  # a bug on one document must not lose the others
        return _failed(item.path, stage, ZhenggaiError(f"{type(exc).__name__}: {exc}"), sha)
    doc_sha = sha
    if report.status == "not_a_report":
        return _failed(item.path, "classify", ZhenggaiError(report.status_detail or "", code="not_a_report"), doc_sha)
    outcome = Outcome(item.path, "done", doc_sha, report)
    if report.status == "no_outline":
        outcome.failure = FailedRecord(
            path=item.path, stage="segment", code="no_outline", message=report.status_detail or "", status="no_outline"
        )
    return outcome


def _failed(path: str, stage: Stage, exc: ZhenggaiError, sha256: str = "") -> Outcome:
    return Outcome(
        path, "failed", sha256, failure=FailedRecord(path=path, stage=stage, code=exc.code, message=str(exc))
    )


def job_line(outcome: Outcome, key: str, metadata: dict[str, str]) -> str:
    assert outcome.report is not None
    head = json.dumps({"key": key, "path": outcome.path, "metadata": metadata}, ensure_ascii=False)
    return head[:-1] + ', "report": ' + report_json(outcome.report) + "}\n"


# ---- the job folder -------------------------------------------------------------------------------------------


def _document(key: str) -> str:
    return key.split(":", 1)[0]  # key = "SHA256:ENGINE:VERSION"


def repair(path: Path) -> None:
    """Cut a line torn by a kill off the end of reports.jsonl."""
    if not path.exists():
        return
    with path.open("r+b") as f:
        size = f.seek(0, os.SEEK_END)
        if not size:
            return
        f.seek(size - 1)
        if f.read(1) == b"\n":
            return
        back = min(size, 1 << 20)
        while True:  # find the last newline, reading backwards in blocks
            f.seek(size - back)
            block = f.read(back)
            nl = block.rfind(b"\n")
            if nl >= 0 or back == size:
                f.truncate(size - back + nl + 1 if nl >= 0 else 0)
                return
            back = min(size, back * 2)


# job_line's join of head and report: inside a JSON string a quote is escaped, so the first such bytes end the head
_REPORT_JOIN = b', "report": '


def _head(raw: bytes) -> Any:
    """A line's record without its report, where the line is whole (ends in the line feed that a torn write
    lacks); else the whole record, so that a torn line is skipped as before."""
    cut = raw.find(_REPORT_JOIN) if raw.endswith(b"\n") else -1
    return json.loads(raw[:cut] + b"}") if cut > 0 else json.loads(raw)


def _lines(path: Path, reports: bool = True) -> Iterator[tuple[int, dict[str, Any]]]:
    """(byte offset, record) of every readable line; ``reports`` False leaves each report undecoded."""
    if not path.exists():
        return
    with path.open("rb") as f:
        offset = 0
        for raw in f:
            try:
                rec = json.loads(raw) if reports else _head(raw)
            except ValueError:
                rec = None
            if isinstance(rec, dict) and isinstance(rec.get("key"), str):
                yield offset, rec
            offset += len(raw)


@dataclass(frozen=True)
class Current:
    """What a job needs to know of a document's current (last) record to resume."""

    key: str  # SHA256:ENGINE:VERSION
    path: str
    no_outline: FailedRecord | None  # the record a skipped no_outline report keeps


def current_records(job_dir: Path) -> dict[str, Current]:
    """Document hash → its current record, from one pass over reports.jsonl. A no_outline record is rebuilt
    from the report itself: errors.jsonl of a run that was killed may never have been written."""
    out: dict[str, Current] = {}
    for _, rec in _lines(job_dir / REPORTS):
        path, report = rec.get("path", ""), rec.get("report") or {}
        failure = None
        if report.get("status") == "no_outline":
            message = report.get("status_detail") or ""
            failure = FailedRecord(path=path, stage="segment", code="no_outline", message=message, status="no_outline")
        out[_document(rec["key"])] = Current(rec["key"], path, failure)
    return out


def current_reports(job_dir: Path) -> Iterator[dict[str, Any]]:
    """The current record of each document, in the order first extracted; streamed (two passes over the
    file, one offset per document held, each report decoded once), so an export never counts a document twice."""
    path = job_dir / REPORTS
    last: dict[str, int] = {}
    order: list[str] = []
    for offset, rec in _lines(path, reports=False):  # the keys are all the first pass needs
        doc = _document(rec["key"])
        if doc not in last:
            order.append(doc)
        last[doc] = offset
    with path.open("rb") as f:
        for doc in order:
            f.seek(last[doc])
            try:
                yield json.loads(f.readline())
            except ValueError:  # a whole line whose head reads but whose report does not: written by no run
                message = f"{path}: the line at byte {last[doc]} is no whole record; remove it or rerun with --redo"
                raise ZhenggaiError(message, code="corrupt_record") from None


def read_errors(job_dir: Path) -> list[FailedRecord]:
    """The failure records of a job folder's last run (split on line feeds only: U+2028 is text)."""
    path = job_dir / ERRORS
    lines = path.read_text(encoding="utf-8").split("\n") if path.exists() else []
    return [FailedRecord.model_validate_json(line) for line in lines if line.strip()]


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _jsonl(rows: Iterable[dict[str, Any]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


_HELD: set[Path] = set()  # job folders this process has open


class JobFolder:
    """An open job folder: locked for this run, torn tail repaired, appends fsynced."""

    def __init__(self, path: Path) -> None:
        if path.exists() and not path.is_dir():
            raise UsageError(f"{path}: not a directory (a job folder is a directory)")
        path.mkdir(parents=True, exist_ok=True)
        self.path = path
        if path.resolve() in _HELD:  # record locks do not exclude this process itself
            raise ZhenggaiError(f"{path}: another zhenggai run is using this job folder", code="job_locked")
        self._lock = os.open(path / LOCK, os.O_WRONLY | os.O_CREAT, 0o644)
        try:
            # A POSIX record lock, not flock(): it belongs to this process alone, so forked workers (alive a
            # moment after an interrupted run) never hold it; the kernel releases it if we die.
            fcntl.lockf(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # EACCES or EAGAIN: held by another process
            os.close(self._lock)
            raise ZhenggaiError(f"{path}: another zhenggai run is using this job folder", code="job_locked") from None
        _HELD.add(path.resolve())
        repair(path / REPORTS)
        self._fd = os.open(path / REPORTS, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)

    def append(self, line: str) -> None:
        os.write(self._fd, line.encode("utf-8"))  # one write of a whole line on an O_APPEND descriptor
        os.fsync(self._fd)

    def write_errors(self, records: Iterable[FailedRecord]) -> None:
        _write_atomic(self.path / ERRORS, _jsonl(r.model_dump(mode="json") for r in records))

    def write_duplicates(self, rows: list[dict[str, str]]) -> None:
        """Duplicates of this run added to those of earlier runs (one row per path)."""
        known: dict[str, dict[str, str]] = {}
        dup = self.path / DUPLICATES
        if dup.exists():
            for line in dup.read_text(encoding="utf-8").split("\n"):
                try:
                    row = json.loads(line)
                    known[row["path"]] = row
                except (ValueError, KeyError, TypeError):
                    continue
        known.update({r["path"]: r for r in rows})
        _write_atomic(dup, _jsonl(known.values()))

    def write_manifest(self, manifest: dict[str, Any]) -> None:
        _write_atomic(self.path / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1) + "\n")

    def close(self) -> None:
        os.close(self._fd)
        os.close(self._lock)
        _HELD.discard(self.path.resolve())


# ---- single-run outputs ---------------------------------------------------------------------------------------


def check_clash(outputs: Iterable[Path], inputs: Iterable[str]) -> None:
    """An output may never be one of the inputs (``extract a.txt -o a.txt`` would truncate it unread)."""
    ins = {Path(i).resolve() for i in inputs if Path(i).exists()}
    for out in outputs:
        if out.resolve() in ins:
            raise ZhenggaiError(f"{out}: the output would overwrite an input", code="output_clash")


class Writer:
    """Where single-run records go. Subclasses write one format; failures go to the same stream or folder."""

    def guard(self, path: str) -> None:
        """Refuse (``output_clash``) an input that this writer's output would overwrite."""

    def report(self, report: Report) -> None:
        raise NotImplementedError

    def failure(self, record: FailedRecord) -> None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError


class _Stream(Writer):
    """Records to stdout or to a file. A file is written beside its final name and put in place only when
    complete (an interrupted run leaves the old file as it was), and never over an input: :meth:`guard`
    is asked about every input as it is listed."""

    def __init__(self, output: Path | None, no_text: bool) -> None:
        self.no_text = no_text
        self.output = output
        self.stream: IO[str]
        if output is None:
            self.stream = sys.stdout
        else:
            output.parent.mkdir(parents=True, exist_ok=True)
            self.stream = output.with_name(output.name + ".tmp").open("w", encoding="utf-8")

    def guard(self, path: str) -> None:
        if self.output is not None and Path(path).resolve() == self.output.resolve():
            self.abandon()
            raise ZhenggaiError(f"{path}: the output would overwrite this input", code="output_clash")

    def abandon(self) -> None:
        if self.stream is not sys.stdout:
            self.stream.close()
            Path(self.stream.name).unlink(missing_ok=True)

    def close(self) -> None:
        if self.stream is not sys.stdout and not self.stream.closed:
            self.stream.close()
            assert self.output is not None
            os.replace(self.stream.name, self.output)


class JsonlWriter(_Stream):
    """One record per line."""

    def report(self, report: Report) -> None:
        self.stream.write(report_json(report, text=not self.no_text) + "\n")

    def failure(self, record: FailedRecord) -> None:
        self.stream.write(dump(record) + "\n")


class JsonWriter(_Stream):
    """One JSON array of records, indented."""

    def __init__(self, output: Path | None, no_text: bool) -> None:
        super().__init__(output, no_text)
        self.count = 0
        self.stream.write("[\n")

    def _item(self, obj: dict[str, Any]) -> None:
        self.stream.write(("" if not self.count else ",\n") + json.dumps(obj, ensure_ascii=False, indent=1))
        self.count += 1

    def report(self, report: Report) -> None:
        self._item(report.model_dump(mode="json", exclude={"text"} if self.no_text else None))

    def failure(self, record: FailedRecord) -> None:
        self._item(record.model_dump(mode="json"))

    def close(self) -> None:
        if not self.stream.closed:
            self.stream.write("\n]\n")
        super().close()


@dataclass
class GoldenWriter(Writer):
    """``DIR/NAME.pred.json`` in the golden contract per report, ``DIR/errors.jsonl`` for the failures. Two
    inputs with one NAME (``a/report.txt``, ``b/report.txt``): the second is refused (``output_clash``),
    never written over the first."""

    directory: Path
    written: dict[str, str] = field(default_factory=dict)
    failures: list[FailedRecord] = field(default_factory=list)

    def report(self, report: Report) -> None:
        if report.status == "not_a_report":
            return
        name = Path(report.source).stem
        if name in self.written:
            self.failures.append(
                FailedRecord(
                    path=report.source,
                    stage="extract",
                    code="output_clash",
                    message=f"{name}.pred.json was already written for {self.written[name]}",
                )
            )
            raise ZhenggaiError(
                f"{name}.pred.json was already written for {self.written[name]}; rename one of the inputs",
                code="output_clash",
            )
        self.directory.mkdir(parents=True, exist_ok=True)
        path = self.directory / f"{name}.pred.json"
        path.write_text(json.dumps(to_golden(report), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        self.written[name] = report.source

    def failure(self, record: FailedRecord) -> None:
        self.failures.append(record)

    def guard(self, path: str) -> None:
        if Path(path).resolve().parent == self.directory.resolve() and path.endswith((".pred.json", ERRORS)):
            raise ZhenggaiError(f"{path}: an output of this run would overwrite this input", code="output_clash")

    def close(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        _write_atomic(self.directory / ERRORS, _jsonl(r.model_dump(mode="json") for r in self.failures))


def writer(fmt: str, output: Path | None, *, no_text: bool = False) -> Writer:
    if fmt == "golden":
        assert output is not None
        return GoldenWriter(output)
    return (JsonlWriter if fmt == "jsonl" else JsonWriter)(output, no_text)
