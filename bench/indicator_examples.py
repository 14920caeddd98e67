"""Write ``src/zhenggai/labels/indicator_examples.json``: every figure of the pooled gold (dev, held-out, wild,
wild2) labelled with an indicator by reading and matched to its extracted figure, as (origin, indicator, unit,
subject, before) — the training rows of :mod:`zhenggai.labels.indicator_model`. The subject is the one
the rules find (what the model reads at run time), before the words of its comma segment before the number. The origin is the report's tag, so leave one report out drops its rows
(``bench/rules_labels.py``). golden/wild3 is never read: it is the unseen set.

    .venv/bin/python bench/indicator_examples.py [--check]

``--check`` exits 1 where the shipped file differs from what the gold gives (CI's consistency test does this).
"""

from __future__ import annotations

from examples_file import write_or_check
from rules_labels import GOLDEN, REPORTS, WILD, WILD2, pairs
from zhenggai.labels.figures import SPAN_CHARS, comma_segment
from zhenggai.labels.indicator_model import reading
from zhenggai.load import load_path
from zhenggai.rules import extract_rules

ABOUT = (
    "Figures labelled with an indicator by reading (golden/dev, heldout, wild, wild2), as [origin report, "
    "indicator, unit, the rules' subject, words before]; written by bench/indicator_examples.py, "
    "read by zhenggai.labels.indicator_model."
)


def rows() -> list[list[str]]:
    out = []
    for tag, name in [*REPORTS.items(), *WILD.items(), *WILD2.items()]:
        report = extract_rules(load_path(GOLDEN / f"{name}.txt"))
        text = report.text
        # the bounds of each figure's problem, which its segment is read within (as labels.label_problems does)
        bounds = {
            (f.start, f.end): (p.title.start, p.body.end if p.body else p.finding.end)
            for p in report.problems
            for f in p.figures
        }
        for gold, f in pairs(tag, frozenset())[1]:
            lo, hi = bounds[f.start, f.end]
            s, _ = comma_segment(text, f.start, f.end, max(lo, f.start - SPAN_CHARS), min(hi, f.end + SPAN_CHARS))
            sub = f.subject.text if f.subject else ""
            out.append([tag, gold["indicator"], *reading(f.unit, sub, text[s : f.start])])
    return out


def main() -> None:
    write_or_check("indicator_examples.json", ABOUT, rows())


if __name__ == "__main__":
    main()
