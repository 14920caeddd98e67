"""Outline parser: heading styles, problem headings, measure markers, skipped numbers, no outline."""

import pytest

from zhenggai.segment import Level, cn_number, finding_span, heading_at, markers, segment, title_end


@pytest.mark.parametrize(("s", "n"), [("一", 1), ("九", 9), ("十", 10), ("十一", 11), ("二十", 20), ("二十三", 23)])
def test_cn_number(s: str, n: int) -> None:
    assert cn_number(s) == n


@pytest.mark.parametrize(
    ("heading", "title", "finding"),
    [
        (
            "针对“贯彻落实不到位。前期工作不扎实”的问题。认真贯彻",
            "针对“贯彻落实不到位。前期工作不扎实”的问题",
            "贯彻落实不到位。前期工作不扎实",
        ),
        ("关于“学懂弄通深度不够”问题的整改", "关于“学懂弄通深度不够”问题的整改", "学懂弄通深度不够"),
        (
            "关于“‘一带一路’交汇点建设滞后”问题的整改",
            "关于“‘一带一路’交汇点建设滞后”问题的整改",
            "‘一带一路’交汇点建设滞后",
        ),
        (
            "理论学习表面化,指导实践有差距。一是严格落实",
            "理论学习表面化,指导实践有差距",
            "理论学习表面化,指导实践有差距",
        ),
        ("“扫黑除恶”力度不大。一是加大宣传", "“扫黑除恶”力度不大", "“扫黑除恶”力度不大"),
        ("落实“六稳”“六保”有欠缺。一是", "落实“六稳”“六保”有欠缺", "落实“六稳”“六保”有欠缺"),
        ("干部任用把关不严:一是强化", "干部任用把关不严", "干部任用把关不严"),
        ("工作作风不实,一是加强", "工作作风不实", "工作作风不实"),
        # straight quotes hide their 。 and : as curly ones do
        ('针对"学习不深入:流于形式"问题:一是', '针对"学习不深入:流于形式"问题', "学习不深入:流于形式"),
        ('落实"第一议题制度不严。一是', '落实"第一议题制度不严', '落实"第一议题制度不严'),  # a lone mark hides nothing
        # a pair of straight marks across sentences quotes nothing
        ('贯彻"落实不到位。一是着力"打好', '贯彻"落实不到位', '贯彻"落实不到位'),
        # every quoted form wrapping the inspection's words as a whole
        ("对“城市更新力度不够”问题的整改进展情况", "对“城市更新力度不够”问题的整改进展情况", "城市更新力度不够"),
        ("对“监管不严”方面问题的整改进展情况", "对“监管不严”方面问题的整改进展情况", "监管不严"),
        ("关于“债务风险防控不够有力”方面", "关于“债务风险防控不够有力”方面", "债务风险防控不够有力"),
        ("关于 “打折扣、搞变通” 的问题。一是", "关于 “打折扣、搞变通” 的问题", "打折扣、搞变通"),
        (
            "针对\"落实'第一议题'制度不严格\"问题:一是",
            "针对\"落实'第一议题'制度不严格\"问题",
            "落实'第一议题'制度不严格",
        ),
        (
            "关于城区学校“大班额”问题仍然存在的问题",
            "关于城区学校“大班额”问题仍然存在的问题",
            "关于城区学校“大班额”问题仍然存在的问题",
        ),
    ],
)
def test_title_and_finding(heading: str, title: str, finding: str) -> None:
    end = title_end(heading, 0, len(heading))
    assert heading[:end] == title
    s, e = finding_span(heading, 0, end)
    assert heading[s:e] == finding


