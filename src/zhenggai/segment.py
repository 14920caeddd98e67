"""Stage 2 — segment: the report's outline with character offsets.

Sections (``一、``), categories (``(一)``), groups (``1.``), problems (the lowest numbered heading that states a
finding) and the measure markers inside each problem (``一是`` … ``十是``). The parser only reports what the
text numbers: a skipped number stays skipped, and text with no outline yields no problems.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import IntEnum
from functools import cache
from typing import NamedTuple

from .textspans import strip_span


class Level(IntEnum):
    """How deep a heading sits: a lower number is a higher heading; a heading's block runs to the next one at the
    same or a lower number."""

    PART = 0  # 第一部分
    SECTION = 1  # 一、
    CATEGORY = 2  # (一), or a bare category line above numbered items
    GROUP = 3  # 1. / 1、
    ITEM = 4  # (1)
    CIRCLED = 5  # ① at a line start, stating a finding (else a sub-item inside a measure, no heading)
    UNLABELLED = 6  # 关于“……”问题的整改情况 standing alone on its line, below every numbered level
    ANCHOR = 9  # a heading placed by an LLM anchor (heading_at), outside the numbered outline


_CN = "一二三四五六七八九十"
_LEVELS: list[tuple[Level, re.Pattern[str]]] = [
    (Level.PART, re.compile(rf"第[{_CN}]{{1,3}}部分")),
    (Level.SECTION, re.compile(rf"[{_CN}]{{1,3}}、")),
    (Level.CATEGORY, re.compile(rf"\([{_CN}]{{1,3}}\)")),
    # 问题1: / 问题1. / 反馈问题一: / 【问题一】 — a problem label that carries its own word; it numbers problems
    # as 1. does
    (
        Level.GROUP,
        re.compile(
            rf"(?:【(?:反馈)?问题(?:\d{{1,3}}|[{_CN}]{{1,3}})】|(?:反馈)?问题(?:\d{{1,3}}|[{_CN}]{{1,3}})[.、:](?!\d))"
        ),
    ),
    # 1. / 1、 — and 2.2019年… or 2.8月… where a date follows the label's dot; never a decimal such as 2.5
    (Level.GROUP, re.compile(r"\d{1,3}(?:[.、](?!\d)|\.(?=(?:19|20)\d\d年|\d{1,2}月))")),
    (Level.ITEM, re.compile(r"\(\d{1,3}\)")),
    (Level.CIRCLED, _CIRCLED := re.compile("[\u2460-\u2473]")),  # ① … ⑳
    # 1 alone on its line, a table's 序号 cell above the row's finding (see _headings)
    (Level.GROUP, re.compile(r"\d{1,3}(?=[ \t]*$)")),
    # 序号:1 alone on its line, a ledger row flattened to lines (反馈问题:… / 整改措施: 1.… 2.… / 责任单位:…)
    (Level.GROUP, _ROW := re.compile(r"序号:?[ \t]*\d{1,3}(?=[ \t]*$)")),
]
# The levels' patterns as one alternation, tried at a position in their order as one call: the first that
# matches wins, as trying each in turn finds (their own groups do not capture: the one that took part names it).
_LEVEL_AT = re.compile("|".join(f"({pat.pattern})" for _, pat in _LEVELS))
assert _LEVEL_AT.groups == len(_LEVELS), "a level's pattern captures: its group would be taken for a level"
# A heading with no label: 关于“……”问题的整改情况 standing alone on its line.
_UNLABELLED = re.compile(
    r"(关于|针对|对(?=[“\"]))[^\n。]{2,80}?(问题|方面)(的整改(进展|落实)?(情况)?|整改(进展|落实)?情况)?[。:]?$"
)
# A paragraph labelled by its role (存在问题:…, then 整改措施:…, 整改成效:…) is a problem where no numbered problem
# heads it; under one (1.… / 问题:… / 整改措施:…) the label only opens its finding's paragraph.
_FINDING_LABEL = re.compile(r"(?:存在|反馈|主要)?问题:")
# A short line with no sentence punctuation standing above numbered problems: an unlabelled category.
_BARE_CATEGORY = re.compile(r"[^\n。,;:!?0-9()]{2,30}?(方面|领域|问题|建设|工作)")
# A measure marker opens a clause: at the text's start or after one of these, spaces and tabs between. Checked
# after the match: a pattern that opens with a look-behind is tried at every position, twice as slow.
_MARKER = re.compile(rf"(?:十[一二三四五六七八九]?|[{_CN[:-1]}])是")
_CLAUSE_OPENERS = "。;!?:,”\n"
_NEXT_STEPS = re.compile(r"下一步|下步|今后|长效|巩固|持续深入|深化整改|打算")
# A section that holds the problems as a whole names the rectification's progress (巡视反馈问题整改情况,
# 整改落实情况); a slogan that merely mentions it (…以组织建设的新成效保障整改落地见效) is a category.
_CONTAINER = re.compile(r"整改[^,,。]{0,6}情况|问题(的)?整改|整改工作|反馈意见")
# An unlabelled paragraph that opens the next steps: 下一步,县委将… — or whose second sentence does, after one
# that sums up (整改工作虽然取得阶段性成效,但…还有差距。下一步,…)
_NEXT_STEPS_PARAGRAPH = re.compile(r"^[ \t]*(?P<p>(?:[^\n。]{2,80}。)?(?:下一步|下步)(?:工作中)?[,,])", re.M)
# A paragraph opening with a wholly quoted finding, the run-in problem of a report with no numbered heading.
_RUN_IN = re.compile(
    r"^[ \t]*(?P<h>(?:针对|关于)[“\"][^”\"\n]{2,150}[”\"](?:的)?(?:问题|方面的问题|方面问题|方面)[,,。:])", re.M
)
_FINDING_WORDS = re.compile(
    r"问题|不够|不到位|不足|不力|不强|不严|不高|不深|不实|不准|不快|不大|不好|不全|不细|不规范|不及时|不彻底|不充分|"
    r"不明显|不紧密|不宽|不广|不活|不显|不牢|不简|不坚决|滞后|薄弱|缺失|缺位|欠缺|缺乏|差距|短板|漏洞|弱化|淡化|虚化|突出|较多|"
    r"频发|盲区|存在|仍然|依然|有待|尚未|偏弱|缓慢|艰巨|老化|隐患|风险|屡禁|回潮|宽松软|走过场|形式主义|官僚主义|表面化|"
    r"不合理|不完善|不健全|不严肃|不扎实|不鲜明|有欠缺|脱节|递减|浮于表面|淡漠|失之于"
)
_LEADS = ("针对", "关于", "对于", "对", "就")
_STRONG_FINDING = re.compile(
    r"不够|不到位|不足|不力|不强|不严|不高|不深|不实|差距|欠缺|薄弱|缺失|缺位|缺乏|滞后|漏洞|弱化|淡化|"
    r"虚化|屡禁|回潮|宽松软|走过场|不规范|不及时|不彻底|不充分|不健全|不完善|有待"
)
_ACTION = re.compile(
    r"(成立|制定|开展|实施|建立|出台|印发|召开|组织|推进|推动|加强|完善|落实|深入|强化|严格|举办|修订|健全|坚持|"
    r"全面|集中|聚焦|持续|通过|围绕|结合|对|已|共|查处|分|在|按照|截至|目前|\d)"
)
# What may follow the closing mark of a finding quoted whole: 的问题, 方面, 问题的整改进展情况, 方面问题的…
_TAILS = re.compile(r"(的)?(问题|方面问题|方面的问题|方面)?(的整改(进展|落实)?(情况)?|整改(进展|落实)?情况)?$")

_CN_DIGITS = {c: i + 1 for i, c in enumerate(_CN[:-1])}  # 一 → 1 … 九 → 9
# Compiled once, not looked up in re's cache for every heading and problem:
_LABEL_NUMBER = re.compile(rf"\d+|[{_CN}]+")
# A finding quoted inside a problem's body: 针对“……”的问题
_SUB_FINDING = re.compile(r"针对“([^”\n]+)”(?:的)?问题")
_MEASURES_LEAD = re.compile(r"整改(情况|措施|落实情况)[::]")  # the lead of a body with no markers


def opens_item(text: str, pos: int) -> bool:
    """Whether the line starting at ``pos`` opens with an outline label (一、, (一), 1., (1), 问题1:) or a
    measure marker (一是): such a line starts afresh, whatever the line before it."""
    return _LEVEL_AT.match(text, pos) is not None or _MARKER.match(text, pos) is not None


def cn_number(s: str) -> int:
    """一 → 1, 十二 → 12, 二十 → 20 (labels and markers only go this far)."""
    if "十" not in s:
        return _CN_DIGITS.get(s, 0)
    tens, _, ones = s.partition("十")
    return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + _CN_DIGITS.get(ones, 0)


# Where a body has no 一是, these mark its measures too, each a run of two or more that opens with its first
# marker, every marker at a clause start (``sentence``: at a sentence start — after 。 ; : 】 or a line break —
# for words that are also connectives inside a sentence). ``follows(word, k)``: whether the word can be item
# k + 1 of its run.
class MarkerFamily(NamedTuple):
    pattern: re.Pattern[str]  # group 1: the word or number that places the marker in its run
    follows: Callable[[str, int], bool]
    sentence: bool = False


_SEQUENCE = {"首先": 1, "其次": 2, "再次": 3}  # 最后 may close a run of them after its first
_SIDES = {"一方面": 1, "另一方面": 2}  # 同时 and 此外 go on after them
# 第一,…第二,…, run-in (1)…(2)… and 措施1:… 措施2:…, numbered 1, 2, 3 … in turn (the comma is what tells
# 第一,厅党组… from 第一议题, 第一时间, 第一责任人 or 第一种形态); the word runs 首先,…其次,…最后,… and
# 一方面,…另一方面,…同时,…此外,…, at sentence starts only.
_OTHER_MARKERS: tuple[MarkerFamily, ...] = (
    MarkerFamily(re.compile(rf"第((?:十[一二三四五六七八九]?|[{_CN[:-1]}])),"), lambda w, k: cn_number(w) == k + 1),
    MarkerFamily(re.compile(r"\((\d{1,2})\)"), lambda w, k: int(w) == k + 1),
    MarkerFamily(re.compile(r"措施(\d{1,2}):"), lambda w, k: int(w) == k + 1),
    MarkerFamily(
        re.compile(r"(首先|其次|再次|最后),"), lambda w, k: _SEQUENCE.get(w) == k + 1 or (w == "最后" and k >= 1), True
    ),
    MarkerFamily(
        re.compile(r"(一方面|另一方面|同时|此外),"),
        lambda w, k: _SIDES.get(w) == k + 1 or (w in ("同时", "此外") and k >= 2),
        True,
    ),
)
_SENTENCE_OPENERS = "。;!?:】\n"


def label_number(label: str) -> int:
    if _CIRCLED.match(label):
        return ord(label[0]) - 0x245F  # ① → 1
    m = _LABEL_NUMBER.search(label)  # 1. / (一) / 问题1: / 反馈问题三: / 【问题一】
    core = m.group() if m else ""
    return int(core) if core.isdigit() else cn_number(core)


@dataclass
class Heading:
    level: Level
    label: str
    start: int  # start of the label (or of the line, for an unlabelled heading)
    title_start: int
    title_end: int
    line_end: int
    children: list[Heading] = field(default_factory=list)
    parent: Heading | None = None
    end: int = 0  # end of its block: the next heading at the same or a higher level
    # 1 for a numbered run nested under a sibling of its own marker (1. under 1.关于…的问题); -1 for an
    # unlabelled heading one step above the numbered items it heads
    depth: int = 0

    @property
    def rank(self) -> tuple[Level, int]:
        """Where the heading sits in the tree: its level, then how deep it nests under its own marker."""
        return self.level, self.depth


@dataclass
class MarkerSpan:
    marker: str
    start: int
    end: int


@dataclass
class ProblemBlock:
    heading: Heading
    category: Heading | None
    group: Heading | None
    finding: tuple[int, int]
    body: tuple[int, int]
    measures: list[MarkerSpan]
    sub_findings: list[tuple[int, int]]
    labels: list[tuple[int, int]] = field(default_factory=list)  # labels of numbered measures: (1), (2)


@dataclass
class SectionBlock:
    heading: Heading | None
    start: int
    end: int
    measures: list[MarkerSpan]


@dataclass
class Outline:
    preamble: tuple[int, int]
    organisation: SectionBlock | None
    problems: list[ProblemBlock]
    next_steps: SectionBlock | None
    closing: tuple[int, int]  # after the last section's lines: contacts, signature and date


def title_end(text: str, start: int, line_end: int) -> int:
    """Where a heading's title stops: the line end, or the first 。/:/,一是 outside quotation marks. A straight
    "…" quotes only where it closes within the sentence (针对"…:…"问题:); a lone or stray mark hides nothing."""
    depth = 0
    straight = False  # inside "…": a straight mark opens and closes alike
    for m in _TITLE_MARKS.finditer(text, start, line_end):
        ch = m.group()
        if ch in "“‘「『":
            depth += 1
        elif ch in "”’」』":
            depth = max(0, depth - 1)
        elif ch == '"':
            if straight or _closes_in_sentence(text, m.start(), line_end):
                straight = not straight
        elif depth == 0 and not straight and (ch != "," or text.startswith("一是", m.end())):
            return m.start()
    return line_end


# The marks title_end reads (quotation marks, and where a title stops); it steps over the rest at C speed.
_TITLE_MARKS = re.compile('[“‘「『”’」』"。:,]')


def _closes_in_sentence(text: str, i: int, line_end: int) -> bool:
    close = text.find('"', i + 1, line_end)
    return close > 0 and "。" not in text[i + 1 : close]


def finding_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The inspection's words: inside the quotation marks that wrap the title as a whole (after a lead such as
    针对/关于/对, spaces allowed around the marks: ``关于 “……” 的问题``), else the title."""
    title = text[start:end]
    for lead in ("", *_LEADS):
        if not title.startswith(lead):
            continue
        open_at = len(lead)
        while open_at < len(title) and title[open_at] in " \t":
            open_at += 1
        if open_at >= len(title) or title[open_at] not in _QUOTE_PAIRS:
            continue
        close_at = _closing_quote(title, open_at)
        if close_at > 0 and _TAILS.fullmatch(title[close_at + 1 :].strip(" \t")):
            return start + open_at + 1, start + close_at
    return start, end


