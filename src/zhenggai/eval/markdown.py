"""The Markdown report of an evaluation run: headline table, per-document table, every miss and extra."""

from __future__ import annotations

import json
from typing import Any

from .score import Json


def _f(x: float) -> str:
    return f"{x:.3f}"


def _headline(s: Json) -> list[str]:
    fig, dat = s["figures"], s["dates"]
    rows = [
        (
            "problems P / R / F1",
            f"{_f(s['problems']['precision'])} / {_f(s['problems']['recall'])} / {_f(s['problems']['f1'])}",
        ),
        *((f"{f} exact (matched problems)", _f(v)) for f, v in s["fields"].items()),
        ("measure-count accuracy", _f(s["measure_count_accuracy"])),
        ("measures text F1", _f(s["measures"]["f1"])),
        ("figures F1 text", _f(fig["text"]["f1"])),
        ("figures F1 (text, value, unit)", _f(fig["text_value_unit"]["f1"])),
        ("dates F1 text", _f(dat["text"]["f1"])),
        ("dates F1 (text, start, end)", _f(dat["text_start_end"]["f1"])),
        (
            "grounding (verified share)",
            f"{_f(s['grounding']['share'])} ({s['grounding']['verified']}/{s['grounding']['total']})",
        ),
        *((f"meta: {f}", _f(v)) for f, v in s["meta"].items()),
    ]
    return ["| metric | value |", "| --- | --- |", *(f"| {k} | {v} |" for k, v in rows)]


def number(value: float | int) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def describe(item: Json) -> str:
    """One line saying what a miss or an extra is (the Markdown report and the review page share it)."""
    kind = item["kind"]
    if kind == "figure":
        return f"{item['text']} = {number(item['value'])} {item['unit']}"
    if kind == "date":
        return f"{item['text']} = {item['start']}" + (f" … {item['end']}" if item.get("end") else "")
    if kind == "problem":
        return f"{item['label']} {item['title']}"
    if kind == "measure":
        return str(item["text"])
    name = item["field"] if kind == "meta" else f"{item['label']} {kind}"
    return (
        f"{name}: gold {json.dumps(item['gold'], ensure_ascii=False)}, "
        f"predicted {json.dumps(item['pred'], ensure_ascii=False)}"
    )


def render(result: Json) -> str:
    s = result["summary"]
    c = s["cost"]
    lines = [
        f"# zhenggai eval — engine `{result['engine']}` on `{result['golden']}`",
        "",
        f"{s['documents']} documents. Cost: {c['calls']:g} LLM calls, {c['prompt_tokens']:g} prompt + "
        f"{c['completion_tokens']:g} completion tokens, {c['reasks']:g} reasks, {c['seconds']:.1f} s here, "
        f"{c['llm_seconds']:.1f} s of model time as recorded."
        + (
            f" LLM items kept {c['llm_items_kept']:g}, dropped after the last reask {c['llm_items_dropped']:g} "
            f"(survival {s['llm_survival']:.3f})."
            if s.get("llm_survival") is not None
            else ""
        ),
        "",
        *_headline(s),
        "",
        "## Per document",
        "",
        "| document | problems F1 | figures F1 | dates F1 | measures F1 | grounding | seconds | LLM s (recorded) | calls | tokens in/out | reasks | LLM kept/dropped |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for d in result["documents"]:
        ds: Any = d["summary"]
        lines.append(
            f"| {d['name']} | {_f(ds['problems']['f1'])} | {_f(ds['figures']['text_value_unit']['f1'])} | "
            f"{_f(ds['dates']['text_start_end']['f1'])} | {_f(ds['measures']['f1'])} | {_f(d['grounding'])} | "
            f"{d['seconds']:.2f} | {d.get('llm_seconds', 0):.1f} | {d.get('calls', 0)} | {d.get('prompt_tokens', 0)}/{d.get('completion_tokens', 0)} | "
            f"{d.get('reasks', 0)} | {d.get('llm_items_kept', 0)}/{d.get('llm_items_dropped', 0)} |"
        )
    for d in result["documents"]:
        if d.get("error") or d["misses"] or d["extras"]:
            lines += ["", f"## {d['name']}: misses and extras", ""]
            if d.get("error"):
                lines.append(f"- error: {d['error']}")
            lines += [f"- miss: {describe(m)}" for m in d["misses"]]
            lines += [f"- extra: {describe(m)}" for m in d["extras"]]
    return "\n".join(lines) + "\n"
