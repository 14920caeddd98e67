"""Human agreement on the version 2 labels: a golden set's gold (GOLDEN/NAME.gold.json) against the second,
independent annotation of its reports or a sample of them (GOLDEN/labels/second/NAME.json), per label.

Run: .venv/bin/python bench/label_agreement.py [--golden golden/heldout] [--disagreements]
(default golden/dev; --disagreements also lists every item the two annotations label differently)
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from zhenggai.eval.agreement import SECOND, agreement, keyed
from zhenggai.golden import norm

Json = dict[str, Any]
ROOT = Path(__file__).resolve().parent.parent
MEASURE_KEYS = ("kind", "status", "responsible")
FIGURE_KEYS = ("indicator", "subject")


def pooled(golden: Path) -> tuple[Json, Json]:
    """The gold and the second annotation of every report in ``labels/second/``, pooled."""
    paths = sorted((golden / SECOND).glob("*.json"))
    if not paths:
        raise SystemExit(f"{golden}: no second annotation ({SECOND.as_posix()}/*.json)")
    first: Json = {"problems": []}
    second: Json = {"problems": []}
    for path in paths:
        gold = json.loads((golden / f"{path.stem}.gold.json").read_text(encoding="utf-8"))
        sample = json.loads(path.read_text(encoding="utf-8"))
        first["problems"] += keyed(path.stem, gold["problems"])
        second["problems"] += keyed(path.stem, sample["problems"])
    return first, second


def table(first: Json, second: Json) -> list[str]:
    """The agreement table, as markdown rows."""
    result = agreement(first, second)
    rows = ["| label | items | agreement | Cohen's kappa / F1 |", "| --- | --- | --- | --- |"]
    for key in ("kind", "status", "indicator"):
        r = result[key]
        rows.append(f"| {key} | {r['items']} | {r['agreement']:.3f} | kappa {r['kappa']:.3f} |")
    r = result["responsible"]
    rows.append(f"| responsible | {r['items']} | P {r['precision']:.3f} R {r['recall']:.3f} | F1 {r['f1']:.3f} |")
    r = result["subject"]
    rows.append(f"| subject | {r['items']} | exact {r['exact']:.3f} | char F1 {r['char_f1']:.3f} |")
    return rows


def _same(key: str, a: Any, b: Any) -> bool:
    """Equal as the scorer compares them: responsible as sets of normalised bodies, subject normalised."""
    if key == "responsible":
        return {norm(x) for x in a} == {norm(x) for x in b}
    if key == "subject":
        return (a is None and b is None) or (a is not None and b is not None and norm(a) == norm(b))
    return bool(a == b)


def disagreements(first: Json, second: Json) -> Iterator[tuple[str, str, str, Any, Any]]:
    """(label, problem, item, first, second) for every item labelled differently, matched as the scorer
    matches them: by problem and position, with the same text."""
    by_label = {p["label"]: p for p in first["problems"]}
    for p2 in second["problems"]:
        p1 = by_label.get(p2["label"])
        if p1 is None:
            continue
        for kind, keys in (("measures", MEASURE_KEYS), ("figures", FIGURE_KEYS)):
            for i1, i2 in zip(p1[kind], p2[kind], strict=False):
                if not (isinstance(i1, dict) and isinstance(i2, dict) and i1.get("text") == i2.get("text")):
                    continue
                item = i2["text"] if kind == "figures" else i2["text"][:40]
                for key in keys:
                    if key in i1 and key in i2 and not _same(key, i1[key], i2[key]):
                        yield key, p2["label"], item, i1[key], i2[key]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--golden", type=Path, default=ROOT / "golden" / "dev", help="golden directory")
    parser.add_argument("--disagreements", action="store_true", help="list the items labelled differently")
    args = parser.parse_args()
    first, second = pooled(args.golden)
    print("\n".join(table(first, second)))
    if args.disagreements:
        print("\n| label | problem | item | first | second |\n| --- | --- | --- | --- | --- |")
        for key, problem, item, a, b in sorted(disagreements(first, second), key=lambda d: d[0]):
            print(f"| {key} | {problem} | {item} | {json.dumps(a, ensure_ascii=False)} | "
                  f"{json.dumps(b, ensure_ascii=False)} |")  # fmt: skip


if __name__ == "__main__":
    main()
