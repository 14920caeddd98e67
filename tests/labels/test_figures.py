"""The figure labelers on hand-written snippets, each expected label worked out from the golden contract
(version 2): subject and indicator, every span verbatim. Snippets are in the loader's normalised form (ASCII
commas, colons and brackets)."""

import pytest

from zhenggai.labels import figure_indicator, figure_subject, label_figure_windows, label_figures
from zhenggai.labels import figures as F
from zhenggai.schemas import Figure

XU = frozenset({"xuchang"})


def _figure(text: str, figure: str, value: float, unit: str, after: int = 0) -> Figure:
    at = text.index(figure, after)
    return Figure(text=figure, start=at, end=at + len(figure), value=value, unit=unit)


@pytest.mark.parametrize(
    ("text", "figure", "value", "unit", "subject", "indicator"),
    [
        ("今年以来,侦破涉黑涉恶案件195起。", "195起", 195, "起", "涉黑涉恶案件", "cases"),  # the verb goes
        ("全区追缴资金7.132万元。", "7.132万元", 71320, "元", "追缴资金", "funds_recovered"),  # a bare noun keeps it
        ("刑事拘留278人,", "278人", 278, "人", "刑事拘留", "punished"),
        ("今年新增6个教学班。", "6个", 6, "个", "教学班", "other"),  # the noun after the number
        ("举行19次集中学习。", "19次", 19, "次", "集中学习", "meetings"),  # the contract's own example
        ("开展集中学习研讨2次。", "2次", 2, "次", "集中学习研讨", "meetings"),
        # the verb that spends or recovers a sum stays: its noun alone would not say what is counted (追缴资金)
        ("全市投入扶贫资金4.48亿元,", "4.48亿元", 448000000, "元", "投入扶贫资金", "funds_spent"),
        ("固定资产投资增长13.2%。", "13.2%", 13.2, "%", "固定资产投资", "other"),  # a rate is other, even of money
        ("共排查问题线索38件。", "38件", 38, "件", "问题线索", "leads"),
        ("对66名领导干部进行了责任追究。", "66名", 66, "名", "领导干部", "accountable"),
        ("举办专题班5期,", "5期", 5, "期", "专题班", "training"),
        ("覆盖1300余人。", "1300余人", 1300, "人", "覆盖", "people"),  # the clause names only the verb
        # a bare noun keeps its verb and nothing before it
        ("全区重点项目完成投资30亿元。", "30亿元", 3000000000, "元", "完成投资", "funds_spent"),
        # the contract's verb-led terms are never cut: 组织处理 is accountable
        ("组织处理16人。", "16人", 16, "人", "组织处理", "accountable"),
        # 查处…起: the unit says cases, whatever the noun
        ("共查处违反中央八项规定精神问题27起。", "27起", 27, "起", "违反中央八项规定精神问题", "cases"),
        # 处理…人员 with no discipline named is accountable
        ("处理相关人员5人。", "5人", 5, "人", "处理相关人员", "accountable"),
        # a duration names the activity it measures, and counts none of the contract's things
        ("公示期为5个工作日公示。", "5个工作日", 5, "个工作日", "公示", "other"),
        # the noun after a number stops before 中 (36个行政村中, 30个…)
        ("全区36个行政村中,30个村已完成。", "36个", 36, "个", "行政村", "other"),
        # a quoted name says what kind: these people are counted, not held to account
        ("从事“监督执纪问责”人员45人。", "45人", 45, "人", "从事“监督执纪问责”人员", "people"),
        # people counted in 个
        ("全市69个派驻纪检监察机构负责人基本实现专职。", "69个", 69, "个", "派驻纪检监察机构负责人", "people"),
        ("成立5个督查小组。", "5个", 5, "个", "督查小组", "other"),  # groups formed are no inspections
        ("共出台规范性文件11个。", "11个", 11, "个", "规范性文件", "rules"),  # 规范 are rules
        ("追究主体责任29人。", "29人", 29, "人", "追究主体责任", "accountable"),
        ("对辖区32家企业进行走访。", "32家", 32, "家", "企业", "inspections"),  # the units the segment inspects
        ("开展提醒谈话35人次。", "35人次", 35, "人次", "提醒谈话", "meetings"),  # talks counted in 人次 are meetings
        # letters received from above are other, not leads
        ("受理省委巡视组转办信访件15件。", "15件", 15, "件", "省委巡视组转办信访件", "other"),
        # 等次 is a grade, no list of examples before their kind; a share is other
        ("“好”等次比例为83.5%。", "83.5%", 83.5, "%", "“好”等次比例", "other"),
        # a duration names the activity it measures, not the system that runs it
        ("建立24小时舆情监测机制。", "24小时", 24, "小时", "舆情监测", "other"),
        # accounts closed are no rules: only 规范性 (normative documents) says so
        ("关停不规范账号5个。", "5个", 5, "个", "关停不规范账号", "other"),
        # the contract's inspection words are verbs before what they check; the segment says it was checked
        ("共检查车辆64辆。", "64辆", 64, "辆", "车辆", "inspections"),
        # but they stay before a noun that alone would not say what is counted
        ("完成审计项目78个。", "78个", 78, "个", "审计项目", "inspections"),
        # but its training words stay: the people alone would be a count of people, not of people trained (as
        # 刑事拘留278人 keeps its verb)
        ("培训支部书记142名。", "142名", 142, "名", "培训支部书记", "training"),
        ("轮训党员286人次。", "286人次", 286, "人次", "轮训党员", "training"),
        # problems the segment files as cases are cases (the contract's 立案, 查处), not problems to rectify
        ("镇纪委立案查处侵害群众利益问题5件。", "5件", 5, "件", "侵害群众利益问题", "cases"),
        # standards counted as items are rules (the contract's kind clarification)
        ("细化裁量标准186项。", "186项", 186, "项", "裁量标准", "rules"),
        # more checking verbs: what they check is counted, and checked
        ("核查房源1846套。", "1846套", 1846, "套", "房源", "inspections"),
        ("排查特种设备1.2万台。", "1.2万台", 12000, "台", "特种设备", "inspections"),  # the contract's 排查
        (
            "检查撂荒地2360亩。",
            "2360亩",
            2360,
            "亩",
            "撂荒地",
            "other",
        ),  # the contract's 检查 cut, as 检查车辆  # what a check found: an area
        ("核查对象8624户。", "8624户", 8624, "户", "核查对象", "inspections"),  # 对象 alone is everyone
        # words after the number that open with a verb say what was done with the counted thing: no noun of it
        ("对核查中发现的问题线索5条移交纪检监察组。", "5条", 5, "条", "问题线索", "leads"),
        # households of residents reached are people; a fine is money recovered, like 罚没
        ("惠及居民5320户。", "5320户", 5320, "户", "居民", "people"),  # the verb that reaches them goes
        ("带动就业73人。", "73人", 73, "人", "带动就业", "people"),  # but 就业 alone says no count
        ("罚款15万元。", "15万元", 150000, "元", "罚款", "funds_recovered"),
        # verbs before the noun the number counts, with a complement (排查出) or light (进行)
        ("排查出问题14个。", "14个", 14, "个", "问题", "problems"),
        ("专项检查发现问题17个。", "17个", 17, "个", "问题", "problems"),  # the noun alone says what is counted
        ("发现、解决问题390个。", "390个", 390, "个", "发现、解决问题", "problems"),  # but a pair of verbs stays
        ("对相关责任人进行批评教育2人次。", "2人次", 2, "人次", "批评教育", "accountable"),
        ("储备后备干部36名。", "36名", 36, "名", "后备干部", "people"),
        # the people the rest of the segment talks with: the contract's talks held are meetings
        ("对6个下属单位主要负责人开展集体廉政谈话。", "6个", 6, "个", "下属单位主要负责人", "meetings"),
        # 从严 (strictly) is no 从 (from) that ends the noun after a number
        ("每季度听取1次全面从严治党工作汇报。", "1次", 1, "次", "全面从严治党工作汇报", "meetings"),
        # an inspection office named after the number is a body, no inspection of the people sent there
        ("选派6名年轻干部到县委巡察办跟班学习。", "6名", 6, "名", "年轻干部", "people"),
        ("改造提升敬老院7所。", "7所", 7, "所", "敬老院", "other"),
        ("技术改造投资增长16.4%。", "16.4%", 16.4, "%", "技术改造投资", "other"),  # the noun of the works stays
        # 在建 opens a noun after a number (under construction), 在 after the noun begins what is said of it
        ("全市304个在建工地全部落实验收制度。", "304个", 304, "个", "在建工地", "other"),
        # a bracket around the figure closes after the noun: no part of it
        ("新建高中5所(其中3所市属公办高中)。", "3所", 3, "所", "市属公办高中", "other"),
        ("其中研究生学历6名。", "6名", 6, "名", "研究生学历", "people"),  # 研究生 is a noun, no verb 研究 before it
        ("全年粮食播种面积稳定在186.4万亩。", "186.4万亩", 1864000, "亩", "粮食播种面积", "other"),  # the verb to it
        # a verb's aspect particle goes with it
        ("全市确定了重点项目24个。", "24个", 24, "个", "重点项目", "other"),
        # a number of times between an act and what it is about counts the act (how often, before it, is none of it)
        ("局党组每半年专题研究1次党风廉政建设工作。", "1次", 1, "次", "专题研究", "meetings"),
        # people counted in 个 whom the rest of the segment holds to account (the contract's 约谈)
        ("对履责不力的3个单位主要负责人进行约谈。", "3个", 3, "个", "单位主要负责人", "accountable"),
        # what an audit cut from the sums claimed is a loss retrieved
        ("审计项目58个,审减金额2346万元。", "2346万元", 23460000, "元", "审减金额", "funds_recovered"),
        # a standing body's sessions on a topic are meetings, the act before the number counted
        ("2021年8月至今已专题研究3次。", "3次", 3, "次", "专题研究", "meetings"),
        ("市委常委会每年听取2次工作汇报。", "2次", 2, "次", "工作汇报", "meetings"),
        # verbs that build or appoint go: the noun alone says what is counted
        ("新建党群服务中心31个,", "31个", 31, "个", "党群服务中心", "other"),
        ("提拔使用年轻干部37名。", "37名", 37, "名", "年轻干部", "people"),
        # the people an act is done for are none of what is counted
        ("2023年1-5月共为患者减免费用2380余万元。", "2380余万元", 23800000, "元", "减免费用", "other"),
        ("为群众代办事项640余件。", "640余件", 640, "件", "代办事项", "other"),
        # files reviewed are checked, like the contract's 检查车辆; a review's opinions are not
        ("审核档案97份。", "97份", 97, "份", "档案", "inspections"),
        # the matter checked after the units a check covers is none of their name; a noun that opens with it is
        ("对全县61个单位公务接待开展专项检查。", "61个", 61, "个", "单位", "inspections"),
        ("按季度对全市318个行政村开展考评。", "318个", 318, "个", "行政村", "inspections"),  # assessed: checked
        # rectifying goes before the problems it counts, but not where it is denied
        ("整改质量问题48处。", "48处", 48, "处", "质量问题", "problems_done"),
        ("督促整改问题67个。", "67个", 67, "个", "问题", "problems"),
        ("未完全整改问题5个。", "5个", 5, "个", "未完全整改问题", "problems"),
        # the speaker of the lectures and the holders of the duties are none of what is counted
        ("局党组成员讲专题党课8次,", "8次", 8, "次", "专题党课", "meetings"),
        ("明确党组书记、班子成员责任事项36项。", "36项", 36, "项", "责任事项", "other"),
        ("为基层所配备快检车4辆、14辆公务用车。", "14辆", 14, "辆", "公务用车", "other"),
        ("提出法制审核意见20余条,", "20余条", 20, "条", "法制审核意见", "other"),
        # 诫勉谈话 is the contract's accountability, though counted in 人次 as talks held are
        ("对相关责任人进行诫勉谈话2人次。", "2人次", 2, "人次", "诫勉谈话", "accountable"),
        # writings counted in 篇 and a meeting's minutes are neither meetings nor documents issued
        ("开展专题研讨,撰写心得体会43篇。", "43篇", 43, "篇", "心得体会", "other"),
        # (规范 is the verb here: 会议纪要 alone says what is counted, the contract's rule)
        ("规范会议纪要42份。", "42份", 42, "份", "会议纪要", "other"),
        # the verb that reads files or collects goes; the noun says what is counted
        ("查阅财务凭证2860余份。", "2860余份", 2860, "份", "财务凭证", "inspections"),
        ("收集群众评价2.1万条。", "2.1万条", 21000, "条", "群众评价", "other"),
        # a verb that returns or collects money back stays before its noun (as 追缴资金)
        (
            "对医保基金开展自查,主动退回不合理收费27.3万元。",
            "27.3万元",
            273000,
            "元",
            "退回不合理收费",
            "funds_recovered",
        ),
        # a duration names the activity, not the word for the term
        ("选派12名年轻干部挂职锻炼,挂职期限1年。", "1年", 1, "年", "挂职", "other"),
        # 将 used as 把 names nothing; the people adjusted are counted; a body's meeting is none of its study
        ("将单项金额10亿元以上的事项提交审议。", "10亿元", 1e9, "元", "单项金额", "other"),
        ("局党组8月研究调整中层干部14名。", "14名", 14, "名", "中层干部", "people"),
        ("调整交流领导人员21名。", "21名", 21, "名", "调整交流领导人员", "people"),
        ("召开党组会议“第一议题”学习19次。", "19次", 19, "次", "“第一议题”学习", "meetings"),
        # a clause that only qualifies the noun after its 的 is none of the subject; a noun before 的 is
        ("对2名工作不实的干部进行批评教育。", "2名", 2, "名", "干部", "accountable"),
        ("对3家未按规定检验的使用单位立案查处。", "3家", 3, "家", "使用单位", "cases"),
        ("对27家厅属单位的网站开展全面清查。", "27家", 27, "家", "厅属单位", "inspections"),
        # a tenure that qualifies the noun after names the activity before it (a duration names its activity)
        ("对在同一岗位任职满10年的中层干部进行交流。", "10年", 10, "年", "任职", "other"),
        ("对账龄超过3年的应收账款逐笔建立台账。", "3年", 3, "年", "账龄", "other"),
        # the noun after a number stops at 逐 (what is done with each); a watch kept is none of a duration's activity
        ("对11宗闲置土地逐宗制定处置方案。", "11宗", 11, "宗", "闲置土地", "other"),
        ("坚持24小时舆情监测值班。", "24小时", 24, "小时", "舆情监测", "other"),
        # 排查项目 keeps its verb as 检查项目 does; the body urged is none of what is counted
        ("共排查项目147个。", "147个", 147, "个", "排查项目", "inspections"),
        ("督促兑付账款1.86亿元。", "1.86亿元", 1.86e8, "元", "兑付账款", "funds_spent"),
        # people put in a pool keep the verb, enterprises registered do not; matters deliberated keep theirs
        ("建立巡察人才库,入库干部58名。", "58名", 58, "名", "入库干部", "people"),
        ("新入库规上工业企业60余家。", "60余家", 60, "家", "规上工业企业", "other"),
        ("明确前置研究事项31项。", "31项", 31, "项", "前置研究事项", "other"),
        # the base a change is measured from is none of the quantity
        ("有息债务较年初减少12.4亿元。", "12.4亿元", 1.24e9, "元", "有息债务", "other"),
    ],
)
def test_figure(text: str, figure: str, value: float, unit: str, subject: str, indicator: str) -> None:
    f = _figure(text, figure, value, unit)
    label_figures(text, [f], 0, len(text))
    assert f.subject is not None and (f.subject.text, f.indicator) == (subject, indicator)
    assert text[f.subject.start : f.subject.end] == f.subject.text
    assert f.sources == {"subject": "rules", "indicator": "rules"}


