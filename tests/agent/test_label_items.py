"""The label questions: one per item and field, the allowed answers fixed words or spans cut from the source."""

from tests.helpers import TEXT
from zhenggai import extract
from zhenggai.agent.label_items import KIND_CHARS, NONE, questions
from zhenggai.schemas import Measure


def test_kind_asks_each_measure_alone_with_the_nine_kinds() -> None:
    asked = list(questions(extract(text=TEXT), "kind"))
    assert [q.text for q in asked] == ["问:一是市委召开会议3次。", "问:二是印发《学习方案》。"]
    assert asked[0].options == ("会议", "发文", "制度", "督查", "问责", "项目", "培训", "人事", "其他")
    assert [q.path for q in asked] == ["problems[0].measures[0]", "problems[0].measures[1]"]


def test_a_long_measure_is_cut_to_its_lead() -> None:
    report = extract(text=TEXT)
    m = report.problems[0].measures[0]
    long = m.text + "认真学习" * 100
    report.problems[0].measures[0] = Measure(text=long, start=m.start, end=m.start + len(long))
    q = next(questions(report, "kind"))
    assert q.text == "问:" + long[:KIND_CHARS]


def test_responsible_chooses_among_bodies_cut_from_the_measure() -> None:
    asked = list(questions(extract(text=TEXT), "responsible"))
    # 二是印发《学习方案》 names no body: nothing to choose, no question
    assert len(asked) == 1 and asked[0].many and asked[0].options == ("市委",)
    assert asked[0].text == "问:一是市委召开会议3次。\n候选:市委"
    assert [(s.text, TEXT[s.start : s.end]) for s in asked[0].spans] == [("市委", "市委")]


def test_subject_candidates_stand_next_to_their_figure_and_none_is_allowed() -> None:
    (q,) = questions(extract(text=TEXT), "subject")
    assert q.text.startswith("问:一是市委召开会议【3次】。\n候选:会议|开会议|召开会议")
    assert q.options[-1] == NONE and len(q.spans) == len(q.options) - 1
    at = TEXT.index("3次")
    assert all(TEXT[s.start : s.end] == s.text and s.end == at for s in q.spans)


def test_indicator_shows_the_figure_marked_in_its_sentence() -> None:
    (q,) = questions(extract(text=TEXT), "indicator")
    assert q.text == "问:一是市委召开会议【3次】。" and len(q.options) == 15 and "会议" in q.options


def test_a_candidate_quoting_the_source_is_labelled_without_ascii_quotes() -> None:
    # llama-cpp-python turns an enum value holding " into a grammar its server crashes on
    text = TEXT.replace("市委召开会议3次", '市委召开"第一议题"学习会3次')
    (q,) = questions(extract(text=text), "subject")
    assert (
        q.options == ("习会", "学习会", "＂第一议题＂学习会", NONE) and "候选:习会|学习会|＂第一议题＂学习会" in q.text
    )
    quoted = q.spans[2]
    assert quoted.text == '"第一议题"学习会' == text[quoted.start : quoted.end]
