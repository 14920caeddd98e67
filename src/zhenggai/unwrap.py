"""The text with its soft line breaks joined, and the offset map back to the loaded text.

A PDF's text layer breaks every visual line, inside sentences, figures and dates (``9.62\\n万人``,
``202\\n1年度``); a text saved with hard wraps does the same. The stages read a view of the text in which those
soft breaks are removed, and every span they write is mapped back, so that it is verbatim at its offsets in
the loaded text (a figure may read ``9.62\\n万人`` there). A break is soft where the line before it runs on:

- the next line starts with punctuation no line may start with (``,``, ``。``, ``)``, ``”`` …);
- or the line before ends without closing punctuation, the next one opens no paragraph (no indent, no
  outline label, marker or status line) and either the line before fills the text's wrap width (the text is
  wrapped: many full lines end mid-sentence) or a number is cut in two (``9.62`` / ``万人``).

Headings, markers and paragraphs keep their own lines. Linear in the text's size.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from itertools import pairwise

from .quantities import MULTIPLIERS, unit_at
from .segment import opens_item

# Punctuation a Chinese line never starts with (kinsoku): the break before it is a wrap.
_NO_LINE_START = frozenset(",.。、;:!?)]}」』”’》〉%‰")
# Punctuation that may close a line: a paragraph, a heading closed by 。, a lead-in ending with :.
_LINE_CLOSERS = frozenset("。;:!?…")
# A line opening a paragraph or an entry of its own: indented, a status or section lead, an attachment.
_OPENS_LINE = re.compile(r"[ \t]|(?:整改|完成|进展|落实)情况[::]|附件|①|②|③|④|⑤|⑥|⑦|⑧|⑨|⑩")
# What continues a number cut at a line end: more digits, a multiplier, 余/多, a date field, a measure word.
_NUMBER_GOES_ON = frozenset("0123456789.万亿千百余多年月日%‰")
# A text is wrapped when at least this share of its lines are full lines ending mid-sentence.
_WRAPPED_SHARE = 0.25


def _width(line: str) -> int:
    """Columns a line takes: two for a CJK character or full-width mark, one for the rest."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in line)


def is_soft(before: str, after: str, full: int | None) -> bool:
    """Whether the break between the line ``before`` and the line ``after`` is a wrap; ``full`` is the text's
    wrap width in columns (None where the text is not wrapped)."""
    head = before.rstrip(" \t")
    if not head or not after:
        return False
    if after[0] in _NO_LINE_START:
        return True
    if head[-1] in _LINE_CLOSERS or _OPENS_LINE.match(after) or opens_item(after, 0):
        return False
    if not re.search(r"[\u4e00-\u9fff]", head):  # a number or mark alone on its line: a table cell, a page number
        return False
    if full is not None and _width(head) >= full:
        return True
    number_cut = head[-1].isdigit() and (after[0] in _NUMBER_GOES_ON or after[0] in MULTIPLIERS)
    return number_cut or (head[-1].isdigit() and bool(unit_at(after, 0, len(after), lexicon_only=True)[0]))


def wrap_width(lines: list[str]) -> int | None:
    """The width a wrapped text fills its lines to, less a tolerance; None where the text is not wrapped (one
    paragraph a line: its longest lines end with 。)."""
    widths = sorted((_width(line.rstrip(" \t")) for line in lines if line.strip()), reverse=True)
    if len(widths) < 4:
        return None
    top = widths[len(widths) // 10]
    full = top - max(4, top // 10)
    runs_on = sum(
        1 for line in lines if (head := line.rstrip(" \t")) and head[-1] not in _LINE_CLOSERS and _width(head) >= full
    )
    return full if runs_on >= max(2, _WRAPPED_SHARE * len(widths)) else None


class Unwrapped:
    """``text`` is the view; ``cuts`` the ``[start, end)`` ranges of the loaded text removed from it (a break
    with the blanks before it), in order."""

    def __init__(self, text: str, cuts: tuple[tuple[int, int], ...] = ()) -> None:
        self.text = text
        self.cuts = cuts
        self._starts = [a for a, _ in cuts]
        self._removed: list[int] = []  # characters removed up to and including each cut
        self._at: list[int] = []  # the view offset where each cut sits
        total = 0
        for a, b in cuts:
            self._at.append(a - total)
            total += b - a
            self._removed.append(total)

    def to_loaded(self, v: int) -> int:
        """The loaded offset of the view's character ``v`` (a span's start)."""
        k = bisect_right(self._at, v)
        return v + (self._removed[k - 1] if k else 0)

    def end_to_loaded(self, v: int) -> int:
        """The loaded offset right after the view's character ``v - 1`` (a span's end): a span never takes
        in a removed break at its end."""
        return self.to_loaded(v - 1) + 1 if v > 0 else 0

    def to_view(self, p: int) -> int:
        """The view offset of the loaded offset ``p``: how many kept characters stand before it."""
        k = bisect_left(self._starts, p)  # the cuts that start before p
        if not k:
            return p
        a, b = self.cuts[k - 1]
        before = self._removed[k - 2] if k >= 2 else 0
        return p - before - (min(p, b) - a)


def unwrap(text: str) -> Unwrapped:
    """The view of ``text`` with its soft line breaks removed (see the module's docstring)."""
    lines = text.split("\n")
    full = wrap_width(lines)
    cuts: list[tuple[int, int]] = []
    pos = 0
    for before, after in pairwise(lines):
        brk = pos + len(before)  # the \n after ``before``
        if is_soft(before, after, full):
            cuts.append((pos + len(before.rstrip(" \t")), brk + 1))
        pos = brk + 1
    if not cuts:
        return Unwrapped(text)
    kept = []
    last = 0
    for a, b in cuts:
        kept.append(text[last:a])
        last = b
    kept.append(text[last:])
    return Unwrapped("".join(kept), tuple(cuts))
