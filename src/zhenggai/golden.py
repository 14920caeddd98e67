"""The golden annotation contract, versions 1 and 2 (``zhenggai-golden/1``, ``zhenggai-golden/2``): predictions
from reports, reading gold, normalising text.

See golden/FORMAT.md (a copy of the contract). Offsets are part of neither version, so a prediction is the
report's content only; comparisons go through :func:`norm`. Version 2 adds labels and changes nothing else: a
measure is a string (version 1) or an object ``{"text", "kind", "status", "responsible"}``, a figure may carry
``subject`` and ``indicator``; a label key that is absent means "not labelled" (the item is not scored on it).
Readers of measures go through :func:`measure_text` and :func:`measure_labels`, which accept both shapes.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any

from .errors import GoldError as GoldError  # raised here, named here
from .schemas import Figure, Measure, Report

FORMAT_V1 = "zhenggai-golden/1"
FORMAT_V2 = "zhenggai-golden/2"
FORMAT = FORMAT_V2  # what predictions are written in
FORMATS = (FORMAT_V1, FORMAT_V2)  # what gold and predictions may be read in
MEASURE_LABELS = ("kind", "status", "responsible")
FIGURE_LABELS = ("subject", "indicator")
SOURCE_SUFFIXES = (".txt", ".html", ".htm", ".pdf", ".docx")
_WS = re.compile(r"\s+")


def norm(s: str | None) -> str | None:
    """NFKC, every whitespace character removed; quotes kept as they are (contract §Comparison rules)."""
    if s is None:
        return None
    return _WS.sub("", unicodedata.normalize("NFKC", s))


def match_items(gold: list[Any], pred: list[Any], key: Callable[[Any], Hashable]) -> list[tuple[int, int]]:
    """(gold index, predicted index) of items with equal keys: the k-th gold occurrence of a key with the k-th
    predicted one."""
    queues: dict[Hashable, list[int]] = {}
    for j, x in enumerate(pred):
        queues.setdefault(key(x), []).append(j)
    out = []
    for i, x in enumerate(gold):
        queue = queues.get(key(x))
        if queue:
            out.append((i, queue.pop(0)))
    return out


def _text(span: Any) -> str | None:
    return span.text if span is not None else None


def measure_text(item: Any) -> str:
    """The verbatim text of a measure item of either version (a string, or an object's ``text``)."""
    if isinstance(item, dict):
        text = item.get("text")
        return text if isinstance(text, str) else ""
    return item if isinstance(item, str) else ""


def measure_labels(item: Any) -> dict[str, Any]:
    """The label keys a measure item carries (none for a version 1 string)."""
    return {k: item[k] for k in MEASURE_LABELS if k in item} if isinstance(item, dict) else {}


def _measure(x: Measure) -> dict[str, Any]:
    out: dict[str, Any] = {"text": x.text}
    if x.kind is not None:
        out["kind"] = x.kind
    if x.status is not None:
        out["status"] = x.status
    if x.responsible or "responsible" in x.sources:  # an empty list is an answer only where a labeler gave it
        out["responsible"] = [r.text for r in x.responsible]
    return out


def _figure(f: Figure) -> dict[str, Any]:
    out: dict[str, Any] = {"text": f.text, "value": f.value, "unit": f.unit}
    if f.subject is not None or "subject" in f.sources:  # null is an answer only where a labeler gave it
        out["subject"] = _text(f.subject)
    if f.indicator is not None:
        out["indicator"] = f.indicator
    return out


def to_golden(report: Report) -> dict[str, Any]:
    """The report in the contract's version 2: measures as objects with the labels the report has (a label
    the report has no value for is left out, so the item is not scored on it), figures with ``subject``
    (text, or null where a labeler found none) and ``indicator`` where set."""
    m = report.meta
    return {
        "format": FORMAT,
        "source": report.source,
        "meta": {
            "issuer": _text(m.issuer),
            "inspected_unit": _text(m.inspected_unit),
            "inspection_kind": m.inspection_kind,
            "inspection_team": _text(m.inspection_team),
            "inspection_start": m.inspection_start,
            "inspection_end": m.inspection_end,
            "feedback_date": m.feedback_date,
            "published_date": m.published_date,
            "phones": [p.text for p in m.phones],
            "emails": [e.text for e in m.emails],
        },
        "problems": [
            {
                "label": p.label,
                "category": _text(p.category),
                "group": _text(p.group),
                "title": p.title.text,
                "finding": p.finding.text,
                "measures": [_measure(x) for x in p.measures],
                "figures": [_figure(f) for f in p.figures],
                "dates": [{"text": d.text, "start": d.start_iso, "end": d.end_iso} for d in p.dates],
            }
            for p in report.problems
        ],
    }


def read_golden(path: Path) -> dict[str, Any]:
    """A gold (or prediction) file of version 1 or 2, as written: its shape is checked, not its labels."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GoldError(f"{path.name}: not readable JSON: {exc}") from exc
    if not isinstance(data, dict) or data.get("format") not in FORMATS:
        raise GoldError(f"{path.name}: format is not {FORMAT_V1!r} or {FORMAT_V2!r}")
    if not isinstance(data.get("problems"), list) or not isinstance(data.get("meta"), dict):
        raise GoldError(f"{path.name}: needs 'meta' (object) and 'problems' (list)")
    for i, p in enumerate(data["problems"]):
        measures = p.get("measures") if isinstance(p, dict) else None
        for j, m in enumerate(measures if isinstance(measures, list) else []):
            if not isinstance(m, str) and not (isinstance(m, dict) and isinstance(m.get("text"), str)):
                raise GoldError(f"{path.name}: problems[{i}].measures[{j}]: neither a string nor an object with 'text'")
    return data


def gold_pairs(directory: Path) -> list[tuple[Path, Path]]:
    """(source, gold) pairs of a golden directory, in name order."""
    if not directory.is_dir():
        raise GoldError(f"{directory}: not a directory")
    pairs = []
    for gold in sorted(directory.glob("*.gold.json")):
        name = gold.name[: -len(".gold.json")]
        src = next((directory / (name + s) for s in SOURCE_SUFFIXES if (directory / (name + s)).exists()), None)
        if src is None:
            raise GoldError(f"{gold.name}: no source file {name}.txt/.html/.htm/.pdf/.docx beside it")
        pairs.append((src, gold))
    return pairs