@pytest.mark.parametrize(
    ("text", "figures", "subjects", "indicators"),
    [
        # a segment that only says how many of them already do takes the subject before; weak organisations
        # upgraded are rectified
        (
            "整顿软弱涣散村党组织15个,已有13个转化升级。",
            [("15个", 15, "个"), ("13个", 13, "个")],
            ["软弱涣散村党组织", "软弱涣散村党组织"],
            ["problems", "problems_done"],
        ),
        # a growth rate names the quantity that grows: the segment says nothing else, the one before it does
        ("全市生产总值达到120亿元,增长8.5%。", [("120亿元", 1.2e10, "元"), ("8.5%", 8.5, "%")],
         ["生产总值", "生产总值"], ["other", "other"]),
        # a sum that grew is still money
        ("全市投入扶贫资金4.48亿元,同比增加2.4亿元。", [("4.48亿元", 4.48e8, "元"), ("2.4亿元", 2.4e8, "元")],
         ["投入扶贫资金", "投入扶贫资金"], ["funds_spent", "funds_spent"]),
        # feedback items the rest of the segment reports done are problems_done
        ("反馈问题13项,7项已全部完成。", [("13项", 13, "项"), ("7项", 7, "项")],
         ["反馈问题", "反馈问题"], ["problems", "problems_done"]),
        # 处理…人员 is punished where its sentence names 党纪政务处分, accountable where the next one does not
        ("处理62人,其中党纪政务处分46人。处理5人。", [("62人", 62, "人"), ("46人", 46, "人"), ("5人", 5, "人")],
         ["处理", "党纪政务处分", "处理"], ["punished", "punished", "accountable"]),
        # a subject never opens with a bracket that a cut verb left: 新建(改扩建)中小学 → 中小学
        ("全市新建(改扩建)中小学不低于200所。", [("200所", 200, "所")], ["中小学"], ["other"]),
        # the contract's own progress count: a segment that only says its items were rectified leaves the
        # counted thing out, so it comes from the sentence
        ("反馈问题25个,已完成整改19个。", [("25个", 25, "个"), ("19个", 19, "个")],
         ["反馈问题", "反馈问题"], ["problems", "problems_done"]),
        # leads handled (办结) are still leads: the counted thing is the leads of the segment before
        ("受理问题线索5件,已办结4件。", [("5件", 5, "件"), ("4件", 4, "件")],
         ["问题线索", "问题线索"], ["leads", "leads"]),
        # recovery is of money: the people a recovery concerns are people
        ("清退资金18.6万元,涉及干部职工126人。", [("18.6万元", 186000, "元"), ("126人", 126, "人")],
         ["清退资金", "干部职工"], ["funds_recovered", "people"]),
        # a from-to pair counts one thing twice: the first is cut at 由, the second takes its subject
        ("权重由3分提高到5分。", [("3分", 3, "分"), ("5分", 5, "分")], ["权重", "权重"], ["other", "other"]),
        # numbers sharing one unit count one thing (the contract's 2至4个评分档): the noun after the last names it,
        # or the words before the first
        ("分为2至4个评分档。", [("2", 2, "个"), ("4个", 4, "个")], ["评分档", "评分档"], ["other", "other"]),
        ("锻炼期限1至2年。", [("1", 1, "年"), ("2年", 2, "年")], ["锻炼", "锻炼"], ["other", "other"]),
        # the rest of the items counted before are the same things, still to rectify
        ("19个问题已整改到位17个,剩余2个正在推进。", [("19个", 19, "个"), ("17个", 17, "个"), ("2个", 2, "个")],
         ["问题", "问题", "问题"], ["problems", "problems_done", "problems"]),
        # 以下 qualifies the number before it (outside its text, as 以上 is): none of the noun the next one counts
        ("年收入5万元以下的村41个。", [("5万元", 50000, "元"), ("41个", 41, "个")], ["年收入", "村"], ["other", "other"]),
        # an age inside the noun stays (digits inside a subject stay); the verb whose noun says it goes
        ("提拔35岁以下处级干部7名。", [("35岁", 35, "岁"), ("7名", 7, "名")],
         ["处级干部", "35岁以下处级干部"], ["other", "people"]),
        # the rest of the items counted before, where the segment names no other (the gold's counts)
        ("发现问题13个,已整改11个,剩余2个正在整改。", [("13个", 13, "个"), ("11个", 11, "个"), ("2个", 2, "个")],
         ["问题", "问题", "问题"], ["problems", "problems_done", "problems"]),
        # an age bound with its count right after counts nothing (the clause names none for it); the count takes
        # the sentence's subject
        ("储备后备力量28名,其中35岁以下16名。", [("28名", 28, "名"), ("35岁", 35, "岁"), ("16名", 16, "名")],
         ["后备力量", None, "后备力量"], ["people", "other", "people"]),
        ("选拔任用中层干部31名,其中40岁以下的11名。", [("31名", 31, "名"), ("40岁", 40, "岁"), ("11名", 11, "名")],
         ["中层干部", None, "中层干部"], ["people", "other", "people"]),
        # a segment that names nothing, with no figure before it in its sentence: the segment before names it
        ("二是清理考核评比事项,由原来的86项压减至29项。", [("86项", 86, "项"), ("29项", 29, "项")],
         ["考核评比事项", "考核评比事项"], ["other", "other"]),
    ],
)  # fmt: skip
def test_figures_of_a_sentence(
    text: str, figures: list[tuple[str, float, str]], subjects: list[str], indicators: list[str]
) -> None:
    fs: list[Figure] = []
    for figure, value, unit in figures:
        fs.append(_figure(text, figure, value, unit, fs[-1].end if fs else 0))
    label_figures(text, fs, 0, len(text))
    assert [f.subject.text if f.subject else None for f in fs] == subjects
    assert [f.indicator for f in fs] == indicators


