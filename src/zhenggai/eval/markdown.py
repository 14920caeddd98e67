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


def _label_score(label: str, r: Json) -> str:
    """A label's score (or a baseline's) in one cell: what the contract's "Scoring version 2" names."""
    keys: tuple[tuple[str, str], ...]
    if label == "responsible":
        keys = (("P", "precision"), ("R", "recall"), ("F1", "f1"))
    elif label == "subject":
        keys = (("exact", "exact"), ("char F1", "char_f1"))
    else:
        keys = (("accuracy", "accuracy"), ("macro F1", "macro_f1"))
    return ", ".join(f"{name} {_f(r[key])}" for name, key in keys if r.get(key) is not None) or "—"


def _labels(s: Json) -> list[str]:
    """The version 2 label table; a line saying so where gold carries no labels (version 1 files)."""
    labels = s.get("labels") or {}
    if not any(r["items"] for r in labels.values()):
        return [
            "## Labels (version 2)",
            "",
            "No gold item carries a label (version 1 gold, or version 2 without labels): 0 items scored.",
        ]
    lines = [
        "## Labels (version 2)",
        "",
        "Over the measures and figures matched to gold in matched problems; baselines on the same items.",
        "",
        "| label | items | score | commonest baseline | rules baseline |",
        "| --- | --- | --- | --- | --- |",
    ]
    for label, r in labels.items():
        common = r["baselines"]["commonest"]
        answer = json.dumps(common["answer"], ensure_ascii=False) if r["items"] else ""
        lines.append(
            f"| {label} | {r['items']} | {_label_score(label, r)} | "
            f"{_label_score(label, common)}{f' (always {answer})' if answer else ''} | "
            f"{_label_score(label, r['baselines']['rules'])} |"
        )
    return lines


def _cell(x: float | None) -> str:
    return "—" if x is None else _f(x)


def _agreement(result: Json) -> list[str]:
    """The human-agreement table where the golden directory has a second annotation (``labels/second/``)."""
    a = result.get("agreement")
    if not a:
        return []
    r = a["labels"]
    lines = [
        "## Human agreement on the labels",
        "",
        f"The gold against the second annotation in `{a['directory']}` ({', '.join(a['documents']) or 'none'}): "
        "the ceiling a labeler is measured against.",
        "",
        "| label | items | agreement | Cohen's kappa / F1 |",
        "| --- | --- | --- | --- |",
    ]
    for key in ("kind", "status", "indicator"):
        lines.append(f"| {key} | {r[key]['items']} | {_cell(r[key]['agreement'])} | kappa {_cell(r[key]['kappa'])} |")
    x = r["responsible"]
    lines.append(
        f"| responsible | {x['items']} | P {_cell(x['precision'])} R {_cell(x['recall'])} | F1 {_cell(x['f1'])} |"
    )
    x = r["subject"]
    lines.append(f"| subject | {x['items']} | exact {_cell(x['exact'])} | char F1 {_cell(x['char_f1'])} |")
    return ["", *lines]


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
        *_labels(s),
        *_agreement(result),
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
