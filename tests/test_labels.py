"""The rules labelers on hand-written snippets, each expected label worked out from the golden contract
(version 2): measure kind, status and responsible bodies; figure subject and indicator; every span verbatim."""

import pytest

from tests.helpers import BLOCKS_TEXT
from zhenggai import extract
from zhenggai.labels import (
    H,
    figure_indicator,
    figure_subject,
    label_figures,
    lead,
    measure_kind,
    measure_status,
    responsible,
)
from zhenggai.schemas import Figure


@pytest.mark.parametrize(
    ("measure", "kind"),
    [
        ("一是召开区委常委会会议,专题研究整改工作。", "meeting"),
        ("二是印发《整改工作方案》,明确责任分工。", "document"),
        ("三是建立健全约谈制度,每月通报一次。", "system"),
        ("四是开展专项督查,对全区32家单位进行检查。", "inspection"),
        ("五是严肃问责,对3名干部给予党纪处分。", "accountability"),
        ("六是加快重点项目建设,完成投资12亿元。", "project"),
        ("七是举办专题培训班,轮训党员干部500人次。", "training"),
        ("八是选拔任用优秀年轻干部,配备乡镇班子。", "personnel"),
        ("九是广泛宣传,营造良好氛围。", "other"),
        # a generic lead (压实责任): the kind most of the text is about
        ("一是压实责任。开展督查3次,组织检查组排查问题,督导整改。", "inspection"),
        # issuing a 制度 is system, issuing a 方案 is document
        ("二是出台《议事决策规则》。", "system"),
    ],
)
def test_kind(measure: str, kind: str) -> None:
    assert measure_kind(measure, measure[:2]) == kind


@pytest.mark.parametrize(
    ("measure", "status"),
    [
        ("一是召开专题会议3次。", "done"),  # a figure: a result
        ("二是已完成整改。", "done"),
        ("三是正在推进老旧小区改造。", "in_progress"),
        ("四是坚持每周召开调度会。", "long_term"),  # a standing commitment, no specific act
        ("五是谋划完善议事规则,待批准后实施。", "planned"),  # 谋划 leading
        ("六是加强监督,严格要求,确保落实到位。", "not_stated"),  # generic verbs only
        ("七是将整改工作纳入年度考核。", "done"),  # 将 used as 把 is no future cue
        ("八是建立会商机制,定期进行会商。", "done"),  # 建立…机制,定期… reports the building
    ],
)
def test_status(measure: str, status: str) -> None:
    assert measure_status(measure, measure[:2]) == status


@pytest.mark.parametrize(
    ("measure", "bodies"),
    [
        ("一是区委先后召开3次会议。", ["区委"]),
        ("二是区委组织部召集各单位研究整改。", ["区委组织部"]),  # not 区委 alone
        ("三是区民宗局、市场监管局和各镇(街道)对辖区企业开展排查。", ["区民宗局", "市场监管局", "各镇(街道)"]),
        ("四是召开区委常委会(扩大)会议,研究部署。", ["区委常委会"]),  # the body behind the meeting
        ("五是要求各县市区委认真落实。", []),  # only addressed
        ("六是加强监督,有关部门要切实负责。", []),  # a vague reference is no body
        ("七是区委书记主持召开专题会。", []),  # a post is no body
        ("八是出台《中共某区委常委会议事规则》。", []),  # a body inside a title is not the meeting's
    ],
)
def test_responsible(measure: str, bodies: list[str]) -> None:
    found = responsible(measure, 100)
    assert [b.text for b in found] == bodies
    assert all(measure[b.start - 100 : b.end - 100] == b.text for b in found)  # verbatim at its offsets


def _figure(text: str, figure: str, value: float, unit: str) -> Figure:
    at = text.index(figure)
    return Figure(text=figure, start=at, end=at + len(figure), value=value, unit=unit)


@pytest.mark.parametrize(
    ("text", "figure", "value", "unit", "subject", "indicator"),
    [
        ("今年以来,侦破涉黑涉恶案件195起。", "195起", 195, "起", "涉黑涉恶案件", "cases"),  # the verb goes
        ("全区追缴资金7.132万元。", "7.132万元", 71320, "元", "追缴资金", "funds_recovered"),  # a bare noun keeps it
        ("刑事拘留278人,", "278人", 278, "人", "刑事拘留", "punished"),
        ("今年新增6个教学班。", "6个", 6, "个", "教学班", "other"),  # the noun after the number
        ("开展集中学习研讨2次。", "2次", 2, "次", "集中学习研讨", "meetings"),
        ("全市投入扶贫资金4.48亿元,", "4.48亿元", 448000000, "元", "扶贫资金", "funds_spent"),
        ("固定资产投资增长13.2%。", "13.2%", 13.2, "%", "固定资产投资", "other"),  # a rate is other, even of money
        ("共排查问题线索38件。", "38件", 38, "件", "问题线索", "leads"),
        ("对66名领导干部进行了责任追究。", "66名", 66, "名", "领导干部", "accountable"),
        ("举办专题班5期,", "5期", 5, "期", "专题班", "training"),
        ("覆盖1300余人。", "1300余人", 1300, "人", "覆盖", "people"),  # the clause names only the verb
    ],
)
def test_figure(text: str, figure: str, value: float, unit: str, subject: str, indicator: str) -> None:
    f = _figure(text, figure, value, unit)
    label_figures(text, [f], 0, len(text))
    assert f.subject is not None and (f.subject.text, f.indicator) == (subject, indicator)
    assert text[f.subject.start : f.subject.end] == f.subject.text
    assert f.sources == {"subject": "rules", "indicator": "rules"}


def test_a_figure_with_nothing_before_or_after_has_no_subject() -> None:
    text = "反馈问题25个,其中7项,"
    f = _figure(text, "7项", 7, "项")
    assert figure_subject(text, f, 0, len(text)) is None
    assert figure_indicator(f, None, "其中", "反馈问题25个,其中") == "other"


def test_lead_is_the_phrase_after_the_marker() -> None:
    assert lead("一是压实责任。区委召开会议。", "一是") == "压实责任"


def test_rows_of_a_report_can_be_left_out() -> None:
    # "学习" as a meeting cue came from huiji's misses; without that report's rows the lead is not read so
    measure = "一是系统学习,深刻领会。"
    assert measure_kind(measure, "一是") == "meeting"
    assert measure_kind(measure, "一是", frozenset({H})) == "other"


def test_every_report_gets_rules_labels_verbatim() -> None:
    report = extract(text=BLOCKS_TEXT)
    measures = [m for p in report.problems for m in p.measures]
    assert measures and all(m.kind and m.status and m.sources["kind"] == "rules" for m in measures)
    assert [b.text for b in measures[0].responsible] == ["市委"]  # 一是市委召开会议3次。
    for m in measures:
        assert all(report.text[b.start : b.end] == b.text for b in m.responsible)
    figures = [f for p in report.problems for f in p.figures]
    assert figures and all(f.indicator is not None and f.sources["indicator"] == "rules" for f in figures)
    assert all(f.subject is None or report.text[f.subject.start : f.subject.end] == f.subject.text for f in figures)