@pytest.mark.parametrize(
    ("text", "figure", "value", "unit", "subject", "indicator"),
    [
        # recovered money: the first verb that recovers it opens the subject, none after it is cut (发放)
        ("清退违规发放资金43.8万元。", "43.8万元", 438000, "元", "清退违规发放资金", "funds_recovered"),
        ("罚没款共计386.5万元。", "386.5万元", 3865000, "元", "罚没款", "funds_recovered"),  # confiscated
        # money no clause word says was invested, allocated, raised or paid out is other
        ("涉及合同金额1.87亿元。", "1.87亿元", 187000000, "元", "合同金额", "other"),
        # a sum of money is never an inspection, though its sentence audits
        ("开展全过程跟踪审计,涉及资金2.73亿元。", "2.73亿元", 273000000, "元", "涉及资金", "other"),
        # people the segment holds to account: the cue follows the number (对…进行约谈)
        ("对落实不力的43名党组织书记进行约谈。", "43名", 43, "名", "党组织书记", "accountable"),
        ("对312名党员领导干部进行问责。", "312名", 312, "名", "党员领导干部", "accountable"),
        # the units a check covers: one check each (the contract's inspection words after the number)
        ("对27家单位开展专项检查。", "27家", 27, "家", "单位", "inspections"),
        # the noun after a number stops where a verb begins what is done with it
        ("对53个问题建立整改台账。", "53个", 53, "个", "问题", "problems"),
        ("为2860万户次农户提供风险保障。", "2860万户次", 28600000, "户次", "农户", "people"),  # households reached
        # an inspection tour of the units counted; detention is a coercive measure like 刑事拘留
        ("对12个开发区开展专项巡视。", "12个", 12, "个", "开发区", "inspections"),
        ("留置33人。", "33人", 33, "人", "留置", "punished"),
        ("纠正问题21个。", "21个", 21, "个", "纠正问题", "problems_done"),  # the verb says they were rectified
        # the words before the verb before the number, scope dropped; a duration names the activity
        ("全省用水总量控制在186.4亿立方米以内。", "186.4亿立方米", 1.864e10, "立方米", "用水总量", "other"),
        ("挂职期限6个月。", "6个", 6, "个", "挂职", "other"),
        # 党组织 is a noun (NOUN_NOT_VERB), no verb 组织 to cut at
        ("2022年第四季度村党组织书记42名。", "42名", 42, "名", "村党组织书记", "people"),
        ("全市村党组织书记315名。", "315名", 315, "名", "村党组织书记", "people"),
        # people adjusted are people, though the sentence trains
        ("实现书记轮训全覆盖,对不胜任的32名基层党组织书记进行调整。", "32名", 32, "名", "基层党组织书记", "people"),
    ],
)
def test_indicator_from_the_segment(
    text: str, figure: str, value: float, unit: str, subject: str, indicator: str
) -> None:
    f = _figure(text, figure, value, unit)
    label_figures(text, [f], 0, len(text))
    assert (f.subject.text if f.subject else None, f.indicator) == (subject, indicator)