def test_markers_taken_as_written() -> None:
    body = "引言。一是开会。二是发文,其中一是不算。四是督查。"
    ms = markers(body, 0, len(body))
    assert [(m.marker, body[m.start : m.end]) for m in ms] == [
        ("一是", "一是开会。"),
        ("二是", "二是发文,其中一是不算。"),
        ("四是", "四是督查。"),
    ]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # run-in (1)…(2)… after a lead, and 第一,… lines: a body with no 一是 is cut at them
        ("整改情况:(1)开会;(2)发文;(3)督查。", ["(1)开会;", "(2)发文;", "(3)督查。"]),
        ("第一,开会。\n第二,发文。\n第三,督查。", ["第一,开会。", "第二,发文。", "第三,督查。"]),
        ("第一、二季度开展检查,第二、三季度复查。", []),  # 第一、二季度 is a span of quarters, no marker
        # numbered 1, 2 … in turn: a (3) out of turn stays inside the measure before it
        ("(1)开会;(3)督查;(2)发文。", ["(1)开会;(3)督查;", "(2)发文。"]),
        # 第一议题, 第一时间, 第一种形态 are no markers (no comma after the numeral), nor is one (1) alone
        ("落实“第一议题”制度,第一时间处置,运用第一种形态。", []),
        ("开会(1)次;其中(1)次为专题。", []),  # not at a clause start
        ("整改情况:(1)开会。", []),
        # numbered before the body's lead (整改情况:) is the finding's detail, not its measures
        ("主要表现:(1)计划执行不严;(2)形式单一。整改情况:(1)制定计划;(2)开展研讨。", ["(1)制定计划;", "(2)开展研讨。"]),
        ("主要表现:(1)计划执行不严;(2)形式单一。整改情况:制定计划。", []),
        # so is a finding's 一是…二是…: the measures are the markers after the lead where any follow it; where none
        # does, the body is cut at the markers it has, as the contract cuts any body with markers
        (
            "存在问题:一是学习不深;二是督查不严。整改措施:一是制定计划;二是开展研讨。",
            ["一是制定计划;", "二是开展研讨。"],
        ),
        (
            "存在问题:一是学习不深;二是督查不严。整改措施:制定计划。",
            ["一是学习不深;", "二是督查不严。整改措施:制定计划。"],
        ),
        # labelled measures 措施1:… 措施2:…, numbered in turn like (1)
        ("措施1:开会。\n措施2:发文。\n进展:已完成。", ["措施1:开会。", "措施2:发文。\n进展:已完成。"]),
        # word sequences at sentence starts: 首先…其次…最后 (最后 closes the run anywhere after the first) ...
        ("【整改措施】首先,开会。其次,发文。最后,督查。", ["首先,开会。", "其次,发文。", "最后,督查。"]),
        ("首先,开会。其次,发文。再次,培训。最后,督查。", ["首先,开会。", "其次,发文。", "再次,培训。", "最后,督查。"]),
        # ... and 一方面…另一方面… with 同时 and 此外 going on after them
        (
            "一方面,开会。另一方面,发文。同时,督查。此外,培训。",
            ["一方面,开会。", "另一方面,发文。", "同时,督查。", "此外,培训。"],
        ),
        # connectives inside a sentence, or a run not opened by its first word, mark nothing
        ("一方面加强学习,另一方面,完善制度,同时,开展督查。", []),
        ("开会。同时,发文。此外,督查。", []),
        ("落实“最后一公里”,其次,发文。", []),
        # where there is a 一是, it marks the measures, and (1) inside one is text
        ("一是开会:(1)学习;(2)研讨。二是发文。", ["一是开会:(1)学习;(2)研讨。", "二是发文。"]),
    ],
)
def test_other_markers(body: str, expected: list[str]) -> None:
    assert [body[m.start : m.end] for m in markers(body, 0, len(body))] == expected


REPORT = """根据省委统一部署,2019年8月5日至9月24日,省委第八巡视组对某县开展了巡视。
一、整改工作组织情况
县委成立领导小组。
二、整改落实情况
(一)党的领导弱化
1.关于“学习不深入”问题的整改
一是加强学习。二是开展督查。
3.关于“责任不落实”问题的整改
压实责任。已问责5人。
(二)选人用人方面
(1)干部任用把关不严。一是强化把关。
三、下一步工作打算
一是持续整改。二是建章立制。
中共某县委
2020年4月27日
"""


