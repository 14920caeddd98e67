"""The gold checker passes the shipped gold and catches each kind of deliberate corruption."""

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import DEV_GOLD
from zhenggai.eval.checkgold import check_document, check_gold, figure_value

NAME = "xiangcheng_2020"


def test_shipped_dev_gold_is_consistent() -> None:
    assert check_gold(DEV_GOLD) == []


@pytest.fixture
def corrupt(tmp_path: Path) -> Callable[[Callable[[dict[str, Any]], None]], list[str]]:
    def run(mutate: Callable[[dict[str, Any]], None]) -> list[str]:
        shutil.copy(DEV_GOLD / f"{NAME}.txt", tmp_path / f"{NAME}.txt")
        gold = json.loads((DEV_GOLD / f"{NAME}.gold.json").read_text(encoding="utf-8"))
        mutate(gold)
        (tmp_path / f"{NAME}.gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
        return check_gold(tmp_path)

    return run


def _first_with(gold: dict[str, Any], key: str) -> dict[str, Any]:
    return next(p for p in gold["problems"] if p[key])


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda g: _first_with(g, "figures")["figures"][0].update(value=999999), "has value 999999"),
        (lambda g: _first_with(g, "figures")["figures"].pop(0), "not accounted for"),
        (lambda g: _first_with(g, "dates")["dates"].pop(0), "not accounted for"),
        (lambda g: _first_with(g, "dates")["dates"][0].update(start="2019-13"), "does not appear in"),
        (lambda g: g["problems"][0].update(title=g["problems"][0]["title"] + "了"), "title"),
        (lambda g: g["problems"][0].update(finding="不存在的发现"), "finding"),
        (lambda g: g["problems"][0]["measures"].reverse(), "measure"),
        (lambda g: g["problems"].insert(0, g["problems"].pop(5)), "order"),
        (lambda g: g["problems"][3]["measures"].__setitem__(0, "一是虚构措施。"), "measure 1 not found"),
        (lambda g: g.update(source="other.txt"), "'source' should be"),
    ],
)
def test_corruption_is_caught(corrupt, mutate, expected: str) -> None:  # type: ignore[no-untyped-def]
    findings = corrupt(mutate)
    assert any(expected in f for f in findings), findings


def _measure(g: dict[str, Any]) -> dict[str, Any]:
    m: dict[str, Any] = g["problems"][0]["measures"][0]  # 区委理论学习中心组 … (meeting, done)
    return m


def _figure(g: dict[str, Any]) -> dict[str, Any]:
    f: dict[str, Any] = g["problems"][1]["figures"][0]  # 15000余次, subject 在线点击观看
    return f


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda g: _measure(g).update(kind="meetings"), "measure 1: kind 'meetings' is not in the vocabulary"),
        (lambda g: _measure(g).update(status="finished"), "measure 1: status 'finished' is not in the vocabulary"),
        (lambda g: _measure(g).update(kind=None), "kind None is not in the vocabulary"),
        (lambda g: _figure(g).update(indicator="money"), "figure '15000余次': indicator 'money' is not in"),
        (lambda g: _figure(g).update(subject="线上观看"), "subject '线上观看' is not in its sentence of the source"),
        (lambda g: _figure(g).update(subject=""), "subject '' is neither a string nor null"),
        (
            lambda g: _measure(g).update(responsible=["区委常委会"]),
            "responsible '区委常委会' is not in the measure's text",
        ),
        (lambda g: _measure(g)["responsible"].append("区委理论学习中心组"), "'区委理论学习中心组' is named twice"),
        (lambda g: _measure(g).update(responsible="区委理论学习中心组"), "is not a list of names"),
        (lambda g: _measure(g).update(owner="区委"), "measure 1: unknown key 'owner'"),
        (lambda g: g.update(format="zhenggai-golden/1"), "labels or measure objects need format 'zhenggai-golden/2'"),
    ],
)
def test_v2_corruption_is_caught(corrupt, mutate, expected: str) -> None:  # type: ignore[no-untyped-def]
    findings = corrupt(mutate)
    assert any(expected in f for f in findings), findings


def test_v2_labels_of_the_shipped_gold_pass_and_null_subjects_need_no_span(corrupt) -> None:  # type: ignore[no-untyped-def]
    assert corrupt(lambda g: None) == []
    assert corrupt(lambda g: _figure(g).update(subject=None)) == []


