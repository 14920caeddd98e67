"""Report meta from short hand-written openings and closings: who inspected whom and when, who signs, contacts.

Texts are written as the loader hands them on (full-width commas and colons already half-width). Every
expected span is located in the input by the substring a reader would point at.
"""

import pytest

from zhenggai.meta import extract_meta, reference_year
from zhenggai.schemas import Meta, Progress, Span
from zhenggai.textspans import TitleIndex

BODY = "一、整改工作情况\n略。\n"


def meta_of(opening: str, closing: str = "", *, body: str = BODY, page_date: str | None = None) -> tuple[str, Meta]:
    """The text ``opening + "\\n" + body + closing`` and its meta, with the preamble and the closing as the
    outline parser would cut them (the preamble ends before the first section)."""
    text = opening + "\n" + body + closing
    preamble = (0, len(opening) + 1)
    closing_at = len(opening) + 1 + len(body)
    return text, extract_meta(text, preamble, (closing_at, len(text)), TitleIndex(text), page_date)


def at(text: str, s: str, after: str = "") -> Span:
    """The span of ``s`` in ``text``, its first occurrence after ``after`` (when given)."""
    start = text.index(s, text.index(after) if after else 0)
    return Span(text=s, start=start, end=start + len(s))


OPENING = "根据省委统一部署,2021年3月1日至4月30日,省委第三巡视组对洛阳市进行了巡视,6月1日反馈了巡视意见。"
CLOSING = "欢迎广大干部群众监督。联系电话:0379-63912345;电子邮箱:lyxs@163.com。\n中共洛阳市委\n2021年10月9日\n"


def test_full_opening_and_closing() -> None:
    text, m = meta_of(OPENING, CLOSING)
    assert m.issuer == at(text, "中共洛阳市委")
    assert m.inspected_unit == at(text, "洛阳市")  # the first 洛阳市 is the one after 对
    assert m.inspected_unit.start == text.index("对洛阳市") + 1
    assert m.inspection_kind == "巡视"
    assert m.inspection_team == at(text, "省委第三巡视组")
    assert (m.inspection_start, m.inspection_end) == ("2021-03-01", "2021-04-30")
    assert m.feedback_date == "2021-06-01"  # yearless 6月1日 takes the range's year
    assert m.published_date == "2021-10-09"
    assert m.reference_year == 2021
    assert m.phones == [at(text, "0379-63912345")]
    assert m.emails == [at(text, "lyxs@163.com")]
    assert m.progress == []


