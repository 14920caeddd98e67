"""Digit runs that are not figures (golden format §figures, "Not figures"): one table for the figure scanner
(:func:`zhenggai.quantities.scan_figures`) and the gold checker (:mod:`zhenggai.eval.checkgold`).

Each row names an exclusion and gives its rule as data: tests on the character just before the digit run, on
the text before and after it, and on the digits themselves. A run is excluded when every test of some row holds.
Rows marked ``BOTH`` are applied by both sides. Rows marked ``CHECKER`` are the checker's wider former patterns
(排3, any digits before 后, …), which the scanner does not apply: that would change what it extracts. The one
``SCANNER`` row relies on the scanner reading the dates before the figures.
"""

from __future__ import annotations

import re
import string
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Flag, auto
from typing import NamedTuple

from .regex_shape import last_chars, max_width
from .textspans import TitleIndex

# Characters of context a row may read on either side of the run; every row's pattern fits.
_REACH = 16


class Use(Flag):
    """Which side applies a row."""

    SCANNER = auto()
    CHECKER = auto()
    BOTH = SCANNER | CHECKER


class Site(NamedTuple):  # immutable, and cheaper to build than a frozen dataclass (one per digit run)
    """A digit run and what stands around it, as a row's tests see it."""

    digits: str
    prev: str  # the character just before; " " where none counts (the window's start, an item label's end)
    before: str  # the text before, not before the window's start (an item label is still there)
    after: str  # the text after, not past the window's end
    ahead: str  # the text after, past the window's end too
    unit: str  # the unit the scanner read for the figure here ("" in the checker)
    in_title: bool  # inside a 《…》 title


def site_at(
    text: str,
    start: int,
    end: int,
    lo: int,
    hi: int,
    titles: TitleIndex,
    *,
    unit: str = "",
    at_label: bool = False,
) -> Site:
    """The site of the digits ``text[start:end]`` inside the window ``text[lo:hi]``; ``at_label`` when an item
    label ends right before them (``2.30个单位``)."""
    # one is built per digit run: as the tuple it is, which its class's generated constructor takes five times as
    # long to make
    fields = (
        text[start:end],
        text[start - 1] if start > lo and not at_label else " ",
        text[max(lo, start - _REACH) : start],
        after := text[end : min(hi, end + _REACH)],
        after if end + _REACH <= hi else text[end : end + _REACH],
        unit,
        titles.around(start) is not None,
    )
    return tuple.__new__(Site, fields)


@dataclass(frozen=True)
class Ends:
    """A test on the text before the run: it ends with a match of ``pattern``."""

    pattern: str
    _re: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_re", re.compile(f"(?:{self.pattern})$"))

    def __call__(self, before: str) -> bool:
        return self._re.search(before) is not None


@dataclass(frozen=True)
class Starts:
    """A test on the text after the run: it starts with a match of ``pattern``."""

    pattern: str
    _re: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_re", re.compile(self.pattern))

    def __call__(self, after: str) -> bool:
        return self._re.match(after) is not None


def _code_char(c: str) -> bool:
    """A digit or a capital, as str sees them: wider than the regex classes (① and Ⅱ count)."""
    return c.isdigit() or c.isupper()


def _space_then_code(after: str) -> bool:
    return after[:1] == " " and _code_char(after[1:2])


def _code_then_any(before: str) -> bool:
    return _code_char(before[-2:-1])


@dataclass(frozen=True)
class Exclusion:
    """One row: the run is excluded when all of its tests hold (an empty test always holds)."""

    name: str
    prev: str = ""  # the character just before is one of these
    before: Callable[[str], bool] | None = None
    after: Callable[[str], bool] | None = None
    ahead: bool = False  # ``after`` reads past the window's end: the words naming a number run on (12345市民热线)
    digits: Callable[[str], bool] | None = None
    unitless: bool = False  # only where the scanner read no unit: 5G is a code, 5km a figure
    in_title: bool = False
    use: Use = Use.BOTH

    def applies(self, site: Site) -> bool:
        return (
            (not self.prev or site.prev in self.prev)
            and (self.before is None or self.before(site.before))
            and (self.after is None or self.after(site.ahead if self.ahead else site.after))
            and (self.digits is None or self.digits(site.digits))
            and not (self.unitless and site.unit)
            and (not self.in_title or site.in_title)
        )


