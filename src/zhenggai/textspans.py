"""Small helpers over spans of the loaded text shared by the scanners and the outline parser."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from itertools import chain
from pathlib import Path

from .schemas import Problem, Report

_TITLE = re.compile(r"《[^《》\n]*》")
_DIGITS = re.compile(r"\d+")


class TitleIndex:
    """Where the document titles (``《…》``) are, for "digits inside a title" questions in O(log n); and, found
    once on first use, where its digit runs start, for the scanners that read every block of the document."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans = [(m.start(), m.end()) for m in _TITLE.finditer(text)]
        self._starts = [s for s, _ in self.spans]
        self._digit_runs: tuple[list[int], list[int]] | None = None  # starts and ends, made on first use

    def digit_runs(self, lo: int, hi: int) -> list[int]:
        """Where ``re.finditer(r"\\d+", text, lo, hi)`` finds runs of digits (a run cut by ``lo`` starts there),
        from one scan of the whole text instead of one per block and scanner."""
        starts, _ = self._runs()
        runs = starts[bisect_left(starts, lo) : bisect_left(starts, hi)]
        if self._cut(lo, hi):
            runs.insert(0, lo)
        return runs

    def digit_spans(self, lo: int, hi: int) -> Iterator[tuple[int, int]]:
        """The runs of :meth:`digit_runs` with where each ends in the whole text (a run cut by ``hi`` runs on):
        what ``re.compile(r"\\d+").match(text, start).end()`` gives, without matching again. An iterator: a
        loop that unpacks each pair at once makes no tuple per run."""
        starts, ends = self._runs()
        first, last = bisect_left(starts, lo), bisect_left(starts, hi)
        runs = zip(starts[first:last], ends[first:last], strict=True)
        return chain([(lo, ends[first - 1])], runs) if self._cut(lo, hi) else runs

    def _runs(self) -> tuple[list[int], list[int]]:
        if self._digit_runs is None:
            spans = [m.span() for m in _DIGITS.finditer(self.text)]
            self._digit_runs = [s for s, _ in spans], [e for _, e in spans]
        return self._digit_runs

    def _cut(self, lo: int, hi: int) -> bool:
        """Whether ``lo`` cuts a run of digits (\\d is Unicode's Nd, as ``str.isdecimal``)."""
        return 0 < lo < hi and self.text[lo].isdecimal() and self.text[lo - 1].isdecimal()

    def inside(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """The titles that lie wholly within ``[lo, hi)``, in order."""
        first = bisect_right(self._starts, lo - 1)
        return [(s, e) for s, e in self.spans[first : bisect_right(self._starts, hi)] if e <= hi]

    def around(self, pos: int) -> tuple[int, int] | None:
        i = bisect_right(self._starts, pos) - 1
        if i >= 0 and self.spans[i][0] < pos < self.spans[i][1]:
            return self.spans[i]
        return None


def sentence_of(text: str, start: int, end: int, lo: int = 0, hi: int | None = None) -> tuple[int, int]:
    """Offsets of the sentence around ``[start, end)``: from after the previous 。/;/line break to the next one
    (included), kept inside ``[lo, hi)``."""
    hi = len(text) if hi is None else hi
    s = max([lo] + [text.rfind(c, lo, start) + 1 for c in "。;\n"])
    e = min([hi] + [i + 1 for i in (text.find(c, end, hi) for c in "。;\n") if i >= 0])
    return s, e


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` so that it neither starts nor ends with white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def problem_extent(p: Problem) -> tuple[int, int]:
    """Offsets of a problem in the text: its body, else from the first to the last of its spans."""
    if p.body is not None:
        return p.body.start, p.body.end
    inner = [p.title, p.finding, *p.measures, *p.figures, *p.dates]
    return min(s.start for s in inner), max(s.end for s in inner)


def field_lines(*pairs: tuple[str, object]) -> str:
    """``name: value`` lines for the filled values only."""
    return "\n".join(f"{k}: {v}" for k, v in pairs if v not in (None, "", []))


def source_stem(report: Report) -> str:
    """The report's name as golden directories and review pages use it: its source's stem."""
    return Path(report.source).stem
