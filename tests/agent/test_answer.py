"""The answer model of a batch: every value is one cut from the source, and whatever is not is rejected with a
message naming the key (the reask); after the last attempt, salvage keeps the keys that validate."""

import json

import pytest
from pydantic import ValidationError

from tests.helpers import BLOCKS_TEXT as TEXT
from zhenggai import extract
from zhenggai.agent.answer import answer_model, notes, salvage
from zhenggai.agent.blocks import Batch, batches


@pytest.fixture(scope="module")
def batch() -> Batch:
    return batches(extract(text=TEXT))[0]


GOOD = {
    "M1": {"k": "会议", "s": "已完成", "b": ["市委"]},
    "M2": {"k": "发文", "s": "已完成", "d": [2]},
    "M3": {"k": "督查", "s": "已完成", "b": ["区纪委监委"]},
    "F1": "召开会议",
    "F2": "开展督查",
    "F3": "查处问题",
}


def test_schema_has_a_key_per_item_and_only_source_values(batch: Batch) -> None:
    schema = answer_model(batch).model_json_schema()
    assert schema["required"] == ["M1", "M2", "M3", "F1", "F2", "F3"]
    defs = schema["$defs"]
    assert "d" not in defs["Measure1Note"]["properties"]  # no title in M1, so nothing to point at
    assert defs["Measure2Note"]["properties"]["d"]["items"]["enum"] == [1, 2]
    assert "区纪委监委" in defs["Measure3Note"]["properties"]["b"]["items"]["enum"]
    assert schema["properties"]["F3"]["enum"][-1] == ""  # "not stated" is always allowed
    assert set(schema["properties"]["F3"]["enum"]) <= {*batch.figures[2].options, ""}


def test_a_grounded_answer_validates(batch: Batch) -> None:
    answer = answer_model(batch).model_validate(GOOD)
    got = notes(answer)
    assert (got["M1"].kind, got["M1"].status, got["M2"].d) == ("meeting", "done", [2])


@pytest.mark.parametrize(
    ("key", "value", "where"),
    [
        ("M1", {"k": "会议", "s": "已完成", "b": ["县委"]}, "M1.b.0"),  # a body not in its measure
        ("M2", {"k": "发文", "s": "已完成", "d": [3]}, "M2.d.0"),  # a title that does not exist
        ("M1", {"k": "meeting", "s": "已完成"}, "M1.k"),
        ("F1", "开了很多会", "F1"),  # a subject that is not next to its figure
        ("F2", None, "F2"),
    ],
)
def test_ungrounded_values_are_rejected_with_their_key(batch: Batch, key: str, value: object, where: str) -> None:
    answer = {**GOOD, key: value} if value is not None else {k: v for k, v in GOOD.items() if k != key}
    with pytest.raises(ValidationError) as caught:
        answer_model(batch).model_validate(answer)
    assert [".".join(map(str, e["loc"])) for e in caught.value.errors()] == [where]


def test_a_title_pointed_at_from_a_measure_without_titles_is_ignored(batch: Batch) -> None:
    answer = answer_model(batch).model_validate({**GOOD, "M1": {"k": "会议", "s": "已完成", "d": [1]}})
    assert not hasattr(notes(answer)["M1"], "d")


def test_salvage_keeps_the_keys_that_validate(batch: Batch) -> None:
    bad = {**GOOD, "M1": {"k": "会议", "s": "已完成", "b": ["县委"]}, "F1": "开了很多会"}
    kept, dropped = salvage(answer_model(batch), json.dumps(bad, ensure_ascii=False))
    assert sorted(kept) == ["F2", "F3", "M2", "M3"]
    assert [k for k, _ in dropped] == ["M1", "F1"]
    assert "Input should be" in dropped[0][1]


@pytest.mark.parametrize("content", ["{not json", "抱歉,我无法完成这个请求。", "[1, 2]"])
def test_salvage_of_no_json_object_keeps_nothing(batch: Batch, content: str) -> None:
    kept, dropped = salvage(answer_model(batch), content)
    assert kept == {} and [k for k, _ in dropped] == [""]
