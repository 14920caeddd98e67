"""The rules engine on tiny hand-written texts: figures and dates with their offsets, problems built from the
outline, the report's status. Expected values are read off the input text."""

from collections.abc import Callable, Sequence
from typing import Any

import pytest

from tests.helpers import NO_OUTLINE, ROOT
from tests.helpers.published import docx_bytes, flowing_pdf_bytes, pdf_bytes
from zhenggai.load import Document, load_bytes, load_path, load_text
from zhenggai.rules import build_problem, classify, extract_rules, mentions
from zhenggai.schemas import Meta, Report, Span
from zhenggai.segment import segment
from zhenggai.textspans import TitleIndex
from zhenggai.unwrap import unwrap
from zhenggai.validate import validate_report, walk_spans


def at(text: str, s: str, after: str = "") -> Span:
    """The span of ``s`` in ``text``, its first occurrence after ``after`` (when given)."""
    start = text.index(s, text.index(after) if after else 0)
    return Span(text=s, start=start, end=start + len(s))


def figs(
    text: str, *, ref: int = 2021, labels: Sequence[tuple[int, int]] = ()
) -> list[tuple[str, int, int, object, str, bool]]:
    figures, _ = mentions(text, 0, len(text), ref, TitleIndex(text), labels)
    return [(f.text, f.start, f.end, f.value, f.unit, f.approximate) for f in figures]


def dates(
    text: str, *, ref: int = 2021, labels: Sequence[tuple[int, int]] = ()
) -> list[tuple[str, int, int, str, str | None, str]]:
    _, ds = mentions(text, 0, len(text), ref, TitleIndex(text), labels)
    return [(d.text, d.start, d.end, d.start_iso, d.end_iso, d.precision.value) for d in ds]


def fig(
    text: str, s: str, value: object, unit: str, approximate: bool = False
) -> tuple[str, int, int, object, str, bool]:
    i = text.index(s)
    return (s, i, i + len(s), value, unit, approximate)


def date(text: str, s: str, start: str, end: str | None, precision: str) -> tuple[str, int, int, str, str | None, str]:
    i = text.index(s)
    return (s, i, i + len(s), start, end, precision)


@pytest.mark.parametrize(
    ("text", "figures", "dates_"),
    [
        ("2019年共开展督查5次。", [("5次", 5, "次", False)], [("2019年", "2019", None, "year")]),
        ("5月召开会议3次。", [("3次", 3, "次", False)], [("5月", "2021-05", None, "month")]),  # ref year
        (
            "2017年4月10日至6月9日,查处问题12个。",
            [("12个", 12, "个", False)],
            [("2017年4月10日至6月9日", "2017-04-10", "2017-06-09", "day")],
        ),
        ("1-7月共办理信访件30件。", [("30件", 30, "件", False)], [("1-7月", "2021-01", "2021-07", "month")]),
        ("培训1.4万余人次。", [("1.4万余人次", 14000, "人次", True)], []),
        ("投入资金2.5亿元。", [("2.5亿元", 250000000, "元", False)], []),
        ("覆盖超过300人。", [("300人", 300, "人", True)], []),  # 超过 before: approximate, not in the span
        ("参训50人以上。", [("50人", 50, "人", True)], []),
        # A date's digits are never a figure too.
        ("2020年5月召开。", [], [("2020年5月", "2020-05", None, "month")]),
        # A yearless date after a dated month takes that year, not the reference year.
        (
            "2019年11月召开,12月督查2次。",
            [("2次", 2, "次", False)],
            [("2019年11月", "2019-11", None, "month"), ("12月", "2019-12", None, "month")],
        ),
    ],
)
def test_mentions(text: str, figures: list[tuple[Any, ...]], dates_: list[tuple[Any, ...]]) -> None:
    assert figs(text) == [fig(text, *f) for f in figures]
    assert dates(text) == [date(text, *d) for d in dates_]


@pytest.mark.parametrize(
    ("text", "label", "figure"),
    [
        # 2. is an item label: 30个 is the figure, not the decimal 2.30.
        ("2.30个单位整改到位。", "2.", "30个"),
        ("(1)30个单位完成整改。", "(1)", "30个"),
        ("3、12名干部受到处分。", "3、", "12名"),
        ("(1)督查5次。", "(1)", "5次"),
    ],
)
def test_mentions_a_figure_right_after_a_label(text: str, label: str, figure: str) -> None:
    labels = [(0, len(label))]
    assert [f[0] for f in figs(text, labels=labels)] == [figure]
    assert dates(text, labels=labels) == []