# Opening quotation mark → its closing mark; a straight " closes at the next ", its inner quotes being '…'.
_QUOTE_PAIRS = {"“": "”", '"': '"', "「": "」"}
# An opening mark and its closing one, for stepping from mark to mark over the text between.
_QUOTE_MARKS = {
    opener: re.compile(f"[{opener}{closer}]") for opener, closer in _QUOTE_PAIRS.items() if opener != closer
}


def _closing_quote(title: str, open_at: int) -> int:
    opener = title[open_at]
    closer = _QUOTE_PAIRS[opener]
    if opener == closer:
        return title.find(closer, open_at + 1)
    depth = 0
    for m in _QUOTE_MARKS[opener].finditer(title, open_at):
        if m.group() == opener:
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return m.start()
    return -1


def heading_at(text: str, start: int, end: int) -> Heading:
    """A heading found by other means (an LLM anchor) starting at ``start``, its block running to ``end``."""
    line_end = text.find("\n", start, end)
    line_end = end if line_end < 0 else line_end
    label = ""
    for _, pat in _LEVELS:
        m = pat.match(text, start, line_end)
        if m:
            label = m.group()
            break
    ts = start + len(label)
    return Heading(Level.ANCHOR, label, start, ts, title_end(text, ts, line_end), line_end, end=end)


