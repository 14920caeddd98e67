"""Dates: every example of the golden contract (§dates and its clarifications), table-driven."""

import pytest

from zhenggai.dates import date_at, scan_dates


def found(text: str, year: int = 2017) -> list[tuple[str, str, str | None]]:
    return [(h.text, h.start_iso, h.end_iso) for h in scan_dates(text, 0, len(text), reference_year=year)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2017年4月10日,", [("2017年4月10日", "2017-04-10", None)]),
        ("6月28日,反馈", [("6月28日", "2017-06-28", None)]),
        ("于8月10日至16日督导", [("8月10日至16日", "2017-08-10", "2017-08-16")]),
        ("1-7月,投资", [("1-7月", "2017-01", "2017-07")]),
        ("2014—2016年连续", [("2014—2016年", "2014", "2016")]),
        ("2016年度考核", [("2016年度", "2016", None)]),
        ("8月底前", [("8月底", "2017-08", None)]),
        ("2020年底完成", [("2020年底", "2020", None)]),
        ("11月底", [("11月底", "2017-11", None)]),
        ("2020年年初", [("2020年年初", "2020", None)]),
        ("8月份开展", [("8月份", "2017-08", None)]),
        ("2020年3月至今,", [("2020年3月至今", "2020-03", None)]),
        ("2018年以来", [("2018年", "2018", None)]),
        ("2021年春节期间", [("2021年", "2021", None)]),
        ("4至9月份", [("4至9月份", "2017-04", "2017-09")]),
        ("2021年2月初", [("2021年2月初", "2021-02", None)]),
        ("2021年一季度", [("2021年", "2021", None)]),
        ("郑州市2020最美教师", [("2020", "2020", None)]),
        ("设立专项资金2000万元", []),  # a multiplier and a unit after four digits: a count, not a year
        ("《许昌市考核办法(2017年修订)》", [("2017年", "2017", None)]),
        ("《规划(2018-2035)》", [("2018-2035", "2018", "2035")]),
        ("2019年8月5日至9月24日", [("2019年8月5日至9月24日", "2019-08-05", "2019-09-24")]),
        ("2020年11月12日—13日", [("2020年11月12日—13日", "2020-11-12", "2020-11-13")]),
        ("2020年1-2月", [("2020年1-2月", "2020-01", "2020-02")]),
        ("8月10—25日", [("8月10—25日", "2017-08-10", "2017-08-25")]),
        # ranges across a year end: the end takes the year after
        ("2022年11月21日至1月18日", [("2022年11月21日至1月18日", "2022-11-21", "2023-01-18")]),
        ("12月5日至1月8日", [("12月5日至1月8日", "2017-12-05", "2018-01-08")]),
        ("2022年11月21日至2023年1月18日", [("2022年11月21日至2023年1月18日", "2022-11-21", "2023-01-18")]),
    ],
)
def test_dates(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text", ["今年以来", "上半年", "年底前", "每月10日", "十四五规划", "12个月", "5年来", "2000元", "第10日", "13月"]
)
def test_not_dates(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "expected_iso"),
    [
        ("2016年3月13日召开。3月16日再次召开", ["2016-03-13", "2016-03-16"]),  # nearest earlier dated month
        ("2016年排查出的问题,于7月底下发", ["2016", "2017-07"]),  # a bare year does not anchor
        ("2015年以来的会议,于8月10日召开", ["2015", "2017-08-10"]),  # a period opening does not anchor
        ("到2019年12月底,截至8月底", ["2019-12", "2017-08"]),  # a target year does not anchor
        ("2016年5月,今年8月份", ["2016-05", "2017-08"]),
    ],
)
def test_year_inference(text: str, expected_iso: list[str]) -> None:
    assert [h.start_iso for h in scan_dates(text, 0, len(text), reference_year=2017)] == expected_iso


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a report that gives no year: the yearless form of ISO 8601, never a made-up year
        ("9月13日召开", [("9月13日", "--09-13", None)]),
        ("8月份开展", [("8月份", "--08", None)]),
        ("今年9月", [("9月", "--09", None)]),
        ("12月5日至1月8日", [("12月5日至1月8日", "--12-05", "--01-08")]),
        ("8月10日至16日", [("8月10日至16日", "--08-10", "--08-16")]),
        ("3至12月份", [("3至12月份", "--03", "--12")]),
        # a year the text gives dates what follows it
        ("2021年3月部署,5月完成", [("2021年3月", "2021-03", None), ("5月", "2021-05", None)]),
    ],
)
def test_no_year_is_made_up(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    hits = scan_dates(text, 0, len(text), reference_year=None)
    assert [(h.text, h.start_iso, h.end_iso) for h in hits] == expected


def test_date_at_rereads_in_context() -> None:
    text = "于8月10日至16日督导,《规划(2035)》"
    hit = date_at(text, 1, 2017)
    assert hit is not None and (hit.text, hit.start_iso, hit.end_iso) == ("8月10日至16日", "2017-08-10", "2017-08-16")
    assert date_at(text, text.index("2035"), 2017) is not None
    assert date_at(text, 0, 2017) is None


@pytest.mark.parametrize(
    ("text", "date", "year", "expected"),
    [
        ("于8月10日至16日督导", "8月10日至16日", 2017, ("2017-08-10", "2017-08-16")),
        ("12月5日至1月8日", "12月5日至1月8日", 2017, ("2017-12-05", "2018-01-08")),
        ("2020年1-2月", "2020年1-2月", 2020, ("2020-01", "2020-02")),
        ("2020年3月至今,", "2020年3月至今", 2020, ("2020-03", None)),
        ("郑州市2020最美教师", "2020", 2020, ("2020", None)),
        ("《规划(2018-2035)》", "2018-2035", 2018, ("2018", "2035")),
        ("截至8月底,", "8月底", 2021, ("2021-08", None)),
    ],
)
def test_date_at_reads_a_date_from_its_start(text: str, date: str, year: int, expected: tuple[str, str | None]) -> None:
    """As the validator re-derives a date: from its start, a yearless one taking the year given."""
    hit = date_at(text, text.index(date), year)
    assert hit is not None and (hit.text, hit.start_iso, hit.end_iso) == (date, *expected)


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # done work in a report of January 2024 about 2023: the year before publication
        ("12月5日至6日召开会议。", "2024-01-20", [("12月5日至6日", "2023-12-05", "2023-12-06")]),
        ("8月份开展督查。", "2024-01-16", [("8月份", "2023-08", None)]),
        ("9月至今,通过招生计划调控消除大班额。", "2024-02-06", [("9月至今", "2023-09", None)]),
        # a date before publication keeps the publication year
        ("1至3月份开展检查。", "2023-04-18", [("1至3月份", "2023-01", "2023-03")]),
        # planned work may lie after publication
        ("计划于3月底前完工。", "2024-01-10", [("3月底", "2024-03", None)]),
        ("剩余小区6月底前完工。", "2024-01-10", [("6月底", "2024-06", None)]),
        # an explicit year earlier in the block wins
        ("2024年1月部署,8月份完成。", "2024-01-16", [("2024年1月", "2024-01", None), ("8月份", "2024-08", None)]),
    ],
)
def test_yearless_done_work_lies_before_publication(
    text: str, published: str, expected: list[tuple[str, str, str | None]]
) -> None:
    year = int(published[:4])
    hits = scan_dates(text, 0, len(text), reference_year=year, published=published)
    assert [(h.text, h.start_iso, h.end_iso) for h in hits] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a year before the inspection (2022) is background: it dates its own sentence only
        (
            "2019年3月曾出现违规,5月份又发生。8月份开展督查。",
            [("2019年3月", "2019-03", None), ("5月份", "2019-05", None), ("8月份", "2023-08", None)],
        ),
        # a year of the inspection's timeline anchors what follows
        ("2022年11月部署。3月份开展督查。", [("2022年11月", "2022-11", None), ("3月份", "2022-03", None)]),
        # a planned target year is no anchor
        (
            "计划于2024年3月底前完工。8月份开展督查。",
            [("2024年3月底", "2024-03", None), ("8月份", "2023-08", None)],
        ),
    ],
)
def test_what_anchors_a_yearless_date(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    hits = scan_dates(text, 0, len(text), reference_year=2023, published="2023-12-20", since=2022)
    assert [(h.text, h.start_iso, h.end_iso) for h in hits] == expected


def test_a_planned_target_in_the_publication_year_is_no_anchor() -> None:
    text = "计划于2024年3月底前完工。12月5日召开推进会。"
    hits = scan_dates(text, 0, len(text), reference_year=2024, published="2024-01-10", since=2023)
    assert [(h.text, h.start_iso) for h in hits] == [("2024年3月底", "2024-03"), ("12月5日", "2023-12-05")]