def test_a_figure_with_nothing_before_or_after_has_no_subject() -> None:
    text = "反馈问题25个,其中7项,"
    f = _figure(text, "7项", 7, "项")
    assert figure_subject(text, f, 0, len(text)) is None
    assert figure_indicator(f, None, "其中", "反馈问题25个,其中") == "other"


def test_the_sessions_of_the_first_topic_are_meetings() -> None:
    # the contract's meeting kind word “第一议题” in the sentence; 批示精神 is what the sessions study, no
    # instruction received from above (a row of province and wild05: without it, the instruction row decides)
    text = "县委常委会会议“第一议题”学习习近平总书记重要讲话和重要指示批示精神38次。"
    f = _figure(text, "38次", 38, "次")
    label_figures(text, [f], 0, len(text))
    assert f.indicator == "meetings"
    label_figures(text, [f], 0, len(text), frozenset({"province", "wild05"}))
    assert f.indicator == "other"


@pytest.mark.parametrize(
    ("text", "figure", "value", "unit", "indicator"),
    [
        # problems and hazards rectified are done; those urged to be rectified, or not yet, are still problems
        ("整改问题21个。", "21个", 21, "个", "problems_done"),
        ("消除隐患352处。", "352处", 352, "处", "problems_done"),
        ("纠正不规范问题5个。", "5个", 5, "个", "problems_done"),
        ("督促整改问题67个。", "67个", 67, "个", "problems"),
        ("未完全整改问题5个。", "5个", 5, "个", "problems"),
        # people who took part in training; charters revised are rules; bodies named and shamed are held to account
        ("参训干部186人。", "186人", 186, "人", "training"),
        ("完成章程修订11家。", "11家", 11, "家", "rules"),
        ("对3个村党组织进行通报。", "3个", 3, "个", "accountable"),
        ("全年开展主题党日活动72次。", "72次", 72, "次", "meetings"),
        ("核查补贴资金1.36亿元。", "1.36亿元", 1.36e8, "元", "other"),  # money checked is none spent
        # the contract's 整改任务 are problems, a plan's 重点任务 are not; months read after 个 are a duration
        ("明确整改任务35项。", "35项", 35, "项", "problems"),
        ("明确重点任务15项。", "15项", 15, "项", "other"),
        ("跟班学习期限3个月。", "3个", 3, "个", "other"),
        # the contract's 党校 and 巡查 in the sentence, as its 培训 and 抽查 there
        ("组织赴市委党校开展读书班,共有党员干部146人。", "146人", 146, "人", "training"),
        ("开展日常巡查,每周重点区域不低于3次。", "3次", 3, "次", "inspections"),
        ("区委常委会会议专题研究全面从严治党工作4次。", "4次", 4, "次", "meetings"),  # the contract's 会议
        ("对考核排名靠后的17个领导班子进行组织调整。", "17个", 17, "个", "people"),  # adjusted: the contract's people
        # files read through are checked; units a clean-up covers are checked
        ("查阅干部档案463卷。", "463卷", 463, "卷", "inspections"),
        ("对局属9个新媒体平台开展全面清理。", "9个", 9, "个", "inspections"),
        # money returned or collected back, and penalties, are recovered (the contract's 退还, 追回)
        ("主动退回不合理收费27.3万元。", "27.3万元", 273000, "元", "funds_recovered"),
        ("清收不良贷款3.26亿元。", "3.26亿元", 3.26e8, "元", "funds_recovered"),
        ("经济处罚8.7万元。", "8.7万元", 87000, "元", "funds_recovered"),
        # enterprises penalised are enforcement cases; classes and lecture series held train people
        ("对3家超标排放企业依法处罚。", "3家", 3, "家", "cases"),
        ("举办“发改大讲堂”10期。", "10期", 10, "期", "training"),
        # people the segment checks are inspected, though it names them appointed
        ("对2020年以来选拔任用的中层干部48名开展专项检查。", "48名", 48, "名", "inspections"),
        # problems rectified named at length are done; a study group's reading sessions are meetings
        ("整改档案信息不一致、任职程序不完整等问题12个。", "12个", 12, "个", "problems_done"),
        ("局党组理论学习中心组先后举办2期读书班。", "2期", 2, "期", "meetings"),
        # items not done on time are still to rectify; matters and topics a meeting decides are no meetings
        ("有19个未按期整改到位。", "19个", 19, "个", "problems"),
        ("列明党委会议研究决定事项18项。", "18项", 18, "项", "other"),
        ("法律顾问参与研究区政府常务会议题7件。", "7件", 7, "件", "other"),
        # items the rest of the segment reports rectified are done, not those not yet rectified
        ("对档案材料缺失等问题9个全部整改到位。", "9个", 9, "个", "problems_done"),
        # handed to the police: people are punished, matters are cases; money got back is recovered
        ("移送公安机关3人。", "3人", 3, "人", "punished"),
        ("移送公安机关7件。", "7件", 7, "件", "cases"),
        ("督促收回闲置资金1850万元。", "1850万元", 18500000, "元", "funds_recovered"),
        # the bodies whose charters are revised: rules made
        ("37所中小学校完成章程修订。", "37所", 37, "所", "rules"),
        # an amount a check found involved, and the bound a rule sets on a single payment, are no money spent
        ("重点检查劳务费发放等环节,涉及资金2.38亿元。", "2.38亿元", 2.38e8, "元", "other"),
        ("规定单笔5000元以上支出须经集体研究。", "5000元", 5000, "元", "other"),
        # money secured or paid out is spent; difficulties a body helps with are no problems to rectify
        ("争取高标准农田建设项目资金1860万元。", "1860万元", 18600000, "元", "funds_spent"),
        ("督促兑付账款1.86亿元。", "1.86亿元", 1.86e8, "元", "funds_spent"),
        ("帮助解决困难问题217个。", "217个", 217, "个", "other"),
        # public opinion incidents handled are no cases, though counted in 起
        ("妥善处置涉警舆情37起。", "37起", 37, "起", "other"),
        # weak Party organisations are items to rectify, and those reorganised are done
        ("确定软弱涣散党支部9个。", "9个", 9, "个", "problems"),
        ("排查整顿软弱涣散社区党组织6个,已完成整顿5个。", "5个", 5, "个", "problems_done"),
    ],
)
def test_indicator_of_the_segment_wording(text: str, figure: str, value: float, unit: str, indicator: str) -> None:
    f = _figure(text, figure, value, unit)
    label_figures(text, [f], 0, len(text))
    assert f.indicator == indicator


