"""The verbatim candidates the model chooses from: subjects around a figure, bodies in a measure."""

import pytest

from zhenggai.agent.candidates import body_options, subject_options, subject_span


def subjects(sentence: str, figure: str) -> tuple[str, ...]:
    at = sentence.index(figure)
    return subject_options(sentence, at, at + len(figure), 0, len(sentence))


@pytest.mark.parametrize(
    ("sentence", "figure", "expected", "absent"),
    [
        ("全市共有贫困户2.46万户,贫困人口6.45万人。", "2.46万户", ["贫困户", "全市共有贫困户"], ["全市共有贫困户2"]),
        ("成立2107个行政村的村档。", "2107个", ["成立", "行政村", "行政村的村档"], ["2107个行政村"]),
        ("受益学生13287人次。", "13287人次", ["受益学生", "学生"], []),
        ("落实“困难残疾人生活补贴”2.02万人。", "2.02万人", [], ["生活补贴”", "补贴"]),  # a quote ends no subject
        ("印发《2021年工作方案》5份。", "5份", [], ["工作方案》"]),
        ("增长19.2%,占财政支出的73.1%。", "73.1%", ["占财政支出的", "财政支出的"], ["19.2%"]),
    ],
)
def test_subject_options(sentence: str, figure: str, expected: list[str], absent: list[str]) -> None:
    found = subjects(sentence, figure)
    assert all(e in found for e in expected), found
    assert not any(a in found for a in absent), found
    assert all(2 <= len(s) <= 10 and s in sentence for s in found)


def test_subject_options_stay_inside_the_bounds_given() -> None:
    text = "全市5000万元至1亿元企业有4家。"
    at = text.index("4家")
    previous_end = text.index("1亿元") + len("1亿元")
    assert subject_options(text, at, at + 2, previous_end, len(text)) == ("业有", "企业有")


@pytest.mark.parametrize(
    ("measure", "expected", "absent"),
    [
        (
            "由区委组织部、区纪委监委牵头,各乡镇(街道)配合,住建部门负责。",
            ["区委组织部", "区纪委监委", "各乡镇", "住建部门"],
            ["由区委", "区委组", "委组织部", "组织部", "部门"],
        ),
        ("一是召开区委常委会会议3次。", ["区委常委"], ["召开区委", "一是召开区委"]),
        ("组织党员干部学习,区财政局牵头。", ["区财政局"], ["党员干部", "组织党员干部", "干部"]),
        ("二是印发《学习方案》。", [], []),
        ("由市\\委办公室牵头。", [], ["市\\委办公室", "委办公室"]),  # a backslash: no name, and no grammar takes it
    ],
)
def test_body_options(measure: str, expected: list[str], absent: list[str]) -> None:
    found = body_options(measure)
    assert all(e in found for e in expected), found
    assert not any(a in found for a in absent), found
    assert all(b in measure for b in found)


@pytest.mark.parametrize(
    ("subject", "expected"),
    [("贫困户", (3, 6)), ("贫困人口", (18, 22)), ("", None), ("全市", None)],
)
def test_subject_span_is_next_to_its_figure(subject: str, expected: tuple[int, int] | None) -> None:
    text = "全市有贫困户2.46万户6.45万人贫困人口。"
    at = text.index("2.46万户") if subject != "贫困人口" else text.index("6.45万人")
    end = at + (len("2.46万户") if subject != "贫困人口" else len("6.45万人"))
    assert subject_span(text, at, end, subject) == expected