@pytest.mark.parametrize(
    ("opening", "kind", "team", "unit"),
    [
        ("省委第一巡视组对洛阳市进行了巡视。", "巡视", "省委第一巡视组", "洛阳市"),
        ("县委第二巡察组对城关镇党委进行了巡察。", "巡察", "县委第二巡察组", "城关镇"),
        # a sub-district's working committee and a school's general branch are their units' own Party organs
        ("区委第二巡察组对桂园街道党工委开展了常规巡察。", "巡察", "区委第二巡察组", "桂园街道"),
        ("县委第一巡察组对县职业中学党总支开展了巡察。", "巡察", "县委第一巡察组", "县职业中学"),
        ("省委第一巡视组对洛阳市进行了专项巡视。", "专项巡视", "省委第一巡视组", "洛阳市"),
        ("省委第一巡视组对洛阳市进行了巡视“回头看”。", "巡视回头看", "省委第一巡视组", "洛阳市"),
        ("省委第一巡视组对洛阳市开展了机动巡视。", "机动巡视", "省委第一巡视组", "洛阳市"),
        ("中央第十巡视组对河南省进行了巡视。", "巡视", "中央第十巡视组", "河南省"),
        ("市委巡察组对洛阳市教育局开展了巡察。", "巡察", "市委巡察组", "洛阳市教育局"),
        # No team named: the kind comes from the preamble's own word.
        ("根据县委部署,对城关镇开展了巡察。", "巡察", None, "城关镇"),
        ("根据省委部署,对洛阳市进行了巡视。", "巡视", None, "洛阳市"),
        # teams of every form; 提级、交叉、专项、机动巡察 are 巡察; team-first word order
        (
            "七届市委第十二轮巡察一组对临江市农业农村局党组进行了常规巡察。",
            "巡察",
            "七届市委第十二轮巡察一组",
            "临江市农业农村局",
        ),
        (
            "八届市委巡察四组于2022年11月21日对临江市卫健委党组开展了政治巡察。",
            "巡察",
            "八届市委巡察四组",
            "临江市卫健委",
        ),
        ("区委巡察二组对东湖区住建局党组开展了专项巡察。", "巡察", "区委巡察二组", "东湖区住建局"),
        ("市委第一提级巡察组对青石镇开展了提级巡察。", "巡察", "市委第一提级巡察组", "青石镇"),
        ("县委机动巡察组对县教育体育局党组开展了机动巡察。", "巡察", "县委机动巡察组", "县教育体育局"),
        ("市委第一专项巡察组对临江市城投集团党委开展了专项巡察。", "巡察", "市委第一专项巡察组", "临江市城投集团"),
        ("县委第二交叉巡察组对白沙乡开展了交叉巡察。", "巡察", "县委第二交叉巡察组", "白沙乡"),
        ("县委巡察第二组对城关镇开展了巡察。", "巡察", "县委巡察第二组", "城关镇"),
        # no team named, the preamble speaking of 巡视巡察 work: the act names the kind
        ("根据巡视巡察工作规划,对城关镇开展了提级巡察。", "巡察", None, "城关镇"),
    ],
)
def test_kind_team_unit(opening: str, kind: str, team: str | None, unit: str) -> None:
    text, m = meta_of(opening)
    assert m.inspection_kind == kind
    assert m.inspection_team == (at(text, team) if team else None)
    assert m.inspected_unit == at(text, unit)


@pytest.mark.parametrize(
    ("opening", "unit"),
    [
        # City + district: the unit is the district alone.
        ("市委第二巡察组对洛阳市西工区进行了巡察。", "西工区"),
        ("市委第二巡察组对洛阳市西工区党委进行了巡察。", "西工区"),  # 党委 is not part of the unit
        ("省委第五巡视组对洛阳市伊川县领导班子进行了巡视。", "伊川县"),
    ],
)
def test_unit_short_form(opening: str, unit: str) -> None:
    text, m = meta_of(opening)
    assert m.inspected_unit == at(text, unit)


def test_unit_written_as_wo_is_named_from_the_party_body() -> None:
    # 我市 says nothing; the signature's 中共洛阳市委 names the city.
    text, m = meta_of("省委第一巡视组对我市进行了巡视。", "中共洛阳市委\n2021年10月9日\n")
    assert m.inspected_unit == Span(
        text="洛阳市", start=text.index("中共洛阳市委") + 2, end=text.index("中共洛阳市委") + 5
    )
    assert m.issuer == at(text, "中共洛阳市委")


def test_unit_written_as_wo_stays_when_no_party_body() -> None:
    text, m = meta_of("省委第一巡视组对我县进行了巡视。")
    assert m.inspected_unit == at(text, "我县")
    assert m.issuer is None


def test_issuer_without_signature_is_the_most_named_party_body_in_its_fullest_form() -> None:
    opening = "根据中共洛阳市委统一部署,2021年3月1日至4月30日,市委第一巡察组对宜阳县进行了巡察。"
    body = "一、整改工作情况\n中共宜阳县委高度重视。\n"
    text, m = meta_of(opening, "中共宜阳县委员会\n", body=body)
    # 宜阳县 is named twice, 洛阳市 once; of the two 宜阳县 forms the longer one wins.
    assert m.issuer == at(text, "中共宜阳县委员会")
    assert m.published_date is None
    assert m.reference_year == 2021  # from the preamble


def test_signature_with_an_office() -> None:
    text, m = meta_of(OPENING, "中共宜阳县委巡察工作领导小组办公室\n2021年9月1日\n")
    assert m.issuer == at(text, "中共宜阳县委巡察工作领导小组办公室")
    assert m.published_date == "2021-09-01"


