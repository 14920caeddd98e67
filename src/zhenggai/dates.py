"""Dates written with Arabic digits, normalised to ISO at their written precision (golden format §dates).

Why not a library: JioNLP's time parser and cn2an turn ``1-7月`` into a single day or a negative number and
read ``2014—2016年`` as one year; both resolve relative words we must leave alone. The genre's date grammar is
small — year/month/day points, a few suffixes, ranges with 至/-/— — so a hand-written reader stays exact.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .quantities import MULTIPLIERS, unit_at
from .textspans import TitleIndex, sentence_of

_SEP = "至到-—–~～"
_DIGITS = re.compile(r"\d+")
_YEAR = re.compile(r"(19|20)\d\d(?!\d)")
_OPENING = "年月日" + _SEP  # what may follow a date's first digits (else it is four digits, a bare year)
_SUFFIXES = ("年初", "年底", "年末", "底", "初", "末", "份", "度")
_SUFFIX = re.compile("|".join(map(re.escape, _SUFFIXES)))  # the first that fits, in one match
# A point: year, month and day, each optional but in this order, each of up to four digits (one compiled
# match instead of a loop of small ones).
_POINT = re.compile(r"(?:(\d{1,4})年)?(?:(\d{1,4})月)?(?:(\d{1,4})日)?")
_RELATIVE = {"今年": 0, "去年": -1}  # 今年9月, 去年12月: the reference year's own, or the one before
_RECURRING = re.compile(r"(每|逐)[年月周日天]?$")
# Years that merely open a period (2015年以来) or set a target (到2019年底) do not date later mentions.
_PERIOD_AFTER = re.compile(r"以来|起|至今|开始|来")
# Words that make a sentence speak of work still to come: a yearless date there may lie after publication.
_FUTURE = re.compile(r"计划[于在到]|预计|力争|拟|争取|将于|将在|前完成|之前|以前|目标|下一步")


# Value types as NamedTuples: immutable like frozen dataclasses, and built several times faster (thousands a report).
class Point(NamedTuple):
    y: int | None = None
    m: int | None = None
    d: int | None = None

    @property
    def finest(self) -> str:
        return "d" if self.d is not None else "m" if self.m is not None else "y"


class DateHit(NamedTuple):
    start: int
    end: int
    text: str
    start_iso: str
    end_iso: str | None
    precision: str  # year | month | day


def _read_point(text: str, pos: int, end: int) -> tuple[Point, int]:
    """Read ``[YYYY年][M月][D日]`` at ``pos``: the point and where it ends (``pos`` if nothing was read)."""
    m = _POINT.match(text, pos, end)
    if m is None:  # every part is optional: no match only past the end
        return Point(), pos
    y, mo, d = m.groups()
    point = (int(y) if y else None, int(mo) if mo else None, int(d) if d else None)
    return tuple.__new__(Point, point), m.end()  # as the tuple it is (see _hit)


def _valid(p: Point) -> bool:
    if p.y is not None and not 1900 <= p.y <= 2100:
        return False
    if p.m is not None and not 1 <= p.m <= 12:
        return False
    if p.d is not None and not 1 <= p.d <= 31:
        return False
    if p.d is not None and p.m is None:
        return False
    return p.y is not None or p.m is not None


def _iso(p: Point, year: int | None) -> str:
    """ISO at the point's precision; with no year in reach, the yearless form of ISO 8601 (``--09-13``,
    ``--09``): a year the text does not give is never written."""
    y = p.y if p.y is not None else year
    head = "-" if y is None else f"{y:04d}"
    if p.m is None:
        return head
    if p.d is None:
        return f"{head}-{p.m:02d}"
    return f"{head}-{p.m:02d}-{p.d:02d}"


def iso_year(iso: str) -> int | None:
    """The year of an ISO date; None for the yearless form."""
    return None if iso.startswith("--") else int(iso[:4])


def _merge(start: Point, end: Point) -> Point:
    """An end point inherits the fields its text leaves out from the start (``8月10日至16日``)."""
    if end.y is not None:
        return end
    if end.m is not None:
        # a range across a year end: 2022年11月21日至1月18日 ends in the year after
        crosses = start.y is not None and start.m is not None and end.m < start.m
        return Point(start.y + 1 if crosses and start.y is not None else start.y, end.m, end.d)
    return Point(start.y, start.m, end.d)


def _suffix(text: str, pos: int, end: int) -> int:
    m = _SUFFIX.match(text, pos, end)
    return m.end() if m else pos


def _opens(text: str, pos: int, num_end: int, end: int) -> bool:
    """Whether the digits ``text[pos:num_end]`` may open a date: up to four digits and a field's unit or a
    range's separator, or a bare year of four. Most digit runs (236个, 12345) are ruled out here, before any
    reading."""
    n = num_end - pos
    return n == 4 or (n < 4 and num_end < end and text[num_end] in _OPENING)


class _Reader:
    def __init__(self, text: str, titles: TitleIndex) -> None:
        self.text = text
        self.titles = titles

    def at(self, pos: int, end: int, num_end: int | None = None) -> tuple[Point, Point | None, int] | None:
        """Parse a date or a date range starting at ``pos`` (its digits running to ``num_end``, where the caller
        has it): (start, end or None, end offset)."""
        text = self.text
        num_end = _DIGITS.match(text, pos).end() if num_end is None else num_end  # type: ignore[union-attr]
        if not _opens(text, pos, num_end, end):
            return None
        p1, q = _read_point(text, pos, end)
        if q == pos:  # a bare number: only the start of a range (1-7月, 2014—2016年) or a bare year
            bare = self._bare(pos, num_end, end)
            ok = bare is not None and _valid(bare[0]) and (bare[1] is None or _valid(bare[1]))
            return bare if ok else None
        if not _valid(p1):
            return None
        if p1.d is None and q < end and text[q].isdigit():  # 2020年1-2月, 8月10—25日: a bare range inside
            tail = self._bare(q, _DIGITS.match(text, q).end(), end)  # type: ignore[union-attr]
            if tail and tail[1] is not None:
                a, b = Point(p1.y, p1.m or tail[0].m, tail[0].d), Point(p1.y, p1.m or tail[1].m, tail[1].d)
                if _valid(a) and _valid(b) and a.finest == b.finest != p1.finest:
                    return a, b, tail[2]
        q = _suffix(text, q, end)
        if text.startswith("至今", q):
            return p1, None, q + 2
        if q < end and text[q] in _SEP and q + 1 < end and text[q + 1].isdigit():
            p2, r = _read_point(text, q + 1, end)
            if r > q + 1:
                merged = _merge(p1, p2)
                if _valid(merged) and merged.finest == p1.finest:
                    return p1, merged, _suffix(text, r, end)
        return p1, None, q

    def _bare(self, pos: int, num_end: int, end: int) -> tuple[Point, Point | None, int] | None:
        text = self.text
        if num_end - pos > 4:  # no year, month or day; and int() of a long digit run overflows
            return None
        n = int(text[pos:num_end])
        nxt = text[num_end] if num_end < end else ""
        if nxt and nxt in _SEP and num_end + 1 < end and text[num_end + 1].isdigit():
            p2, r = _read_point(text, num_end + 1, end)
            # The bare start takes the unit its end starts with: 1-7月, 2014—2016年.
            first = None
            if p2.y is not None and p2.m is None:
                first = Point(y=n)
            elif p2.y is None and p2.m is not None and p2.d is None:
                first = Point(m=n)
            elif p2.y is None and p2.m is None and p2.d is not None:
                first = Point(d=n)  # only valid once a month before it completes it
            if r > num_end + 1 and first is not None:
                return first, p2, _suffix(text, r, end)
            # A bare year range, as titles write it: (2018-2035).
            m2 = _YEAR.match(text, num_end + 1)
            if m2 and num_end - pos == 4 and 1900 <= n <= 2100 and self._bare_year_ok(pos, m2.end(), end):
                return Point(y=n), Point(y=int(m2.group())), m2.end()
            return None
        if num_end - pos == 4 and 1900 <= n <= 2100 and self._bare_year_ok(pos, num_end, end):
            return Point(y=n), None, _suffix(text, num_end, end) if nxt and nxt in "底初" else num_end
        return None

    def _bare_year_ok(self, pos: int, num_end: int, end: int) -> bool:
        """A bare ``2020`` is a year in a title or a name (``2020最美教师``), never a count with a unit."""
        prev = self.text[pos - 1] if pos else ""
        if prev in "〔[【(" and self.text.startswith(("〕", "]", "】"), num_end):
            return False
        if self.titles.around(pos):
            return True
        nxt = self.text[num_end] if num_end < end else ""
        if nxt and nxt in "底初":
            return True
        if nxt and nxt in "余多":  # 2100余家: a count
            return False
        # 2000万元: a count, where a unit follows the multiplier (MULTIPLIERS lists the longest first)
        mult = next((w for w in MULTIPLIERS if self.text.startswith(w, num_end)), "")
        if mult and unit_at(self.text, num_end + len(mult), end, lexicon_only=True)[0]:
            return False
        unit, _ = unit_at(self.text, num_end, end, lexicon_only=True)
        return not unit and not nxt.isascii()


def scan_dates(
    text: str,
    lo: int,
    hi: int,
    *,
    reference_year: int | None,
    context_year: int | None = None,
    titles: TitleIndex | None = None,
    label_ends: frozenset[int] = frozenset(),
    published: str | None = None,
    since: int | None = None,
) -> list[DateHit]:
    """Every date in ``text[lo:hi]`` in order; yearless ones take the nearest earlier explicit year in the
    block (``context_year`` seeds it), else ``reference_year`` — or, where that would put work the report
    has done after its own ``published`` date (``12月5日`` in a report of January 2024), the year before.

    The report's timeline decides what anchors: a year before the inspection (``since``, its start year)
    is background and dates only its own sentence; a planned target (计划于2024年3月底前…) dates nothing
    after it. ``label_ends`` are where item labels such as ``2.`` end: a date right after one
    (``2.2019年…``) is not the tail of a decimal."""
    titles = titles or TitleIndex(text)
    reader = _Reader(text, titles)
    hits: list[DateHit] = []
    year = context_year
    year_until: int | None = None  # a background year dates only up to the end of its own sentence
    for s, num_end in titles.digit_spans(lo, hi):
        if not _opens(text, s, num_end, hi) or (hits and s < hits[-1].end):  # the first: it rules out most runs
            continue
        prev = text[s - 1] if s > lo and s not in label_ends else ""
        if prev.isascii() and (prev.isalnum() or prev == "."):
            continue
        parsed = reader.at(s, hi, num_end)
        if parsed is None or _RECURRING.search(text, max(lo, s - 2), s):
            continue
        p1, p2, e = parsed
        before = text[max(lo, s - 2) : s]
        if p1.y is None:
            relative = _RELATIVE.get(before)
            base = None if relative is None or reference_year is None else reference_year + relative
            if year is not None and year_until is not None and s >= year_until:
                year = year_until = None
            y = base if base is not None else year if year is not None else reference_year
            # …至今 runs up to now: never after publication, whatever the sentence plans
            if (
                y is not None
                and base is None
                and year is None
                and published
                and _after(_iso(p1, y), published)
                and (text.startswith("至今", e - 2) or not _planned(text, s, e, lo, hi))
            ):
                y -= 1
        else:
            y = p1.y
            # Only a dated month anchors later yearless dates; a bare year (2016年排查出的…) names a period
            # and the next 7月底 is, to a careful reader, this report's year.
            anchors = p1.m is not None and (reference_year is None or y <= reference_year)
            # A planned target (计划于2024年3月底前…) dates nothing after it; a year before the inspection is
            # background, and dates only its own sentence.
            if (
                anchors
                and not _PERIOD_AFTER.match(text, e)
                and not before.endswith(("到", "至"))
                and not _planned(text, s, e, lo, hi)
            ):
                background = since is not None and y < since
                year, year_until = y, (sentence_of(text, s, e, lo, hi)[1] if background else None)
        hits.append(_hit(text, s, e, p1, p2, y))
    return hits


_PRECISION = {"y": "year", "m": "month", "d": "day"}


def _hit(text: str, s: int, e: int, p1: Point, p2: Point | None, y: int | None) -> DateHit:
    """The date read at ``[s, e)``, a yearless start taking the year ``y`` (None: no year in reach)."""
    # a yearless range across a year end (12月5日至1月8日) ends in the year after its start
    rolls = p2 is not None and p2.y is None and p1.m is not None and p2.m is not None and p2.m < p1.m
    end_iso = _iso(p2, p2.y if p2.y is not None else None if y is None else y + rolls) if p2 else None
    # as the tuple it is: its class's generated constructor takes five times as long (one a date, twice over)
    return tuple.__new__(DateHit, (s, e, text[s:e], _iso(p1, y), end_iso, _PRECISION[p1.finest]))


def _after(iso: str, published: str) -> bool:
    return iso[: len(published)] > published[: len(iso)]


def _planned(text: str, s: int, e: int, lo: int, hi: int) -> bool:
    """Whether the date's sentence gives work still to come (计划于…, …前完成, 3月底前)."""
    return bool(_FUTURE.search(text, *sentence_of(text, s, e, lo, hi)) or text.startswith("前", e))


# How far past its start a date is read when it is re-derived alone: the longest date text
# (2019年12月31日至2020年12月31日, 22 characters) with room; a bound keeps validation linear however many
# dates share a line.
_DATE_WINDOW = 64


def date_at(text: str, start: int, year: int | None, titles: TitleIndex | None = None) -> DateHit | None:
    """The date that starts at ``start`` in its own context (a bare year needs the text after it), with
    ``year`` for a yearless one: how the validators re-derive a date from the source. Pass ``titles`` when
    checking many dates of one text, so the index is built once.

    What :func:`scan_dates` would give as its first hit over ``[start, line end)`` with ``year`` as the
    context year, read directly: at a window's start no character before the date counts, so only the
    reader decides, and the rest of the window need not be scanned."""
    hi = min(len(text), start + _DATE_WINDOW)
    line_end = text.find("\n", start, hi)
    hi = hi if line_end < 0 else line_end
    digits = _DIGITS.match(text, start)  # a digit there is before the line's end
    if not digits:
        return None
    parsed = _Reader(text, titles or TitleIndex(text)).at(start, hi, digits.end())
    if parsed is None:
        return None
    p1, p2, e = parsed
    return _hit(text, start, e, p1, p2, year if p1.y is None else p1.y)
