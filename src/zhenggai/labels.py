"""Rules labelers for the golden contract's version-2 labels: each measure's ``kind``, ``status`` and
``responsible`` bodies, each figure's ``subject`` and ``indicator`` — from cue tables, every span verbatim.

The tables are data. A row is ``(pattern, label, origin)`` and a word list is ``(pattern, origin)`` pairs:
``origin`` is ``""`` for what was read off the contract's tables, or the dev report whose misses suggested it
(``huiji``, ``xiangcheng``, ``xuchang``). ``bench/rules_labels.py`` leaves a report's rows out when it scores
that report, so its held-out score comes from rules written without it. Production uses every row.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from .schemas import Figure, Indicator, Measure, MeasureKind, MeasureStatus, Problem, Span

Skip = frozenset[str]
NO_SKIP: Skip = frozenset()
Words = tuple[tuple[str, str], ...]  # (regex fragment, origin)
H, XC, XU = "huiji", "xiangcheng", "xuchang"


def kept(origin: str, skip: Skip) -> bool:
    """Whether a row stays with the reports of ``skip`` left out: a row from the contract always does; one that
    each of several reports suggested on its own (``huiji+xuchang``) does while any of them is left in."""
    return not origin or any(o not in skip for o in origin.split("+"))


@cache
def _alt(words: Words, skip: Skip, template: str = "(?:{})") -> re.Pattern[str]:
    """One regex from the rows of ``words`` not from a report in ``skip``, put into ``template``."""
    return re.compile(template.format("|".join(w for w, origin in words if kept(origin, skip)) or "(?!)"))


# --- measure kind -------------------------------------------------------------------------------------------
# In the lead phrase the first row that matches decides; where the lead matches none (generic: 压实责任,
# 强化…), the kind with the most hits of its rows over the whole text, else other.
KIND: Sequence[tuple[str, MeasureKind, str]] = (
    (r"(建立|健全|完善|修订|制定|出台|印发)[^。;;]{0,12}?(制度|机制|办法|规则|规程|规定|标准|规范|细则)", "system", ""),
    (r"建章立制|长效机制|制度建设", "system", ""),
    (r"(印发|出台|制定|下发|研究制定)[^。;;]{0,20}?(方案|通知|要点|计划|意见|规划|若干措施|文件|清单)", "document", ""),
    (r"召开|会议|学习研讨|中心组|专题会|第一议题|民主生活会|座谈|集中学习|党课|例会|宣讲", "meeting", ""),
    (r"学习", "meeting", H),  # 系统学习, 强化学习教育: study is the meeting kind
    (r"培训|轮训|党校|能力提升", "training", ""),
    (r"问责|追责|处分|约谈|诫勉|通报批评|立案|查处|责任追究|执纪|审查调查|问题线索|移送", "accountability", ""),
    (
        r"督查|检查|排查|巡查|督导|回头看|专项整治|专项治理|整治|治理|监督|核查|自查|暗访|抽查|审计|巡察|摸排|清查",
        "inspection",
        "",
    ),
    (r"选拔任用|配备|考察|干部队伍|选派|任用|班子建设|人才|交流任职|换届|(?<!职能)调整", "personnel", ""),
    # 建设 of Party organisation, style or rule of law is no construction project
    (
        r"项目|(?<!组织|党的|作风|廉政|法治|队伍|制度|行政|党风|阵地|文化)建设|投资|资金|产值|企业|经济|产业|工程|招商"
        r"|营商|改造",
        "project",
        "",
    ),
    (r"制度|机制|办法", "system", ""),  # a bare 制度 (落实…制度) counts only where nothing more specific does
    (r"方案|通知|要点|意见|文件", "document", ""),
)

# --- measure status -----------------------------------------------------------------------------------------
# Checked in this order; the first row with a hit decides. A plan verb leading the measure makes it planned;
# reported results (已, 完成, figures, dates) make it done before any progress or standing cue; a standing
# commitment (坚持每…) beats a bare act verb, a bare frequency (定期) does not.
STATUS: Sequence[tuple[str, str, MeasureStatus, str]] = (
    ("lead", r"^(谋划|拟|准备|计划|下一步|将要|将于)", "planned", ""),
    ("text", r"(?:^|。)(?:谋划|拟|准备)", "planned", XC),  # a sentence led by the plan verb, after a generic lead
    ("text", r"已|完成|(?<!每)(?<!不低于)(?<!至少)(?<!不少于)[0-9]|先后|累计|截至|截止", "done", ""),
    ("text", r"(实施|制定|建立|开展|召开|印发|出台|成立)了", "done", H),  # a perfective act
    ("text", r"正在|推进中|加快推进|有序推进|稳步推进", "in_progress", ""),
    ("text", r"持续推动|持续深化", "in_progress", H),
    ("text", r"长期坚持|坚持每|坚持[^。,,;;]{0,12}每", "long_term", ""),
    # building or issuing something is reported, even where it is then done regularly (建立…机制,定期…)
    (
        "text",
        r"(建立|制定|印发|出台|成立|签订|下发|设立)[^。,,;;]{0,20}?(制度|机制|方案|通知|意见|办法|台账|清单|小组|专班|规则)",
        "done",
        "",
    ),
    # a regular act with no single completed one (定期开展…, 常态化开展…, 每季度…抽查, 每年听取2次)
    (
        "text",
        r"(常态化|定期|不间断|每[周月年季日天]度?[^。,,;;]{0,6}?)(开展|召开|听取|抽查|检查|进行|研究)",
        "long_term",
        f"{H}+{XU}",
    ),
    (
        "text",
        # an act verb: not the noun in 党组织/信息发布, not the means in 通过开展…, not 明确要求 (an addressee)
        r"召开|印发|出台|建立|制定|成立|(?<!通过)开展|(?<!党|层)组织(?!建设|生活|结构|工作)|举办|签订|下发|设立|制作"
        r"|编制|(?<!信息)发布|进行|聘请|选派|实施|纳入|列入|明确(?!要求)|形成|目前",
        "done",
        "",
    ),
    ("text", r"常态化|定期|每月|每周|每季度|每年|每半月", "long_term", ""),
    ("text", r"将|计划|下一步|拟", "planned", ""),
)

# --- responsible --------------------------------------------------------------------------------------------
# How a body's name ends (区委组织部, 市纪委监委, 各镇(街道), 检查组 …).
BODY_END = (
    r"(?:委员会|常委会|纪委监委|办公室|政府|人大|政协|党委|党组|党工委|工委|部门|中心组|中心|领导小组|小组|专班"
    r"|机关|班子|[委局办厅部院所站队组处科会镇乡村])(?:\([^()]{1,8}\))?"
)
BODY_END_MORE: Words = (("宣讲团|合作社", XC),)  # bodies named by what they are (区委宣讲团)
_ENDS_BODY = re.compile(BODY_END + "$")
# A clause whose subject is a body opens with a level (区委…, 市纪委…, 各镇…) or one of these.
BODY_START: Words = (
    ("[省市区县镇乡各中全]", ""),
    ("纪委|公安|检查组|督导组", ""),
    ("纪检监察", H),
    ("[\u4e00-\u9fff]{2}部门|党支部|项目建设单位|监管部门", XU),  # 住建部门确定…, 教育部门针对…
    ("[\u4e00-\u9fff“]", f"{H}+{XU}"),  # any clause-initial name with a body's ending (城市管理局, 住建部门)
)
# Verbs that show the body at the clause start doing something (区委先后召开…, 区纪委监委对…开展…).
ACTING: Words = (
    (
        "先后|多次|专门|专题|及时|认真|迅速|主动|积极|定期|牵头|研究|召开|主持|组织|开展|印发|出台|制定|建立|成立|对|把|将|坚持|深入|深化|进一步|以|结合|围绕",
        "",
    ),
    (
        "联合|会同|全面|严格|下发|举办|部署|落实|推动|推进|采取|通过|制订|编制|委托|抽调|实行|探索|创新|按照|审议|听取|统筹|持续|不断|着力|切实|强化|加强|带头",
        "",
    ),
    ("紧盯|针对|召集|编印|充分|已|于|共|累计", ""),
)
ACTING += (
    ("确定|申报|挖潜|完成|每|提供|争创|建设|协助|向|针对|联合|开辟|拿出|成功|组成|相继|自查|处分|列席|开设|进行", XU),
    ("修订|完善|签订|听取|已经|列席", H),
)
# What a clause opens with when its subject is no body: a verb of being addressed or of a requirement, a
# preposition, a partner, an adverb (责成花园口镇…, 督促各镇…, 与…合作, 加快推进…).
NOT_START = re.compile(
    r"责成|督促|指导|要求|为|与|参加|力争|加快|推进|提升|加大|支持|配合|走出去|做|其他|检查|抓|必须|暂缓|所有|大力|建立"
    r"|[东西南北]部|加强|强化|推动|帮助|引导|鼓励|依托|利用|发挥|注重|聚焦|健全|完善|在|根据|合理|有计划|未|实施"
)
# A name does not stop where a longer one goes on (区委|组织部, 区纪委|监委).
LONGER = re.compile(r"^(?:组织部|宣传部|统战部|政法委|[部局办委会]|监委|常委会)")
CLAUSE = re.compile(r"[,,;;。::!!??\n]")
# Words that open a clause before its subject (time, linking; 由 before the body that does it): skipped when looking for the acting body.
OPENER = re.compile(
    r"^(?:[一二三四五六七八九十]+是|同时|此外|另外|其中|并|还|今年以来|近年来|目前|截至目前|特别是"
    r"|[0-9]{4}年(?:[0-9]{1,2}月)?(?:[0-9]{1,2}日)?(?:以来|至今|底|初)?|[0-9]{1,2}月[0-9]{1,2}日、?|今年|之后|目前|由)+"
)
# Bodies named as the meeting they hold (30次区委常委会“第一议题”学习; 召开…领导小组会议), outside titles.
MEETING_BODY: Words = (
    (r"(?<![《提交向省市区县])(?:[省市区县]委|[省市区县]?纪委)(?:常委会|理论学习中心组|中心组)(?![^《》]*》)", ""),
    (r"(?<=召开)[^,,。;;《》“”0-9]{2,12}?(?:领导小组|常委会|委员会)(?=(?:\(扩大\))?会议)", H),
)
# The author of a document the measure issues (出台《郑州市惠济区财政局关于…》).
AUTHOR: Words = ((r"(?<=(?:出台|印发|制定)《)[^《》]{2,16}?" + BODY_END + r"(?=关于|[0-9]{4}年)", H),)
# A body set up by the measure, shown acting (成立检查组于…, 成立整改工作专班).
SET_UP: Words = ((r"(?<=成立)“?[^,,。;;、《》0-9的]{0,10}?(?:检查组|检查小组|督导组|专班|突击队)”?", H),)
NOT_BODY = re.compile(
    r"^(?:干部|全部|内部|外部|局部|部门|小组|组织|中心|全体|全市|全区|全县|有关部门|相关部门|各部门|各单位|重点|重要"
    r"|党员|工作|群众|各级|全区各级|县乡村|乡村|城乡)$|^各级|书记|主要负责|领导干部|负责人|委员$|常委$|主任|局长|部长|问题|工作组织"
    r"|(?:生活|推进|调度|部署|座谈|见面|专题|动员|大)会$"  # a meeting held is no body
)


def lead(measure: str, marker: str = "") -> str:
    """The lead phrase: after the marker (一是) up to the first 。, comma or semicolon."""
    body = measure[len(marker) :] if marker and measure.startswith(marker) else measure
    return re.split(r"[。,,;;::]", body, maxsplit=1)[0]


@cache
def _kind_rows(skip: Skip) -> list[tuple[re.Pattern[str], MeasureKind]]:
    return [(re.compile(p), kind) for p, kind, origin in KIND if kept(origin, skip)]


def measure_kind(text: str, marker: str = "", skip: Skip = NO_SKIP) -> MeasureKind:
    rows = _kind_rows(skip)
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
    body = re.sub(r"《[^《》]*》", "《》", body)  # a title's words and digits are not the measure's
    body = re.sub(r"(每[周月年季日天半][^。,,;;]{0,10}?)[0-9]+", r"\1", body)  # 每年听取2次: a frequency, no result
    for where, pattern, status, origin in STATUS:
        if kept(origin, skip) and re.search(pattern, head if where == "lead" else body):
            return status
    return "not_stated"


def responsible(text: str, start: int, skip: Skip = NO_SKIP) -> list[Span]:
    """Bodies the measure ``text`` (at ``start`` in the source) shows acting: a clause's subject followed by an
    acting verb (each of a list of them: 区民宗局、市场监管局和各镇(街道)对…), the body behind a meeting it
    names, the author of a document it issues. In order of first mention, each once."""
    found: list[tuple[int, int]] = []
    pos = 0
    for piece in CLAUSE.split(text):
        lo = pos
        pos += len(piece) + 1
        opener = OPENER.match(piece)
        at = opener.end() if opener else 0
        found += [(lo + s, lo + e) for s, e in _clause_subjects(piece, at, skip)]
    for words in (MEETING_BODY, AUTHOR, SET_UP):
        found += [(m.start(), m.end()) for m in _alt(words, skip).finditer(text)]
    out: list[Span] = []
    seen: set[str] = set()
    for s, e in sorted(found):
        name = text[s:e]
        if name in seen or NOT_BODY.search(name):
            continue
        seen.add(name)
        out.append(Span(text=name, start=start + s, end=start + e))
    return out


def _clause_subjects(piece: str, at: int, skip: Skip) -> list[tuple[int, int]]:
    """The bodies that open ``piece[at:]`` (one, or a list joined by 、/和) followed by an acting verb."""
    starts, acting = _alt(BODY_START, skip, "^(?:{})"), _alt(ACTING, skip, "^(?:{})")
    names: list[tuple[int, int]] = []
    s = at
    while s < len(piece) and starts.match(piece[s:]) and not (acting.match(piece[s:]) or NOT_START.match(piece[s:])):
        ends = _name_ends(piece, s, skip)
        e = next((e for e in ends if acting.match(piece[e:])), 0)
        if e:
            return [*names, (s, e)]
        e = next((e for e in ends if piece[e : e + 1] in ("、", "和", "及")), 0)
        if not e:
            return []
        names.append((s, e))
        s = e + 1
    return []


_BRACKETED = re.compile(r"\([^()]*\)")
_NAME_STOPS = re.compile(r"[,,。、”《》0-9的和及对已]|开展|召开|申报|(?<=.)“")  # what never stands in a body's name


def _name_ends(piece: str, s: int, skip: Skip) -> list[int]:
    """Where a body name from ``s`` may end (not where a longer one goes on: 区委|组织部), shortest first."""
    more = _alt(BODY_END_MORE, skip, "(?:{})$")
    out = []
    for e in range(s + 2, min(len(piece), s + 16) + 1):
        name = piece[s:e]
        bare = _BRACKETED.sub("", name)  # 乡(镇、办)党委: what stands in brackets does not break a name
        if "(" in bare:
            continue
        if _NAME_STOPS.search(bare):
            break
        if (_ENDS_BODY.search(name) or more.search(name)) and not LONGER.match(piece[e:]):
            out.append(e)
    return out


# --- figure subject -----------------------------------------------------------------------------------------
SEGMENT_MARKS = ",,;;。::!!??\n"
SEGMENT = re.compile(f"[{SEGMENT_MARKS}]")
# How far a figure's segment and sentence are read either side (a longer one names no single counted thing;
# the bound keeps a page-long line linear).
SPAN_CHARS, CLAUSE_CHARS = 40, 200
# What opens the segment before the counted thing: time, scope, adverbs (今年以来, 全市, 累计, 其中, 第一批).
SUBJECT_OPENER: Words = (
    (
        r"今年以来|今年|去年|年初|近年来|目前|截至目前|截至|截止|其中|同时|共计|累计|共|全年|全市|全区|全县|全省|我区|我市",
        "",
    ),
    (
        r"[0-9]{4}年(?:[0-9]{1,2}月)?(?:以来|至今|底|份)?|[0-9]{1,2}[-—~至][0-9]{1,2}月(?:份)?|[0-9]{1,2}月(?:份|底)?",
        "",
    ),
    (r"以来|至今|先后|总共|一共|、|和|及", ""),
    (r"第[一二三四五六七八九十]+批|首批|[一二三四]季度|上半年|下半年|期间|预计|再|并", H),
    (r"中心城区|市区|省定|市定|市级", XU),
    (r"占(?!比)|按照|的", f"{H}+{XU}"),  # 占财政支出的73.1% → 财政支出 (but 占比 is the quantity)
)
# Verbs before the counted noun: the subject is what follows the last of them (开展文艺演出 → 文艺演出;
# 侦破涉黑涉恶案件 → 涉黑涉恶案件), but a bare noun keeps its verb (追缴资金, 投入资金, 完成投资).
CUT_VERB: Words = (
    (
        r"侦破|开展|召开|举办|组织|落实|发放|编印|发送|编发|认定|查处|取缔|拆改|谋划|确定|推荐|建立|建成|制定|印发|出台",
        "",
    ),
    (r"修订|完善|走访|实施|打造|创建|培育|引进|签订|设立|配备|安排|投入|拨付|筹集|追缴|清退|收缴|受理|办理|梳理", ""),
    (
        r"创作|提供|拥有|纳入|列入|推出|作出|提出|下发|给予|学习(?=习近平|贯彻|党的|中央)|研究|新增|增加|规划|涉及|举行|(?<!新)排查",
        H,
    ),
    (r"实现|组建|成立|派出|接收|招聘|改扩建|新改建|新建|听取", XU),
    (r"入库|预设|增设|完成", XC),
)
# nouns that keep their verb, and states that are the verb (投入使用, 已开工)
BARE = frozenset(
    {"资金", "投资", "群众", "人员", "资产", "金额", "收入", "面积", "使用", "运行", "开工", "完工", "竣工"}
)
# A segment that only compares with before (比清理前减少92个, 同比增加2.4亿元): it counts what the figure
# before it in the sentence counts.
COMPARE: Words = ((r"(?:比|较|同比|环比)[^,,。;;]{0,6}?(?:增长|增加|减少|下降|上升|提高|降低)了?", f"{H}+{XU}"),)
# What a segment's tail may end with before a number (…达到13个, …的62.88%): dropped from the subject.
TRAIL: Words = (
    (r"共有|有|达到|达|为|共|累计|共计|约|近|超过|完成|实现|占|的|不低于|不少于|计|合计|总数|总计", ""),
    (r"中", H),
    (r"同比增长|增长|保持|下降|增加|减少|上升|提高", XU),
    (
        r"至少|安排",
        XU,
    ),  # 讲专题党课至少1次, 科技支出预算安排33977万元  # 固定资产投资增长13.2%: the quantity, not its change
)
# A segment ending like this hands the number to the noun after it (新增6个教学班, 荟同等5所国际学校).
HAND_ON: Words = (
    (r"的|等|对|有|新增|认定|调阅|确定|选派|配备|涉及|组织|培育|推荐|打造|建成|开办", ""),
    (r"研究|督促|先后|向|全区|全市|全县|开展|举办|召开|发放|创作|提出", H),
    (r"组建|成立|派出|签|建设|改扩建|新改建|新建|接收|招聘|配送|听取|改造提升|及|和|、", XU),
    (r"了|其|所辖|下设|剩余|其余|先后|确保", f"{H}+{XU}"),  # 拟定了20余套题目, 及其7个配套文件
)
FIGURE_AT = re.compile(r"^[0-9][0-9.,]*(?:余|多)?[^\s,,。;;、0-9\u4e00-\u9fff]?[\u4e00-\u9fff]{0,2}")
# Where the noun after a number stops (幼儿园|交付使用, 村|实现…, 施工工地|全部安装).
AFTER_STOP: Words = (
    (r"[0-9,,。;;::、《]|的|和|及|已|在|到|实现|开展|交付|按照|全部|进行|参与|签订|落户|实施|达到|共|开工|竣工", ""),
    (r"完成|被|获|共计|为|由|从|于|参加|接受|覆盖|中排名|投资增速", ""),
    (r"荣|监督|检查|纳入|申报|公开|通报", H),
    (r"以上", XC),
)


def figure_subject(
    text: str, fig: Figure, lo: int, hi: int, skip: Skip = NO_SKIP, before: Figure | None = None
) -> Span | None:
    """The verbatim shortest span of the figure's comma segment (inside ``[lo, hi)``) naming what it counts:
    the noun after the number where the words before hand it on (新增6个教学班), else the words before it
    (after the figure ``before`` it, if any), trimmed of time, scope and the verb that the noun alone says
    (侦破涉黑涉恶案件195起 → 涉黑涉恶案件). Where the segment only compares (比清理前减少92个), the subject of
    the figure before it in the sentence."""
    s, e = _segment(text, fig.start, fig.end, max(lo, fig.start - SPAN_CHARS), min(hi, fig.end + SPAN_CHARS))
    b = max(s, before.end) if before else s
    compares = _alt(COMPARE, skip, "^(?:{})$").match(text[b : fig.start])
    if compares and before and before.subject and "。" not in text[before.end : fig.start]:
        return before.subject
    op = _alt(SUBJECT_OPENER, skip, "^(?:{})+").match(text[b : fig.start])
    b += op.end() if op else 0
    trail = _alt(TRAIL, skip, "(?:{})+$").search(text[b : fig.start])
    core_hi = fig.start - (len(trail.group()) if trail else 0)
    a = fig.end
    nxt = FIGURE_AT.match(text[a:e])  # 25条65公里彩色慢行道路系统: the noun after the next figure
    a += nxt.end() if nxt else 0
    a += text.startswith("的", a)
    after_hi = _after_end(text, a, e, skip)
    ends_like_handing = _alt(HAND_ON + CUT_VERB, skip, "(?:{})$").search(text[s : fig.start])
    hand_on = core_hi <= b or ends_like_handing or re.search(r"[0-9]$", text[s : fig.start])
    if after_hi > a and hand_on and re.fullmatch(r"[\u4e00-\u9fffA-Za-z“”()()、]+", text[a:after_hi]):
        return Span(text=text[a:after_hi], start=a, end=after_hi)
    if core_hi <= b:
        return None
    for m in _alt(CUT_VERB, skip).finditer(text, b, core_hi):
        if core_hi - m.end() >= 2 and text[m.end() : core_hi] not in BARE:
            b = m.end()
    return Span(text=text[b:core_hi], start=b, end=core_hi) if core_hi > b else None


def _segment(text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    """The comma segment around ``[start, end)``, inside ``[lo, hi)``."""
    return _back(text, SEGMENT_MARKS, lo, start), _ahead(text, SEGMENT_MARKS, end, hi)


def _back(text: str, marks: str, lo: int, at: int) -> int:
    """Just after the last of ``marks`` in ``text[lo:at]``, or ``lo``."""
    return max(lo, *(text.rfind(ch, lo, at) + 1 for ch in marks))


def _ahead(text: str, marks: str, at: int, hi: int) -> int:
    """The first of ``marks`` in ``text[at:hi]``, or ``hi``."""
    return min(hi, *((i if (i := text.find(ch, at, hi)) >= 0 else hi) for ch in marks))


def _after_end(text: str, a: int, e: int, skip: Skip) -> int:
    """Where the noun after a number stops, reading through brackets (县(市、区)) whole."""
    stop = _alt(AFTER_STOP, skip)
    i = a
    while i < e:
        if text[i] == "(":
            close = text.find(")", i, e)
            if close < 0:
                return i
            i = close + 1
            continue
        if stop.match(text, i):
            return i
        i += 1
    return e


# --- figure indicator ---------------------------------------------------------------------------------------
# (where, pattern, indicator, origin): where is "text" (the figure), "subject", "segment" (the figure's comma
# segment up to it), "money" (that segment, for a sum of money only) or "clause" (its sentence up to the
# end of that segment). The first row that matches decides; else people for people units, else other.
INDICATOR: Sequence[tuple[str, str, Indicator, str]] = (
    ("text", r"%|个百分点|成$|倍$", "other", ""),  # growth rates and shares are other, even of money
    ("segment", r"增长|下降|同比|比重|占比|排名|位居|率", "other", ""),
    ("subject", r"已完成整改|整改到位|销号|办结|已整改", "problems_done", ""),
    ("segment", r"已完成整改|整改到位|已整改|销号", "problems_done", ""),
    ("segment", r"已完成$", "problems_done", XC),  # 已完成7项: of the items counted before
    ("subject", r"线索|信访|举报", "leads", ""),
    ("subject", r"案件|立案|审查调查|审结|查处|侦破|起诉", "cases", ""),
    ("subject", r"处分|开除|撤职|刑事拘留|逮捕|移送司法|判处|党纪政务|党政纪", "punished", ""),
    ("subject", r"警告|记过|留党察看|政务处分", "punished", H),
    ("subject", r"问责|组织处理|诫勉|约谈|提醒谈话|批评教育|通报批评|责令检查|责任追究|第一种形态", "accountable", ""),
    ("subject", r"追缴|清退|收缴|退还|追回|挽回|查封|冻结|扣押|退缴", "funds_recovered", ""),
    ("money", r"产值|收入|总额|签约|生产总值|GDP|销售|营业|税收|利润|增加值|交易额", "other", ""),  # economic results
    ("unit", r"元$", "funds_spent", ""),  # money is spent unless recovered or an economic result (above)
    ("subject", r"制度|机制|办法|规定|细则|规则|规程", "rules", ""),
    ("subject", r"方案|通知|文件|清单|明传电报|发文|意见书|通报$", "documents", ""),
    ("subject", r"培训|轮训|培训班|专题班", "training", ""),
    ("subject", r"会议|学习|研讨|党课|民主生活会|谈心谈话|座谈|宣讲|例会|讲座|谈话", "meetings", ""),
    ("subject", r"会$", "meetings", H),  # 见面会, 推进会
    ("subject", r"督查|检查|暗访|抽查|审计|巡察|督导|巡查|走访", "inspections", ""),
    ("subject", r"排查", "inspections", H),
    ("subject", r"问题|任务|整改事项|事项|整改意见", "problems", ""),
    ("clause", r"追缴|清退|收缴|退还|追回|挽回", "funds_recovered", ""),
    ("clause", r"立案|查处|审查调查", "cases", ""),
    ("clause", r"问责|诫勉|约谈|组织处理|责任追究", "accountable", ""),
    ("clause", r"培训|轮训", "training", ""),
    ("clause", r"督查|检查|暗访|抽查|审计", "inspections", ""),
    ("clause", r"(建立|修订|完善|出台)[^,,。]{0,8}制度", "rules", H),
)
PEOPLE_UNITS = frozenset({"人", "名", "人次", "位"})


@cache
def _indicator_rows(skip: Skip) -> list[tuple[str, re.Pattern[str], Indicator]]:
    return [(where, re.compile(p), ind) for where, p, ind, origin in INDICATOR if kept(origin, skip)]


def figure_indicator(fig: Figure, subject: Span | None, segment: str, clause: str, skip: Skip = NO_SKIP) -> Indicator:
    hay = {"text": fig.text, "unit": fig.unit, "subject": subject.text if subject else "", "segment": segment}
    hay |= {"clause": clause, "money": segment if fig.unit.endswith("元") else ""}
    for where, pattern, indicator in _indicator_rows(skip):
        if pattern.search(hay[where]):
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
    for i, f in enumerate(figures):
        f.subject = figure_subject(text, f, lo, hi, skip, figures[i - 1] if i else None)
        s, e = _segment(text, f.start, f.end, max(lo, f.start - SPAN_CHARS), min(hi, f.end + SPAN_CHARS))
        c = _back(text, "。;;\n", max(lo, f.start - CLAUSE_CHARS), f.start)
        f.indicator = figure_indicator(f, f.subject, text[s : f.start], text[c:e], skip)
        f.sources.update({"subject": "rules", "indicator": "rules"})


def label_problem(text: str, p: Problem, skip: Skip = NO_SKIP) -> Problem:
    """``p`` with every measure and figure labelled by the tables (in place)."""
    for m in p.measures:
        label_measure(m, skip)
    label_figures(text, p.figures, p.title.start, p.body.end if p.body else p.finding.end, skip)
    return p