def test_numbered_measure_opening_with_a_figure_keeps_it() -> None:
    text = (
        "省委第一巡视组对某某县进行了巡视。\n一、整改落实情况\n(一)党的领导方面\n"
        "1.关于“作风不实”问题的整改\n(1)30个单位完成整改。\n(2)督查5次。\n"
        "2.关于“学习不够”问题的整改\n略。\n"
    )
    r = extract_rules(load_text(text))
    assert [m.text for m in r.problems[0].measures] == ["(1)30个单位完成整改。", "(2)督查5次。"]
    assert [(f.text, f.start) for f in r.problems[0].figures] == [
        ("30个", text.index("30个")),
        ("5次", text.index("5次")),
    ]


def test_mentions_date_right_after_a_label() -> None:
    text = "2.2019年3月完成整改。"
    assert dates(text, labels=[(0, 2)]) == [("2019年3月", 2, 9, "2019-03", None, "month")]
    assert figs(text, labels=[(0, 2)]) == []  # the label's 2 and the date's digits are blocked


def test_mentions_only_inside_the_range() -> None:
    text = "开会3次。督查5次。培训7次。"
    lo, hi = text.index("督查"), text.index("培训")
    figures, ds = mentions(text, lo, hi, 2021, TitleIndex(text))
    assert [(f.text, f.start) for f in figures] == [("5次", text.index("5次"))]
    assert ds == []


REPORT = (
    "根据省委统一部署,2019年8月5日至9月24日,省委第八巡视组对某某县开展了巡视。\n"
    "一、整改工作组织情况\n"
    "县委成立领导小组。\n"
    "二、整改落实情况\n"
    "(一)党的领导方面\n"
    "1.关于“学习不深入”问题的整改\n"
    "一是2019年11月召开常委会会议3次。二是印发《学习方案》,培训干部1200人次。\n"
    "2.关于“作风不实”问题的整改\n"
    "(1)4月开展督查5次。\n"
    "(2)2020年1月至3月查处问题12个。\n"
    "三、下一步工作打算\n"
    "持续巩固整改成果。\n"
    "中共某某县委\n"
    "2020年5月6日\n"
)
P1 = "1.关于“学习不深入”问题的整改\n一是2019年11月召开常委会会议3次。二是印发《学习方案》,培训干部1200人次。"
P2 = "2.关于“作风不实”问题的整改\n(1)4月开展督查5次。\n(2)2020年1月至3月查处问题12个。"


def test_extract_rules_problem_with_marker_measures() -> None:
    r = extract_rules(load_text(REPORT, "t.txt"))
    assert r.status == "ok"
    assert len(r.problems) == 2
    p = r.problems[0]
    assert p.label == "1."
    assert p.category == at(REPORT, "党的领导方面")
    assert p.group is None
    assert p.title == at(REPORT, "关于“学习不深入”问题的整改")
    assert p.finding == at(REPORT, "学习不深入")
    assert p.body == at(REPORT, P1)
    assert [(m.marker, m.text, m.start, m.end) for m in p.measures] == [
        (m, s, REPORT.index(s), REPORT.index(s) + len(s))
        for m, s in [("一是", "一是2019年11月召开常委会会议3次。"), ("二是", "二是印发《学习方案》,培训干部1200人次。")]
    ]
    assert [(f.text, f.start, f.value, f.unit) for f in p.figures] == [
        ("3次", REPORT.index("3次"), 3, "次"),
        ("1200人次", REPORT.index("1200人次"), 1200, "人次"),
    ]
    assert [(d.text, d.start, d.start_iso, d.end_iso) for d in p.dates] == [
        ("2019年11月", REPORT.index("2019年11月"), "2019-11", None)
    ]
    assert p.sub_findings == []


def test_extract_rules_problem_with_numbered_measures() -> None:
    r = extract_rules(load_text(REPORT, "t.txt"))
    p = r.problems[1]
    assert p.label == "2."
    assert p.category == at(REPORT, "党的领导方面")
    assert p.finding == at(REPORT, "作风不实")
    assert p.body == at(REPORT, P2)
    assert [(m.marker, m.text, m.start) for m in p.measures] == [
        ("(1)", "(1)4月开展督查5次。", REPORT.index("(1)")),
        ("(2)", "(2)2020年1月至3月查处问题12个。", REPORT.index("(2)")),
    ]
    # The labels' digits (1) (2) are neither figures nor dates; 4月 is yearless, so the reference year
    # (the signature's 2020) dates it.
    assert [(f.text, f.start, f.value, f.unit) for f in p.figures] == [
        ("5次", REPORT.index("5次"), 5, "次"),
        ("12个", REPORT.index("12个"), 12, "个"),
    ]
    assert [(d.text, d.start, d.start_iso, d.end_iso, d.precision.value) for d in p.dates] == [
        ("4月", REPORT.index("4月开展"), "2020-04", None, "month"),
        ("2020年1月至3月", REPORT.index("2020年1月至3月"), "2020-01", "2020-03", "month"),
    ]