def test_items_not_yet_rectified_are_not_done() -> None:
    # the rest of the segment says rectified in the contract's words, but denied (未按期整改到位)
    text = "有19个未按期整改到位。"
    f = _figure(text, "19个", 19, "个")
    label_figures(text, [f], 0, len(text))
    assert f.indicator != "problems_done"


def test_a_report_left_out_loses_its_rows() -> None:
    # 对…的贡献率: 对 and the cut after 的 were suggested by xuchang's misses only
    text = "对规模以上工业的贡献率达到54.1%。"
    f = _figure(text, "54.1%", 54.1, "%")
    assert (s := figure_subject(text, f, 0, len(text))) is not None and s.text == "贡献率"
    assert (s := figure_subject(text, f, 0, len(text), XU)) is not None and s.text == "对规模以上工业的贡献率"


def test_an_indicator_row_must_open_with_a_plain_character(monkeypatch: pytest.MonkeyPatch) -> None:
    # a row opening with a group would make every row of its haystack be tried at every position
    monkeypatch.setattr(F, "INDICATOR", (*F.INDICATOR, ("subject", r"(?:会议|会)$", "meetings", "")))
    F._indicator_rows.cache_clear()
    with pytest.raises(ValueError, match="plain character"):
        F._indicator_rows(frozenset({"a test"}), "count")
    F._indicator_rows.cache_clear()