EXCLUSIONS: tuple[Exclusion, ...] = (
    # Codes and formulas: A3, V2.0, the 2 of 3+2, the tail of 1.2.3.
    Exclusion("after a letter, + or .", prev=string.ascii_letters + "+."),
    # Formula names: 3+2, 1+X.
    Exclusion("before +", after=Starts(r"\+")),
    # Formula names whose + was lost in publishing: the 1 of “1 3”, 1 X.
    Exclusion("before a space and a code", after=_space_then_code),
    # ... and the 3 of “1 3”, X 1.
    Exclusion("after a code and a space", prev=" ", before=_code_then_any),
    # Phone numbers and other long codes.
    Exclusion("seven digits or more", digits=lambda d: len(d) >= 7 and d.isdigit()),
    # Phone numbers with their area code: the 0374 of 0374—2965678 ...
    Exclusion("area code", after=Starts(r"[-—–]\d{7,8}"), ahead=True),
    # ... and the 2965678, or an extension after the number. An area code starts with 0: the 2000 of
    # 1000—2000元 is a range's end. Not in the checker, whose digits are not split into dates first (the 2016
    # of 2014—2016年 would pass): there the line has seven digits or more.
    Exclusion("after an area code", before=Ends(r"(?<!\d)0\d{2,3}[-—–]|\d{7}[-—–]"), use=Use.SCANNER),
    # Document numbers: the 2019 of 〔2019〕3号, [2019], 【2019】.
    Exclusion("after an opening bracket", prev="〔[【"),
    Exclusion("before a closing bracket", after=Starts(r"[〕\]】]")),
    # Numbered names and house numbers: 3号专用章, 〔2019〕3号, 8号楼.
    Exclusion("before 号", after=Starts("号")),
    # Hotlines: 12345热线, 12345服务热线.
    Exclusion("before 热线", after=Starts("(?:服务)?热线"), ahead=True),
    # Postcodes and phone numbers by their label: 邮编:450000, 邮政编码, 电话:2965678.
    Exclusion("after 邮编, 编码 or 电话", before=Ends("(?:邮编|编码|电话):?")),
    # Codes: 5G, 4K — but 5km is a figure.
    Exclusion("before letters", after=Starts("[A-Za-z]"), unitless=True),
    # Recurring days: 每月10日, 每年3月 — but what recurs is counted (每人每月400元, 每年2亿元 are figures).
    Exclusion("a day or month after 每月, 每周, 每年, 每日", before=Ends("每[月周年日]"), after=Starts("[日月号]")),
    # Generation labels: 90后.
    Exclusion("two digits before 后", after=Starts("后"), digits=lambda d: len(d) == 2),
    # Plan and hotline names in quotes: “1242”, “12345”.
    Exclusion("alone in quotes", prev="“", after=Starts("”")),
    # Public service numbers: 12345市民热线, 12315投诉举报.
    Exclusion(
        "12xxx service number",
        after=Starts("[\u4e00-\u9fff]{0,4}(?:热线|投诉|举报|平台|服务|便民)"),
        ahead=True,
        digits=lambda d: len(d) == 5 and d.startswith("12"),
    ),
    # A company's service line: 956688客户服务热线.
    Exclusion(
        "service line",
        after=Starts("[\u4e00-\u9fff]{0,6}热线"),
        ahead=True,
        digits=lambda d: len(d) >= 5 and d.isdigit(),
    ),
    # Ordinals and ranks: 第162次, 全市第1, 位居3, 位列, 排名, 排在.
    Exclusion("rank", before=Ends("第|居|位列|排名|排在|列|全市第|全省第")),
    # Digits in a document title (its years are dates, read before the figures).
    Exclusion("inside 《…》", in_title=True),
    # The checker's wider forms: the gold may leave out these digits, which the scanner reads as figures.
    # A rank after 排 alone: 排3.
    Exclusion("after 排", before=Ends("排"), use=Use.CHECKER),
    # A document number without 号: the 3 of 〔2019〕3.
    Exclusion("after a bracketed year", before=Ends(r"〔\d+〕|\[\d+\]"), use=Use.CHECKER),
    # A generation label of any length: 2000后.
    Exclusion("before 后", after=Starts("后"), use=Use.CHECKER),
    # Any 5-6 digit service number: 95598供电服务.
    Exclusion(
        "5-6 digit service number",
        after=Starts("[\u4e00-\u9fff]{0,6}(?:热线|投诉|举报|平台|服务)"),
        digits=lambda d: len(d) in (5, 6) and d.isdigit(),
        use=Use.CHECKER,
    ),
    # Words and digits after a formula's +: the 2 of 3+中2.
    Exclusion("in a formula's tail", before=Ends(r"\d(?:\+\w+)*\+\w*"), use=Use.CHECKER),
)


_NEVER = re.compile("(?!)")


