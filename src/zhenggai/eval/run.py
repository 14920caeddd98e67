"""An accuracy evaluation run: extract (or read predictions), score against a golden directory, gate."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

from ..errors import GoldError, LoadError, UsageError
from ..golden import gold_pairs, measure_text, norm, read_golden, to_golden
from ..load import load_path
from ..pipeline import extract
from ..schemas import Report
from ..validate import walk_spans
from .agreement import directory_agreement
from .score import DocScore, Json, metric, resolve, score_document, summarise

Extractor = Callable[[Path], Report]


def report_grounding(report: Report) -> tuple[int, int]:
    """(verified, total) over every span of a report's problems — figures, dates, titles, findings, measures,
    and the LLM's quotes (responsible bodies, documents, subjects) — by its own validation."""
    bad = {i.path for i in report.issues if i.severity == "error"}
    paths = [p for p, _ in walk_spans(report) if p.startswith("problems[")]
    return sum(1 for p in paths if p not in bad), len(paths)


def pred_grounding(pred: Json, source_text: str) -> tuple[int, int]:
    """(verified, total) for a prediction without offsets: each text must occur in the normalised source."""
    src = norm(source_text) or ""
    items: list[str] = []
    for p in pred.get("problems") or []:
        items += [p.get("title") or "", p.get("finding") or "", *map(measure_text, p.get("measures") or [])]
        items += [f.get("text") or "" for f in (p.get("figures") or []) + (p.get("dates") or [])]
    return sum(1 for t in items if (norm(t) or "\0") in src), len(items)


def llm_survival(report: Report) -> tuple[int, int]:
    """(kept, dropped) LLM items: the labels the LLM gave that stand (alone or agreeing with the rules) and
    the documents it found, vs. items dropped after the last reask."""
    items = [m for p in report.problems for m in p.measures] + [f for p in report.problems for f in p.figures]
    kept = sum(source in ("llm", "both") for item in items for source in item.sources.values())
    kept += sum(len(m.documents) for p in report.problems for m in p.measures)
    dropped = sum(1 for i in report.issues if i.code == "llm_dropped")
    return kept, dropped


def _usage(report: Report | None) -> dict[str, Any]:
    u = report.provenance.usage if report and report.provenance.usage else None
    if u is None or report is None:
        return {}
    kept, dropped = llm_survival(report)
    return {
        "calls": u.calls,
        "prompt_tokens": u.prompt_tokens,
        "completion_tokens": u.completion_tokens,
        "reasks": u.reasks,
        "llm_seconds": u.server_seconds,
        "llm_items_kept": kept,
        "llm_items_dropped": dropped,
    }


COST_KEYS = (
    "seconds",
    "llm_seconds",
    "calls",
    "prompt_tokens",
    "completion_tokens",
    "reasks",
    "llm_items_kept",
    "llm_items_dropped",
)


def rules_engine(path: Path) -> Report:
    return extract(load_path(path))


def _rules_answer(src: Path) -> Json:
    """The rules engine's prediction of a source, for the labels' rules baseline; empty where it cannot load."""
    try:
        return to_golden(rules_engine(src))
    except LoadError:
        return {"meta": {}, "problems": []}


def evaluate(
    golden: Path,
    *,
    extractor: Extractor = rules_engine,
    pred_dir: Path | None = None,
    engine: str = "rules",
    warn: Callable[[str], None] | None = None,
    names: Collection[str] | None = None,
    gold_view: Callable[[str, Json], Json] | None = None,
) -> Json:
    """Score ``golden`` (every NAME.gold.json with its source beside it) by running ``extractor`` on each
    source, or by reading ``pred_dir/NAME.pred.json``; ``warn`` hears of each prediction that is missing.

    The version 2 labels' rules baseline is the rules engine's answer: the run being scored where that is the
    rules engine itself, else a rules-only extraction of each source beside it. ``names`` keeps only those
    documents (a recording that covers part of the set); ``gold_view`` gives the gold each is scored on (a
    recording of a sample leaves the labels of the rest unscored)."""
    docs: list[DocScore] = []
    rows: list[Json] = []
    verified = total = 0
    for src, gold_path in gold_pairs(golden):
        gold = read_golden(gold_path)
        name = gold_path.name[: -len(".gold.json")]
        if names is not None and name not in names:
            continue
        if gold_view is not None:
            gold = gold_view(name, gold)
        row: Json = {"name": name}
        t0 = time.perf_counter()
        report: Report | None = None
        try:
            if pred_dir is not None:
                pred_path = pred_dir / f"{name}.pred.json"
                pred = read_golden(pred_path) if pred_path.exists() else {"meta": {}, "problems": []}
                row["missing_prediction"] = not pred_path.exists()
                if row["missing_prediction"] and warn is not None:
                    warn(f"warning: {pred_path}: no prediction; {name} scores as if nothing was found")
                v, t = pred_grounding(pred, load_path(src).text)
            else:
                report = extractor(src)
                pred = to_golden(report)
                v, t = report_grounding(report)
                row["status"] = report.status
        except (LoadError, GoldError) as exc:
            row["error"] = str(exc)
            pred, v, t = {"meta": {}, "problems": []}, 0, 0
        row["seconds"] = round(time.perf_counter() - t0, 3)
        rules = None if pred_dir is None and extractor is rules_engine else _rules_answer(src)
        row.update(_usage(report))
        verified, total = verified + v, total + t
        row["grounding"] = round(v / t, 4) if t else 1.0
        score = score_document(name, gold, pred, rules)
        docs.append(score)
        row["summary"] = summarise([score])
        row["misses"], row["extras"] = score.misses, score.extras
        rows.append(row)
    summary = summarise(docs)
    summary["grounding"] = {"verified": verified, "total": total, "share": round(verified / total, 4) if total else 1.0}
    summary["cost"] = {k: round(sum(r.get(k, 0) for r in rows), 3) for k in COST_KEYS}
    kept, dropped = summary["cost"]["llm_items_kept"], summary["cost"]["llm_items_dropped"]
    summary["llm_survival"] = round(kept / (kept + dropped), 4) if kept + dropped else None
    result = {"golden": str(golden), "engine": "pred" if pred_dir else engine, "summary": summary, "documents": rows}
    human = directory_agreement(golden)
    if human is not None:
        result["agreement"] = human
    return result


def check_metrics(names: list[str]) -> None:
    """Every gate's metric must exist before a long evaluation runs (a skeleton summary has every key)."""
    skeleton = summarise([])
    skeleton["grounding"] = {"verified": 0, "total": 0, "share": 1.0}
    skeleton["cost"] = dict.fromkeys(COST_KEYS, 0)
    skeleton["llm_survival"] = None
    for name in names:
        try:
            node = resolve(skeleton, name)
        except KeyError:
            node = {}
        if node is not None and (isinstance(node, bool) or not isinstance(node, int | float)):
            raise UsageError(f"unknown metric {name!r} for --fail-under")


def gates(result: Json, fail_under: list[tuple[str, float]]) -> list[str]:
    """Failed gates, each as a line; a metric with no value (a label no gold item carries) fails its gate."""
    failed = []
    for name, value in fail_under:
        try:
            got = metric(result["summary"], name)
        except ValueError:
            failed.append(f"{name} has no value (nothing was scored on it) < {value:.4f}")
            continue
        if got < value:
            failed.append(f"{name} = {got:.4f} < {value:.4f}")
    return failed


def write_outputs(result: Json, out: Path, markdown: str) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.with_suffix(".json").write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    out.with_suffix(".md").write_text(markdown, encoding="utf-8")
