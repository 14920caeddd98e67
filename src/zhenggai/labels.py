"""Rules labelers for the golden contract's version-2 labels: each measure's ``kind``, ``status`` and
``responsible`` bodies, each figure's ``subject`` and ``indicator`` — from cue tables, every span verbatim.

The tables are data: a row is ``(pattern, label, origin)``. ``origin`` is ``""`` for a row read off the
contract's tables, or the dev report whose errors suggested it (``huiji``, ``xiangcheng``, ``xuchang``);
``bench/rules_labels.py`` drops a report's rows when it scores that report, so the held-out score of each
report comes from rules written without looking at it. Production passes no ``skip`` and uses every row.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TypeVar

from .schemas import Figure, Indicator, Measure, MeasureKind, MeasureStatus, Problem, Span

L = TypeVar("L", bound=str)
Row = tuple[str, L, str]  # (regex, label, origin)
Skip = frozenset[str]
NO_SKIP: Skip = frozenset()

# --- measure kind -------------------------------------------------------------------------------------------
# Cues of each kind, in priority order: in the lead phrase the first row that matches decides; where the lead
# matches none (generic: 压实责任, 强化…), the kind with the most cue hits over the whole text, else other.
KIND: Sequence[Row[MeasureKind]] = (
    (r"(建立|健全|完善|修订|制定|出台|印发)[^。;;]{0,12}?(制度|机制|办法|规则|规程|规定|标准|规范|细则)", "system", ""),
    (r"建章立制|长效机制|制度建设", "system", ""),
    (r"(印发|出台|制定|下发|研究制定)[^。;;]{0,20}?(方案|通知|要点|计划|意见|规划|若干措施|文件|清单)", "document", ""),
    (r"召开|会议|学习研讨|中心组|专题会|第一议题|民主生活会|座谈|集中学习|党课|例会|宣讲", "meeting", ""),
    (r"培训|轮训|党校|能力提升", "training", ""),
    (r"问责|追责|处分|约谈|诫勉|通报批评|立案|查处|责任追究|执纪|审查调查|问题线索|移送", "accountability", ""),
    (
        r"督查|检查|排查|巡查|督导|回头看|专项整治|专项治理|整治|治理|监督|核查|自查|暗访|抽查|审计|巡察|摸排|清理|清查",
        "inspection",
        "",
    ),
    (r"选拔任用|调整|配备|考察|干部队伍|选派|任用|班子建设|人才|编制|交流任职|换届", "personnel", ""),
    (r"项目|建设|投资|资金|产值|企业|经济|产业|工程|招商|营商|改造", "project", ""),
    (r"制度|机制|办法", "system", ""),  # a bare 制度 (落实…制度) counts only where nothing more specific does
    (r"方案|通知|要点|意见|文件", "document", ""),
)

# --- measure status -----------------------------------------------------------------------------------------
# Checked in this order; the first group with a hit decides. A plan or research verb leading the measure makes
# it planned; reported results (已, 完成, figures, dates) make it done before any standing or progress cue.
STATUS: Sequence[tuple[str, str, MeasureStatus, str]] = (
    ("lead", r"^(谋划|拟|准备|计划|下一步|将要|将于)", "planned", ""),
    ("text", r"已|完成|[0-9]|先后|累计|截至|截止|目前", "done", ""),
    ("text", r"正在|推进中|加快推进|有序推进|稳步推进", "in_progress", ""),
    ("text", r"长期坚持|常态化|定期|坚持每|每月|每周|每季度|每年|每半月", "long_term", ""),
    (
        "text",
        r"召开|印发|出台|建立|制定|成立|开展|组织|举办|签订|下发|设立|制作|编制|发布|进行|聘请|选派|实施"
        r"|纳入|列入|明确|形成|对接|推动|落实",
        "done",
        "",
    ),
    ("text", r"将|计划|下一步|拟", "planned", ""),
)

# --- responsible --------------------------------------------------------------------------------------------
# How a body's name ends; a name is the shortest run from a clause start to one of these that a verb follows.
BODY_END = (
    r"(?:委员会|常委会|纪委监委|纪委|监委|办公室|政府|人大|政协|党委|党组|党工委|工委|部门|中心组|中心|领导小组|小组"
    r"|专班|街道\)|街道|[委局办厅部院所站队组处科会])"
)
# A name starts with a level (区委…, 市纪委…, 各镇…) or is the whole clause subject.
BODY = re.compile(r"(?:中共)?(?:[^\s,,。;;::、()()“”《》0-9]{0,12}?)" + BODY_END + r"(?:\([^()]{1,8}\))?")
# Verbs that show the body at the clause start doing something (区委先后召开…, 区纪委监委对…开展…).
ACTING = re.compile(
    r"^(?:先后|多次|专门|专题|及时|认真|迅速|主动|积极|定期|牵头|研究|召开|主持|组织|开展|印发|出台|制定|建立|成立"
    r"|对|把|将|坚持|深入|深化|进一步|以|结合|围绕|联合|会同|全面|严格|下发|举办|部署|落实|推动|推进|采取|通过|制订"
    r"|编制|委托|抽调|成立|实行|探索|创新|按照|要求|督促|审议|听取|统筹|持续|不断|着力|切实|强化|加强|带头|紧盯|针对)"
)
CLAUSE = re.compile(r"[,,;;。::!!??\n]")
# Words that open a clause before its subject (时间, 连接): skipped when looking for the acting body.
OPENER = re.compile(
    r"^(?:[一二三四五六七八九十]+是|同时|此外|另外|其中|并|还|今年以来|近年来|目前|截至目前|[0-9]{4}年(?:[0-9]{1,2}月)?(?:以来|至今|底)?)"
)
# A body named as the meeting it holds (30次区委常委会“第一议题”学习; 召开区委常委会(扩大)会议).
MEETING_BODY = re.compile(r"(?:[省市区县]委|纪委)(?:常委会|理论学习中心组|中心组)")
NOT_BODY = re.compile(
    r"^(?:干部|全部|内部|外部|局部|部门|小组|组织|中心|全体|全市|全区|全县|有关部门|相关部门|各部门|各单位|重点|重要|党员|工作|群众)$"
    r"|书记|主要负责|领导干部|负责人|委员$|常委$|主任|局长|部长|问题|工作组织"
)


def _rows(rows: Iterable[tuple[str, L, str]], skip: Skip) -> list[tuple[re.Pattern[str], L]]:
    return [(re.compile(p), lab) for p, lab, origin in rows if origin not in skip]


def lead(measure: str, marker: str = "") -> str:
    """The lead phrase: after the marker (一是) up to the first 。, comma or semicolon."""
    body = measure[len(marker) :] if marker and measure.startswith(marker) else measure
    return re.split(r"[。,,;;::]", body, maxsplit=1)[0]


def measure_kind(text: str, marker: str = "", skip: Skip = NO_SKIP) -> MeasureKind:
    rows = _rows(KIND, skip)
    head = lead(text, marker)
    for pattern, kind in rows:
        if pattern.search(head):
            return kind
    counts: dict[MeasureKind, int] = {}
    for pattern, kind in rows:
        counts[kind] = counts.get(kind, 0) + len(pattern.findall(text))
    best = max(counts.values(), default=0)
    return next((k for k, n in counts.items() if n == best), "other") if best else "other"


def measure_status(text: str, marker: str = "", skip: Skip = NO_SKIP) -> MeasureStatus:
    head = lead(text, marker)
    body = text[len(marker) :] if marker and text.startswith(marker) else text
    body = re.sub(r"将[^。,,;;]{0,30}?(纳入|列入|作为)", r"把\1", body)  # 将 used as 把 is no future cue
    for where, pattern, status, origin in STATUS:
        if origin in skip:
            continue
        if re.search(pattern, head if where == "lead" else body):
            return status
    return "not_stated"


def responsible(text: str, start: int, skip: Skip = NO_SKIP) -> list[Span]:
    """Bodies the measure ``text`` (at ``start`` in the source) shows acting: a clause's subject followed by an
    acting verb, or the body behind a meeting it names. In order of first mention, each once."""
    found: list[tuple[int, int]] = []
    pos = 0
    for piece in CLAUSE.split(text):
        lo = pos
        pos += len(piece) + 1
        opener = OPENER.match(piece)
        at = opener.end() if opener else 0
        n = _clause_subject(piece, at)
        if n:
            found.append((lo + at, lo + at + n))
    found += [(m.start(), m.end()) for m in MEETING_BODY.finditer(text)]
    out: list[Span] = []
    seen: set[str] = set()
    for s, e in sorted(found):
        name = text[s:e]
        if name in seen or NOT_BODY.search(name):
            continue
        seen.add(name)
        out.append(Span(text=name, start=start + s, end=start + e))
    return out


def _clause_subject(piece: str, at: int) -> int:
    """Length of the body that opens ``piece[at:]`` and is followed by an acting verb, or 0."""
    rest = piece[at:]
    if not rest or (rest[0] not in "省市区县镇乡各中全" and not rest.startswith(("纪委", "公安", "检查组", "督导组"))):
        return 0
    for m in BODY.finditer(rest):
        if m.start() != 0:
            break
        if ACTING.match(rest[m.end() :]):
            return m.end()
    # shortest name ending in a body suffix right at the start, then an acting verb
    for e in range(2, min(len(rest), 16) + 1):
        head = rest[:e]
        if re.search(BODY_END + r"(?:\([^()]{1,8}\))?$", head) and ACTING.match(rest[e:]):
            if re.search(r"[,,。、“”《》0-9]", head):
                return 0
            return e
    return 0


# --- figure subject -----------------------------------------------------------------------------------------
SEGMENT = re.compile(r"[,,;;。::!!??、\n]")
# Words that open the segment before the counted thing: time, scope, adverbs (今年以来, 全市, 累计, 其中).
SUBJECT_OPENER = re.compile(
    r"^(?:(?:今年|去年|年初|近年|目前|截至目前|截至|截止|其中|同时|共|累计|共计|全年|全市|全区|全县|全省|我区|我市|目前"
    r"|[0-9]{4}年(?:[0-9]{1,2}月)?(?:以来|至今|底|份)?|[0-9]{1,2}[-—~至][0-9]{1,2}月(?:份)?|[0-9]{1,2}月(?:份|底)?"
    r"|以来|底|份|至今|前|今年以来|先后|已|总共|一共|新)+)"
)
# Verbs before a specific noun that the noun alone says (侦破涉黑涉恶案件 → 涉黑涉恶案件); kept where the rest
# is a bare two-character noun (追缴资金, 投入资金).
DROP_VERB = re.compile(
    r"^(?:侦破|开展|召开|举办|组织|落实|发放|编印发放|编印|发送|编发|认定|查处|取缔|拆改|谋划|确定|推荐|新增|建立|建成"
    r"|制定|印发|出台|修订|完善|排查|发现|走访|督查|检查|实施|打造|创建|培育|引进|签订|设立|配备|安排|投入|拨付"
    r"|筹集|处置|受理|办理|清理|整改|收集|梳理|涉及|接待|选派|开设|编制)"
)
# What a segment's tail may end with before a number (…达到13个, …的62.88%): dropped from the subject.
TRAIL = re.compile(r"(?:共有|有|达到|达|为|共|累计|共计|约|近|超过|完成|实现|占|的|不低于|不少于|计|合计|总数|总计)+$")
# A segment ending like this hands the number to the noun after it (新增6个教学班, 荟同等5所国际学校).
HAND_ON = re.compile(r"(?:的|等|对|有|新增|认定|调阅|确定|选派|配备|涉及|组织|培育|推荐|打造|建成|建设|开办|办)$")
FIGURE_AT = re.compile(r"^[0-9][0-9.,]*(?:余|多)?[^\s,,。;;、0-9\u4e00-\u9fff]?[\u4e00-\u9fff]{0,2}")
# Where the noun after a number stops (幼儿园|交付使用, 村|实现…, 施工工地|全部安装).
AFTER_STOP = re.compile(
    r"[0-9,,。;;::、《“()()]|的|和|及|已|在|到|实现|开展|交付|按照|全部|进行|参与|签订|落户|实施|达到|共|中排名|投资增速|"
    r"开工|竣工|完成|被|获|共计|为|由|从|于|参加|接受|覆盖"
)


def figure_subject(text: str, fig: Figure, lo: int, hi: int) -> Span | None:
    """The verbatim shortest span of the figure's comma segment (inside ``[lo, hi)``) naming what it counts."""
    s = fig.start
    while s > lo and not SEGMENT.match(text[s - 1]):
        s -= 1
    e = fig.end
    while e < hi and not SEGMENT.match(text[e]):
        e += 1
    before_lo = s
    before = text[s : fig.start]
    # an earlier figure in the segment: only what follows it
    for m in re.finditer(r"[0-9][0-9.]*(?:余|多)?[\u4e00-\u9fff%]{0,2}", before):
        before_lo = s + m.end()
    before = text[before_lo : fig.start]
    op = SUBJECT_OPENER.match(before)
    if op:
        before_lo += op.end()
        before = before[op.end() :]
    # after: skip a following figure (25条65公里彩色…), then the noun up to a stop
    after_lo = fig.end
    nxt = FIGURE_AT.match(text[after_lo:e])
    if nxt and nxt.end():
        after_lo += nxt.end()
    after = text[after_lo:e]
    stop = AFTER_STOP.search(after)
    after = after[: stop.start() if stop else len(after)]
    trail = TRAIL.search(before)
    core_hi = fig.start - (len(trail.group()) if trail else 0)
    core = text[before_lo:core_hi]
    hand_on = not core or HAND_ON.search(before) or re.search(r"[0-9]$", text[s : fig.start])
    if after and hand_on and re.fullmatch(r"的?[\u4e00-\u9fffA-Za-z“”()()]+", after):
        a = after_lo + (1 if after.startswith("的") else 0)
        return Span(text=text[a : after_lo + len(after)], start=a, end=after_lo + len(after))
    if not core:
        return None
    dv = DROP_VERB.match(core)
    if dv and len(core) - dv.end() >= 3:
        before_lo += dv.end()
    return Span(text=text[before_lo:core_hi], start=before_lo, end=core_hi) if core_hi > before_lo else None


