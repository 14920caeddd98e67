"""Rules labelers of a figure: its ``subject`` (the verbatim words naming what it counts, from the comma
segment around the number) and its ``indicator`` (one of the contract's fixed meanings, from subject, segment,
sentence and unit)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache
from typing import NamedTuple

from ..schemas import Figure, Indicator, Span
from .cues import CO, IN, NO_SKIP, PD, PV, XC, XU, H, Skip, Words, alternation, kept, span
from .subject_model import inheriting, trimmed

# --- figure subject -----------------------------------------------------------------------------------------
SEGMENT_MARKS = ",,;;。::!!??\n"
SENTENCE_MARKS = "。;;\n"
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
    # what qualifies the number before (5万元以下的村41个: the contract's 以上 and 左右 are outside its text)
    (r"以上|以下|以内|左右", ""),
    # the parts of a year are time as the words above are (2022年第四季度, 上半年)
    (r"第?[一二三四]季度|上半年|下半年", ""),
    # a list marker (三是, 3., (2)) names nothing: the contract's subject is the words naming the counted thing
    (r"[一二三四五六七八九十]+是|[0-9]{1,2}\.(?![0-9])|\([0-9一二三四五六七八九十]{1,2}\)", ""),
    (r"第[一二三四五六七八九十]+批|首批|期间|预计|再|并", f"{H}+{CO}"),
    # 督促 (督促兑付账款1.86亿元): the body urged to act is none of what is counted, the act after is
    (r"督促(?!整改)", "w2b_04"),
    # 将 used as 把 (将单项金额10亿元以上的…): what it takes is named after it
    (r"将", "insurer+w2b_04"),
    # the rest of the items counted before (已整改17个,剩余2个): where nothing follows, the subject before
    (r"剩余|其余", f"{PD}+{CO}+wild11"),
    (r"中心城区|市区|市定|市级", XU),
    (r"占(?!比)|按照|的", f"{H}+{XU}+{PD}+{PV}"),  # 占财政支出的73.1% → 财政支出 (but 占比 is the quantity)
    (r"特别是|高于|对", f"{XU}+{PV}+{IN}"),  # 特别是市直科技支出预算, 高于规模以上工业增速
    # the people something is done for (为患者减免费用 → 减免费用): the act is counted, not them
    (r"为(?:群众|患者|干部|职工|学生|农户|居民|老年人|贫困人口|困难群众)", f"{XU}+{CO}+wild02+wild04+wild10"),
)
# What must follow a checking or training verb of the cut table below: a noun of two characters at least, and
# (INSPECTED, the contract's verbs) none that alone would not say what is counted nor a group's name, or (CHECKED,
# the others) none that names the whole stock or a duration. Joined to each verb (a group of verbs first would make
# the regex engine try the table at every position: about five times slower).
INSPECTED = r"(?=[\u4e00-\u9fff]{2})(?!项目|[\u4e00-\u9fff]{0,4}事项|[\u4e00-\u9fff]{0,2}组(?!织))"
CHECKED = r"(?=[\u4e00-\u9fff]{2})(?!对象|人员|[\u4e00-\u9fff]{0,2}(?:资金|时限))"
# Verbs (and words that work like them) before the counted noun: the subject is what follows the last of them
# (开展文艺演出 → 文艺演出; 侦破涉黑涉恶案件 → 涉黑涉恶案件), but a bare noun keeps its verb and nothing before
# it (追缴资金, 省市重点项目完成投资 → 完成投资).
CUT_VERB: Words = (
    # a verb with its complement 出 (排查出问题14个 → 问题), before the verbs alone
    (r"排查出|清理出|梳理出|查摆出|查找出|查出", "wild01+wild04+wild05"),
    (
        r"侦破|开展|召开|举办|组织|落实|发放|编印|发送|编发|认定|查处|取缔|拆改|谋划|确定|推荐|建立|建成|制定|印发|出台",
        "",
    ),
    (r"修订|完善|走访|实施|打造|创建|培育|引进|签订|设立|配备|安排|投入|拨付|筹集|追缴|清退|收缴|受理|办理|梳理", ""),
    # (排查项目 keeps its verb, as the contract's 检查项目 below: 项目 alone would not say what is counted)
    (
        r"提供|拥有|纳入|列入|推出|作出|提出|下发|给予|学习(?=习近平|贯彻|党的|中央)|研究(?!生|院|所)|规划|涉及|举行|排查(?<!新排查)(?!项目)",
        f"{H}+{PD}+{CO}+{IN}",
    ),
    # the contract's inspection words, verbs before the noun of what they check (检查车辆64辆 → 车辆), but not where
    # that noun alone would not say what is counted (检查项目, 审计决策事项), nor in a group's name (督查小组), nor
    # at the end of a noun (开展1次联合督查). Its training words stay (培训干部420人次): the people alone would be a
    # count of people, not of people trained, as 刑事拘留278人 keeps its verb
    ("|".join(w + INSPECTED for w in ("督查", "检查", "抽查", "暗访", "审计")), ""),
    # more checking verbs, cut as the contract's are (核查房源1846套 → 房源), but not before a noun that alone would
    # name the whole stock (核查对象, 核查人员, 核查补贴资金) or a duration (审查时限)
    (
        "|".join(w + CHECKED for w in ("核查", "审查", "评查", "清查", "抽测")),
        "wild02+wild03+wild06+wild07+wild08+wild11+wild13",
    ),
    # 查阅干部档案463卷 → 干部档案: files read through are checked, cut as 核查 is
    ("查阅" + CHECKED, "w2a_02+w2b_01+w2b_04"),
    # 收集群众评价2.1万条 → 群众评价: what is collected is named by its noun
    (r"收集", "w2b_02+w2b_03"),
    # people adjusted (调整处级干部23名 → 处级干部), but not a compound verb (调整交流, 调整撤换)
    (r"调整(?!交流|撤换)", "w2a_01+w2a_03+w2a_04"),
    # the body's meeting before its first-topic study (党组会议“第一议题”学习23次 → “第一议题”学习): the shortest
    # span naming what is counted
    (r"会议(?=[“\"]第一议题)", "wild02+w2a_01+w2a_04"),
    # 审核档案97份 → 档案, but not where it qualifies the noun (法制审核意见, 前置审核的文件)
    ("审核" + CHECKED + "(?!意见|的)", f"{H}+{XU}+wild02+wild13"),
    # how often (局党组每半年专题研究1次): the act after it is counted
    (r"每半年|每季度|每年|每月|每周", f"{PD}+wild01+wild08+wild10"),
    # the light verb 进行 (对相关责任人进行诫勉谈话2人次 → 诫勉谈话), and verbs that clear, keep or rectify the
    # counted thing (清理生活垃圾860吨, 储备后备干部36名, 整顿软弱涣散村党组织15个)
    (r"进行|清理|储备|整顿", "wild03+wild04+wild05+wild08+wild09+wild12+wild13"),
    # problems found (发现问题17个 → 问题): 问题 alone says what is counted (the dev and held-out gold keep the
    # verb where it leads the segment, the wild gold drops it), but not one verb of a pair (发现、解决问题)
    (r"发现(?!、)", f"{PD}+{PV}+{CO}+{IN}+wild02+wild03+wild05+wild06+wild07+wild08+wild10+wild11+wild13"),
    # verbs that build, renew, fill or pick the counted thing (改造提升敬老院7所, 补齐缺失材料41份, 评选党员先锋岗12个),
    # not the nouns of works they make (技术改造投资, 城市更新项目, 改造提升工程)
    (
        "|".join(f"{w}(?!投资|项目|工程)" for w in ("改造提升", "规范提升", "提档升级", "改造", "更新"))
        + "|新发展|补齐|补充|摸清|评选|重用|撰写|吸纳|刻制",
        "wild01+wild02+wild03+wild04+wild05+wild06+wild08+wild10+wild11+wild12",
    ),
    # verbs that build or appoint the counted thing, which its noun alone says (新建高标准农田12.5万亩 → 高标准农田,
    # 提拔使用年轻干部37名 → 年轻干部: the contract's rule; the dev and held-out gold keep 新建, 新建道路21条)
    (r"新建|改建|提拔使用|选拔任用", "wild01+wild04+wild06+wild09+wild10+wild12+wild14"),
    # and verbs that reach the people counted (惠及居民5320户 → 居民, 带动农户380户 → 农户), but not 带动就业 (jobs
    # made: 就业 alone says no count); the held-out gold keeps 惠及 (惠及群众529人次)
    (r"惠及|带动(?!就业)", f"{XU}+wild01+wild03+wild04+wild08+wild12+wild13"),
    # rectifying before the problems or hazards counted (整改问题21个 → 问题, 督促整改问题67个 → 问题), not a noun
    # that 整改 qualifies (整改任务, 整改通知书) nor a rectification denied (未按期整改问题, 未完全整改问题: those
    # words are the noun); province's gold keeps 督促整改问题
    (
        r"督促整改(?=[^,,。;;0-9]{0,4}(?:问题|隐患))|整改(?<![未期全]整改)(?=[^,,。;;0-9]{0,4}(?:问题|隐患))",
        "wild02+wild03+wild05+wild09+wild11+wild12+wild13",
    ),
    # the post held before a tenure (在同一岗位任职满5年 → 任职)
    (r"岗位(?=任职)", "w2a_01+w2b_03+w2c_01+w2c_04"),
    # the speaker before the lectures counted (局党组成员讲专题党课8次 → 专题党课)
    (r"讲(?=专题党课|党课)", f"{XU}+wild01+wild05"),
    # the holders of the duties counted (明确党组书记、班子成员责任事项36项 → 责任事项)
    (
        r"成员(?=责任事项)|班子(?=责任事项)|书记(?=责任事项)|负责人(?=责任事项)|党组(?=责任事项)|党委(?=责任事项)|\)(?=责任事项)",
        f"{PD}+{PV}+{CO}+{IN}+wild01+wild06",
    ),
    (r"创作", f"{H}+{XC}"),
    (r"新增", f"{H}+{XU}"),
    (r"增加", f"{XU}+{CO}"),
    (r"实现|组建|成立|派出|接收|改扩建|新改建|听取", XU),
    (r"预设|增设", XC),
    # 新入库规上工业企业 → 规上工业企业, but people put in a pool keep it (入库干部58名): 干部 alone would be all of them
    (r"入库(?![^,,。;;0-9]*(?:干部|人才|人员))", f"{XC}+{H}+{PD}+{CO}+{IN}+wild09"),
    (r"完成", f"{H}+{XC}+{XU}+{PV}"),
    (r"明确", f"{H}+{PD}+{PV}+{CO}+{IN}"),
    (r"移交", f"{PD}+{CO}"),
    (r"形成|细化|选派|妥善处置|滚动储备", f"{PD}+{PV}+{IN}"),  # 移交问题线索: what was handed on
    (r"累计|已", f"{XU}+{PV}+{IN}"),  # 县乡村累计投入, 棚改融资已到位: what follows them
    # 海报、提示牌等宣传标识: the kind after the examples; but 等次 is a grade (考核等次)
    (r"等(?!次)", f"{H}+{XC}+{XU}+{CO}+{IN}"),
    (r"印制|保留|提拔|的", f"{XU}+{CO}"),  # 市纪委参与的议事协调机构 → 议事协调机构
)
# Nouns that end with a verb of the cut table: the noun after a number runs on through them. (党组织: written when
# the dev and held-out reports were the pool, its first use after a number and then before one, province's
# 党组织书记; tagged with the reports of then whose subjects it keeps.)
NOUN_NOT_VERB: Words = (("党组织", f"{H}+{XU}+{PD}+{PV}+{CO}+{IN}"),)
# nouns that keep their verb, and states that are the verb (投入使用, 已开工)
BARE = frozenset(
    {"资金", "投资", "群众", "人员", "资产", "金额", "收入", "面积", "使用", "运行", "开工", "完工", "竣工"}
)
# The nouns that alone would not say what a check counted (INSPECTED: 检查项目, 审计决策事项): a subject keeps
# the words before them.
NOT_ALONE = frozenset({"项目", "事项"})
# The contract's terms that start with a verb and name what is counted whole: no cut inside them.
TERM: Words = (
    (r"组织处理|刑事拘留|通报批评|批评教育|提醒谈话|谈心谈话|集中学习|责令检查|移送司法|审查调查", ""),
    # matters a body deliberates or handles (前置研究事项, 研究决定事项, 办理时限): the verb says which matters
    (r"研究(?:决定)?事项|办理(?:事项|时限)", "wild07+wild10+w2a_02+w2b_01+w2c_03+w2c_04"),
)
# A segment that only compares with before (比清理前减少92个, 同比增加2.4亿元): it counts what the figure
# before it in the sentence counts.
RANGE_MARKS = "至~—-"  # between numbers that share one unit (1至2年)
COMPARE: Words = (
    (r"(?:比|较|同比|环比)[^,,。;;]{0,6}?(?:增长|增加|减少|下降|上升|提高|降低)了?", f"{H}+{XU}+{PV}"),
    # the second of a from-to pair (权重由3分提高到5分, 锻炼期限1至2年): the words between are only its verb, and
    # the counted thing is named before the first (the contract: the words before its verb, from the sentence)
    (r"[^,,。;;0-9]{0,3}?(?:至|到|为)", ""),
    # a number sharing the unit of the one before (锻炼期限1至2年: the contract's 2至4个 are one count each)
    ("[" + RANGE_MARKS + "]", ""),
    # or only says they were rectified (反馈问题25个,已完成整改19个): the segment leaves the thing out
    (r"(?:其中|目前)?已?(?:完成整改|整改到位|整改|销号|办结)", ""),
    # or only says how many of them already do (11个县中已有8个通过…验收, 已有13个转化升级)
    (r"中?已有", "provdept+wild02+wild04+wild05"),
    # or that their reorganisation is done (排查整顿软弱涣散社区党组织6个,已完成整顿5个)
    (r"(?:其中|目前)?已?完成整顿", "wild12+w2a_03+w2c_01"),
)
# What a segment's tail may end with before a number (…达到13个, …的62.88%): dropped from the subject.
TRAIL: Words = (
    # 近, 约, 超 qualify the number (the contract: before it, outside the figure's text)
    (r"共有|有|达到|达|为|共|累计|共计|约|近|超过|超|完成|实现|占|的|不低于|不少于|计|合计", ""),
    (r"中", H),
    (r"增长", f"{H}+{XU}"),  # 固定资产投资增长13.2%: the quantity that grows
    (r"同比增长|下降|增加|减少|上升|提高", f"{XU}+{PD}+{PV}+{CO}+{IN}"),
    (r"保持", XU),
    (r"同比|首次突破|前移|已批复|已达标", f"{XU}+{PD}+{PV}+{CO}+{IN}"),
    (r"至少|安排", XU),  # 讲专题党课至少1次, 科技支出预算安排33977万元
    # the first of a from-to pair (权重由3分提高到5分): 由 and what follows it name nothing
    (r"由[^,,。;;由]{0,10}", ""),
    (r"可|均|仅", f"{PD}+{CO}"),  # adverbs before the number: 年产值可达12亿元, 开工率仅62%
    # the verb that changes the quantity to the number (the contract: the words before its verb)
    (
        r"控制在|缩短至|缩短到|压缩至|压缩到|压减至|压减到|精简至|下降至|下降到|减少至|减少到|提高至|提高到",
        "",
    ),
    (r"稳定在|保持在|提升至|提升到|扩大到|扩大至|增加到|增加至", "wild01+wild02+wild04"),
    (r"满", "w2a_01+w2b_03+w2c_01+w2c_04"),  # a tenure's 满 (任职满5年 → 任职)
    # the base a change is measured from (有息债务较年初减少12.4亿元 → 有息债务)
    (r"较年初|较上年|比年初|比上年", "wild07+w2a_02+w2b_03"),
    # the term of a posting (挂职期限1年 → 挂职): a duration names the activity it measures (the contract), and
    # 期限 names only the duration
    (r"期限", "w2a_04+w2b_01+w2b_04+w2c_01+w2c_03+wild01+wild06+wild13"),
)
# A growth rate or a share names the quantity it measures (the contract's clarification): the words that
# say it changed or is a part (增长, 同比下降, 占…) are none of its subject (固定资产投资增长13.2% → 固定资产投资).
RATE_UNITS = frozenset({"%", "个百分点", "倍", "成"})
RATE_TRAIL = re.compile(
    r"(?:同比|环比|(?:比(?!例|重)|较)[^,,。;;0-9]{0,8}?)?(?:增长|下降|减少|增加|上升|提高|降低)了?(?:到|至)?$|(?:同比|环比|由)$"
)
RATE_OPENER = re.compile(r"占(?!比)")
# A duration names the activity it measures (the contract's clarification): a system that runs it is none of
# it (24小时舆情监测机制 → 舆情监测).
DURATION_UNITS = frozenset({"个工作日", "工作日", "天", "小时", "分钟", "个月", "周"})
SYSTEM_AFTER: Words = ((r"机制|制度|体系", f"{PD}+{IN}"), (r"值守|值班", "w2b_02+w2c_01"))  # …or the watch kept
# A tenure before 的 (在同一岗位任职满5年的干部, 账龄超过3年的应收账款) only qualifies the noun after it: the
# activity before names the duration (the contract), not the people or things after.
TENURE: Words = ((r"满|超过", "w2a_01+w2a_02+w2b_03+w2c_01+w2c_04"),)
# The contract's verbs that recover or spend money: before a sum's noun they say what it counts, which the noun
# alone would not (its 追缴资金; 清退违规发放资金, 投入村级组织运转经费), so the subject starts at the first of them.
MONEY_VERB: Words = (
    (r"追缴|清退|收缴|退还|追回|挽回|查封|冻结|扣押|投入|拨付|筹集|发放", ""),
    # money returned or collected back, like the contract's 退还 and 追回 (退回不合理收费, 清收不良贷款)
    (r"退回|返还|清收|补缴", "w2a_02+w2b_01+w2b_02+w2b_03+w2c_04"),
)
# Nouns after a number of times that name what the act before it is about, not what is counted: the act is
# (专题研究1次党风廉政建设工作 → 专题研究).
TOPIC_AFTER: Words = ((r"工作", "wild01+wild08+wild10"),)
# The characters a noun after a number is made of, and the next figure, which the noun after may follow.
NOUN = re.compile(r"[\u4e00-\u9fffA-Za-z“《][\u4e00-\u9fffA-Za-z“”《》()()、]*")
FIGURE_AT = re.compile(r"[0-9][0-9.,]*(?:余|多)?[^\s,,。;;、0-9\u4e00-\u9fff]?[\u4e00-\u9fff]{0,2}")
DIGIT = re.compile("[0-9]")
# Where the noun after a number stops (幼儿园|交付使用, 村|实现…, 施工工地|全部安装).
AFTER_STOP: Words = (
    ("|".join("0123456789,;:。、《"), ""),  # digits and marks, one by one (see _subject_rules)
    (
        r"的|和|及|已|在(?!建)|(?<=[\u4e00-\u9fff]{2})在建|到|实现|开展|交付|按照|全部|进行|参与|签订|落户|实施|达到|共|开工|竣工",
        "",
    ),
    (r"完成|被|获|共计|为|由|从(?!严)|于|参加|接受|覆盖|中排名|投资增速", ""),
    (r"荣|监督|检查|申报|公开|通报|撰写|立案|投入使用|分发", H),
    (r"纳入|中(?=[,,。;;、0-9]|$)", f"{H}+{XU}"),  # 36个行政村中, 5个村…
    (r"以上", f"{XC}+{XU}+{CO}+{IN}"),
    (r"依据", H),  # 9条依据规划有序推进: a verb, no noun
    (r"正在|均", XU),
    (r"作为|做到|累计|基本|与|等|担任|交流|落地|紧盯|分类|执行|每周|建设$", XU),
    # adverbs and verbs that begin what is done with the noun (12处房产逐一规范合同, 23个项目存在…问题)
    (r"逐一|逐项|逐户|依法|分别|实行|存在|仅", f"{PD}+{CO}+{IN}"),
    (r"逐", "w2a_03+w2c_04"),  # and any 逐 (2个软弱涣散村党组织逐村制定整顿方案, 11宗闲置土地逐宗制定…)
    # the base a change is measured from (1.8亿立方米,较2020年下降…, 较上年末…)
    (r"较(?=[0-9]|上年|去年|年初)", "w2a_04+w2c_03"),
    (r"月(?![\u4e00-\u9fff])", f"{PD}+{PV}"),  # 挂职期限6个月: no noun of the number
    # the matter of the units a check covers, after their name (对61个单位公务接待开展专项检查 → 单位), not
    # the noun itself (14辆公务用车): two characters of the name before it at least
    (
        r"公务(?<=[\u4e00-\u9fff]{4})(?!员)|意识形态(?<=[\u4e00-\u9fff]{6})|“三会一课”(?<=[\u4e00-\u9fff]{2}“三会一课”)",
        f"{H}+{CO}+{IN}+wild09",
    ),
)
# A clause after a number that only qualifies the noun after its 的 (对2名工作不实的干部进行批评教育 → 干部, 对3家未按规定
# 检验的使用单位立案查处 → 使用单位): the noun names the counted thing, the shortest span that does.
QUALIFIER: Words = (
    (r"负有[^的]*|未[^的]*|造成[^的]*|[^的]*不力|[^的]*不实", "wild01+wild06+wild11+wild14+w2c_01+w2c_02+w2c_04"),
)
# What follows a number as part of it before its noun (10蒸吨以下燃煤锅炉, 6.17万户的户档).
# 以上 and 左右 qualify the number (the contract: they are after the unit, outside the figure's text), and so do
# their counterparts 以下 and 以内 (186.4亿立方米以内).
NUMBER_TAIL: Words = ((r"的|以上|左右|以下|以内", ""),)
# An age bound followed at once by the count it bounds (其中35岁以下16名) counts nothing itself: the contract's
# subject is null "where the clause names none" (the wild and wild2 gold notes read the bound so). The count
# after it reads the sentence's subject through this figure's, so the null is set once both are read.
AGE_BOUND = re.compile(r"(?:以下|以上|左右)?的?[0-9]")


def bound_only(text: str, fig: Figure) -> bool:
    """Whether ``fig`` is an age bound with the count it bounds right after it, so that it has no subject."""
    return fig.unit == "岁" and AGE_BOUND.match(text, fig.end) is not None


class _Subject(NamedTuple):
    """The subject tables compiled with the rows of one skip set left out."""

    compare: re.Pattern[str]
    opener: re.Pattern[str]
    trail: re.Pattern[str]
    cut: re.Pattern[str]
    lead: re.Pattern[str]
    stop: re.Pattern[str]
    term: re.Pattern[str]
    system: re.Pattern[str]
    topic: re.Pattern[str]
    money: re.Pattern[str]
    qualifier: re.Pattern[str]
    tenure: re.Pattern[str]


def _braced(pattern: str) -> str:
    """``pattern`` in a group, its braces doubled to stand in a ``str.format`` template."""
    return "(?:" + pattern.replace("{", "{{").replace("}", "}}") + ")"


@cache
def _subject_rules(skip: Skip) -> _Subject:
    """The tables compiled so that each searching pattern opens with plain characters only (no group, class
    or repeat first): the regex engine then skips to where one of them stands instead of trying every word at
    every position."""
    return _Subject(
        alternation(COMPARE, skip, "(?:{})$"),
        alternation(SUBJECT_OPENER, skip, "(?:{})+"),
        alternation(TRAIL, skip, "(?:{0})(?:{0})*$"),
        # a verb's aspect particle is part of it (确定了软弱涣散村党组织246个)
        alternation(CUT_VERB, skip, "(?:{})了?"),
        # past the next figure (25条65公里彩色慢行道路系统) and what belongs to the number (以下), the noun's
        # characters
        alternation(NUMBER_TAIL, skip, _braced(FIGURE_AT.pattern) + "?(?:{})?(?P<noun>" + _braced(NOUN.pattern) + ")?"),
        # where the noun after the number stops; a bracket (县(市、区)) is read whole, an unclosed one stops it
        alternation(AFTER_STOP, skip, r"\((?:[^)]*\))?|{}"),
        alternation(TERM, skip),
        alternation(SYSTEM_AFTER, skip, "(?:{})$"),
        alternation(TOPIC_AFTER, skip, "(?:{})$"),
        # (a verb with a noun after it: 县乡村累计投入1.68亿元 counts 投入)
        alternation(MONEY_VERB, skip, "(?:{})(?=[\u4e00-\u9fff“]{{2}})"),
        alternation(QUALIFIER, skip),
        alternation(TENURE, skip, "(?:{})$"),
    )


@cache
def _nouns_not_verbs(skip: Skip) -> tuple[str, ...]:
    return tuple(w for w, origin in NOUN_NOT_VERB if kept(origin, skip))


def figure_subject(
    text: str,
    fig: Figure,
    lo: int,
    hi: int,
    skip: Skip = NO_SKIP,
    before: Figure | None = None,
    segment: tuple[int, int] | None = None,
    after: Figure | None = None,
) -> Span | None:
    """The verbatim shortest span of the figure's comma segment (inside ``[lo, hi)``; ``segment`` where the
    caller has it) naming what it counts: the noun after the number where there is one (新增6个教学班,
    举行19次集中学习), else the words before it (after the figure ``before`` it, if any), trimmed of time,
    scope and the verb that the noun alone says (侦破涉黑涉恶案件195起 → 涉黑涉恶案件). Where the segment
    names nothing or only compares (比清理前减少92个), the subject of the figure before it in the sentence."""
    compare, opener, trail, cut, lead, stop, term, system, topic, money, qualifier, tenure = _subject_rules(skip)
    nouns = _nouns_not_verbs(skip)
    start, end, unit = fig.start, fig.end, fig.unit  # a model's fields are slower to read than locals
    s, e = segment or comma_segment(text, start, end, max(lo, start - SPAN_CHARS), min(hi, end + SPAN_CHARS))
    b = max(s, before.end) if before else s
    if before and before.subject and before.end <= before.subject.start and before.subject.end <= start:
        b = max(b, before.subject.end)  # the noun after the figure before is its own (19个问题已整改到位17个)
    if before and before.unit == "岁" and before.subject and before.subject.end == start >= b:
        b = max(s, before.start)  # an age before is inside this one's noun (35岁以下处级干部7名): digits stay
    inherited = before.subject if before and text.find("。", before.end, start) < 0 else None
    if inherited and (compare.fullmatch(text, b, start) or text[b:start] in inheriting(skip)):
        return inherited
    # a number sharing the unit of the figure ``after`` it (1至2年): the noun after is after that one
    ranged = after is not None and after.start == end + 1 and text[end] in RANGE_MARKS
    a, noun_hi = lead.match(text, after.end if ranged else end, e).span("noun")  # type: ignore[union-attr]  # each part is optional
    if (unit in DURATION_UNITS or unit == "年") and text.startswith("的", end) and tenure.search(text, s, start):
        noun_hi = a  # a tenure that qualifies the noun after (任职满5年的干部): the words before name it
    # the noun after: noun characters up to the first stop; words that open with a verb of the cut table are what
    # is done with the counted thing (问题线索5条移交驻局纪检监察组), no noun of it
    if noun_hi > a and not ((v := cut.match(text, a)) and v.end() < noun_hi and not term.match(text, a)):
        m = stop.search(text, a, e)
        while m and m.end() - m.start() > 1 and text[m.start()] == "(":  # a bracket read whole
            m = stop.search(text, m.end(), e)
        after_hi = m.start() if m else e
        if text.startswith("的", after_hi) and qualifier.fullmatch(text, a, after_hi):  # the noun after its 的
            a = after_hi + 1
            m = stop.search(text, a, e)
            after_hi = m.start() if m else e
        # a verb of the cut table after the noun begins what is done with it (3家企业记入…, 53个问题建立…)
        v = cut.search(text, a + 2, after_hi) if after_hi - a > 3 else None
        while v and (term.match(text, v.start()) or text.startswith(nouns, v.start() - 1)):
            v = cut.search(text, v.start() + 1, after_hi)
        after_hi = v.start() if v else after_hi
        if a < after_hi <= noun_hi:
            # words that only lead to the next number (由45.3岁下降至43.8岁) are no noun
            d = DIGIT.search(text, a, e)
            # nor the change of a rate (22%以上高速增长): the quantity it measures is before it
            rate_change = unit in RATE_UNITS and RATE_TRAIL.search(text, a, after_hi)
            if (
                not (d and compare.fullmatch(text, a, d.start()))
                and not rate_change
                and not (unit == "次" and topic.search(text, a, after_hi))
            ):
                if unit in DURATION_UNITS and (m := system.search(text, a + 2, after_hi)):
                    after_hi = m.start()
                if text[after_hi - 1] in ")）" and not any(c in "(（" for c in text[a:after_hi]):
                    after_hi -= 1  # a bracket around the figure closes after it (其中3所市属公办高中)
                return span(text[a:after_hi], a, after_hi)
    m = opener.match(text, b, start)
    b = m.end() if m else b
    m = trail.search(text, b, start)
    core_hi = m.start() if m else start
    if unit in RATE_UNITS:
        m = RATE_OPENER.match(text, b, core_hi)
        b = m.end() if m else b
        m = RATE_TRAIL.search(text, b, core_hi)
        core_hi = m.start() if m else core_hi  # only change words: the figure before's subject
    elif inherited and (m := RATE_TRAIL.match(text, b, core_hi)) and m.end() == core_hi:
        return inherited  # any count whose segment only says it changed (同比增加2.4亿元)
    spent = money.search(text, b, core_hi) if unit.endswith("元") else None
    b = spent.start() if spent else b  # and no cut after it
    for m in () if spent else cut.finditer(text, b, core_hi):  # a bare noun keeps its verb, and nothing before it
        noun = term.match(text, m.start()) or text.startswith(nouns, m.start() - 1)
        if core_hi - m.end() >= 2 and not noun:
            b = m.start() if text[m.end() : core_hi] in BARE else m.end()
    while b < core_hi and text[b] in ")）":  # cut inside brackets: 新建(改扩建)中小学 → 中小学
        b += 1
    if core_hi > b:
        b, core_hi = _gold_ends(text, b, core_hi, skip, term)
        return span(text[b:core_hi], b, core_hi)
    if start == end or s <= lo or text[s - 1] not in ",," or (before and text.find("。", before.end, start) < 0):
        return inherited
    # the segment names nothing and no figure of its sentence comes before: the contract's subject from its
    # sentence, the words of the segment before (if it holds no number), read as if they ended at a number there
    # (二是清理规范考核评比事项,由原来的86项…)
    if DIGIT.search(text, back_to(text, SEGMENT_MARKS, max(lo, s - 1 - SPAN_CHARS), s - 1), s - 1):
        return None
    return figure_subject(text, Figure(text="", start=s - 1, end=s - 1, value=0, unit=unit), lo, hi, skip)


def _gold_ends(text: str, start: int, end: int, skip: Skip, term: re.Pattern[str]) -> tuple[int, int]:
    """``[start, end)`` without the words the gold leaves out at its ends (:mod:`.subject_model`), but never
    inside one of the contract's terms, nor off a noun that keeps its verb (``BARE``: the contract's 追缴资金; and
    those the checking verbs keep, ``NOT_ALONE``)."""
    if term.match(text, start, end):
        return start, end
    s, e = trimmed(text, start, end, skip)
    return (start, end) if text[s:e] in BARE or text[s:e] in NOT_ALONE else (s, e)


def comma_segment(text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    """The comma segment around ``[start, end)``, inside ``[lo, hi)``."""
    m, n = LAST_SEGMENT_MARK.match(text, lo, start), SEGMENT_MARK.search(text, end, hi)
    return m.end() if m else lo, n.start() if n else hi


def back_to(text: str, marks: str, lo: int, at: int) -> int:
    """Just after the last of ``marks`` in ``text[lo:at]``, or ``lo``."""
    m = _last_mark(marks).match(text, lo, at)
    return m.end() if m else lo


def sentence_end(text: str, at: int, hi: int) -> int:
    """The end of the sentence that ``at`` is in, inside ``[at, hi)``."""
    return _ahead(text, SENTENCE_MARKS, at, hi)


def _ahead(text: str, marks: str, at: int, hi: int) -> int:
    """The first of ``marks`` in ``text[at:hi]``, or ``hi``."""
    m = _mark(marks).search(text, at, hi)
    return m.start() if m else hi


@cache
def _last_mark(marks: str) -> re.Pattern[str]:
    """Matches through the last of ``marks`` (greedy: backs off from the end to it)."""
    return re.compile(f"(?s).*[{re.escape(marks)}]")


@cache
def _mark(marks: str) -> re.Pattern[str]:
    return re.compile(f"[{re.escape(marks)}]")


LAST_SEGMENT_MARK, SEGMENT_MARK = _last_mark(SEGMENT_MARKS), _mark(SEGMENT_MARKS)


# --- figure indicator ---------------------------------------------------------------------------------------
# (where, pattern, indicator, origin): where is "unit+subject" (the unit, a newline, the subject), "subject"
# (cue words in quoted names left out), "count" (the figure's comma segment up to it, for anything but a sum of
# money), "money" (the same, for a sum of money only), "people" (the whole comma segment, for a count of people
# only), "rest" (the segment after the figure), "clause" (its sentence up to the end of that segment), "money
# clause" (the same, for a sum of money only), "subject+rest" and "subject+sentence" (the subject, a newline,
# and the rest of the segment or the whole sentence). The first row that matches decides; else people for people
# units, else other.
# (and no figure after them: 19个问题已整改到位17个 counts all the problems, the figure after counts the done ones,
# as in the contract's 反馈问题25个,已完成整改19个)
DONE_AFTER = r"[^,,。;;]*已[^,,。;;]*(?:完成|整改到位|销号|办结)(?![^,,。;;]*[0-9])"
INDICATOR: Sequence[tuple[str, str, Indicator, str]] = (
    ("unit+subject", r"^(?:%|个百分点|成|倍)\n", "other", ""),  # growth rates and shares are other, even of money
    # a duration or an age measures time (the contract: a duration names the activity it measures), which none
    # of the fixed meanings counts: other, whatever the activity (5个工作日办结, 24小时舆情监测机制)
    ("unit+subject", r"^(?:个工作日|工作日|天|小时|分钟|个月|年|岁)\n", "other", ""),
    # areas and lengths are other (the contract's indicator table), whatever was done over them (排查出撂荒地2360亩)
    ("unit+subject", r"^(?:亩|公顷|平方米|平方公里|公里|千米|米)\n", "other", ""),
    ("rest", r"^月(?![\u4e00-\u9fff])", "other", ""),  # and so is a number of 个 read before its 月 (期限3个月)
    ("count", r"增长|下降|同比|比重|占比|位居|率", "other", ""),  # a sum that grew is still money
    # a ranking is other where it is what the figure counts (排名前移4位), not where it picks who is counted
    # (对排名靠后的3名党组织书记进行约谈)
    ("subject", r"排名", "other", ""),
    ("subject", r"已完成整改|整改到位|销号|办结|已整改", "problems_done", ""),
    ("count", r"已完成整改|整改到位|已整改|销号", "problems_done", ""),
    ("count", r"已完成$", "problems_done", XC),  # 已完成7项: of the items counted before
    # weak Party organisations whose rectification the segment reports done (已完成整顿5个)
    ("count", r"完成整顿|整顿完成", "problems_done", "xuchang+wild12+w2a_03+w2c_01"),
    ("rest", r"^[^,,。;;0-9]{0,4}转化升级", "problems_done", "wild05"),  # or upgraded (已有13个转化升级)
    ("subject", r"纠正[^\n]{0,4}问题", "problems_done", f"{IN}+wild07"),  # 纠正不规范问题
    # problems and hazards the segment rectified (整改问题21个, 消除隐患352处), not those it urges to rectify
    # (督促整改问题67个) or not yet rectified (未完全整改问题5个); one tag for both rows, so that neither stays without
    # the other
    ("count", r"督促整改|未[^,,。;;0-9]{0,3}整改", "problems", "wild02+wild03+wild05+wild09+wild11+wild12+wild13"),
    # and those rectified that it names at length (整改档案信息不一致、任职程序不完整等问题12个)
    ("count", r"整改[^,,。;;0-9]{5,30}问题$", "problems_done", "w2b_01"),
    (
        "count",
        r"整改[^,,。;;0-9]{0,4}问题|消除[^,,。;;0-9]{0,6}隐患|整治[^,,。;;0-9]{0,6}隐患",
        "problems_done",
        "wild02+wild03+wild05+wild09+wild11+wild12+wild13",
    ),
    # weak Party organisations (软弱涣散村党组织) are items to rectify: the inspection's finding they are reorganised
    # for, not the organisations at large
    (
        "subject",
        r"软弱涣散[^\n]*(?:党组织|党支部)$",
        "problems",
        "xuchang+wild05+wild09+wild12+w2a_02+w2a_03+w2c_01",
    ),
    ("unit+subject", r"^户次\n", "people", IN),  # households reached, counted like 人次
    # items counted (none named, or 任务/问题/事项) that the rest of the segment reports done: 7项已全部完成
    ("subject+rest", f"^\\n{DONE_AFTER}", "problems_done", f"{H}+{XC}"),
    ("subject+rest", "|".join(f"{w}\\n{DONE_AFTER}" for w in ("任务", "问题", "事项")), "problems_done", f"{H}+{XC}"),
    # items the rest of the segment says were not done on time (有19个未按期整改到位, 23个未按计划开工): to rectify
    ("rest", r"^[^,,。;;0-9]{0,8}?未按(?:期|计划|时|要求)", "problems", "provdept+w2b_04"),
    # items the rest of the segment reports rectified in the contract's words (问题9个全部整改到位), not those not yet
    # (未按期整改到位) or nearly (基本办结)
    (
        "rest",
        r"^(?:[^,,。;;0-9未基]{0,12}?)(?:整改到位|完成整改|销号)(?![^,,。;;]*[0-9])",
        "problems_done",
        "w2b_03+w2b_04",
    ),
    # 批示精神 is what a study session studies, no instruction received (the row after)
    # pieces of writing counted in 篇 (心得体会, 调研报告) are none of the meetings held, whatever a session read them
    ("unit+subject", r"^篇\n(?!.*(?:方案|通知|文件))", "other", f"{H}+wild10"),
    ("subject", r"批示精神", "meetings", "province+wild05"),
    # letters and instructions received from above
    ("subject", r"交办|转办|批示", "other", ""),
    ("subject", r"线索|信访|举报", "leads", ""),
    # public opinion incidents handled (妥善处置负面舆情7起) are no cases filed, though counted in 起
    ("unit+subject", r"^起\n.*舆情", "other", "provdept+w2a_01+w2b_02"),
    ("unit+subject", r"^起\n", "cases", ""),  # 查处…起
    ("subject", r"案件|立案|审查调查|审结|查处|侦破|起诉", "cases", ""),
    ("count", r"立案|审查调查|审结|查处|侦破", "cases", ""),  # what the segment files (立案查处…问题5件)
    # enterprises the rest of the segment penalises (对3家超标排放企业依法处罚): enforcement cases
    ("rest", r"处罚", "cases", "wild05+wild06"),
    ("subject", r"处分|开除|撤职|刑事拘留|逮捕|移送司法|判处|党纪政务|党政纪", "punished", ""),
    # handed to the police: people are given a criminal measure (the contract's 移送司法), matters are cases
    ("unit+subject", r"^(?:人|名)\n.*移送公安", "punished", "w2c_04"),
    ("unit+subject", r"^件\n.*移送公安", "cases", "w2a_01"),
    ("subject", r"警告|记过|留党察看|政务处分", "punished", H),
    ("subject", r"留置", "punished", PV),
    ("unit+subject", r"^人次\n.*诫勉", "accountable", "wild03"),  # but 诫勉谈话 is the contract's accountability
    ("unit+subject", r"^人次\n.*(?:谈话|谈心|约谈|访谈)", "meetings", ""),  # talks counted in 人次
    # 处理…人员 is accountable unless the sentence names Party or government discipline
    ("subject+sentence", r"^处理[^\n]*\n.*(?:党纪政务|党政纪|党纪|政务)处分", "punished", ""),
    ("subject", r"^处理", "accountable", ""),
    # 追责 (the contract's accountability kind) and its long form 追究…责任 (追究主体责任, 追究“两个责任”)
    ("subject", r"追责|追究[^\n]{0,8}责任", "accountable", ""),
    ("subject", r"追究", "accountable", XU),
    ("subject", r"问责|组织处理|诫勉|约谈|提醒谈话|批评教育|通报批评|责令检查|责任追究|第一种形态", "accountable", ""),
    ("subject", r"追缴|清退|收缴|退还|追回|挽回|查封|冻结|扣押|退缴", "funds_recovered", ""),
    # a sum the segment says was recovered, whatever the subject kept (清退违规发放资金: the verb is the cue)
    ("money", r"追缴|清退|收缴|退还|追回|挽回|查封|冻结|扣押|没收|罚没", "funds_recovered", ""),  # 罚没: confiscated
    ("money", r"罚款|回收", "funds_recovered", "wild03+wild05+wild07+wild11"),  # fines, like 罚没; money got back
    # money returned or collected back (the contract's 退还, 追回), and penalties (退回不合理收费, 清收不良贷款,
    # 补缴欠缴土地出让金, 经济处罚)
    ("money", r"退回|返还|清收|补缴|处罚", "funds_recovered", "w2a_02+w2b_01+w2b_02+w2b_03+w2c_04"),
    ("money", r"收回", "funds_recovered", "w2b_04"),  # idle money got back (督促收回闲置资金1850万元)
    # what an audit cut from the sums claimed (审减资金, 审减工程造价): a loss retrieved, before money checked is other
    ("money", r"审减", "funds_recovered", "wild05+wild07+wild12+wild14"),
    ("money", r"产值|收入|总额|签约|生产总值|GDP|销售|营业|税收|利润|增加值|交易额", "other", ""),  # economic results
    ("money", r"核查|审计|抽查|检查", "other", "wild01+wild13"),  # money checked is none moved (核查补贴资金1.36亿元)
    ("money", r"涉及", "other", "insurer+w2c_01"),  # nor is an amount a check found involved (涉及资金2.38亿元)
    # nor the bound of a single payment a rule sets (单笔支出5000元以上须经…审议, 将单项金额10亿元以上的…)
    ("money", r"单笔|单项", "other", "provdept+insurer+w2a_03"),
    # money is spent where its clause says it was invested, allocated, raised or paid out; else other
    ("money clause", r"投入|投资|拨付|筹集|补助|发放|安排|支出|支付|融资", "funds_spent", ""),
    ("money clause", r"奖励|重奖|奖金|资助|扶持|撬动|到位|设立", "funds_spent", f"{XU}+{PV}"),  # paid out, raised
    # money secured, pooled or paid out (争取…项目资金, 统筹整合…专项资金, 兑付账款)
    ("money clause", r"争取|统筹|整合|兑付", "funds_spent", "w2a_03+w2b_04+w2c_04"),
    ("subject", r"制度|机制|办法|规定|细则|规则|规程", "rules", ""),
    ("subject", r"章程", "rules", "wild06+wild07"),  # charters revised (完成章程修订11家)
    ("rest", r"章程", "rules", "wild02+w2c_02+w2c_03"),  # and the bodies whose charters are (37所中小学校完成章程修订)
    # the contract's 规范 are rules where it is the noun (规范性文件, 行为规范), not a verb or an adjective
    # (规范合同, 不规范账号)
    ("subject", r"规范性|规范$", "rules", ""),
    # and its 标准 only where items are counted (细化裁量标准186项): a number of another unit before 标准 is
    # mostly the standard's level (不低于400平方米的标准), no count of standards
    ("unit+subject", r"^(?:项|条|个|部)\n.+标准$", "rules", ""),
    # a list counted by its entries names the entries (the contract's 问题清单 counts problems), no documents
    # issued (细化决策事项清单4类67项)
    ("subject", r"问题清单", "problems", ""),
    ("unit+subject", r"^(?:项|类|条)\n(?!.*(?:问题|任务)).*清单$", "other", ""),
    ("subject", r"方案|通知|文件|清单|明传电报|发文|意见书|通报$", "documents", ""),
    ("subject", r"培训|轮训|培训班|专题班|党校", "training", ""),  # 党校: the contract's training kind word
    ("subject", r"参训", "training", "wild02+wild14"),  # people who took part in training (参训干部186人)
    ("count", r"培训|轮训", "training", ""),  # the people the segment trains (培训支部书记142名)
    ("subject", r"会议纪要", "other", "wild13"),  # a meeting's minutes are no meeting held
    # nor are the matters or topics a meeting decides (党委会议研究决定事项18项, 区政府常务会议题7件)
    ("subject", r"会议[^\n]*(?:事项|议题)$|会议题$|议定事项$", "other", "huiji+w2b_01"),
    ("subject", r"会议|学习|研讨|党课|民主生活会|谈心谈话|座谈|宣讲|例会|讲座|谈话", "meetings", ""),
    ("subject", r"读书班", "meetings", "w2a_01"),  # a study group's reading sessions, no training course
    # but other classes and lecture series held (开办项目经理“订单班”2期, 举办“发改大讲堂”10期) train people
    ("count", r"班”?$|讲堂”?$", "training", "w2a_02+w2b_04"),
    ("subject", r"党日", "meetings", f"{XU}+wild01"),  # 主题党日活动: a branch's monthly meeting day
    ("subject", r"专题研究|听取|汇报|会商", "meetings", f"{PD}+{CO}"),  # a standing body's sessions (专题研究…1次)
    ("subject", r"会$", "meetings", f"{H}+{XU}"),  # 见面会, 推进会
    ("count", r"会议", "meetings", ""),  # sessions of a meeting the segment names (常委会会议专题研究…4次)
    ("subject", r"小组$|工作组$|检查组$|督查组$", "other", XU),  # the groups formed, not inspections
    # problems an inspection found (新排查问题): the head noun is what is counted
    # difficulties a body helps others with (帮助解决困难问题217个) are no problems found to rectify
    ("subject", r"帮助解决|困难问题", "other", "county+w2b_02+w2b_04"),
    ("subject", r"问题$", "problems", ""),
    # 排查, 巡查 and 回头看 are inspections in the contract's kind table
    ("subject", r"督查|检查|暗访|抽查|审计|巡察|督导|巡查|走访|排查|回头看", "inspections", ""),
    # a plan's 任务 (重点任务, 建设任务) are no problems to rectify; the contract's tasks to rectify are
    ("subject", r"重点任务|建设任务", "other", f"{XU}+wild02"),
    ("subject", r"问题|任务|整改事项|整改意见", "problems", ""),
    # a standing body's sessions on a topic (每半年专题研究1次…, 每季度听取1次…汇报, 会商4次): meetings held
    ("count", r"专题研究|听取|会商", "meetings", f"{XU}+{PD}+{PV}+{CO}+wild01+wild08+wild10"),
    # people the figure's segment holds to account or disciplines (对…43名党组织书记进行约谈, 问责…312人)
    ("people", r"问责|组织处理|诫勉|约谈|提醒谈话|批评教育|通报批评|责令检查", "accountable", ""),
    ("people", r"处分|开除|撤职|刑事拘留|逮捕|移送司法", "punished", ""),
    # people appointed, adjusted or employed (the contract's people; the personnel kind's words), whatever
    # training or meeting the sentence also names (对…不胜任的32名基层党组织书记进行调整)
    # but people the segment checks are inspected (对…选拔任用的中层干部48名开展专项检查, 核查拟提拔人选…86人次)
    ("people", r"核查|检查|审计|抽查", "inspections", "insurer+w2b_03+wild04+wild07+wild10"),
    ("people", r"调整|提拔|选拔|任用|配备|招录|招聘|录用", "people", ""),
    # people or bodies the rest of the segment holds to account (对…4个单位党组织书记进行约谈): the contract's
    # words, outside a quoted name (专司“监督执纪问责”职能机构)
    ("rest", r"问责(?![^“”]*”)|组织处理|诫勉|约谈|提醒谈话|批评教育|通报批评|责令检查", "accountable", ""),
    ("rest", r"进行通报|予以通报", "accountable", "wild08"),  # bodies named and shamed, like 通报批评
    # people or bodies it adjusts (对考核排名靠后的17个领导班子进行组织调整): the contract's people adjusted
    ("rest", r"调整|撤换", "people", ""),
    # and those it talks with otherwise (对6个下属单位主要负责人开展集体廉政谈话): the contract's talks held
    ("rest", r"谈话|谈心", "meetings", ""),
    ("subject", r"人才$|负责人$|正职$", "people", XU),  # people counted in 个
    ("subject", r"书记$", "people", f"{H}+{XU}+{IN}"),
    # the units the rest of the segment checks (对27家单位开展专项检查): one check each, the contract's words
    # 巡视 is the project's own "inspection"; 督导, 排查, 巡查 and 回头看 as in the subject row above
    ("people", r"巡察办|巡视办", "people", "wild10"),  # people sent to an inspection office, a body
    ("rest", r"督查|检查|暗访|抽查|审计|巡察|巡视|督导|排查|巡查|回头看", "inspections", ""),
    # the things the segment checks before the number (检查车辆64辆, 审计学校62所): the contract's words, and its
    # kind table's 排查 where no second verb says what was done with what it found (排查出, 排查确定, 排查整顿, 排查整治)
    ("count", r"排查出|排查确定|排查整顿|排查整治", "other", f"{CO}+wild01+wild12"),
    ("count", r"督查|检查|暗访|抽查|审计|巡察|排查", "inspections", ""),
    (
        "count",
        r"核查|审查|评查|清查|抽检|抽测",
        "inspections",
        f"{IN}+wild02+wild03+wild04+wild06+wild07+wild08+wild10+wild11+wild13",
    ),
    ("count", r"审核(?!意见)", "inspections", f"{H}+wild02+wild13"),  # but 法制审核意见 are opinions given
    ("count", r"查阅", "inspections", "w2a_02+w2b_01+w2b_04"),  # files read through (查阅干部档案463卷)
    ("rest", r"清查|述责述廉", "inspections", f"{PD}+{PV}+{CO}"),  # 对12个开发区…开展专项巡视
    ("rest", r"走访", "inspections", f"{H}+{PD}+{PV}+{CO}+{IN}"),  # 对辖区32家企业进行走访: the units inspected
    ("rest", r"抽查|督查", "inspections", f"{XU}+{CO}"),
    # and those a clean-up covers (对9个新媒体平台开展全面清理, 对19个村(社区)…开展专项清理): each one checked
    ("rest", r"开展[^,,。;;]{0,4}清理", "inspections", "w2a_01+w2a_03"),
    # and those it assesses (对全市318个行政村开展考评, 对41个项目逐一评估, 对267家社会组织开展年检): checks each
    ("rest", r"考评|评估|年检", "inspections", "wild01+wild07+wild10"),
    ("rest", r"访谈", "meetings", XU),
    # households of residents or farmers counted in 户 are people (the contract's 群众), as their 户次 are, where
    # the segment checks none of them (对4.2万户农户开展集中排查)
    ("unit+subject", r"^户\n.*(?:农户|居民|大户|承租户|群众)$", "people", "wild01+wild03+wild04+wild08+wild12+wild13"),
    ("money clause", r"追缴|清退|收缴|退还|追回|挽回", "funds_recovered", ""),  # money only (涉及干部职工126人)
    ("clause", r"立案|查处|审查调查", "cases", ""),
    ("clause", r"诫勉|约谈|组织处理|责任追究", "accountable", ""),
    ("clause", r"培训|轮训|党校", "training", ""),
    ("clause", r"第一议题", "meetings", ""),  # the contract's meeting kind word: sessions held
    ("clause", r"暗访|抽查|审计|巡查", "inspections", ""),
    ("clause", "|".join(f"{v}[^,,。]{{0,8}}制度" for v in ("建立", "修订", "完善", "出台")), "rules", H),
)
# A quoted name in the subject (or a people count's segment) says what kind, its head noun what is counted
# (从事“监督执纪问责”人员: people).
QUOTED_NAME: Words = ((r"“[^”]*”", f"{H}+{XU}+{IN}"),)
HAYSTACKS = (
    "unit+subject",
    "subject",
    "count",
    "money",
    "people",
    "rest",
    "clause",
    "money clause",
    "subject+rest",
    "subject+sentence",
)
PEOPLE_UNITS = frozenset({"人", "名", "人次", "位"})
# A sum of money counts money spent or recovered, or something else (an economic result, an amount involved):
# never meetings, inspections or cases, whatever its clause says.
MONEY_INDICATORS = frozenset({"funds_spent", "funds_recovered", "other"})


# A compiled pattern's search or match, bound once: figure_indicator calls them a few thousand times a report.
Finder = Callable[..., re.Match[str] | None]


# The rows of one haystack kept with a skip set, compiled: (first, where, anywhere, which, row, head, head_row).
# ``first`` is the index in ``INDICATOR`` of the first of them, ``where`` the haystack's index in HAYSTACKS;
# ``anywhere`` (a search) finds where any row not anchored at the start may match and ``which`` (a match) tells
# which of them matches there first (alternatives are tried in order; ``row`` maps its groups to row indices);
# ``head`` does the same for the rows anchored at the start (``^…``), tried there only (``head_row``). A plain
# tuple, not a named one: figure_indicator unpacks one per haystack, a few thousand a report, and a plain tuple
# unpacks faster.
_Haystack = tuple[int, int, Finder | None, Finder | None, dict[int, int], Finder | None, dict[int, int]]


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a regex."""
    out, depth, start, i = [], 0, 0, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 1
        elif ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "|" and not depth:
            out.append(pattern[start:i])
            start = i + 1
        i += 1
    return [*out, pattern[start:]]