def _headings(text: str, lo: int, hi: int) -> list[Heading]:
    out: list[Heading] = []
    read = lo  # where the lines read so far end: a title line read with its label is not read again
    for line in re.finditer(r"[^\n]+", text[lo:hi]):
        ls, le = line.start() + lo, line.end() + lo
        if ls < read:
            continue
        s = ls
        while s < le and text[s] in " \t":
            s += 1
        m = _LEVEL_AT.match(text, s, le)
        if m:
            level, pattern = _LEVELS[m.lastindex - 1]  # type: ignore[operator]  # a match has taken one group
            row = pattern is _ROW  # a ledger row heads the numbered measures under it: one step above them
            ts = m.end()
            while ts < le and text[ts] in " \t":
                ts += 1
            if ts == le:  # a label alone on its line (a table's 序号 cell): the next line is its title
                ts, le = _title_line(text, le, hi, bare=m.group().isdigit())
                if ts == le and (m.group().isdigit() or row):
                    continue  # a number (or a ledger row's 序号) alone, with no finding after it, is no label
                read = le
                field_name = _FINDING_LABEL.match(text, ts, le)  # 反馈问题:… — the title is the field's value
                ts = field_name.end() if field_name else ts
            te = title_end(text, ts, le)
            if pattern is _CIRCLED and not (_STRONG_FINDING.search(text, ts, te) or text.startswith(_LEADS, ts)):
                continue  # ①开展排查… inside a measure: a sub-item, no heading
            out.append(Heading(level, m.group(), s, ts, te, le, depth=-1 if row else 0))
        elif (w := _FINDING_LABEL.match(text, s, le)) and w.end() < le and _opens_problem(text, out):
            # one step above the numbered measures that may follow it (整改措施: 1.… 2.…), as a ledger row
            out.append(Heading(Level.GROUP, w.group(), s, w.end(), title_end(text, w.end(), le), le, depth=-1))
        elif _UNLABELLED.match(text, s, le) and out:
            # Standing right above numbered items (关于“……”问题。 / (12)针对“……”问题:…), it heads them:
            # one step above their level. Else it sits below every numbered level.
            below = next(
                (lv for lv, pat in _LEVELS if lv >= Level.GROUP and pat.match(text, _next_line(text, le))), None
            )
            lv, depth = (below, -1) if below is not None else (Level.UNLABELLED, 0)
            out.append(Heading(lv, "", s, s, title_end(text, s, le), le, depth=depth))
        elif (
            out
            and _BARE_CATEGORY.fullmatch(text, s, le)
            and any(
                pat.match(text, _next_line(text, le)) for level, pat in _LEVELS if level in (Level.GROUP, Level.ITEM)
            )
        ):
            # a bare category line, parent of the 1. or (1) items below it (never of a (一) sibling)
            out.append(Heading(Level.CATEGORY, "", s, s, le, le))
    return out