def test_last_signature_wins() -> None:
    closing = "中共洛阳市委\n2021年10月9日\n中共洛阳市委办公室\n2021年10月10日\n"
    text, m = meta_of(OPENING, closing)
    assert m.issuer == at(text, "中共洛阳市委办公室")
    assert m.published_date == "2021-10-10"


def test_a_signed_date_without_a_year_stays_without_one() -> None:
    _, m = meta_of("省委第一巡视组对洛阳市进行了巡视。", "中共洛阳市委\n12月28日\n")
    assert m.published_date == "--12-28"
    assert m.reference_year is None


def test_page_date_when_no_signed_date() -> None:
    _, m = meta_of("省委第一巡视组对洛阳市进行了巡视。", page_date="2019-05-10")
    assert m.published_date == "2019-05-10"
    assert m.reference_year == 2019


def test_signed_date_beats_page_date() -> None:
    _, m = meta_of(OPENING, CLOSING, page_date="2022-01-01")
    assert m.published_date == "2021-10-09"
    assert m.reference_year == 2021


@pytest.mark.parametrize(
    ("opening", "start", "end", "feedback"),
    [
        # The feedback in a sentence of its own.
        (
            "2021年3月1日至4月30日,省委第三巡视组对洛阳市进行了巡视。6月1日,巡视组反馈了意见。",
            "2021-03-01",
            "2021-04-30",
            "2021-06-01",
        ),
        # 反馈 with no date of its own: the inspection range is not the feedback date.
        (
            "2021年3月1日至4月30日,省委第三巡视组对洛阳市进行了巡视,并反馈了意见。",
            "2021-03-01",
            "2021-04-30",
            None,
        ),
        # No range: only a feedback date.
        ("2021年6月1日,省委第一巡视组向洛阳市反馈了巡视意见。", None, None, "2021-06-01"),
        # A range whose end leaves out the year (8月10日至9月16日), the feedback dated in full.
        (
            "2019年8月10日至9月16日,省委第八巡视组对某某县开展了巡视,2019年10月28日进行了反馈。",
            "2019-08-10",
            "2019-09-16",
            "2019-10-28",
        ),
        # No dates at all.
        ("省委第一巡视组对洛阳市进行了巡视。", None, None, None),
    ],
)
def test_inspection_and_feedback_dates(opening: str, start: str | None, end: str | None, feedback: str | None) -> None:
    _, m = meta_of(opening)
    assert (m.inspection_start, m.inspection_end, m.feedback_date) == (start, end, feedback)


def test_team_looked_for_in_first_line_when_preamble_is_empty() -> None:
    text = "省委第一巡视组对洛阳市进行了巡视。\n(一)学习不够的问题\n略。\n"
    m = extract_meta(text, (0, 0), (len(text), len(text)), TitleIndex(text))
    assert m.inspection_team == at(text, "省委第一巡视组")
    assert m.inspected_unit == at(text, "洛阳市")


@pytest.mark.parametrize(
    ("body", "closing", "phones"),
    [
        # The closing's contact, not the 举报电话 a problem reports as a fact.
        ("一、整改\n设立举报电话13812345678。\n", "联系电话:0379-63912345。\n", ["0379-63912345"]),
        # No contact in the closing: anywhere in the text.
        ("一、整改\n公布举报电话13812345678。\n", "中共洛阳市委\n2021年10月9日\n", ["13812345678"]),
        # A number with no contact word before it is no phone.
        ("一、整改\n略。\n", "档案编号0379-63912345。\n", []),
        # The same number twice is one contact; landline then mobile, in text order.
        (
            "一、整改\n略。\n",
            "联系电话:0379-63912345,举报电话:0379-63912345,手机:13812345678。\n",
            ["0379-63912345", "13812345678"],
        ),
        # Landline without a dash.
        ("一、整改\n略。\n", "热线电话:037963912345。\n", ["037963912345"]),
        # Numbers listed after one contact word share it; a number after other words does not.
        (
            "一、整改\n略。\n",
            "联系电话:0797-8219506、0797-8219533;邮编341000,档案0797-8219599。\n",
            ["0797-8219506", "0797-8219533"],
        ),
    ],
)
def test_phones(body: str, closing: str, phones: list[str]) -> None:
    text, m = meta_of(OPENING, closing, body=body)
    assert m.phones == [at(text, p) for p in phones]