@pytest.mark.parametrize(
    ("first", "between", "second"),
    [("整改情况:(1)", "", "(2)"), ("措施1:", "\n", "措施2:")],  # run-in (1)…(2)…, labelled 措施1:… 措施2:… lines
)
def test_run_in_numbered_measures_are_measures_and_their_labels_no_figures(
    first: str, between: str, second: str
) -> None:
    text = REPORT.replace("(1)4月开展督查5次。\n(2)", f"{first}4月开展督查5次;{between}{second}")
    p = extract_rules(load_text(text, "t.txt")).problems[1]
    assert [(m.marker, m.text) for m in p.measures] == [
        (first.removeprefix("整改情况:"), f"{first.removeprefix('整改情况:')}4月开展督查5次;"),
        (second, f"{second}2020年1月至3月查处问题12个。"),
    ]
    assert [f.text for f in p.figures] == ["5次", "12个"]


def test_extract_rules_sections_meta_and_provenance() -> None:
    r = extract_rules(load_text(REPORT, "t.txt"))
    assert r.source == "t.txt"
    assert r.text == REPORT
    assert r.organisation is not None and r.next_steps is not None
    assert r.organisation.heading == at(REPORT, "整改工作组织情况")
    assert r.organisation.body == at(REPORT, "县委成立领导小组。")
    assert r.next_steps.heading == at(REPORT, "下一步工作打算")
    assert r.next_steps.body == at(REPORT, "持续巩固整改成果。")
    assert r.meta.issuer == at(REPORT, "中共某某县委")
    assert r.meta.inspected_unit == at(REPORT, "某某县")
    assert (r.meta.inspection_start, r.meta.inspection_end) == ("2019-08-05", "2019-09-24")
    assert r.meta.published_date == "2020-05-06"
    assert r.meta.reference_year == 2020
    assert r.provenance.extractor == "rules"


def test_build_problem_uses_the_reference_year_given() -> None:
    outline = segment(REPORT)
    p = build_problem(REPORT, outline.problems[1], 2018, TitleIndex(REPORT))
    assert [d.start_iso for d in p.dates] == ["2018-04", "2020-01"]


def test_build_problem_sub_findings() -> None:
    text = (
        "省委第一巡视组对某某县进行了巡视。\n一、整改落实情况\n(一)党的领导方面\n"
        "1.关于“学习不够”的问题\n针对“理论学习不深”的问题,召开会议2次。针对“调研不实”问题,开展调研4次。\n"
        "2.关于“作风不实”的问题\n督查5次。\n"
    )
    outline = segment(text)
    p = build_problem(text, outline.problems[0], 2021, TitleIndex(text))
    assert p.sub_findings == [at(text, "理论学习不深"), at(text, "调研不实")]
    assert [f.text for f in p.figures] == ["2次", "4次"]


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("今天天气很好,我们去公园散步。", "not_a_report"),
        ("省委第一巡视组对某县进行了巡视。", "not_a_report"),  # no 整改
        ("整改情况通报。" + "略" * 2000 + "巡视", "not_a_report"),  # 巡视 only after the first 2000 characters
        (NO_OUTLINE, "no_outline"),
        (REPORT, "ok"),
    ],
)
def test_classify(text: str, status: str) -> None:
    got, detail = classify(text, segment(text))
    assert got == status
    assert (detail is None) == (status == "ok")


def test_not_a_report_has_empty_meta_and_no_problems() -> None:
    r = extract_rules(load_text("今天天气很好,我们去公园散步。整改。"))
    assert r.status == "not_a_report"
    assert r.meta == Meta()
    assert r.problems == []