def _opens_problem(text: str, before: list[Heading]) -> bool:
    """Whether a paragraph labelled by its role (存在问题:…) opens a problem after the headings ``before``: where
    the run back to the category or section above holds another such problem, or no numbered heading at all
    and the heading above names a category (…方面) or states no finding; under a numbered problem (1.… /
    (一)关于…的问题) the label only opens that problem's finding."""
    numbered = False  # a numbered heading between: a problem's own measures (under 存在问题:) or a problem
    for h in reversed(before):
        if _FINDING_LABEL.fullmatch(h.label):
            return True
        if h.level < Level.GROUP:
            title = text[h.title_start : h.title_end]
            return not numbered and ("方面" in title or "领域" in title or not states_finding(title))
        numbered = numbered or bool(h.label)
    return not numbered


def _title_line(text: str, le: int, hi: int, *, bare: bool) -> tuple[int, int]:
    """The next line after a label standing alone on its line, as its title, where it opens no label itself
    and, after a bare number (1), states a finding; else ``(le, le)``."""
    ns = _next_line(text, le)
    ne = text.find("\n", ns, hi)
    ne = hi if ne < 0 else ne
    if ns >= ne or any(pat.match(text, ns, ne) for _, pat in _LEVELS) or (bare and not states_finding(text[ns:ne])):
        return le, le
    return ns, ne