def test_a_subject_must_be_in_its_own_sentence() -> None:
    measure = "一是召开会议3次。二是印发文件5份。"
    problem = {"label": "1.", "title": "考核不严", "finding": "考核不严", "measures": [measure], "dates": []}
    text = f"1.考核不严\n{measure}\n"

    def check(subject: str) -> list[str]:
        figures = [
            {"text": "3次", "value": 3, "unit": "次"},
            {"text": "5份", "value": 5, "unit": "份", "subject": subject},
        ]
        return check_document(text, {"problems": [{**problem, "figures": figures}]}, "x")

    assert check("文件") == []
    # in the source, and in the same measure, but in the sentence of the other figure
    assert check("会议") == ["x: problem 1.: figure '5份': subject '会议' is not in its sentence of the source"]


def test_a_version_1_measure_string_has_no_labels_to_check() -> None:
    text = "1.考核不严\n一是开会。\n"
    problem = {"label": "1.", "title": "考核不严", "finding": "考核不严", "measures": ["一是开会。"]}
    assert check_document(text, {"problems": [{**problem, "figures": [], "dates": []}]}, "x") == []


def test_digits_of_an_exclusion_need_no_item() -> None:
    measure = "一是全市排3,〔2019〕3号文件,开展督查2次。"  # 排3 is a checker row, 〔2019〕3号 rows of both sides
    problem = {"label": "1.", "title": "考核排名靠后", "finding": "考核排名靠后", "measures": [measure], "dates": []}
    text = f"1.考核排名靠后\n{measure}\n"
    findings = check_document(text, {"problems": [{**problem, "figures": []}]}, "x")
    assert [f.split(" not ")[0] for f in findings] == ["x: problem 1.: digits '2'"]
    figure = {"text": "2次", "value": 2, "unit": "次", "approximate": False}
    assert check_document(text, {"problems": [{**problem, "figures": [figure]}]}, "x") == []


def test_a_date_range_left_out_is_caught_at_both_ends() -> None:
    # The scanner's row for a phone number after its area code would excuse the 2016; the checker has no such row.
    text = "1.考核不严\n一是对2014—2016年开展审计。\n"
    problem = {"label": "1.", "title": "考核不严", "finding": "考核不严", "measures": ["一是对2014—2016年开展审计。"]}
    findings = check_document(text, {"problems": [{**problem, "figures": [], "dates": []}]}, "x")
    assert [f.split(" not ")[0] for f in findings] == ["x: problem 1.: digits '2014'", "x: problem 1.: digits '2016'"]


@pytest.mark.parametrize(
    ("text", "unit", "value"),
    [
        ("2.93万名", "名", 29300),
        ("1.4万余人次", "人次", 14000),
        ("5千米", "千米", 5),
        ("1/4", "", 0.25),
        ("30余万元", "元", 300000),
        ("3个百分点", "个百分点", 3),
    ],
)
def test_independent_figure_reader(text: str, unit: str, value: float) -> None:
    assert figure_value(text, unit) == pytest.approx(value)


@pytest.mark.parametrize(
    ("start", "end", "ok"),
    [
        ("--12-05", "--01-08", True),  # a report that gives no year: the yearless form, across a year end
        ("2021-12-05", "2022-01-08", True),
        ("--12-5", "--01-08", False),
        ("-12-05", "--01-08", False),
        ("--12-06", "--01-08", False),  # the 5 of its text is not in it
    ],
)
def test_a_yearless_date_is_well_formed(start: str, end: str, ok: bool) -> None:
    measure = "一是12月5日至1月8日开展审计。"
    text = f"1.考核不严\n{measure}\n"
    date = {"text": "12月5日至1月8日", "start": start, "end": end}
    problem = {"label": "1.", "title": "考核不严", "finding": "考核不严", "measures": [measure], "figures": []}
    findings = check_document(text, {"problems": [{**problem, "dates": [date]}]}, "x")
    assert (findings == []) is ok, findings


@pytest.mark.parametrize(
    ("measures", "unaccounted"),
    [
        (["(1)开会。", "(2)发文。"], []),  # numbered measure items carry their own labels
        (["措施1:开会。", "措施2:发文。"], []),  # so do labelled ones
        (["开会1次。"], ["1"]),  # a number inside a measure is no label
    ],
)
def test_a_measure_s_own_label_needs_no_figure(measures: list[str], unaccounted: list[str]) -> None:
    text = "1.考核不严\n" + "\n".join(measures) + "\n"
    problem = {"label": "1.", "title": "考核不严", "finding": "考核不严", "measures": measures}
    findings = check_document(text, {"problems": [{**problem, "figures": [], "dates": []}]}, "x")
    assert [f.split("digits ")[1].split(" ")[0].strip("'") for f in findings] == unaccounted
