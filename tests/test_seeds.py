"""The three seed reports end to end through the rules engine: structure, meta, zero validation issues."""

import pytest

from zhenggai import extract, validate

EXPECTED = {
    # name: problems, measures, first and last label, published, team
    "xuchang_2017": (45, 165, "(1)", "(45)", "2017-09-19", "省委第一巡视组"),
    "huiji_2021": (35, 127, "(1)", "(35)", None, "省委第四巡视组"),
    "xiangcheng_2020": (47, 102, "1.", "47.", "2020-04-27", "省委第八巡视组"),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_report(name: str, seed_text: dict[str, str]) -> None:
    n_problems, n_measures, first, last, published, team = EXPECTED[name]
    report = extract(text=seed_text[name])
    assert report.status == "ok"
    assert len(report.problems) == n_problems
    assert sum(len(p.measures) for p in report.problems) == n_measures
    assert (report.problems[0].label, report.problems[-1].label) == (first, last)
    assert report.meta.published_date == published
    assert report.meta.inspection_team is not None and report.meta.inspection_team.text == team
    assert report.issues == []
    assert validate(report) == []


def test_labels_are_in_order_without_gaps(seed_text: dict[str, str]) -> None:
    for text in seed_text.values():
        labels = [p.label.strip("().") for p in extract(text=text).problems]
        assert labels == [str(i) for i in range(1, len(labels) + 1)]
