"""Every measure and figure of an extracted report gets the rules labels, each marked as the rules' answer."""

from tests.helpers import BLOCKS_TEXT
from zhenggai import extract


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