def _nest_restarts(heads: list[Heading]) -> None:
    """Where one marker serves two levels, the nesting decides: a run that restarts at 1 right under a
    numbered heading of the same marker (1.关于…的问题 / 整改情况: / 1.… 2.… 3.…), with no higher heading
    between, is that heading's children; the outer numbering goes on after it (2.关于…)."""
    last: dict[Level, int] = {}  # the outer run's last number, per level
    inner: dict[Level, int] = {}  # the nested run's last number, per level
    for h in heads:
        if h.level not in (Level.GROUP, Level.ITEM) or not h.label or h.depth < 0:
            for lv in [lv for lv in last if lv >= h.level]:
                last.pop(lv)
                inner.pop(lv, None)
            continue
        n = label_number(h.label)
        goes_on = h.level in inner and n == inner[h.level] + 1
        restarts = n == 1 and last.get(h.level, 0) >= 1 and h.level not in inner
        if goes_on or restarts:
            h.depth, inner[h.level] = 1, n
        else:
            inner.pop(h.level, None)
            last[h.level] = n
            for lv in [lv for lv in last if lv > h.level]:
                last.pop(lv)
                inner.pop(lv, None)


def _next_line(text: str, le: int) -> int:
    """Where the text of the next non-blank line starts."""
    i = le
    while i < len(text) and text[i] in " \t\n":
        i += 1
    return i


