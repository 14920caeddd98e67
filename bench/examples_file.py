"""The training files of the label models (``src/zhenggai/labels/*_examples.json``), written or checked the
same way by each ``bench/*_examples.py``: one row a line, so that a change of the gold shows as a change of its
lines; ``--check`` exits 1 where the shipped file differs from what the gold gives (CI's consistency tests)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

LABELS = Path(__file__).resolve().parent.parent / "src" / "zhenggai" / "labels"


def render(about: str, rows: Iterable[Sequence[object]]) -> str:
    lines = ",\n".join(json.dumps(r, ensure_ascii=False) for r in rows)
    return f'{{"about": {json.dumps(about, ensure_ascii=False)},\n"examples": [\n{lines}\n]}}\n'


def write_or_check(name: str, about: str, rows: Iterable[Sequence[object]]) -> None:
    """Write ``labels/NAME`` from ``rows``, or with ``--check`` only compare it."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true", help="compare with the shipped file instead of writing it")
    check = ap.parse_args().check
    out, text = LABELS / name, render(about, rows)
    if check:
        sys.exit(0 if out.read_text(encoding="utf-8") == text else 1)
    out.write_text(text, encoding="utf-8")
