"""Agreement between two annotations of the same items (golden format v2 labels): the human ceiling that
every labeler is measured against.

Pure functions over the labels: accuracy and Cohen's kappa for the categorical labels (measure kind and
status, figure indicator), P/R/F1 over responsible bodies, exact match and mean character-overlap F1 for
figure subjects — the same measures the contract's "Scoring version 2" names. :func:`directory_agreement`
gives the table ``zhenggai eval`` prints where a golden directory has a second annotation (``labels/second/``).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import GoldError
from ..golden import match_items, norm

Json = dict[str, Any]


def cohen_kappa(a: Sequence[str], b: Sequence[str]) -> float:
    """Cohen's kappa of two label sequences over the same items: (p_o − p_e) / (1 − p_e); 1.0 when both
    annotators agree on every item and chance agreement is total."""
    if len(a) != len(b) or not a:
        raise ValueError("two label sequences of the same, non-zero length")
    n = len(a)
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / n
    ca, cb = Counter(a), Counter(b)
    expected = sum(ca[k] * cb[k] for k in ca) / (n * n)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def char_f1(a: str | None, b: str | None) -> float:
    """Character-overlap F1 of two spans (multisets of characters); two nulls agree fully, one null not at all."""
    if a is None or b is None:
        return float(a is None and b is None)
    common = sum((Counter(a) & Counter(b)).values())
    if not common:
        return 0.0
    p, r = common / len(b), common / len(a)
    return 2 * p * r / (p + r)


def _pairs(first: Json, second: Json, kind: str) -> list[tuple[Json, Json]]:
    """Items of ``kind`` (measures, figures) labelled on both sides, matched by problem label (the k-th problem
    of a label with the k-th: numbering restarts in each category of some reports) and position."""
    p1s, p2s = first["problems"], second["problems"]
    out = []
    for a, b in match_items(p1s, p2s, lambda p: p["label"]):
        for i1, i2 in zip(p1s[a][kind], p2s[b][kind], strict=False):
            if isinstance(i1, dict) and isinstance(i2, dict) and i1.get("text") == i2.get("text"):
                out.append((i1, i2))
    return out


def agreement(first: Json, second: Json) -> Json:
    """Per label: items compared, agreement and kappa (categorical), F1 (responsible), exact and char F1 (subject)."""
    measures = [(a, b) for a, b in _pairs(first, second, "measures") if "kind" in a and "kind" in b]
    figures = [(a, b) for a, b in _pairs(first, second, "figures") if "indicator" in a and "indicator" in b]
    out: Json = {}
    for key, items in (("kind", measures), ("status", measures), ("indicator", figures)):
        xs, ys = [a[key] for a, _ in items], [b[key] for _, b in items]
        out[key] = {
            "items": len(items),
            "agreement": round(sum(x == y for x, y in zip(xs, ys, strict=True)) / len(items), 4) if items else None,
            "kappa": round(cohen_kappa(xs, ys), 4) if items else None,
        }
    tp = fp = fn = 0
    for a, b in measures:
        ra, rb = Counter(norm(x) for x in a["responsible"]), Counter(norm(x) for x in b["responsible"])
        tp, fp, fn = tp + sum((ra & rb).values()), fp + sum((rb - ra).values()), fn + sum((ra - rb).values())
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    out["responsible"] = {"items": len(measures), "precision": round(p, 4), "recall": round(r, 4),
                          "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}  # fmt: skip
    subjects = [(norm(a["subject"]), norm(b["subject"])) for a, b in figures]
    out["subject"] = {
        "items": len(subjects),
        "exact": round(sum(x == y for x, y in subjects) / len(subjects), 4) if subjects else None,
        "char_f1": round(sum(char_f1(x, y) for x, y in subjects) / len(subjects), 4) if subjects else None,
    }
    return out


SECOND = Path("labels") / "second"


def keyed(doc: str, problems: list[Json]) -> list[Json]:
    """Problems with labels unique across a pool of documents (``doc:label``); within one document a repeated
    label pairs by occurrence (:func:`_pairs`)."""
    return [{**p, "label": f"{doc}:{p['label']}"} for p in problems]


def directory_agreement(golden: Path) -> Json | None:
    """Human agreement of a golden directory's labels: its gold (``NAME.gold.json``) against the second,
    independent annotation of a sample (``labels/second/NAME.json``), pooled over the documents (problems keyed
    by document and label, repeated labels paired by occurrence), as ``bench/label_agreement.py`` computes it; None without ``labels/second/``."""
    second_dir = golden / SECOND
    if not second_dir.is_dir():
        return None
    first: Json = {"problems": []}
    second: Json = {"problems": []}
    names = []
    for path in sorted(second_dir.glob("*.json")):
        gold_path = golden / f"{path.stem}.gold.json"
        if not gold_path.exists():
            continue
        try:
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            sample = json.loads(path.read_text(encoding="utf-8"))
            first["problems"] += keyed(path.stem, gold["problems"])
            second["problems"] += keyed(path.stem, sample["problems"])
        except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
            raise GoldError(f"{path}: not a second annotation beside {gold_path.name}: {exc}") from exc
        names.append(path.stem)
    try:
        labels = agreement(first, second)
    except (KeyError, TypeError, AttributeError) as exc:
        raise GoldError(f"{second_dir}: a second annotation does not have the gold's shape: {exc!r}") from exc
    return {"directory": SECOND.as_posix(), "documents": names, "labels": labels}