def test_outline_of_a_small_report() -> None:
    o = segment(REPORT)
    t = REPORT
    assert [p.heading.label for p in o.problems] == ["1.", "3.", "(1)"]  # 2. is skipped in the text: not invented
    cats = [t[p.category.title_start : p.category.title_end] for p in o.problems if p.category]
    assert cats == ["党的领导弱化", "党的领导弱化", "选人用人方面"]
    assert all(p.group is None for p in o.problems)
    assert [[t[m.start : m.end] for m in p.measures] for p in o.problems] == [
        ["一是加强学习。", "二是开展督查。"],
        ["压实责任。已问责5人。"],
        ["一是强化把关。"],
    ]
    assert o.next_steps is not None and [m.marker for m in o.next_steps.measures] == ["一是", "二是"]
    assert o.organisation is not None and t[o.organisation.start : o.organisation.end].startswith(
        "一、整改工作组织情况"
    )
    assert t[o.closing[0] :].startswith("中共某县委")


def test_numbered_measures_under_a_finding_are_not_problems() -> None:
    text = "一、组织\n略。\n二、问题整改情况\n(一)关于“学习不深入”的问题\n1.召开专题会议。\n2.印发学习计划。\n(二)关于“作风不实”的问题\n1.开展督查。\n"
    o = segment(text)
    assert [o_.heading.label for o_ in o.problems] == ["(一)", "(二)"]
    assert [[m.marker for m in p.measures] for p in o.problems] == [["1.", "2."], ["1."]]


def test_no_outline_gives_no_problems() -> None:
    text = "省委巡视组对某市进行了巡视。某市高度重视整改,召开会议研究部署,整改工作取得成效。"
    assert segment(text).problems == []


def test_bare_category_line_only_above_deeper_numbered_items() -> None:
    text = (
        "一、组织\n略。\n二、问题整改情况\n党的政治建设方面\n1.学习贯彻不深入问题。一是开会。\n"
        "全面从严治党方面\n(一)作风不实问题。一是督查。\n"
    )
    o = segment(text)
    cats = [text[p.category.title_start : p.category.title_end] if p.category else None for p in o.problems]
    assert [p.heading.label for p in o.problems] == ["1.", "(一)"]
    assert cats == ["党的政治建设方面", None]  # no empty problem invented from the line above (一)


LEVELS = """第一部分 整改工作的组织
成立领导小组。
第二部分 问题的整改情况
一、政治建设方面
(一)学习贯彻不到位
1.理论学习不深入的问题
(1)学习计划不落实的问题
一是开展学习。
2.调查研究方面
关于“调研不够”问题的整改
一是开展调研。
作风建设方面
1.作风不实的问题
一是督查。
"""


@pytest.mark.parametrize(
    ("title", "level", "parents"),
    [
        ("学习计划不落实的问题", Level.ITEM, [Level.GROUP, Level.CATEGORY, Level.SECTION, Level.PART]),
        ("关于“调研不够”问题的整改", Level.UNLABELLED, [Level.GROUP, Level.CATEGORY, Level.SECTION, Level.PART]),
        ("作风不实的问题", Level.GROUP, [Level.CATEGORY, Level.SECTION, Level.PART]),  # under a bare category
    ],
)
def test_each_heading_style_gets_its_named_level(title: str, level: Level, parents: list[Level]) -> None:
    o = segment(LEVELS)
    heads = {LEVELS[p.heading.title_start : p.heading.title_end]: p.heading for p in o.problems}
    ancestors, h = [], heads[title].parent
    while h is not None:
        ancestors.append(h.level)
        h = h.parent
    assert (heads[title].level, ancestors) == (level, parents)


def test_levels_run_from_the_highest_heading_down() -> None:
    assert list(Level) == sorted(Level)  # the tree pops headings by comparing levels
    assert heading_at(LEVELS, LEVELS.index("一、"), len(LEVELS)).level is Level.ANCHOR


@pytest.mark.parametrize(
    ("heading", "label"),
    [
        ("问题1:主责主业聚焦不够", "问题1:"),
        ("问题10.针对“干部队伍建设统筹谋划不够”的问题。", "问题10."),
        ("反馈问题三:关于 “意识形态工作责任制落实不到位” 的问题。", "反馈问题三:"),
        ("【问题一】主责主业聚焦不够。巡视指出,项目推进滞后。", "【问题一】"),
    ],
)
def test_problem_labels_that_carry_a_word(heading: str, label: str) -> None:
    text = f"一、整改情况\n(一)党的领导方面\n{heading}\n一是加强学习。\n问题11:作风不实\n一是督查。\n"
    o = segment(text)
    assert [p.heading.label for p in o.problems] == [label, "问题11:"]
    assert all(p.category is not None and p.category.label == "(一)" for p in o.problems)


