"""A cue row's origin decides whether it stays when reports are left out (leave-one-report-out scoring)."""

import pytest

from zhenggai.labels.cues import alternation, kept


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