def _tree(heads: list[Heading], hi: int) -> list[Heading]:
    roots: list[Heading] = []
    stack: list[Heading] = []
    for h in heads:
        while stack and stack[-1].rank >= h.rank:
            stack.pop().end = h.start
        if stack:
            h.parent = stack[-1]
            stack[-1].children.append(h)
        else:
            roots.append(h)
        stack.append(h)
    for h in stack:
        h.end = hi
    return roots


def _opens_clause(text: str, at: int, lo: int, sentence: bool = False) -> bool:
    while at > lo and text[at - 1] in " \t":
        at -= 1
    return not at or text[at - 1] in (_SENTENCE_OPENERS if sentence else _CLAUSE_OPENERS)


def markers(text: str, lo: int, hi: int) -> list[MarkerSpan]:
    """一是…十是 in ``text[lo:hi]`` (an increasing run), or else a run of :data:`_OTHER_MARKERS`; each item up to
    the next marker or ``hi``."""
    # where the body names its measures (整改情况:…), what is numbered before that belongs to the finding
    # (主要表现:一是…二是…, (1)…(2)…): markers are looked for after the lead, and before it only where none follow
    lead = _MEASURES_LEAD.search(text, lo, hi)
    start = lead.end() if lead else lo
    found = _ordinal_run(text, start, hi) or (_ordinal_run(text, lo, hi) if lead else [])
    if not found:
        found = next((run for family in _OTHER_MARKERS if len(run := _run(text, start, hi, family)) > 1), [])
    spans = []
    for i, (s, mk) in enumerate(found):
        e = found[i + 1][0] if i + 1 < len(found) else hi
        s2, e2 = strip_span(text, s, e)
        spans.append(MarkerSpan(mk, s2, e2))
    return spans


def _ordinal_run(text: str, lo: int, hi: int) -> list[tuple[int, str]]:
    """(start, marker) of an increasing run of 一是…十是 in ``text[lo:hi]``, each opening a clause."""
    found: list[tuple[int, str]] = []
    last = 0  # the number of the last marker kept
    for m in _marker_matches(text, lo, hi):
        if not _opens_clause(text, m.start(), lo):
            continue
        marker = m.group()
        n = _marker_number(marker)
        if n == 1 if not found else n > last:
            found.append((m.start(), marker))
            last = n
    return found


def _run(text: str, lo: int, hi: int, family: MarkerFamily) -> list[tuple[int, str]]:
    """(start, marker) of the markers of ``family`` in their run's order, each opening a clause (or sentence)."""
    found: list[tuple[int, str]] = []
    for m in family.pattern.finditer(text, lo, hi):
        if family.follows(m.group(1), len(found)) and _opens_clause(text, m.start(), lo, family.sentence):
            found.append((m.start(), m.group()))
    return found


@cache  # keyed by a marker's own text: a match of _MARKER, of which there are nineteen
def _marker_number(marker: str) -> int:
    return cn_number(marker[:-1])


def _marker_matches(text: str, lo: int, hi: int) -> list[re.Match[str]]:
    """What ``_MARKER.finditer(text, lo, hi)`` gives, found from each 是: a search for the one character skips the
    text between markers ten times faster than the pattern's own scan (which was most of segment's time)."""
    out = []
    last = lo  # where the previous match ended: matches do not overlap
    j = text.find("是", lo, hi)
    while j >= 0:
        m = _MARKER.search(text, max(last, j - 2), j + 1)  # a marker is at most three characters: 十二是
        if m and m.end() == j + 1:
            out.append(m)
            last = j + 1
        j = text.find("是", j + 1, hi)
    return out


def _section_measures(text: str, sec: Heading | None, lo: int, hi: int) -> list[MarkerSpan]:
    if sec is not None and sec.children:
        out = []
        for c in sec.children:
            s, e = strip_span(text, c.start, c.end)
            out.append(MarkerSpan(c.label, s, e))
        return out
    return markers(text, lo, hi)


def states_finding(title: str) -> bool:
    """Whether a heading's words state a finding (问题, 不到位, 差距 …) or introduce one (针对/关于)."""
    return bool(_FINDING_WORDS.search(title)) or title.startswith(_LEADS)


def _is_finding(text: str, h: Heading) -> bool:
    return states_finding(text[h.title_start : h.title_end])


def _is_measure(text: str, h: Heading) -> bool:
    """A numbered item that reports an action (成立…, 开展…, 查处问题236个) rather than stating a finding."""
    if h.children or text.startswith(("针对", "关于"), h.title_start) or markers(text, h.title_end, h.end):
        return False
    title = text[h.title_start : h.title_end]
    # Counts are what measures report (查处问题236个); findings seldom carry them.
    return bool(re.search(r"\d", title) or (_ACTION.match(title) and not _STRONG_FINDING.search(title)))