@pytest.mark.parametrize(
    ("head", "body", "problems", "titles", "measures"),
    [
        # paragraphs labelled by their role: each 存在问题: opens a problem, its 整改措施: the measures
        (
            "(一)党的领导方面",
            "存在问题:统筹不够。巡视指出,项目推进慢。\n整改措施:一是开展行动。二是督查。\n整改成效:已开工19个。\n"
            "存在问题:作风不实。\n整改措施:一是整治。\n",
            ["存在问题:", "存在问题:"],
            ["统筹不够", "作风不实"],
            [["一是", "二是"], ["一是"]],
        ),
        # numbered measures under 存在问题: are its measures, and the next 存在问题: opens the next problem
        (
            "(一)党建方面",
            "存在问题:党建不够扎实。\n整改措施:\n1.制定计划。\n2.开展检查。\n存在问题:财务不严。\n整改措施:\n1.修订制度。\n",
            ["存在问题:", "存在问题:"],
            ["党建不够扎实", "财务不严"],
            [["1.", "2."], ["1."]],
        ),
        # under a numbered problem, 问题: only opens the finding's paragraph
        (
            "(一)党的领导方面",
            "1.治水思路落实不到位\n问题:学习领会不深。\n整改措施:一是深化学习。二是培训。\n"
            "2.项目推进缓慢\n问题:开工率低。\n整改措施:一是建库。\n",
            ["1.", "2."],
            ["治水思路落实不到位", "项目推进缓慢"],
            [["一是", "二是"], ["一是"]],
        ),
        # so too under a (一) heading that states a finding and names no 方面
        (
            "(一)关于党建工作不扎实的问题",
            "问题:组织生活不规范。\n整改措施:一是规范。二是督查。\n(二)关于作风不实的问题\n问题:作风漂浮。\n整改措施:一是整治。\n",
            ["(一)", "(二)"],
            ["关于党建工作不扎实的问题", "关于作风不实的问题"],
            [["一是", "二是"], ["一是"]],
        ),
    ],
)
def test_role_labelled_paragraphs(
    head: str, body: str, problems: list[str], titles: list[str], measures: list[list[str]]
) -> None:
    text = f"一、整改情况\n{head}\n{body}"
    o = segment(text)
    assert [p.heading.label for p in o.problems] == problems
    assert [text[p.heading.title_start : p.heading.title_end] for p in o.problems] == titles
    assert [[text[m.start : m.end][:2] for m in p.measures] for p in o.problems] == measures


def test_ledger_rows_flattened_to_lines() -> None:
    """序号:N alone on its line is a problem titled by the 反馈问题: line after it; the numbered lines under it
    are its measures, even where one reads like a finding (严肃查处违法占地问题), and the last runs on to the
    row's other fields."""
    rows = (
        "序号:1\n反馈问题:耕地保护责任落实不到位\n整改措施:\n1.开展专项整治。\n2.严肃查处违法占地问题。\n"
        "责任单位:局执法大队\n完成情况:已完成\n"
        "序号:2\n反馈问题:关于“规划编制滞后”的问题\n整改措施:\n1.印发方案。\n"
    )
    text = f"一、贯彻落实重大决策部署方面\n{rows}二、全面从严治党方面\n序号:3\n反馈问题:监督偏软\n整改措施:\n1.约谈。\n"
    o = segment(text)
    assert [p.heading.label for p in o.problems] == ["序号:1", "序号:2", "序号:3"]
    assert [text[p.heading.title_start : p.heading.title_end] for p in o.problems] == [
        "耕地保护责任落实不到位",
        "关于“规划编制滞后”的问题",
        "监督偏软",
    ]
    assert [[text[m.start : m.end] for m in p.measures] for p in o.problems] == [
        ["1.开展专项整治。", "2.严肃查处违法占地问题。\n责任单位:局执法大队\n完成情况:已完成"],
        ["1.印发方案。"],
        ["1.约谈。"],
    ]
    assert [p.category and text[p.category.title_start : p.category.title_end] for p in o.problems] == [
        "贯彻落实重大决策部署方面",
        "贯彻落实重大决策部署方面",
        "全面从严治党方面",
    ]