def _grouped(rows: list[tuple[int, str]]) -> tuple[re.Pattern[str] | None, dict[int, int]]:
    """One pattern of ``rows`` (row index, pattern), each in a group, and the row index of each group."""
    if not rows:
        return None, {}
    which = re.compile("|".join(f"(?P<r{j}>{p})" for j, p in rows))
    return which, {which.groupindex[f"r{j}"]: j for j, _ in rows}


# The haystacks that hold text for a figure of each class of unit (the others are empty for it).
UNIT_HAYSTACKS = {
    "money": frozenset(HAYSTACKS) - {"count", "people"},
    "people": frozenset(HAYSTACKS) - {"money", "money clause"},
    "count": frozenset(HAYSTACKS) - {"money", "people", "money clause"},
}
PEOPLE_HAY, SENTENCE_HAY = HAYSTACKS.index("people"), HAYSTACKS.index("subject+sentence")


@cache
def _indicator_rows(skip: Skip, unit: str) -> tuple[tuple[_Haystack, ...], re.Pattern[str]]:
    """Per haystack that holds text for a figure of the ``unit`` class, in the order of its first row kept with
    ``skip`` (and, for a sum of money, giving one of the money indicators), its rows compiled (and the quoted names
    left out of the subject). A row not anchored at the start must open every alternative with a plain
    character, so that the haystack's rows together begin with a set of characters, which the regex engine
    skips to instead of trying every row at every position."""
    rows = [
        (i, where, p)
        for i, (where, p, indicator, origin) in enumerate(INDICATOR)
        if kept(origin, skip) and where in UNIT_HAYSTACKS[unit] and (unit != "money" or indicator in MONEY_INDICATORS)
    ]
    firsts = {w: i for i, w, _ in reversed(rows)}
    out: list[_Haystack] = []
    for where, first in sorted(firsts.items(), key=lambda x: x[1]):
        heads = [(j, p) for j, w, p in rows if w == where and p.startswith("^")]
        rest = [(j, p) for j, w, p in rows if w == where and not p.startswith("^")]
        for j, p in rest:
            if any(not a or a[0] in "([\\.^$" for a in _alternatives(p)):
                raise ValueError(f"INDICATOR[{j}]: every alternative must open with a plain character: {p}")
        which, row = _grouped(rest)
        head, head_row = _grouped(heads)
        anywhere = re.compile("|".join(p for _, p in rest)).search if rest else None
        out.append(
            (
                first,
                HAYSTACKS.index(where),
                anywhere,
                which.match if which else None,
                row,
                head.match if head else None,
                head_row,
            )
        )
    return tuple(out), alternation(QUOTED_NAME, skip)