def _is_row(h: Heading) -> bool:
    """A ledger row (序号:N) or a paragraph labelled 存在问题:, whose numbered items are its measures whatever
    they say."""
    return h.depth < 0 and bool(h.label)


def _problem_heads(text: str, h: Heading) -> list[Heading]:
    """Problems under ``h``: its leaves, except that numbered items under a finding that themselves state no
    finding are that problem's measures."""
    if (
        not h.children
        or _is_row(h)
        or (
            _is_finding(text, h)
            and (not any(_is_finding(text, c) for c in h.children) or all(_is_measure(text, c) for c in h.children))
        )
    ):
        return [h]
    return [p for c in h.children for p in _problem_heads(text, c)]


def problem_block(text: str, h: Heading, top: Heading | None = None) -> ProblemBlock:
    ancestors = []
    a = h.parent
    while a is not None and a is not top:
        ancestors.append(a)
        a = a.parent
    category = ancestors[-1] if ancestors else None
    group = ancestors[0] if len(ancestors) >= 2 else None
    body_start = h.title_end
    if body_start < h.line_end and text[body_start] in "。:,":
        body_start += 1
    bs, be = strip_span(text, h.start, h.end)
    labels = [(c.start, c.title_start) for c in h.children]
    if h.children:  # numbered measures
        ms = [MarkerSpan(c.label, *strip_span(text, c.start, c.end)) for c in h.children]
    else:
        ms = markers(text, body_start, h.end)
        # the number of (1) or 措施1: is no figure
        labels += [(m.start, m.start + len(m.marker)) for m in ms if any(c.isdigit() for c in m.marker)]
        if not ms:
            s, e = strip_span(text, body_start, h.end)
            lead = _MEASURES_LEAD.match(text, s, e)
            if lead:
                s = lead.end()
            ms = [MarkerSpan("", s, e)] if e > s else []
    subs = [m.span(1) for m in _SUB_FINDING.finditer(text, body_start, h.end)]
    return ProblemBlock(h, category, group, finding_span(text, h.title_start, h.title_end), (bs, be), ms, subs, labels)


def _run_in_heads(text: str) -> list[Heading]:
    """With no numbered heading anywhere, each paragraph that opens with a wholly quoted finding
    (针对“……”的问题,一是… / 关于“……”的问题。…) is a problem with no label."""
    out = []
    for m in _RUN_IN.finditer(text):
        s = m.start("h")
        le = text.find("\n", s)
        le = len(text) if le < 0 else le
        out.append(Heading(Level.UNLABELLED, "", s, s, title_end(text, s, le), le))
    return out


def _unlabelled_next_steps(text: str, heads: list[Heading], closing: int) -> int | None:
    """Where an unlabelled 下一步,… paragraph after the last heading starts the next steps (none where a
    numbered next-steps section holds it)."""
    if not heads or any(
        h.level <= Level.SECTION and _NEXT_STEPS.search(text, h.title_start, h.line_end) for h in heads
    ):
        return None
    # a measure's own line (三是…。下一步,将…) stays in its measure
    m = next(
        (
            m
            for m in _NEXT_STEPS_PARAGRAPH.finditer(text, heads[-1].line_end, closing)
            if not opens_item(text, m.start("p"))
        ),
        None,
    )
    return m.start("p") if m else None