@pytest.mark.parametrize(
    ("body", "problems", "measures"),
    [
        # 1. as problems and as measures: the run restarting at 1 under a problem is its measures
        (
            "1.关于“举措不实”的问题\n整改情况:\n1.开展行动。\n2.推行一网通办。\n3.2月20日出台措施。\n"
            "2.关于“监管存在盲区”的问题\n整改情况:\n1.开展检查。\n2.完成抽检。\n",
            ["1.", "2."],
            [["1.", "2.", "3."], ["1.", "2."]],
        ),
        # a restart under a new category is a new run of problems, not measures
        (
            "1.关于“举措不实”的问题\n一是开展行动。\n(二)作风方面\n1.关于“作风不实”的问题\n一是督查。\n",
            ["1.", "1."],
            [["一是"], ["一是"]],
        ),
    ],
)
def test_one_marker_at_two_levels_nesting_decides(body: str, problems: list[str], measures: list[list[str]]) -> None:
    o = segment("二、整改落实情况\n(一)党的领导方面\n" + body)
    assert [p.heading.label for p in o.problems] == problems
    assert [[m.marker for m in p.measures] for p in o.problems] == measures


@pytest.mark.parametrize(
    ("items", "labels", "groups"),
    [
        # an unlabelled 关于"……"问题。 right above (n) items heads them as their group
        (
            '关于"领导作用不到位"问题。\n(1)针对"第一议题落实不严"问题:一是学习。\n(2)针对"请示报告不及时"问题:一是报告。\n'
            '关于"乡村振兴有差距"问题。\n(3)针对"产业发展滞后"问题:一是发展。\n',
            ["(1)", "(2)", "(3)"],
            ['关于"领导作用不到位"问题', '关于"领导作用不到位"问题', '关于"乡村振兴有差距"问题'],
        ),
        # the same above 1. items
        (
            "关于“四个意识”不强的问题\n1.针对“学习不深入”的问题。一是学习。\n",
            ["1."],
            ["关于“四个意识”不强的问题"],
        ),
    ],
)
def test_unlabelled_heading_above_numbered_items_is_their_group(
    items: str, labels: list[str], groups: list[str]
) -> None:
    text = "二、整改落实情况\n(一)党的领导方面\n" + items
    o = segment(text)
    assert [p.heading.label for p in o.problems] == labels
    assert [text[p.group.title_start : p.group.title_end] if p.group else None for p in o.problems] == groups
    assert all(p.category is not None and p.category.label == "(一)" for p in o.problems)


@pytest.mark.parametrize(
    "organisation",
    [
        # paragraphs that report actions with counts
        "(一)区委对照巡察反馈的4个方面9个问题,逐条制定整改措施,形成整改任务清单。\n"
        "(二)区委建立周调度机制,对整改进度滞后的4个单位进行督办。\n",
        # paragraphs whose first sentence runs on through several clauses, with no count
        "(一)区委坚持问题导向,在反馈会后召开常委会会议,专题研究部署整改工作,成立领导小组。\n"
        "(二)区委对照反馈问题逐条制定整改措施,形成任务清单,逐项明确责任单位,实行清单化管理。\n",
    ],
)
def test_organisation_paragraphs_numbered_like_categories_are_not_problems(organisation: str) -> None:
    text = (
        "一、整改工作组织情况\n" + organisation + "二、巡察反馈问题整改进展情况\n"
        "(一)对“落实决策部署有差距”方面问题的整改进展情况\n"
        "1.对“城市更新力度不够”问题的整改进展情况\n一是制定方案。\n"
        "2.对“招商引资质效不高”问题的整改进展情况\n一是开展招商。\n"
    )
    o = segment(text)
    assert [p.heading.label for p in o.problems] == ["1.", "2."]
    assert [text[slice(*p.finding)] for p in o.problems] == ["城市更新力度不够", "招商引资质效不高"]
    assert o.organisation is not None and o.organisation.heading is not None


