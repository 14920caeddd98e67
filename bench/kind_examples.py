"""Write ``src/zhenggai/labels/kind_examples.json``: every measure of the pooled gold (dev, held-out, wild,
wild2) labelled with a kind by reading and matched to its extracted measure, as (origin, kind, lead phrase,
opening) — the training rows of :mod:`zhenggai.labels.kind_model`. The origin is the report's tag, so leave
one report out drops its rows (``bench/rules_labels.py``). golden/wild3 is never read: it is the unseen set.

    .venv/bin/python bench/kind_examples.py [--check]

``--check`` exits 1 where the shipped file differs from what the gold gives (CI's consistency test does this).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from rules_labels import REPORTS, WILD, WILD2, pairs
from zhenggai.labels.kind_model import opening

OUT = Path(__file__).resolve().parent.parent / "src" / "zhenggai" / "labels" / "kind_examples.json"
ABOUT = (
    "Measures labelled with a kind by reading (golden/dev, heldout, wild, wild2), as [origin report, kind, lead "
    "phrase, opening]; written by bench/kind_examples.py, read by zhenggai.labels.kind_model."
)


def rows() -> list[list[str]]:
    out = []
    for tag in [*REPORTS, *WILD, *WILD2]:
        for gold, m in pairs(tag, frozenset())[0]:
            out.append([tag, gold["kind"], *opening(m.text, m.marker)])
    return out


def render() -> str:
    """One example a line, so that a change of the gold shows as a change of its lines."""
    lines = ",\n".join(json.dumps(r, ensure_ascii=False) for r in rows())
    return f'{{"about": {json.dumps(ABOUT, ensure_ascii=False)},\n"examples": [\n{lines}\n]}}\n'


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true", help="compare with the shipped file instead of writing it")
    text = render()
    if ap.parse_args().check:
        sys.exit(0 if OUT.read_text(encoding="utf-8") == text else 1)
    OUT.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
