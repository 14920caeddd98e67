"""The figure labelers on hand-written snippets, each expected label worked out from the golden contract
(version 2): subject and indicator, every span verbatim."""

import pytest

from zhenggai.labels import figure_indicator, figure_subject, label_figures
from zhenggai.schemas import Figure


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