@pytest.mark.parametrize(
    ("text", "titles", "measures"),
    [
        # no numbered heading anywhere: paragraphs opening with a wholly quoted finding are the problems
        (
            "县委第四巡察组对县民政局开展了巡察。\n局党组成立领导小组。\n"
            "针对“社会救助政策落实不精准”的问题,一是开展排查;二是建立机制。\n"
            "关于“殡葬改革推进缓慢”的问题。局党组整治散埋乱葬。\n"
            "下一步,局党组将持续巩固整改成果。\n中共某县民政局党组\n2023年4月18日\n",
            ["针对“社会救助政策落实不精准”的问题", "关于“殡葬改革推进缓慢”的问题"],
            [["一是开展排查;", "二是建立机制。"], ["局党组整治散埋乱葬。"]],
        ),
        # with numbered headings the run-in form is not read; an unlabelled 下一步 paragraph ends the last problem
        (
            "一、党的建设方面\n1.学习不扎实\n一是加强学习。\n针对“作风不实”的问题,一是督查。\n"
            "2.作风不实\n一是督查。\n下一步,县委将持续推进整改。\n",
            ["学习不扎实", "作风不实"],
            [["一是加强学习。\n针对“作风不实”的问题,一是督查。"], ["一是督查。"]],
        ),
    ],
)
def test_run_in_problems_only_without_numbered_headings(
    text: str, titles: list[str], measures: list[list[str]]
) -> None:
    o = segment(text)
    assert [text[p.heading.title_start : p.heading.title_end] for p in o.problems] == titles
    assert [[text[m.start : m.end] for m in p.measures] for p in o.problems] == measures
    assert o.next_steps is not None and text[o.next_steps.start :].startswith("下一步")


@pytest.mark.parametrize(
    ("second", "third", "categories"),
    [
        # slogan sections, one of them mentioning 整改 in passing: each is its problems' category
        (
            "聚焦主责主业,推动反馈问题见底清零",
            "锻造过硬队伍,保障整改落地见效",
            ["聚焦主责主业,推动反馈问题见底清零", "锻造过硬队伍,保障整改落地见效"],
        ),
        # sections that each name their 方面 are categories, though they say 问题的整改 too
        (
            "关于党的领导方面问题的整改",
            "关于全面从严治党方面问题的整改",
            ["关于党的领导方面问题的整改", "关于全面从严治党方面问题的整改"],
        ),
        # a section naming the rectification's progress holds the problems as a whole: no category
        ("巡察反馈问题整改落实情况", "其他问题方面", [None, None]),
    ],
)
def test_sibling_problem_sections_are_categories_unless_they_name_the_progress(
    second: str, third: str, categories: list[str | None]
) -> None:
    text = (
        f"一、提高站位\n局党组召开会议。\n二、{second}\n(一)粮食安全责任不够有力。一是制定方案。\n"
        f"(二)人居环境机制不健全。一是出台办法。\n三、{third}\n(三)队伍结构不够合理。一是遴选。\n"
        "(四)支部建设有短板。一是达标。\n"
    )
    o = segment(text)
    assert len(o.problems) == 4
    got = [text[p.category.title_start : p.category.title_end] if p.category else None for p in o.problems]
    assert got == [categories[0], categories[0], categories[1], categories[1]]


def test_a_section_with_a_single_problem_is_a_category_too() -> None:
    text = (
        "一、党的领导方面\n问题1:理论学习不深入\n整改措施:一是学习;二是研讨。\n问题2:作风不实\n整改措施:一是督查。\n"
        "二、党的建设方面\n问题3:支部建设弱化\n一是整顿。\n三、下一步工作打算\n一是巩固。\n"
    )
    o = segment(text)
    assert [p.heading.label for p in o.problems] == ["问题1:", "问题2:", "问题3:"]
    got = [text[p.category.title_start : p.category.title_end] if p.category else None for p in o.problems]
    assert got == ["党的领导方面", "党的领导方面", "党的建设方面"]


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("关于“学习不深入”方面的问题,一是学习;二是研讨。", "关于“学习不深入”方面的问题"),
        ("针对“作风不实”问题,一是督查。", "针对“作风不实”问题"),
        ("关于“殡葬改革推进缓慢”的问题。局党组整治散埋乱葬。", "关于“殡葬改革推进缓慢”的问题"),
    ],
)
def test_run_in_forms(line: str, title: str) -> None:
    text = f"县委巡察组对某局开展了巡察。\n局党组高度重视。\n{line}\n"
    o = segment(text)
    assert [text[p.heading.title_start : p.heading.title_end] for p in o.problems] == [title]