def test_no_outline_keeps_meta_but_guesses_no_problems() -> None:
    r = extract_rules(load_text(NO_OUTLINE))
    assert r.status == "no_outline"
    assert r.problems == []
    assert r.meta.inspection_team == at(NO_OUTLINE, "省委第一巡视组")
    assert r.meta.issuer == at(NO_OUTLINE, "中共某县委")
    assert r.meta.published_date == "2021-09-01"


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ("整改情况:一是召开会议3次。\n完成情况:已完成\n", "已完成"),
        ("整改情况:一是召开会议3次。\n完成情况:基本完成,剩余7个小区计划于2024年3月底前完工\n", "基本完成"),
        ("整改情况:已完成。局党组修订《实施细则》。\n", "已完成"),
        ("一是召开会议3次。整改进展:持续推进。\n", "持续推进"),
        ("一是召开会议3次。\n完成情况:长期坚持\n", "长期坚持"),
        ("一是召开会议3次。\n整改情况:正在推进,年底前完成。\n", "正在推进"),
        ("一是召开会议3次。\n镇党委\n2021年6月底\n已完成\n", "已完成"),  # a table's 完成情况 cell
        # a status word that opens a measure is no status line
        ("整改情况:已完成对全区保障房的核查,清退37户。\n", None),
        ("一是召开会议3次,已完成整改。\n", None),
    ],
)
def test_reported_status(body: str, status: str | None) -> None:
    text = f"县委第一巡察组对某镇进行了巡察。\n一、整改落实情况\n1.学习不够\n{body}2.作风不实\n督查5次。\n"
    r = extract_rules(load_text(text))
    assert [p.label for p in r.problems] == ["1.", "2."]
    got = r.problems[0].reported_status
    assert got == (at(text, status, "1.学习不够") if status else None)
    assert r.problems[1].reported_status is None


WRAPPED_REPORT = (
    "中共某县委关于巡察整改进展情况的通报\n"
    "根据县委统一部署,2021年3月1日至4月30日,县委第一巡察组对某镇进行了巡察。5月10日,县委第一巡察组反馈了巡察意见。\n"
    "一、整改落实情况\n"
    "(一)关于“理论学习不够深入,学用结合不紧密”的问题\n"
    "一是全镇开展专题学习12次,共培训干部9.62万人次,投入资金1000—2000元;二是2021年度完成整改任务的104.2%。\n"
    "(二)关于“作风不实”的问题\n"
    "一是开展督查5次,查处问题30个;二是6月底前完成整改。\n"
    "中共某县委\n2021年9月1日\n"
)


def _key(r: Report) -> list[tuple[Any, ...]]:
    """What a reader compares between two copies of one report: every span's text without blanks."""

    def n(s: Span | None) -> str | None:
        return None if s is None else "".join(s.text.split())

    return [
        (
            p.label,
            n(p.title),
            n(p.finding),
            n(p.category),
            [n(m) for m in p.measures],
            [(n(f), f.value, f.unit) for f in p.figures],
            [(n(d), d.start_iso, d.end_iso) for d in p.dates],
        )
        for p in r.problems
    ]


def _pdf_cutting(text: str, inside: str, **kw: Any) -> Document:
    """The text as a PDF whose lines wrap inside ``inside``: the first width that cuts it."""
    for width in range(120, 420, 2):
        doc = load_bytes(pdf_bytes(text, width=width, **kw), "r.pdf")
        if any(inside[:k] + "\n" + inside[k:] in doc.text for k in range(1, len(inside))):
            return doc
    raise AssertionError(f"no width wraps inside {inside!r}")


@pytest.mark.parametrize("inside", ["9.62万人次", "2021年度", "1000—2000元", "104.2%", "理论学习不够深入"])
@pytest.mark.parametrize("indent", ["\u3000\u3000", ""], ids=["indented", "unindented"])
def test_a_pdf_wrapped_inside_a_figure_reads_as_its_text(inside: str, indent: str) -> None:
    doc = _pdf_cutting(WRAPPED_REPORT, inside, indent=indent)
    r = extract_rules(doc)
    assert _key(r) == _key(extract_rules(load_text(WRAPPED_REPORT)))
    assert validate_report(r) == []  # every span verbatim at its offsets in the loaded text, every value re-derived
    assert r.text == doc.text
    view = unwrap(doc.text)  # the pipeline builds the view once and gives it to both stages
    given = extract_rules(doc, view)
    assert _key(given) == _key(r) and [s.start for _, s in walk_spans(given)] == [s.start for _, s in walk_spans(r)]
    assert validate_report(given, view) == []


def test_a_wrapped_figure_keeps_its_break_in_the_text() -> None:
    doc = _pdf_cutting(WRAPPED_REPORT, "9.62万人次")
    [fig] = [f for f in extract_rules(doc).problems[0].figures if f.unit == "人次"]
    assert "\n" in fig.text and "".join(fig.text.split()) == "9.62万人次"
    assert (fig.value, fig.unit, doc.text[fig.start : fig.end]) == (96200, "人次", fig.text)