def test_emails_from_closing_before_body() -> None:
    body = "一、整改\n曾用邮箱old@qq.com受理。\n"
    text, m = meta_of(OPENING, "电子邮箱:lyxs@163.com;备用邮箱:ly.xc@henan.gov.cn。\n", body=body)
    assert m.emails == [at(text, "lyxs@163.com"), at(text, "ly.xc@henan.gov.cn")]


def test_email_anywhere_when_closing_has_none() -> None:
    body = "一、整改\n设立邮箱lyxs@163.com受理。\n"
    text, m = meta_of(OPENING, "中共洛阳市委\n2021年10月9日\n", body=body)
    assert m.emails == [at(text, "lyxs@163.com")]


@pytest.mark.parametrize(
    ("phrase", "label", "value", "unit"),
    [
        ("已完成整改30项", "已完成整改", 30, "项"),
        ("已整改到位12个", "已整改到位", 12, "个"),
        ("已完成28项", "已完成", 28, "项"),
        ("基本完成5条", "基本完成", 5, "条"),
        ("正在整改2项", "正在整改", 2, "项"),
        ("持续整改4项", "持续整改", 4, "项"),
        ("长期坚持3项", "长期坚持", 3, "项"),
        ("整改完成率95.5%", "整改完成率", 95.5, "%"),
        ("整改率100%", "整改率", 100, "%"),
        ("完成率98%", "完成率", 98, "%"),
    ],
)
def test_progress(phrase: str, label: str, value: float, unit: str) -> None:
    body = f"一、整改\n巡视反馈的问题中,{phrase},其余问题正在推进。\n"
    text, m = meta_of(OPENING, body=body)
    start = text.index(phrase)
    assert m.progress == [
        Progress(text=phrase, start=start, end=start + len(phrase), label=label, value=value, unit=unit)
    ]


def test_progress_several_in_order_and_none_when_count_comes_first() -> None:
    body = "一、整改\n30项问题已完成整改。共41项,已完成整改38项,正在整改3项。\n"
    text, m = meta_of(OPENING, body=body)
    assert [(p.text, p.start, p.value) for p in m.progress] == [
        ("已完成整改38项", text.index("已完成整改38项"), 38),
        ("正在整改3项", text.index("正在整改3项"), 3),
    ]


@pytest.mark.parametrize(
    ("text", "published", "year"),
    [
        ("2017年4月10日至6月9日,巡视。2020年", "2019-12-01", 2019),  # the publication year wins
        ("2017年4月巡视,2018年1月反馈。\n正文2020年", None, 2018),  # else the preamble's latest year
        ("巡视。\n2016年…2015年…2016年", None, 2016),  # else the text's most frequent year
        ("巡视。\n整改", None, None),  # else none: a year the text does not give is never made up
        ("2021年3月巡视。1899年", None, 2021),  # 1899 is no (19|20)xx year
        ("巡视。\n2016年", "--12-28", 2016),  # a yearless signed date gives no year: the text's, if any
    ],
)
def test_reference_year(text: str, published: str | None, year: int | None) -> None:
    cut = text.find("\n")
    preamble = (0, cut if cut >= 0 else len(text))
    assert reference_year(text, preamble, published) == year