# every report a row can be tagged with (the dev and held-out seven, wild01 … wild14): left out, only the
# contract's rows remain
ALL_REPORTS = frozenset(
    {"huiji", "xiangcheng", "xuchang", "provdept", "province", "county", "insurer"}
    | {f"wild{i:02d}" for i in range(1, 15)}
)


@pytest.mark.parametrize(
    ("text", "figure", "value", "unit", "subject"),
    [
        # a growth rate or a share names the quantity it measures: no report's rows needed
        ("社会消费品零售总额增长27%。", "27%", 27, "%", "社会消费品零售总额"),
        ("公务接待费同比下降23.4%,", "23.4%", 23.4, "%", "公务接待费"),
        ("优良天数比例同比提高2.1个百分点。", "2.1个百分点", 2.1, "个百分点", "优良天数比例"),
        ("占年度计划的76%。", "76%", 76, "%", "年度计划"),
        ("会议数量同比减少28.4%,", "28.4%", 28.4, "%", "会议数量"),
        ("运转经费比上年增长21.5%。", "21.5%", 21.5, "%", "运转经费"),  # compared with a year named
        ("高级工程师占比由18.5%提高到21.3%。", "18.5%", 18.5, "%", "高级工程师占比"),  # the rate it rose from
        ("比例提高5%。", "5%", 5, "%", "比例"),  # 比例 is the quantity, no comparison
    ],
)
def test_a_rate_names_the_quantity_it_measures(text: str, figure: str, value: float, unit: str, subject: str) -> None:
    f = _figure(text, figure, value, unit)
    label_figures(text, [f], 0, len(text), ALL_REPORTS)
    assert f.subject is not None and f.subject.text == subject
    assert f.indicator == "other"