class _Plan(NamedTuple):
    """How :func:`excluded` tries the rows of one side, so that a digit run meets only the rows that could
    hold there. Rows with no pattern test are tried by the character before (a row naming ``prev`` characters
    after one of them only) or, for a title row, inside a title only. Rows with one are tried where the union
    of one pattern test of each (its gate) matches: a row it leaves out could not hold anyway. Most digit runs
    have no 热线, 号 or 第 around them, and a few compiled unions rule out a dozen rows at once."""

    by_prev: dict[str, tuple[Exclusion, ...]]  # the character before → the rows without patterns to try
    any_prev: tuple[Exclusion, ...]  # ... after any other character
    in_title: tuple[Exclusion, ...]  # the title rows without ``prev`` or patterns, tried inside a title
    after: tuple[re.Pattern[str], tuple[Exclusion, ...]]  # the gate on ``after`` and its rows
    ahead: tuple[re.Pattern[str], tuple[Exclusion, ...]]
    # the two at once, where ``after`` and ``ahead`` are the same text (the window does not end within reach)
    either: tuple[re.Pattern[str], tuple[Exclusion, ...]]
    before: tuple[re.Pattern[str], tuple[Exclusion, ...]]  # the gate on ``before`` (``$``-anchored)
    # What ``before`` must end with for its gate to match (None: anything), and how far back from its end a
    # match can start: ``re`` would try the gate at each of its positions.
    before_last: frozenset[str] | None
    before_reach: int


def _gate(members: list[tuple[Exclusion, str]], template: str = "{}") -> tuple[re.Pattern[str], tuple[Exclusion, ...]]:
    union = "|".join(f"(?:{pattern})" for _, pattern in members)
    return (re.compile(template.format(union)) if members else _NEVER), tuple(row for row, _ in members)


def _plan(rows: tuple[Exclusion, ...]) -> _Plan:
    plain: list[Exclusion] = []
    by_side: dict[str, list[tuple[Exclusion, str]]] = {"after": [], "ahead": [], "before": []}
    for row in rows:
        if isinstance(row.after, Starts):
            by_side["ahead" if row.ahead else "after"].append((row, row.after.pattern))
        elif isinstance(row.before, Ends):
            by_side["before"].append((row, row.before.pattern))
        else:
            plain.append(row)
    any_prev = tuple(row for row in plain if not row.prev and not row.in_title)
    named = {c for row in plain for c in row.prev}  # the characters some row needs just before
    by_prev = {c: tuple(row for row in plain if c in row.prev) + any_prev for c in named}
    before = _gate(by_side["before"], "(?:{})$")
    return _Plan(
        by_prev,
        any_prev,
        tuple(row for row in plain if not row.prev and row.in_title),
        _gate(by_side["after"]),
        _gate(by_side["ahead"]),
        _gate(by_side["after"] + by_side["ahead"]),
        before,
        *_tail(before[0]),
    )


def _tail(gate: re.Pattern[str]) -> tuple[frozenset[str] | None, int]:
    """The last characters and the reach of a ``$``-anchored gate. Its ``$`` also matches before a final line
    break: a text ending with one may hold a match that ends a character earlier."""
    if gate.flags & re.MULTILINE:  # $ then matches before any line break
        return None, sys.maxsize
    last, width = last_chars(gate.pattern), max_width(gate.pattern)
    return (None if last is None else last | {"\n"}), (sys.maxsize if width is None else width + 1)


_PLANS = {use: _plan(tuple(row for row in EXCLUSIONS if row.use & use)) for use in (Use.SCANNER, Use.CHECKER)}


def excluded(site: Site, use: Use) -> bool:
    """Whether a row that ``use`` applies (``Use.SCANNER`` or ``Use.CHECKER``) excludes the run at ``site``."""
    plan = _PLANS[use]
    for row in plan.by_prev.get(site.prev, plan.any_prev):
        if row.applies(site):
            return True
    if site.in_title and _holds(plan.in_title, site):
        return True
    if site.after == site.ahead:
        gate, rows = plan.either
        if gate.match(site.after) and _holds(rows, site):
            return True
    else:
        for (gate, rows), text in ((plan.after, site.after), (plan.ahead, site.ahead)):
            if gate.match(text) and _holds(rows, site):
                return True
    before = site.before
    if plan.before_last is not None and before[-1:] not in plan.before_last:
        return False
    gate, rows = plan.before
    return gate.search(before, max(0, len(before) - plan.before_reach)) is not None and _holds(rows, site)


def _holds(rows: tuple[Exclusion, ...], site: Site) -> bool:
    return any(row.applies(site) for row in rows)