@pytest.mark.parametrize(
    ("opening", "unit"),
    [
        # the shortest form: no abbreviation, no Party organ around the inspected body
        ('市委巡察四组对中共临江市卫生健康委员会党组(以下简称"市卫健委党组")开展了巡察。', "临江市卫生健康委员会"),
        ('市委第一专项巡察组对临江市城投集团有限公司(以下简称"城投集团")党委开展了巡察。', "临江市城投集团有限公司"),
        ('县委第三巡察组对中共城关镇委员会(以下简称"镇党委")开展了巡察。', "城关镇"),
        ('省委第八巡视组对江州市发展和改革委员会党组(以下简称"委党组")开展了常规巡视。', "江州市发展和改革委员会"),
        ('县委第三巡察组对中共城关镇委员会领导班子(以下简称"镇党委")开展了巡察。', "城关镇"),
        ('县委第三巡察组对局党组(以下简称"局党组")开展了巡察。', "局党组"),  # no unit would be left: as written
    ],
)
def test_inspected_unit_in_its_shortest_form(opening: str, unit: str) -> None:
    text, m = meta_of(opening)
    assert m.inspected_unit == at(text, unit)


@pytest.mark.parametrize(
    ("title", "issuer", "published"),
    [
        (
            "【巡察整改】中共临江市农业农村局党组关于七届市委第十二轮巡察整改进展情况的通报\n发布日期:2024年1月16日",
            "中共临江市农业农村局党组",
            "2024-01-16",
        ),
        ("中共青石镇委员会关于市委第一提级巡察组\n巡察反馈意见整改进展情况的通报", "中共青石镇委员会", None),
        (
            "中共临江市城投集团有限公司委员会关于市委专项巡察反馈意见整改进展情况的通报(2023年9月8日)",
            "中共临江市城投集团有限公司委员会",
            "2023-09-08",
        ),
    ],
)
def test_issuer_and_date_from_the_title_without_a_signature(title: str, issuer: str, published: str | None) -> None:
    opening = title + "\n2023年4月17日至5月26日,市委第一巡察组对青石镇开展了巡察。6月16日反馈了巡察意见。"
    text, m = meta_of(opening)
    assert m.issuer == at(text, issuer)
    assert m.published_date == published
    assert m.feedback_date == "2023-06-16"  # not the title's date, though the title says 反馈意见


def test_signature_wins_over_the_title() -> None:
    text, m = meta_of(
        "东湖区住建局党组关于区委巡察整改的通报\n区委巡察二组对东湖区住建局开展了巡察。",
        "中共东湖区住建局党组\n2023年12月28日\n",
    )
    assert m.issuer == at(text, "中共东湖区住建局党组")
    assert m.published_date == "2023-12-28"


@pytest.mark.parametrize(
    ("opening", "start", "end"),
    [
        ("2023年8月下旬至9月底,县委第二交叉巡察组对白沙乡开展了交叉巡察。", "2023-08", "2023-09"),
        ("2022年11月中旬至2023年1月上旬,市委第一巡察组对某区开展了巡察。", "2022-11", "2023-01"),
        ("市委第七巡察组于2022年10月17日至12月16日对某局开展了巡察。", "2022-10-17", "2022-12-16"),
        ("八届市委巡察四组于2022年11月21日至2023年1月18日对某委开展了巡察。", "2022-11-21", "2023-01-18"),
    ],
)
def test_inspection_period_of_every_precision(opening: str, start: str, end: str) -> None:
    _, m = meta_of(opening)
    assert (m.inspection_start, m.inspection_end) == (start, end)


@pytest.mark.parametrize(
    ("opening", "issuer"),
    [
        # a title without 中共: the fullest form the text uses for the same body
        (
            "东湖区住建局党组关于区委巡察整改进展情况的通报\n区委巡察二组对中共东湖区住建局党组开展了巡察。",
            "中共东湖区住建局党组",
        ),
        # no title, no signature: the speaking organ, fullest form
        (
            '县委第三巡察组对中共城关镇委员会(以下简称"镇党委")开展了巡察。镇党委高度重视。',
            "中共城关镇委员会",
        ),
    ],
)
def test_issuer_in_its_fullest_form(opening: str, issuer: str) -> None:
    text, m = meta_of(opening)
    assert m.issuer == at(text, issuer)
