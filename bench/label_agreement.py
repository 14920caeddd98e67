"""Human agreement on the version 2 labels: the dev gold (golden/dev/NAME.gold.json) against the second,
independent annotation of a sample (golden/dev/labels/second/), per label.

Run: .venv/bin/python bench/label_agreement.py
"""

from __future__ import annotations

import json
from pathlib import Path

from zhenggai.eval.agreement import agreement

LABELS = Path(__file__).resolve().parent.parent / "golden" / "dev" / "labels"


def main() -> None:
    first: dict[str, list[dict[str, object]]] = {"problems": []}
    second: dict[str, list[dict[str, object]]] = {"problems": []}
    for path in sorted((LABELS / "second").glob("*.json")):
        gold = json.loads((LABELS.parent / f"{path.stem}.gold.json").read_text(encoding="utf-8"))
        sample = json.loads(path.read_text(encoding="utf-8"))
        # labels repeat across reports: make them unique per report before pooling
        first["problems"] += [{**p, "label": f"{path.stem}:{p['label']}"} for p in gold["problems"]]
        second["problems"] += [{**p, "label": f"{path.stem}:{p['label']}"} for p in sample["problems"]]
    result = agreement(first, second)
    print("| label | items | agreement | Cohen's kappa / F1 |")
    print("| --- | --- | --- | --- |")
    for key in ("kind", "status", "indicator"):
        r = result[key]
        print(f"| {key} | {r['items']} | {r['agreement']:.3f} | kappa {r['kappa']:.3f} |")
    r = result["responsible"]
    print(f"| responsible | {r['items']} | P {r['precision']:.3f} R {r['recall']:.3f} | F1 {r['f1']:.3f} |")
    r = result["subject"]
    print(f"| subject | {r['items']} | exact {r['exact']:.3f} | char F1 {r['char_f1']:.3f} |")


if __name__ == "__main__":
    main()
