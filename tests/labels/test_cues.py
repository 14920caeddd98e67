"""A cue row's origin decides whether it stays when reports are left out (leave-one-report-out scoring)."""

import pytest
from pydantic import ValidationError

from zhenggai.labels.cues import alternation, kept, set_labels, span
from zhenggai.schemas import Measure, Span


@pytest.mark.parametrize(
    ("origin", "skip", "stays"),
    [
        ("", frozenset({"huiji"}), True),  # read off the contract: always
        ("huiji", frozenset(), True),  # production leaves nothing out
        ("huiji", frozenset({"huiji"}), False),
        ("huiji", frozenset({"xuchang"}), True),
        ("huiji+xuchang", frozenset({"xuchang"}), False),  # fitted to either: gone when either is held out
        ("huiji+xuchang", frozenset({"xiangcheng"}), True),
    ],
)
def test_kept(origin: str, skip: frozenset[str], stays: bool) -> None:
    assert kept(origin, skip) is stays


def test_alternation_of_no_row_matches_nothing() -> None:
    words = (("会议", "huiji"),)
    assert alternation(words, frozenset()).search("召开会议")
    assert alternation(words, frozenset({"huiji"})).search("召开会议") is None


def test_span_is_the_model_built_and_checked_as_its_constructor_does() -> None:
    made = span("整改", 3, 5)
    assert type(made) is Span
    assert made == Span(text="整改", start=3, end=5)
    assert made.model_fields_set == {"text", "start", "end"}
    with pytest.raises(ValidationError):
        span("整改", -1, 1)  # start >= 0, as the schema says


def test_set_labels_leaves_the_model_as_assignment_does() -> None:
    assigned, set_ = Measure(text="召开会议", start=0, end=4), Measure(text="召开会议", start=0, end=4)
    body = [Span(text="区委", start=0, end=2)]
    assigned.kind, assigned.status, assigned.responsible = "meeting", "done", body
    set_labels(set_, kind="meeting", status="done", responsible=body)
    assert set_ == assigned and set_.model_fields_set == assigned.model_fields_set
    assert set_.model_dump_json(exclude_unset=True) == assigned.model_dump_json(exclude_unset=True)
