"""What one LLM call is shown: consecutive problem blocks packed up to a size, their measures, figures and
document titles numbered in place — ``[M1]`` before a measure, ``[F1]`` after a figure, ``[D1]`` after a
``《…》`` title — so that the answer can point at them instead of retyping them.

Packing short blocks together is what keeps the instructions from costing more than the document: one report
has 35–50 problems of a few hundred characters each, and the instructions would be repeated for every one.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..schemas import Problem, Report
from ..textspans import TitleIndex, sentence_of
from .candidates import body_options, subject_options

BATCH_CHARS = 2400  # a block longer than this is sent alone; shorter ones are packed up to it


@dataclass(frozen=True)
class Item:
    """One measure or figure of a batch: where it sits in the report, its text and span (a figure's span is its
    sentence, where an issue about it points), and what the model may answer for it."""

    problem: int  # index into report.problems
    index: int  # index into that problem's measures or figures
    text: str
    start: int
    end: int
    options: tuple[str, ...]  # what the model may answer for it: candidate bodies or subjects (``candidates``)


@dataclass(frozen=True)
class Batch:
    problems: list[int]
    measures: list[Item]  # M1, M2, … in order
    figures: list[Item]  # F1, F2, …
    titles: list[tuple[int, int]]  # D1, D2, … offsets of each 《…》 title inside a measure
    owner: list[int]  # for each title, the M number of the measure it sits in
    prompt: str

    def titles_of(self, m: int) -> list[int]:
        """D numbers of the titles inside measure ``m`` (1-based)."""
        return [d for d, owner in enumerate(self.owner, 1) if owner == m]


def block_span(p: Problem) -> tuple[int, int]:
    """Offsets of a problem's block: its title to the end of its body."""
    return p.title.start, p.body.end if p.body else p.title.end


def batches(report: Report, limit: int = BATCH_CHARS) -> list[Batch]:
    """The report's problems with something to annotate, packed in order into batches of about ``limit``
    characters."""
    groups: list[list[int]] = []
    size = 0
    for i, p in enumerate(report.problems):
        if not p.measures and not p.figures:
            continue
        lo, hi = block_span(p)
        if groups and size + hi - lo <= limit:
            groups[-1].append(i)
            size += hi - lo
        else:
            groups.append([i])
            size = hi - lo
    titles = TitleIndex(report.text)
    return [_batch(report, g, titles) for g in groups]


def _batch(report: Report, group: list[int], index: TitleIndex) -> Batch:
    text = report.text
    measures: list[Item] = []
    figures: list[Item] = []
    titles: list[tuple[int, int]] = []
    owner: list[int] = []
    pieces: list[str] = []
    for i in group:
        p = report.problems[i]
        lo, hi = block_span(p)
        marks: list[tuple[int, str]] = []  # (offset, marker) inserted into this block's text
        for k, m in enumerate(p.measures):
            measures.append(Item(i, k, m.text, m.start, m.end, body_options(m.text)))
            marks.append((m.start, f"[M{len(measures)}]"))
            for t0, t1 in index.inside(m.start, m.end):
                titles.append((t0, t1))
                owner.append(len(measures))
                marks.append((t1, f"[D{len(titles)}]"))
        for k, f in enumerate(p.figures):
            s, e = sentence_of(text, f.start, f.end, lo, hi)
            near_lo = max(s, p.figures[k - 1].end if k else s)  # a subject never reaches into the next figure
            near_hi = min(e, p.figures[k + 1].start if k + 1 < len(p.figures) else e)
            options = subject_options(text, f.start, f.end, near_lo, near_hi)
            figures.append(Item(i, k, f.text, s, e, options))
            marks.append((f.end, f"[F{len(figures)}]"))
        out, cut = [], lo
        for at, mark in sorted(marks):
            out += [text[cut:at], mark]
            cut = at
        out.append(text[cut:hi])
        pieces.append("".join(out).strip())
    return Batch(
        problems=group, measures=measures, figures=figures, titles=titles, owner=owner, prompt="\n\n".join(pieces)
    )
