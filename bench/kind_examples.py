"""Write ``src/zhenggai/labels/kind_examples.json``: every measure of the pooled gold (dev, held-out, wild,
wild2) labelled with a kind by reading and matched to its extracted measure, as (origin, kind, lead phrase,
opening) — the training rows of :mod:`zhenggai.labels.kind_model`. The origin is the report's tag, so leave
one report out drops its rows (``bench/rules_labels.py``). golden/wild3 is never read: it is the unseen set.

    .venv/bin/python bench/kind_examples.py [--check]

``--check`` exits 1 where the shipped file differs from what the gold gives (CI's consistency test does this).
"""

from __future__ import annotations

from examples_file import write_or_check
from rules_labels import REPORTS, WILD, WILD2, pairs
from zhenggai.labels.kind_model import opening

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


def main() -> None:
    write_or_check("kind_examples.json", ABOUT, rows())


if __name__ == "__main__":
    main()
