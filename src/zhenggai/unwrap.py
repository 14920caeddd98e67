"""The text with its soft line breaks joined, and the offset map back to the loaded text.

A PDF's text layer breaks every visual line, inside sentences, figures and dates (``9.62\n万人``,
``202\n1年度``); a text saved with hard wraps does the same. The stages read a view of the text in which those
soft breaks are removed, and every span they write is mapped back, so that it is verbatim at its offsets in
the loaded text (a figure may read ``9.62\n万人`` there). Which breaks are soft follows from the text's layout
(:func:`layout`): a text is wrapped where many of its lines reach one width and end mid-sentence.

- A line that starts with punctuation no line may start with (``,``, ``。``, ``)``, ``”`` …) continues the one
  before it.
- A line that opens a paragraph or an entry keeps its own line: an indent, an outline label or marker
  (``一、``, ``(1)``, ``一是``), a lead word (``下一步``, ``针对“``, ``问题:``, ``完成情况:``). A label runs on
  only after a full line whose clause (``汇编(一)、`` / ``(二)``), quotation or title runs into it.
- In a wrapped text a full line runs on. A closed sentence (``。``) at its end runs on where paragraphs are
  indented (an unindented next line is then no new paragraph), inside an open quotation, or into a line that
  is no heading of its own; without indents, a full line with a label that ends as a heading (``…问题``) stays
  a heading.
- In any text, a number, an address or a code cut at the line end (``9.62`` / ``万人``, ``202`` / ``1年度``,
  ``xszg@`` / ``163.com``) is joined.

A line with no Chinese character (a table cell's number) never runs on. Linear in the text.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import pairwise

from .quantities import unit_at
from .segment import opens_item

# Punctuation a Chinese line never starts with (kinsoku): the break before it is a wrap.
_NO_LINE_START = frozenset(",.。、;:!?)]}」』”’》〉%‰")
# Punctuation that closes a line: a paragraph, a heading closed by 。, a lead-in ending with :. (A clause closed
# by ; runs on where the line is full: a wrap falls after it as often as anywhere.)
_LINE_CLOSERS = frozenset("。:!?…")
# A line that opens an entry of its own: the next steps (下一步), a quoted finding (针对“…), a lead word with its
# colon (问题:, 整改情况:, 责任单位:), an attachment, a circled number.
_OPENS_LINE = re.compile(
    r"下一步|下步|(?:针对|关于)[“\"]|(?:问题|(?:整改|完成|进展|落实)情况|整改(?:措施|成效|结果|目标|时限)|责任(?:单位|领导|人)|牵头单位|完成时限)[::]"
    r"|附件|[①②③④⑤⑥⑦⑧⑨⑩]"
)
# Words that open a line or a sentence and begin with a measure word (根 of 根据, 项 of 项目): after a number at
# the line end above (a postcode, a phone number, a table cell) they are no unit of a cut figure.
_UNIT_LED_WORDS = re.compile(
    r"根据|个人|个别|项目|处理|台账|条例|条件|期间|场所|所有|所属|名单|名称|家庭|位于|次要|批准"
)
# What continues a number cut at a line end: more digits, a multiplier, 余/多, a date field.
_NUMBER_GOES_ON = frozenset("0123456789.万亿千百余多年月日%‰")
# A clause that runs on into the next line: a label or marker after it is part of the sentence (汇编(一)、(二)).
_IN_FLOW = frozenset(",、;“(《")
# How a heading's own line ends, and how its tail goes on where it wraps (…问题 / 的整改进展情况): a full line
# with a label that ends so, above another full line that does not go on so, is a heading and a paragraph.
_HEADING_END = re.compile(r"(?:问题|方面|情况|整改)[”\"]?$")
_HEADING_TAIL = re.compile(r"的|问题|方面|整改|进展|落实|情况")
_CLOSING_QUOTES = frozenset("”\"」’'")
# Marks the loader maps from their full-width forms, which on a Chinese page take a full column pair.
_NARROWED = b",:;()!?"
# A text is wrapped when at least this share of its lines are full lines that run on; it indents its
# paragraphs when at least this share of its lines start with a blank.
_WRAPPED_SHARE = 0.25
_INDENTED_SHARE = 0.1


def _width(line: str) -> int:
    """Columns a line takes: two for a CJK character or mark, for a blank of its indent (an ideographic space)
    and for the marks the loader made half-width (，:;()!? were full-width on the page), one for the rest. A
    character of three UTF-8 bytes is a wide one: counted at C speed, as every line of the text is measured
    (the marks too, by what deleting them from the bytes takes away: one pass, not one a mark)."""
    encoded = line.encode("utf-8")
    indent = len(line) - len(line.lstrip(" \t"))
    marks = len(encoded) - len(encoded.translate(None, _NARROWED))
    return len(line) + indent + marks + (len(encoded) - len(line)) // 2


def _runs_on(head: str) -> bool:
    return head[-1] not in _LINE_CLOSERS and head[-1] != ";"


@dataclass(frozen=True)
class Layout:
    """How a wrapped text is laid out: the width its full lines reach (in columns, less a tolerance for
    numbers and marks that do not split), and whether it indents its paragraphs."""

    full: int
    indented: bool


def layout(lines: list[str]) -> Layout | None:
    """The layout of a wrapped text; None where the text is not wrapped (one paragraph a line: its longest
    lines close with 。)."""
    heads = [line.rstrip(" \t") for line in lines]
    measured = [_width(head) for head in heads]  # once a line: the widths rank the lines, then count them
    widths = sorted((w for line, w in zip(lines, measured, strict=True) if _filled(line)), reverse=True)
    if len(widths) < 4:
        return None
    top = widths[len(widths) // 10]
    full = top - max(4, top // 10)
    runs_on = sum(1 for head, width in zip(heads, measured, strict=True) if head and width >= full and _runs_on(head))
    if runs_on < max(2, _WRAPPED_SHARE * len(widths)):
        return None
    indents = sum(1 for line in lines if line[:1] in (" ", "\t") and _filled(line))
    return Layout(full, indents >= _INDENTED_SHARE * len(widths))


def _filled(line: str) -> bool:
    """Whether a line holds more than blanks: ``line.strip()`` as a test, which stops at the first character
    that is no blank instead of copying the line."""
    return bool(line) and not line.isspace()


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _heading_line(head: str) -> bool:
    """A line with a label that ends as a heading does (1.关于“…”的问题)."""
    return opens_item(head, 0) and _HEADING_END.search(head) is not None


def is_soft(before: str, after: str, wrapped: Layout | None, quoted: bool = False) -> bool:
    """Whether the break between the line ``before`` and the line ``after`` is a wrap, in a text laid out
    as ``wrapped`` (None: not wrapped); ``quoted``: a quotation or title mark (“, 《) opened in the paragraph is
    still open."""
    head = before.rstrip(" \t")
    if not head or not _filled(after):
        return False
    if after[0] in _NO_LINE_START:
        return True
    filled = wrapped is not None and _width(head) >= wrapped.full
    if not filled and head[-1] in _LINE_CLOSERS:  # every rule below keeps such a break (checked first: most are)
        return False
    # An indent opens a paragraph; after a full line ending with a quotation mark, one blank may be the
    # text's own (关于 “…” 的问题).
    indent = len(after) - len(after.lstrip(" \t"))
    body = after[indent:]
    if indent >= 2 or (indent and not (filled and head[-1] in _CLOSING_QUOTES)):
        return False
    if _OPENS_LINE.match(body) and not (filled and head[-1] in _CLOSING_QUOTES):  # …”/ 问题: is a heading's tail
        return False
    # 202 / 1年度, 9. / 62万人: a number cut in two; xszg@ / 163.com: an address or a code
    digit_cut = (head[-1].isdigit() or (head[-1] == "." and head[-2:-1].isdigit())) and body[0].isdigit()
    code_cut = head[-1].isascii() and (head[-1].isalnum() or head[-1] in "@./_-") and body[0].isascii()
    if opens_item(body, 0) and not (filled and (head[-1] in _IN_FLOW or digit_cut or code_cut or quoted)):
        return False  # a label or marker opens its line, unless a full line's clause (or quotation) runs into it
    if not any(map(_is_cjk, head)):  # a number alone on its line: a table cell, a page number
        return False
    if wrapped is not None and filled:
        if head[-1] in _LINE_CLOSERS:
            # a closed sentence runs on where a paragraph would show its indent, inside an open quotation, and
            # unindented into a line that is no heading of its own: a full line, or one closed by a mark
            tail = after.rstrip(" \t")
            return quoted or wrapped.indented or _width(tail) >= wrapped.full or tail[-1] in _LINE_CLOSERS
        # unindented, a full line with a label that ends as a heading does, above a full line that does not
        # go on as a heading's tail does, is a heading above its paragraph
        return (
            quoted
            or wrapped.indented
            or not (
                _heading_line(head) and _width(after.rstrip(" \t")) >= wrapped.full and not _HEADING_TAIL.match(body)
            )
        )
    if head[-1] in _LINE_CLOSERS:
        return False
    cut = digit_cut or (head[-1].isdigit() and body[0] in _NUMBER_GOES_ON)
    unit = head[-1].isdigit() and bool(unit_at(body, 0, len(body), lexicon_only=True)[0])
    return cut or (unit and not _UNIT_LED_WORDS.match(body))


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
    wrapped = layout(lines)
    cuts: list[tuple[int, int]] = []
    pos = 0
    depth = 0  # quotation marks and title marks (“, 《) open in the paragraph so far
    for before, after in pairwise(lines):
        brk = pos + len(before)  # the \n after ``before``
        if wrapped is not None:  # is_soft reads an open quotation after a full line only: none in a text not wrapped
            depth = max(0, depth + before.count("“") + before.count("《") - before.count("”") - before.count("》"))
        if is_soft(before, after, wrapped, depth > 0):
            cuts.append((pos + len(before.rstrip(" \t")), brk + 1))
        else:
            depth = 0
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
