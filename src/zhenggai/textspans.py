"""Small helpers over spans of the loaded text shared by the scanners and the outline parser."""

from __future__ import annotations

import re
from bisect import bisect_right
from pathlib import Path

from .schemas import Problem, Report

_TITLE = re.compile(r"《[^《》\n]*》")


class TitleIndex:
    """Where the document titles (``《…》``) are, for "digits inside a title" questions in O(log n)."""

    def __init__(self, text: str) -> None:
        self.spans = [(m.start(), m.end()) for m in _TITLE.finditer(text)]
        self._starts = [s for s, _ in self.spans]

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