def test_unlabelled_group_forms_above_numbered_items() -> None:
    text = (
        "二、整改情况\n(一)党的领导方面\n关于“领导作用发挥不够”问题的整改进展情况\n"
        "1.针对“学习不深入”的问题。一是学习。\n对“作风不实”方面问题的整改进展情况\n2.针对“督查不力”的问题。一是督查。\n"
    )
    o = segment(text)
    groups = [text[p.group.title_start : p.group.title_end] if p.group else None for p in o.problems]
    assert groups == ["关于“领导作用发挥不够”问题的整改进展情况", "对“作风不实”方面问题的整改进展情况"]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        # a label alone on its line (a table's 序号 cell) takes the next line as its title
        (
            "1.\n政治理论学习不扎实\n一是召开会议3次。\n2.\n作风建设存在薄弱环节\n一是督查5次。\n",
            [("1.", "政治理论学习不扎实"), ("2.", "作风建设存在薄弱环节")],
        ),
        (
            "(1)\n政治理论学习不扎实\n一是召开会议3次。\n(2)\n作风建设存在薄弱环节\n一是督查5次。\n",
            [("(1)", "政治理论学习不扎实"), ("(2)", "作风建设存在薄弱环节")],
        ),
        # ... and so does a bare number where that line states a finding
        (
            "1\n政治理论学习不扎实\n一是召开会议3次。\n2\n作风建设存在薄弱环节\n一是督查5次。\n",
            [("1", "政治理论学习不扎实"), ("2", "作风建设存在薄弱环节")],
        ),
        # a bare number above a line that states none is no label (a count in a table)
        (
            "1.学习不扎实\n一是召开会议\n12\n已完成\n2.作风不实\n一是督查5次。\n",
            [("1.", "学习不扎实"), ("2.", "作风不实")],
        ),
    ],
)
def test_a_label_alone_on_its_line(rows: str, expected: list[tuple[str, str]]) -> None:
    text = "县委第一巡察组对某镇进行了巡察。\n一、整改落实情况\n" + rows
    outline = segment(text)
    assert [(p.heading.label, text[p.heading.title_start : p.heading.title_end]) for p in outline.problems] == expected


def test_circled_numbers_head_problems_only_where_they_state_a_finding() -> None:
    # ① standing at a line start under a category heads a problem where it states one; an ① that reports an
    # action is a sub-item inside the measure above it
    text = (
        "一、整改情况\n(一)党的领导方面\n①关于“学习不深入”的问题\n一方面,开会。另一方面,发文。\n"
        "②基层治理存在短板,纠纷化解不及时。\n一是开展排查:\n①排查矛盾纠纷;\n②建立台账。\n二是督查。\n"
    )
    o = segment(text)
    assert [p.heading.label for p in o.problems] == ["①", "②"]
    assert [[text[m.start : m.end] for m in p.measures] for p in o.problems] == [
        ["一方面,开会。", "另一方面,发文。"],
        ["一是开展排查:\n①排查矛盾纠纷;\n②建立台账。", "二是督查。"],
    ]


def test_a_closing_paragraph_whose_second_sentence_opens_the_next_steps_ends_the_last_problem() -> None:
    text = (
        "一、党的建设方面\n1.学习不扎实\n一是加强学习。\n2.作风不实\n一是督查;二是通报。\n"
        "整改工作虽然取得阶段性成效,但还有差距。下一步,局党组将持续推进整改。\n"
    )
    o = segment(text)
    assert [text[m.start : m.end] for m in o.problems[-1].measures] == ["一是督查;", "二是通报。"]
    assert o.next_steps is not None and text[o.next_steps.start :].startswith("整改工作虽然")


def test_a_measure_line_that_goes_on_to_its_next_step_stays_a_measure() -> None:
    text = "一、党的建设方面\n1.学习不扎实\n一是加强学习。\n2.作风不实\n一是督查。\n二是通报。下一步,将持续通报。\n"
    o = segment(text)
    assert [text[m.start : m.end] for m in o.problems[-1].measures] == ["一是督查。", "二是通报。下一步,将持续通报。"]
    assert o.next_steps is None