def segment(text: str) -> Outline:
    heads = _headings(text, 0, len(text))
    if not any(h.label for h in heads):
        heads = _run_in_heads(text)
    closing = closing_start(text, heads[-1].line_end if heads else 0)
    heads = [h for h in heads if h.start < closing]
    _nest_restarts(heads)
    tail = _unlabelled_next_steps(text, heads, closing)
    roots = _tree(heads, closing if tail is None else tail)
    unlabelled_next = None if tail is None else SectionBlock(None, tail, closing, markers(text, tail, closing))
    top = min((r.level for r in roots), default=Level.ANCHOR)
    sections = [r for r in roots if r.level == top] if top <= Level.SECTION else []  # 第一部分… or 一、…
    if not sections:
        # No 一、 sections: the numbered outline itself is the problems part.
        start = roots[0].start if roots else len(text)
        problems = [problem_block(text, p, None) for r in roots for p in _problem_heads(text, r)]
        return Outline((0, start), None, problems, unlabelled_next, (closing, len(text)))
    counts = [sum(1 for _ in _walk(s)) for s in sections]
    best = max(range(len(sections)), key=lambda i: counts[i])
    if counts[best] < 2:
        return Outline((0, sections[0].start), None, [], None, (closing, len(text)))
    # Each section's problem headings, found once: read to judge the section, then to build its problems.
    heads_of: dict[int, list[Heading]] = {}

    def problem_heads(i: int) -> list[Heading]:
        if i not in heads_of:
            heads_of[i] = [p for c in sections[i].children for p in _problem_heads(text, c)]
        return heads_of[i]

    # Other sections hold problems too when their numbered items state findings (一、…方面 (一)…不够…);
    # sections whose items are actions (提高政治站位, 强化组织领导) are the organisation part.
    prob = [
        i
        for i, sec in enumerate(sections)
        if i == best
        or (
            counts[i] >= 1
            and not _NEXT_STEPS.search(text, sec.title_start, sec.line_end)
            and _states_findings(text, problem_heads(i))
        )
    ]
    first, last = min(prob), max(prob)
    organisation = next((_section_block(text, s) for s in sections[:first]), None)
    next_steps = next(
        (_section_block(text, s) for s in sections[last + 1 :] if _NEXT_STEPS.search(text, s.title_start, s.line_end)),
        unlabelled_next,
    )
    # Several sibling sections of problems, none of them "…整改…情况", are the report's categories; one that
    # names its 方面 (关于…方面问题的整改) is a category whatever else it says.
    as_categories = len(prob) > 1 and not any(_is_container(text, sections[i]) for i in prob)
    problems = [problem_block(text, p, None if as_categories else sections[i]) for i in prob for p in problem_heads(i)]
    return Outline((0, sections[0].start), organisation, problems, next_steps, (closing, len(text)))


def _is_container(text: str, sec: Heading) -> bool:
    return (
        bool(_CONTAINER.search(text, sec.title_start, sec.title_end))
        and "方面" not in text[sec.title_start : sec.title_end]
    )


def _section_block(text: str, sec: Heading) -> SectionBlock:
    return SectionBlock(sec, sec.start, sec.end, _section_measures(text, sec, sec.line_end, sec.end))


def _states_findings(text: str, heads: list[Heading]) -> bool:
    """Whether most of a section's problem headings (``heads``) state findings."""
    # items that report actions with counts ((二)区委对照巡察反馈的4个方面9个问题,逐条制定…) or run on as
    # paragraphs are the organisation part's, whatever words they use; a ledger row is a problem fed back
    return sum(
        _is_row(h) or (_is_finding(text, h) and not _is_measure(text, h) and not _is_paragraph(text, h)) for h in heads
    ) * 2 > len(heads)


def _is_paragraph(text: str, h: Heading) -> bool:
    """A numbered paragraph, not a heading: its first sentence runs on through three clauses or more
    (区委高度重视…,在…召开…,专题研究…,成立…) and quotes no finding as a whole."""
    if finding_span(text, h.title_start, h.title_end) != (h.title_start, h.title_end):
        return False
    return _clauses(text[h.title_start : h.title_end]) >= 4


def _clauses(title: str) -> int:
    depth, n = 0, 1
    for ch in title:
        if ch in "“‘「『":
            depth += 1
        elif ch in "”’」』":
            depth = max(0, depth - 1)
        elif ch == "," and depth == 0:
            n += 1
    return n


def _walk(h: Heading):  # type: ignore[no-untyped-def]
    for c in h.children:
        yield c
        yield from _walk(c)


def closing_start(text: str, after: int) -> int:
    """Where the closing part starts (invitation to comment, contacts, signature), after the last heading."""
    m = re.compile(r"^[^\n]*(欢迎广大|联系电话|电子邮箱|举报电话)", re.M).search(text, after)
    if m:
        return m.start()
    sig = re.compile(
        r"^[ \t]*(中共|中国共产党)?[^\n,。]{2,30}(委员会|党委|党组|委)[ \t]*\n[ \t]*\d{4}年\d{1,2}月\d{1,2}日[ \t]*$",
        re.M,
    )
    m2 = sig.search(text, after)
    return m2.start() if m2 else len(text)
