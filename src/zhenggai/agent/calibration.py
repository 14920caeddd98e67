"""Which source wins each label for a model: a small record per model id, written by
``zhenggai eval --golden DIR --engine llm`` from the scores of the LLM's answers and of the rules labeler on
the same gold items.

A record (JSON) holds, per field, the metric compared, the rules score, the LLM score, the items scored and the
gold set they were scored on, with the date and the prompt versions. Fields may be measured on different gold
sets, one evaluation at a time: writing a record keeps the fields of the one already there that it does not
measure again. The user's records (directory ``calibration_dir``) come before the ones shipped beside this
module. With no record for a model, the rules win every field.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from .label_items import FIELDS, PROMPTS, Field

SHIPPED = Path(__file__).with_name("calibrations")
FORMAT = "zhenggai-calibration/1"
# The metric each field is decided on: the one the project gates (a label's accuracy where its classes are
# balanced enough, macro F1 for status, where always answering "done" is already 0.86 accurate).
METRICS: dict[Field, str] = {
    "kind": "accuracy",
    "status": "macro_f1",
    "responsible": "f1",
    "subject": "char_f1",
    "indicator": "accuracy",
}


def file_name(model: str) -> str:
    return re.sub(r"[^\w.-]+", "_", model).strip("_.") + ".json"


def from_eval(summary_labels: Mapping[str, Any], model: str, fields: Iterable[Field], gold: str) -> dict[str, Any]:
    """The record of one evaluation whose labels were the LLM's wherever it answered (``fields`` asked)."""
    out: dict[Field, Any] = {}
    for f in fields:
        scored = summary_labels.get(f)
        if not scored or not scored.get("items"):
            continue
        metric = METRICS[f]
        out[f] = {
            "metric": metric,
            "rules": scored["baselines"]["rules"][metric],
            "llm": scored[metric],
            "commonest": scored["baselines"]["commonest"][metric],
            "items": scored["items"],
            "gold": gold,
        }
    return {
        "format": FORMAT,
        "model": model,
        "date": date.today().isoformat(),
        "prompts": {f: PROMPTS[f] for f in out},
        "fields": out,
    }


def merged(record: Mapping[str, Any], before: Mapping[str, Any]) -> dict[str, Any]:
    """``record`` over ``before``, the same model's earlier record: the fields measured again are replaced, the
    others kept with their prompts and the gold they were measured on (a record from before fields carried
    their gold has it once, at the top)."""
    fields = {f: {**s, "gold": s.get("gold", before.get("gold"))} for f, s in before.get("fields", {}).items()}
    fields.update(record["fields"])
    prompts = {**before.get("prompts", {}), **record["prompts"]}
    order = sorted(fields, key=lambda f: FIELDS.index(f) if f in FIELDS else len(FIELDS))
    return {
        **{k: v for k, v in record.items() if k not in ("fields", "prompts")},
        "prompts": {f: prompts[f] for f in order if f in prompts},
        "fields": {f: fields[f] for f in order},
    }


def write(record: Mapping[str, Any], directory: Path) -> Path:
    """Write ``record`` as its model's record in ``directory``, merged over the one already there."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / file_name(str(record["model"]))
    if path.is_file():
        before = json.loads(path.read_text(encoding="utf-8"))
        if before.get("model") == record["model"]:
            record = merged(record, before)
    path.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


def load(model: str, directory: Path | None = None) -> dict[str, Any] | None:
    """The record for ``model``: the user's own (in ``directory``) first, else the shipped one, else None."""
    for where in (directory, SHIPPED):
        if where is not None and (where / file_name(model)).is_file():
            return json.loads((where / file_name(model)).read_text(encoding="utf-8"))  # type: ignore[no-any-return]
    return None


def llm_fields(record: Mapping[str, Any] | None) -> frozenset[Field]:
    """The fields where the record measured the LLM above the rules, for the prompts it was measured with (a
    changed prompt is a different labeler, not yet measured)."""
    if record is None:
        return frozenset()
    won = set()
    for f, s in record.get("fields", {}).items():
        if f in FIELDS and record.get("prompts", {}).get(f) == PROMPTS[f] and s["llm"] > s["rules"]:
            won.add(f)
    return frozenset(won)


def markdown(record: Mapping[str, Any]) -> str:
    """The record as the table ``zhenggai eval`` prints under its labels: per field asked, the LLM against the
    rules and the commonest label, and the source the default takes."""
    won = llm_fields(record)
    rows = [
        f"\n## Label sources for {record['model']}\n",
        "Each field asked of the LLM, its answers taken wherever it answered, on the documents it was asked of;",
        "the default takes the LLM's answer only where it beats the rules.\n",
        "| label | documents | items | metric | LLM | rules | commonest | default takes |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for f, s in record["fields"].items():
        docs = ", ".join(s.get("documents", []))
        rows.append(
            f"| {f} | {docs} | {s['items']} | {s['metric']} | {s['llm']:.3f} | {s['rules']:.3f} "
            f"| {s['commonest']:.3f} | {'llm' if f in won else 'rules'} |"
        )
    return "\n".join(rows) + "\n"
