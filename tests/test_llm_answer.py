"""The answer checks that become reask messages: every way an answer can be ungrounded."""

import pytest
from pydantic import ValidationError

from zhenggai.agent.answer import BlockContext, ProblemAnswer, answer_model, keep_grounded, problems_of

CTX = BlockContext(title="针对“学习不够”的问题", measures=["一是市委召开会议3次。", "二是印发《学习方案》。"],
                   figures=["3次"], block="", sentences={1: "一是市委召开会议3次。"})


def answer(**kw) -> ProblemAnswer:  # type: ignore[no-untyped-def]
    base = {"finding": "学习不够", "measures": [{"index": 1, "kind": "meeting", "status": "done", "bodies": ["市委"]}],
            "figures": [{"index": 1, "subject": "召开会议"}]}
    return ProblemAnswer.model_validate({**base, **kw})


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"finding": "学习不深入"}, "is not copied verbatim from the heading"),
        ({"measures": [{"index": 3, "kind": "meeting", "status": "done"}]}, "measure index 3 does not exist"),
        ({"measures": [{"index": 1, "kind": "meeting", "status": "done", "bodies": ["县委"]}]}, "body '县委' is not found"),
        ({"measures": [{"index": 2, "kind": "document", "status": "done", "documents": ["学习方案"]}]}, "is not a 《…》 title"),
        ({"figures": [{"index": 2, "subject": "会议"}]}, "figure index 2 does not exist"),
        ({"figures": [{"index": 1, "subject": "开了会"}]}, "not copied verbatim from its sentence"),
        ({"figures": [{"index": 1, "subject": "会议3次"}]}, "not repeat the figure"),
    ],
)
def test_each_ungrounded_item_has_a_precise_message(change: dict, message: str) -> None:  # type: ignore[type-arg]
    found = problems_of(answer(**change), CTX)
    assert len(found) == 1 and message in found[0][1]


def test_grounded_answer_passes_and_context_makes_validation_strict() -> None:
    assert problems_of(answer(), CTX) == []
    with pytest.raises(ValidationError, match="not found"):
        ProblemAnswer.model_validate(answer(measures=[{"index": 1, "kind": "meeting", "status": "done",
                                                        "bodies": ["县委"]}]).model_dump(), context={"block": CTX})


def test_keep_grounded_drops_only_the_failing_items() -> None:
    bad = answer(measures=[{"index": 1, "kind": "meeting", "status": "done", "bodies": ["市委", "县委"]},
                           {"index": 5, "kind": "other", "status": "done"}])
    kept, dropped = keep_grounded(bad, CTX)
    assert [p for p, _ in dropped] == ["measures[0].bodies[1]", "measures[1]"]
    assert [m.bodies for m in kept.measures] == [["市委"]] and kept.figures == bad.figures


def test_answer_model_narrows_indices_for_the_grammar() -> None:
    schema = answer_model(CTX).model_json_schema()
    assert schema["$defs"]["MeasureNote"]["properties"]["index"]["enum"] == [1, 2]
    assert schema["properties"]["figures"]["maxItems"] == 1