@pytest.mark.parametrize(
    ("text", "figure", "value", "unit", "subject"),
    [
        ("对12个开发区开展专项巡视。", "12个", 12, "个", "开发区"),  # 巡视: the project's own inspection
        ("对22个乡镇开展督导。", "22个", 22, "个", "乡镇"),
    ],
)
def test_the_units_a_tour_covers_are_inspections(text: str, figure: str, value: float, unit: str, subject: str) -> None:
    f = _figure(text, figure, value, unit)
    label_figures(text, [f], 0, len(text), ALL_REPORTS)
    assert (f.subject.text if f.subject else None, f.indicator) == (subject, "inspections")


def test_a_rate_segment_of_change_words_only_takes_the_subject_before() -> None:
    # the segment leaves the counted thing out: its sentence names it (the contract's clarification)
    text = "新增市场主体42.6万户,同比增长11.8%。"
    figs = [_figure(text, "42.6万户", 426000, "户"), _figure(text, "11.8%", 11.8, "%")]
    label_figures(text, figs, 0, len(text), ALL_REPORTS)
    assert [f.subject.text if f.subject else None for f in figs] == ["新增市场主体", "新增市场主体"]
    assert figs[1].indicator == "other"


def test_a_sum_whose_segment_only_says_it_changed_takes_the_subject_before() -> None:
    text = "全市投入扶贫资金4.48亿元,同比增加2.4亿元。"
    figs = [_figure(text, "4.48亿元", 448000000, "元"), _figure(text, "2.4亿元", 240000000, "元")]
    label_figures(text, figs, 0, len(text), ALL_REPORTS)
    assert [f.subject.text if f.subject else None for f in figs] == ["投入扶贫资金", "投入扶贫资金"]


@pytest.mark.parametrize(
    ("text", "figure", "value", "unit", "subject"),
    [
        # 以上 and 左右 after the unit, 近/约/超 before the number qualify it (the contract's figure text)
        ("入库40岁左右优秀年轻干部312名。", "40岁", 40, "岁", "优秀年轻干部"),
        ("年销售收入超5000万元。", "5000万元", 50000000, "元", "年销售收入"),
        ("全年接待游客约30万人次。", "30万人次", 300000, "人次", "接待游客"),
    ],
)
def test_the_words_that_qualify_a_number_are_no_subject(
    text: str, figure: str, value: float, unit: str, subject: str
) -> None:
    f = _figure(text, figure, value, unit)
    label_figures(text, [f], 0, len(text), ALL_REPORTS)
    assert f.subject is not None and f.subject.text == subject


def test_the_change_after_a_rate_is_no_noun_of_it() -> None:
    # a rate names the quantity it measures: the words after it say how that changed
    text = "工业增速保持22%以上高速增长。"
    f = _figure(text, "22%", 22, "%")
    label_figures(text, [f], 0, len(text))
    assert f.subject is not None and f.subject.text == "工业增速"


def test_the_rate_a_rate_rose_to_takes_the_subject_of_the_one_it_rose_from() -> None:
    text = "高级工程师占比由18.5%提高到21.3%。"
    figs = [_figure(text, "18.5%", 18.5, "%"), _figure(text, "21.3%", 21.3, "%")]
    label_figures(text, figs, 0, len(text), ALL_REPORTS)
    assert [f.subject.text if f.subject else None for f in figs] == ["高级工程师占比", "高级工程师占比"]


@pytest.mark.parametrize(
    ("text", "figures", "subjects", "indicators"),
    [
        # a from-to pair: the counted thing is named before the first number, 由 and the verb to the second name
        # nothing (the contract: the words before its verb; the sentence where the segment leaves it out)
        ("省级行政许可事项由2018年的612项压减至438项。", [("612项", 612, "项"), ("438项", 438, "项")],
         ["省级行政许可事项", "省级行政许可事项"], ["other", "other"]),
        ("科级领导干部平均年龄由45.3岁下降至43.8岁。", [("45.3岁", 45.3, "岁"), ("43.8岁", 43.8, "岁")],
         ["科级领导干部平均年龄", "科级领导干部平均年龄"], ["other", "other"]),
        # a noun after the first figure is its own: the segment then only says the second's items were rectified
        ("19个问题已整改到位17个。", [("19个", 19, "个"), ("17个", 17, "个")],
         ["问题", "问题"], ["problems", "problems_done"]),
    ],
)  # fmt: skip
def test_figures_of_a_sentence_with_every_report_left_out(
    text: str, figures: list[tuple[str, float, str]], subjects: list[str], indicators: list[str]
) -> None:
    fs: list[Figure] = []
    for figure, value, unit in figures:
        fs.append(_figure(text, figure, value, unit, fs[-1].end if fs else 0))
    label_figures(text, fs, 0, len(text), ALL_REPORTS)
    assert [f.subject.text if f.subject else None for f in fs] == subjects
    assert [f.indicator for f in fs] == indicators


