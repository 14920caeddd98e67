"""Quantities written with Arabic digits (golden format §figures): ``1.4万余人次`` → 14000 人次, approximate.

Why not cn2an or JioNLP's money parser: on our cases they drop the unit of ``2.46万户``, turn ``1.4万余人次``
into a bare number (losing 余 and 人次) and read ``1-7月`` as a subtraction. What the genre needs is a span
finder that knows the measure words, the multipliers and the exclusions (:mod:`zhenggai.exclusions`), so it is
written here, table-driven.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import NamedTuple

from .exclusions import Use, excluded, site_at
from .textspans import TitleIndex

MULTIPLIERS = {
    "万亿": Decimal(10) ** 12,
    "千万": Decimal(10) ** 7,
    "百万": Decimal(10) ** 6,
    "亿": Decimal(10) ** 8,
    "万": Decimal(10) ** 4,
    "千": Decimal(1000),
    "百": Decimal(100),
}

# Units kept whole, longest first. Chosen from the genre; "次" compounds are handled by rule below.
_UNITS = sorted(
    [
        "个百分点",
        "个工作日",
        "百分点",
        "平方公里",
        "平方千米",
        "平方米",
        "立方米",
        "微克/立方米",
        "毫克/立方米",
        "千瓦时",
        "公里",
        "千米",
        "千克",
        "千瓦",
        "兆瓦",
        "公斤",
        "公顷",
        "蒸吨",
        "美元",
        "港元",
        "欧元",
        "台套",
        "小时",
        "分钟",
        "学时",
        "课时",
        "方面",
        "大类",
        "人次",
        "批次",
        "场次",
        "户次",
        "家次",
        "车次",
        "辆次",
        "艘次",
        "处次",
        "架次",
        "班次",
        "频次",
        "ug/m3",
        "μg/m3",
        "mg/m3",
        "m3",
        "m2",
        "km",
        "kg",
        "MW",
        "kW",
        "kV",
        "GB",
        "TB",
        "%",
        "‰",
        "㎡",
        "㎥",
        "㎞",
        "㎏",
        "个",
        "名",
        "人",
        "次",
        "项",
        "件",
        "条",
        "家",
        "所",
        "场",
        "期",
        "篇",
        "份",
        "批",
        "起",
        "宗",
        "处",
        "座",
        "间",
        "套",
        "辆",
        "台",
        "张",
        "本",
        "册",
        "部",
        "支",
        "只",
        "头",
        "株",
        "棵",
        "亩",
        "天",
        "年",
        "周",
        "轮",
        "类",
        "种",
        "栋",
        "幢",
        "层",
        "节",
        "门",
        "位",
        "块",
        "片",
        "段",
        "根",
        "盏",
        "元",
        "户",
        "吨",
        "米",
        "倍",
        "岁",
        "届",
        "村",
        "组",
        "队",
        "步",
        "首",
        "幅",
        "集",
        "卷",
        "床",
        "艘",
        "架",
        "岗",
        "码",
        "斤",
        "克",
        "度",
        "分",
        "秒",
        "级",
        "遍",
        "轮",
        "口",
        "只",
        "对",
        "封",
        "单",
        "笔",
        "拨",
        "例",
        "标",
        "站",
        "辖",
        "网",
        "居",
        "校",
        "园",
        "园区",
        "社区",
        "镇",
        "乡",
        "街道",
        "企业",
        "余人",
        "日",
        "号",
        "板",
        "路",
        "列",
        "车",
        "区",
        "县",
    ],
    key=len,
    reverse=True,
)
_UNIT_SET = set(_UNITS)
# The units by first character, each list still longest first: a lookup tries the two or three units that
# can start there instead of the whole list (this was most of the figure scanner's time).
_UNITS_BY_FIRST: dict[str, list[str]] = {}
for _unit in _UNITS:
    _UNITS_BY_FIRST.setdefault(_unit[0], []).append(_unit)
# Words after a number that are never its unit; the number then has no unit (or shares a later one).
_NOT_UNIT = set("的是和与及或至到以为在了中上下后前之等左右内外间多余每各共计约近超逾达")
_TIMES_UNITS = set("人户家辆艘处批场车架班")
_LIST_SEP = "、至到-—–~～或和"
_APPROX_BEFORE = ("近", "约", "超", "逾", "大约", "将近", "超过")
_APPROX_AFTER = ("以上", "左右", "多", "余")


class FigureHit(NamedTuple):  # immutable, and cheaper to build than a frozen dataclass
    start: int
    end: int
    text: str
    value: int | float
    unit: str
    approximate: bool


def number_value(num: str, multiplier: str = "") -> int | float:
    if not multiplier and num.isdecimal() and len(num) <= 18:  # most counts: int() is exact and far cheaper
        return int(num)
    value = Decimal(num.replace(",", "")) * MULTIPLIERS.get(multiplier, Decimal(1))
    return int(value) if value == value.to_integral_value() else float(value)


def unit_at(text: str, pos: int, end: int, *, lexicon_only: bool = False) -> tuple[str, int]:
    """The measure word starting at ``pos`` and where it ends; ("", pos) if there is none."""
    for unit in _UNITS_BY_FIRST.get(text[pos], ()) if pos < len(text) else ():
        if text.startswith(unit, pos) and pos + len(unit) <= end:
            stop = pos + len(unit)
            if unit in _TIMES_UNITS and text.startswith("次", stop):  # 人次, 户次 ... beyond the list
                return unit + "次", stop + 1
            if unit.isascii() and stop < end and text[stop].isascii() and text[stop].isalnum():
                return "", pos  # 5G, 4K: a code, not a unit
            if text.startswith("/", stop):  # compound units as written: 吨/年, 微克/立方米
                per, per_end = unit_at(text, stop + 1, end, lexicon_only=True)
                if per:
                    return text[pos:per_end], per_end
            return unit, stop
    if lexicon_only or pos >= end:
        return "", pos
    ch = text[pos]
    # With no measure word, the noun right after the number is the unit (3方面任务 → 方面 is listed; else 1 char).
    if "\u4e00" <= ch <= "\u9fff" and ch not in _NOT_UNIT:
        return ch, pos + 1
    return "", pos


# Thousands separators (12,345元) only where exactly three digits follow each comma.
_NUM = re.compile(r"\d{1,3}(?:,\d{3})+(?![\d,])(?:\.\d+)?|\d+(?:\.\d+)?")
_MULT = "万亿|千万|百万|亿|万|千(?![米克瓦])|百(?!分)"
# A number, then a multiplier and 余/多 in either order (1.4万余, 30余万), in one match.
_HEAD = re.compile(rf"(?P<num>{_NUM.pattern})(?:(?P<m1>{_MULT})(?P<a1>[余多])?|(?P<a2>[余多])(?P<m2>{_MULT})?)?")


def read_figure(text: str, pos: int, end: int) -> tuple[int, int | float, str, bool, str] | None:
    """Read one figure at ``pos``: (span end, value, unit, approximate-in-span, number text).

    Returns None when the digits are not a quantity at all (a code, a formula, a numbered name)."""
    m = _HEAD.match(text, pos, end)
    if not m:
        return None
    num, m1, a1, a2, m2 = m.groups()  # one call instead of one a group
    q = pos + len(num)
    if text.startswith("/", q) and q + 1 < end and text[q + 1].isdigit():  # a fraction: 1/4
        d = _NUM.match(text, q + 1, end)
        assert d is not None
        denominator = Decimal(d.group().replace(",", ""))
        if not denominator:  # 5/0 is no quantity (a score, a code, a typo): not a figure, and no crash
            return None
        value = Decimal(num.replace(",", "")) / denominator
        return d.end(), float(value), "", False, text[pos : d.end()]
    q = m.end()
    mult = m1 or m2 or ""
    approx = a1 or a2 or ""
    unit, q2 = unit_at(text, q, end)
    if approx == "多" and not unit:  # 多 starting a word (多措并举) is not "more than"
        approx, q2 = "", q - 1
    return q2, number_value(num, mult), unit, bool(approx), num


def scan_figures(
    text: str,
    lo: int,
    hi: int,
    *,
    blocked: list[tuple[int, int]] = (),  # type: ignore[assignment]
    titles: TitleIndex | None = None,
    label_ends: frozenset[int] = frozenset(),
) -> list[FigureHit]:
    """Every figure in ``text[lo:hi]`` in order, skipping digits inside ``blocked`` spans (dates, item
    labels); a number right after an item label (``2.30个单位``) starts fresh."""
    titles = titles or TitleIndex(text)
    blocks = sorted(blocked)
    hits: list[FigureHit] = []
    pending: list[tuple[int, int, int | float, bool]] = []  # bare numbers waiting for a shared unit
    bi = consumed = 0
    for s in titles.digit_runs(lo, hi):
        while bi < len(blocks) and blocks[bi][1] <= s:
            bi += 1
        if bi < len(blocks) and blocks[bi][0] <= s < blocks[bi][1]:
            pending.clear()
            continue
        if s < consumed:  # the tail of a number already read (the 5 of 2.5, the 345 of 12,345)
            continue
        read = read_figure(text, s, hi)
        if read is None:
            continue
        e, value, unit, approx, num = read
        consumed = s + len(num)
        # after an item label the window starts afresh: the label's digits are no code before the figure
        at_label = s in label_ends
        site = site_at(text, s, s + len(num), s if at_label else lo, hi, titles, unit=unit, at_label=at_label)
        if excluded(site, Use.SCANNER):
            pending.clear()
            continue
        consumed = e  # a figure's unit may hold digits too: 5万m3
        before = text[max(lo, s - 2) : s]
        approx = approx or before.endswith(_APPROX_BEFORE) or text.startswith(_APPROX_AFTER[:2], e)
        if not unit and e < hi and text[e] in _LIST_SEP and e + 1 < hi and text[e + 1].isdigit():
            pending.append((s, e, value, approx))  # 2至4个, 1.2、3.4个百分点: waits for the shared unit
            continue
        for ps, pe, pv, pa in pending:
            hits.append(FigureHit(ps, pe, text[ps:pe], pv, unit, pa))
        pending.clear()
        # as the tuple it is: its class's generated constructor takes five times as long (one a figure)
        hits.append(tuple.__new__(FigureHit, (s, e, text[s:e], value, unit, approx)))
    for ps, pe, pv, pa in pending:
        hits.append(FigureHit(ps, pe, text[ps:pe], pv, "", pa))
    return hits  # in order: each figure, and the bare numbers before it, is added where its digits start


def parse_figure(text: str) -> tuple[int | float, str] | None:
    """Value and unit of one figure's own text, as the validators re-check it (bare numbers have unit "")."""
    read = read_figure(text, 0, len(text))
    if read is None or read[0] != len(text):
        return None
    return read[1], read[2]