def figure_indicator(
    fig: Figure,
    subject: Span | None,
    segment: str,
    clause: str,
    skip: Skip = NO_SKIP,
    rest: str = "",
    sentence: str = "",
) -> Indicator:
    """The indicator of the first row of ``INDICATOR`` that matches its haystack; else people for people units,
    else other. ``segment`` is the figure's comma segment up to it, ``rest`` the segment after it, ``clause``
    its sentence up to the end of the segment, ``sentence`` the whole sentence."""
    return indicator_reading(fig, subject, segment, clause, skip, rest, sentence)[0]


def indicator_reading(
    fig: Figure,
    subject: Span | None,
    segment: str,
    clause: str,
    skip: Skip = NO_SKIP,
    rest: str = "",
    sentence: str = "",
) -> tuple[Indicator, bool]:
    """:func:`figure_indicator` and whether it is weak: no row matched, so the unit's fallback (people or other)
    decides it, which :mod:`.indicator_model` may overrule."""
    sub = subject.text if subject else ""
    unit = fig.unit  # a model's fields are slower to read than a local
    is_people = unit in PEOPLE_UNITS
    haystacks, quoted = _indicator_rows(skip, "money" if unit.endswith("元") else "people" if is_people else "count")
    if "“" in sub:
        sub = quoted.sub("", sub)
    # the haystacks by HAYSTACKS index; the joined ones are made when a row of theirs is reached
    hay: list[str | None] = [f"{unit}\n{sub}", sub, segment, segment, None, rest, clause, clause, None, None]
    first = len(INDICATOR)
    for hay_first, where, anywhere, which, row, head, head_row in haystacks:
        if first <= hay_first:  # a row before every row of this haystack already matched
            break
        h = hay[where]
        if h is None:  # subject+rest, subject+sentence, or the people segment with its quoted names left out
            if where == PEOPLE_HAY:
                h = f"{segment}\n{rest}"
                h = quoted.sub("", h) if "“" in h else h
            else:
                h = f"{sub}\n{sentence if where == SENTENCE_HAY else rest}"
        elif not h:  # (the joined ones hold a line break at least)
            continue
        if head is not None and (m := head(h)) and (r := head_row[m.lastindex or 0]) < first:
            first = r
        if anywhere is not None:
            at = anywhere(h)
            while at and first > hay_first:  # each position where a row matches: the first row matching there
                m = which(h, at.start())  # type: ignore[misc]
                if (r := row[m.lastindex or 0]) < first:  # type: ignore[union-attr]
                    first = r
                at = anywhere(h, at.start() + 1)
    if first < len(INDICATOR):
        return INDICATOR[first][2], False
    return ("people" if is_people else "other"), True
