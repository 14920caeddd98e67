"""The golden annotation contract ``zhenggai-golden/1``: predictions from reports, reading gold, normalising text.

See golden/FORMAT.md (a copy of the contract). Offsets are not part of version 1, so a prediction is the
report's content only; comparisons go through :func:`norm`.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

from .errors import GoldError as GoldError  # raised here, named here
from .schemas import Report

FORMAT = "zhenggai-golden/1"
SOURCE_SUFFIXES = (".txt", ".html", ".htm", ".pdf", ".docx")
_WS = re.compile(r"\s+")


def norm(s: str | None) -> str | None:
    """NFKC, every whitespace character removed; quotes kept as they are (contract §Comparison rules)."""
    if s is None:
        return None
    return _WS.sub("", unicodedata.normalize("NFKC", s))


def _text(span: Any) -> str | None:
    return span.text if span is not None else None


def to_golden(report: Report) -> dict[str, Any]:
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
                "measures": [x.text for x in p.measures],
                "figures": [{"text": f.text, "value": f.value, "unit": f.unit} for f in p.figures],
                "dates": [{"text": d.text, "start": d.start_iso, "end": d.end_iso} for d in p.dates],
            }
            for p in report.problems
        ],
    }


def read_golden(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GoldError(f"{path.name}: not readable JSON: {exc}") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise GoldError(f"{path.name}: format is not {FORMAT!r}")
    if not isinstance(data.get("problems"), list) or not isinstance(data.get("meta"), dict):
        raise GoldError(f"{path.name}: needs 'meta' (object) and 'problems' (list)")
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
