"""Validators catch what they claim to: a moved span, a wrong value, a wrong unit, a wrong date."""

import pytest

from zhenggai import extract, validate
from zhenggai.errors import ISSUES
from zhenggai.schemas import Report


@pytest.fixture(scope="module")
def report(seed_text: dict[str, str]) -> Report:
    return extract(text=seed_text["xuchang_2017"])


def codes(r: Report) -> list[str]:
    return [i.code for i in validate(r)]


def test_clean_report_has_no_issues(report: Report) -> None:
    assert codes(report) == []


@pytest.mark.parametrize(
    ("mutate", "code"),
    [
        (lambda r: setattr(r.problems[0].figures[0], "start", r.problems[0].figures[0].start + 1), "not_verbatim"),
        (lambda r: setattr(r.problems[0].figures[1], "value", 12345), "value_mismatch"),
        (lambda r: setattr(r.problems[0].figures[1], "unit", "吨"), "value_mismatch"),
        (lambda r: setattr(r.problems[0].dates[0], "start_iso", "2016-01"), "date_mismatch"),
        (lambda r: setattr(r.problems[2].measures[0], "text", "一是虚构的措施"), "not_verbatim"),
        (lambda r: setattr(r.problems[2].title, "end", 10**7), "not_verbatim"),
        (lambda r: setattr(r.meta.issuer, "text", "中共某某市委"), "not_verbatim"),
    ],
)
def test_corruption_is_caught(report: Report, mutate, code: str) -> None:  # type: ignore[no-untyped-def]
    broken = report.model_copy(deep=True)
    mutate(broken)
    assert code in codes(broken)
    assert set(codes(broken)) <= set(ISSUES)  # every code the validator writes has its meaning in the table


def test_date_after_publication_is_a_warning_unless_planned() -> None:
    text = (
        "根据省委统一部署,2017年4月10日至6月9日,省委第一巡视组对许昌市进行了巡视。\n一、整改\n略。\n二、整改落实情况\n"
        "(一)党的领导方面\n(1)针对“学习不够”的问题。一是2018年3月召开会议。二是计划2018年5月完成。\n"
        "中共许昌市委\n2017年9月19日\n"
    )
    issues = validate(extract(text=text))
    assert [(i.code, i.severity, text[i.start : i.end]) for i in issues] == [
        ("date_after_publication", "warning", "2018年3月")
    ]


# A paragraph broken inside a figure and inside a date.
WRAPPED = (
    "根据省委统一部署,2017年4月10日至6月9日,省委第一巡视组对许昌市进行了巡视。\n一、整改\n略。\n二、整改落实情况\n"
    "(一)党的领导方面\n(1)针对“学习不够”的问题\n"
    "一是召开会议研究部署整改工作,共培训干部9.\n62万人,印发方案20份,在2017年8\n月底前完成整改任务的全部内容。\n"
    "(2)针对“作风不实”的问题\n一是督查5次。\n中共许昌市委\n2017年9月19日\n"
)


def test_values_are_rederived_across_a_soft_break() -> None:
    r = extract(text=WRAPPED)
    [figure] = [f for f in r.problems[0].figures if f.unit == "人"]
    [date] = [d for d in r.problems[0].dates if d.start_iso == "2017-08"]
    assert (figure.text, figure.value, date.text) == ("9.\n62万人", 96200, "2017年8\n月底")
    assert codes(r) == []
    figure.value = 9.62
    assert codes(r) == ["value_mismatch"]


def test_a_yearless_date_is_flagged_and_checked_as_written() -> None:
    text = (
        "县委第一巡察组对某镇进行了巡察。\n一、整改落实情况\n(一)关于“学习不够”的问题\n一是9月13日召开会议3次。\n"
        "(二)关于“作风不实”的问题\n督查5次。\n"
    )
    r = extract(text=text)
    [date] = r.problems[0].dates
    assert (date.text, date.start_iso) == ("9月13日", "--09-13")
    assert [(i.code, i.severity, i.path) for i in validate(r)] == [
        ("date_without_year", "warning", "problems[0].dates[0]")
    ]
    date.start_iso = "--09-14"
    assert codes(r) == ["date_mismatch"]


def test_issues_follow_the_spans_order_whatever_the_check() -> None:
    # checked in batches (every span, then the figures, then the dates), reported in the report's own order
    text = (
        "县委第一巡察组对某镇进行了巡察。\n一、整改落实情况\n(一)关于“学习不够”的问题\n一是9月13日召开会议3次。\n"
        "(二)关于“作风不实”的问题\n督查5次。\n"
    )
    r = extract(text=text)
    [date], [count] = r.problems[0].dates, r.problems[0].figures
    assert (date.text, count.text, r.problems[1].figures[0].text) == ("9月13日", "3次", "5次")
    r.problems[1].figures[0].value = 6  # a wrong value after the yearless date
    count.start += 1  # a moved span before it (figures come before dates in a problem)
    assert [(i.code, i.path) for i in validate(r)] == [
        ("not_verbatim", "problems[0].figures[0]"),
        ("date_without_year", "problems[0].dates[0]"),
        ("value_mismatch", "problems[1].figures[0]"),
    ]