def test_the_items_reported_done_are_not_those_of_a_figure_before_the_done_count() -> None:
    # every row kept: 19个 counts all the problems, the figure after the done words counts the rectified ones
    text = "19个问题已整改到位17个。"
    fs = [_figure(text, "19个", 19, "个"), _figure(text, "17个", 17, "个")]
    label_figures(text, fs, 0, len(text))
    assert [f.indicator for f in fs] == ["problems", "problems_done"]


@pytest.mark.parametrize(
    ("text", "figure", "value", "unit", "subject", "indicator"),
    [
        # the verb before a number changes the quantity to it: the subject is before the verb
        ("企业开办时间压缩至3个工作日以内。", "3个工作日", 3, "个工作日", "企业开办时间", "other"),
        # 以下 and 以内 qualify a number as 以上 does
        ("10蒸吨以下燃煤锅炉全部拆改。", "10蒸吨", 10, "蒸吨", "燃煤锅炉", "other"),
        ("舆情平均处置时间缩短至4小时以内。", "4小时", 4, "小时", "舆情平均处置时间", "other"),
        # the parts of a year are time, no counted thing
        ("2022年第四季度村干部42名。", "42名", 42, "名", "村干部", "people"),
        # a list marker names nothing
        ("三是省级重点项目24个。", "24个", 24, "个", "省级重点项目", "other"),
        ("(2)市级示范点10个。", "10个", 10, "个", "市级示范点", "other"),
        # 排查 is an inspection (the contract's kind table), in the subject or after the units it covers
        ("开展排查25次。", "25次", 25, "次", "排查", "inspections"),
        ("对全县4.2万户农户开展集中排查。", "4.2万户", 42000, "户", "农户", "inspections"),
        # but problems an inspection found are problems: the head noun is what is counted
        ("新排查问题13处。", "13处", 13, "处", "新排查问题", "problems"),
        # a ranking that picks who is counted leaves the people held to account
        ("对排名靠后的3名党组织书记进行约谈。", "3名", 3, "名", "党组织书记", "accountable"),
        # a duration is other, whatever the activity it measures
        ("5个工作日办结。", "5个工作日", 5, "个工作日", "办结", "other"),
        # 规范 is rules where it is the noun (the contract's kind clarification), not where it is an adjective
        ("共出台规范性文件11个。", "11个", 11, "个", "规范性文件", "rules"),
        ("关停不规范账号5个。", "5个", 5, "个", "关停不规范账号", "other"),
        # 追责 spelled out (追究…责任) holds people to account
        ("追究主体责任29人。", "29人", 29, "人", "追究主体责任", "accountable"),
        ("追究“两个责任”52人。", "52人", 52, "人", "追究“两个责任”", "accountable"),
        # a list counted by its entries names the entries: 问题清单 problems, any other list other
        ("建立问题清单12项。", "12项", 12, "项", "问题清单", "problems"),
        ("梳理决策事项清单67项。", "67项", 67, "项", "决策事项清单", "other"),
        # a Party school's work is training (the contract's training kind word)
        ("举办党校主体班3期。", "3期", 3, "期", "党校主体班", "training"),
        # areas and lengths are other, whatever check found them
        ("检查撂荒地2360亩。", "2360亩", 2360, "亩", "撂荒地", "other"),  # the contract's 检查 cut, as 检查车辆
        ("开展全面清查,面积18.7万平方米。", "18.7万平方米", 187000, "平方米", "面积", "other"),
    ],
)
def test_contract_rows_with_every_report_left_out(
    text: str, figure: str, value: float, unit: str, subject: str, indicator: str
) -> None:
    f = _figure(text, figure, value, unit)
    label_figures(text, [f], 0, len(text), ALL_REPORTS)
    assert (f.subject.text if f.subject else None, f.indicator) == (subject, indicator)


def test_windows_labelled_together_as_each_alone() -> None:
    # two problems' texts: the second's first figure has none before it (its window starts after the first's), and
    # its subject comes from its own segment (中小学), not from the first window's figures
    text = "一、问题一\n年收入5万元以下的村41个。\n二、问题二\n新建(改扩建)中小学12所,惠及学生2000人。"
    cut = text.index("二、")
    windows = []
    for lo, hi in ((0, cut), (cut, len(text))):
        fs: list[Figure] = []
        for figure, value, unit in (
            ("5万元", 50000, "元"),
            ("41个", 41, "个"),
            ("12所", 12, "所"),
            ("2000人", 2000, "人"),
        ):
            at = text.find(figure, lo, hi)
            if at >= 0:
                fs.append(Figure(text=figure, start=at, end=at + len(figure), value=value, unit=unit))
        windows.append((fs, lo, hi))
    alone = [[f.model_copy(deep=True) for f in fs] for fs, _, _ in windows]
    for fs, (_, lo, hi) in zip(alone, windows, strict=True):
        label_figures(text, fs, lo, hi)
    label_figure_windows(text, windows)
    together = [fs for fs, _, _ in windows]
    assert [[f.model_dump() for f in fs] for fs in together] == [[f.model_dump() for f in fs] for fs in alone]
    assert [f.subject.text if f.subject else None for fs in together for f in fs] == ["年收入", "村", "中小学", "学生"]