# --- figure indicator ---------------------------------------------------------------------------------------
# (where, pattern, indicator, origin): where is "unit" (the figure's unit and text), "subject", or "clause"
# (the figure's segment up to it). The first row that matches decides; else people for people units, else other.
INDICATOR: Sequence[tuple[str, str, Indicator, str]] = (
    ("text", r"%|个百分点|成$|倍$", "other", ""),  # growth rates and shares are other, even of money
    ("clause", r"增长|下降|同比|比重|占比|排名|位居|率", "other", ""),
    ("subject", r"已完成整改|整改到位|销号|办结|已整改", "problems_done", ""),
    ("clause", r"已完成整改|整改到位|已整改|销号", "problems_done", ""),
    ("subject", r"线索|信访|举报", "leads", ""),
    ("subject", r"案件|立案|审查调查|审结|查处|侦破|起诉", "cases", ""),
    ("subject", r"处分|开除|撤职|刑事拘留|逮捕|移送司法|判处|党纪政务|党政纪", "punished", ""),
    ("subject", r"问责|组织处理|诫勉|约谈|提醒谈话|批评教育|通报批评|责令检查|责任追究|第一种形态", "accountable", ""),
    ("subject", r"追缴|清退|收缴|退还|追回|挽回|查封|冻结|扣押|退缴", "funds_recovered", ""),
    ("unit", r"元$", "funds_spent", ""),  # money is spent unless recovered or an economic result (below first)
    ("subject", r"制度|机制|办法|规定|细则|规则|规程", "rules", ""),
    ("subject", r"方案|通知|文件|清单|明传电报|发文|意见书|通报$", "documents", ""),
    ("subject", r"培训|轮训|培训班|专题班", "training", ""),
    ("subject", r"会议|学习|研讨|党课|民主生活会|谈心谈话|座谈|宣讲|例会|讲座|开会|谈话", "meetings", ""),
    ("subject", r"督查|检查|暗访|抽查|审计|巡察|督导|巡查|走访", "inspections", ""),
    ("subject", r"问题|任务|整改事项|事项", "problems", ""),
    ("clause", r"追缴|清退|收缴|退还|追回|挽回", "funds_recovered", ""),
    ("clause", r"立案|查处|审查调查", "cases", ""),
    ("clause", r"问责|诫勉|约谈|组织处理|责任追究", "accountable", ""),
    ("clause", r"培训|轮训", "training", ""),
    ("clause", r"督查|检查|暗访|抽查|审计", "inspections", ""),
)
MONEY_OTHER = re.compile(r"产值|收入|总额|签约|生产总值|GDP|销售|营业|税收|利润|增加值|交易额")
PEOPLE_UNITS = frozenset({"人", "名", "人次", "位"})