PUBLISHED = ["dev/xuchang_2017", "heldout/ho_province_2019", "wild/wild03_runin_status", "wild/wild10_runin_only"]


@pytest.mark.parametrize("name", PUBLISHED)
@pytest.mark.parametrize(
    "typeset",
    [
        lambda text: pdf_bytes(text, width=360, page_numbers=True),
        lambda text: pdf_bytes(text, width=360, indent=""),
        flowing_pdf_bytes,  # justified paragraphs with an indented first line, as a word processor sets them
        lambda text: flowing_pdf_bytes(text, indent=0),
    ],
    ids=["lines, page numbers", "lines, no indent", "paragraphs", "paragraphs, no indent"],
)
def test_a_published_report_as_pdf_reads_as_its_text(name: str, typeset: Callable[[str], bytes]) -> None:
    text = load_path(ROOT / "golden" / f"{name}.txt").text
    pdf = extract_rules(load_bytes(typeset(text), "r.pdf"))
    assert _key(pdf) == _key(extract_rules(load_text(text)))
    assert validate_report(pdf) == []


@pytest.mark.parametrize(
    ("header", "first", "second", "labels"),
    [
        # the label in the problem's own cell
        ([], ["(一)关于“学习不够”的问题"], ["(二)关于“作风不实”的问题"], ["(一)", "(二)"]),
        # a 序号 column: its number is the label of the row's finding
        (["序号"], ["1", "关于“学习不够”的问题"], ["2", "关于“作风不实”的问题"], ["1", "2"]),
        (["序号"], ["1.", "关于“学习不够”的问题"], ["2.", "关于“作风不实”的问题"], ["1.", "2."]),
    ],
)
def test_a_docx_whose_problems_stand_in_a_table(
    header: list[str], first: list[str], second: list[str], labels: list[str]
) -> None:
    rows = [
        [*header, "反馈问题", "整改措施", "责任单位", "完成时限"],
        [*first, "一是召开会议3次。\n二是印发《学习方案》。", "镇党委", "2021年6月底"],
        [*second, "一是开展督查5次。", "镇纪委", "2021年9月底"],
    ]
    data = docx_bytes(
        [
            "根据县委统一部署,2021年3月1日至4月30日,县委第一巡察组对某镇进行了巡察。",
            "一、整改落实情况",
            rows,
            "中共某镇委员会",
            "2021年10月8日",
        ]
    )
    r = extract_rules(load_bytes(data, "r.docx"))
    assert r.status == "ok"
    assert [(p.label, p.finding.text) for p in r.problems] == [(labels[0], "学习不够"), (labels[1], "作风不实")]
    # the row's measures, responsible unit and deadline are the problem's, as a reader reads the row
    assert [m.text for m in r.problems[0].measures] == [
        "一是召开会议3次。",
        "二是印发《学习方案》。\n镇党委\n2021年6月底",
    ]
    assert [(d.text, d.start_iso) for d in r.problems[1].dates] == [("2021年9月底", "2021-09")]
    assert [f.text for f in r.problems[1].figures] == ["5次"]


def test_a_report_without_any_year_gets_none_made_up() -> None:
    text = (
        "县委第一巡察组于3月1日至4月30日对某镇进行了巡察,5月10日反馈了巡察意见。\n一、整改落实情况\n"
        "(一)关于“学习不够”的问题\n一是9月13日召开会议3次;二是12月5日至1月8日开展培训。\n"
        "(二)关于“作风不实”的问题\n督查5次。\n"
    )
    r = extract_rules(load_text(text))
    assert r.meta.reference_year is None
    assert (r.meta.inspection_start, r.meta.inspection_end, r.meta.feedback_date) == ("--03-01", "--04-30", "--05-10")
    assert [(d.text, d.start_iso, d.end_iso) for d in r.problems[0].dates] == [
        ("9月13日", "--09-13", None),
        ("12月5日至1月8日", "--12-05", "--01-08"),
    ]
    issues = validate_report(r)
    assert [(i.code, i.path) for i in issues] == [
        ("date_without_year", "problems[0].dates[0]"),
        ("date_without_year", "problems[0].dates[1]"),
        ("date_without_year", "meta.inspection_start"),
        ("date_without_year", "meta.inspection_end"),
        ("date_without_year", "meta.feedback_date"),
    ]