def figure_indicator(fig: Figure, subject: Span | None, clause: str, skip: Skip = NO_SKIP) -> Indicator:
    subj = subject.text if subject else ""
    if fig.unit.endswith("元") and MONEY_OTHER.search(subj + clause) and "%" not in fig.text:
        return "other"
    for where, pattern, indicator, origin in INDICATOR:
        if origin in skip:
            continue
        hay = {"text": fig.text, "unit": fig.unit, "subject": subj, "clause": clause}[where]
        if re.search(pattern, hay):
            return indicator
    return "people" if fig.unit in PEOPLE_UNITS else "other"


# --- applying them ------------------------------------------------------------------------------------------
def label_measure(m: Measure, skip: Skip = NO_SKIP) -> None:
    """Set kind, status and responsible of ``m`` in place, each marked as the rules' answer."""
    m.kind = measure_kind(m.text, m.marker, skip)
    m.status = measure_status(m.text, m.marker, skip)
    m.responsible = responsible(m.text, m.start, skip)
    m.sources.update({"kind": "rules", "status": "rules", "responsible": "rules"})


def label_figures(text: str, figures: Sequence[Figure], lo: int, hi: int, skip: Skip = NO_SKIP) -> None:
    """Set subject and indicator of each figure (inside ``[lo, hi)`` of ``text``) in place."""
    for f in figures:
        f.subject = figure_subject(text, f, lo, hi)
        s = f.start
        while s > lo and text[s - 1] not in "。;;\n":
            s -= 1
        f.indicator = figure_indicator(f, f.subject, text[s : f.start], skip)
        f.sources.update({"subject": "rules", "indicator": "rules"})


def label_problem(text: str, p: Problem, skip: Skip = NO_SKIP) -> Problem:
    for m in p.measures:
        label_measure(m, skip)
    lo, hi = p.title.start, p.body.end if p.body else p.finding.end
    label_figures(text, p.figures, lo, hi, skip)
    return p
