"""Chunking for LLM segmentation: windows with overlap that end at line breaks, anchors found in order inside
their chunk, heading starts moved back over a short label, and which anchors are ungrounded. Expected values
are worked out by hand from the strings below."""

import pytest
from pydantic import ValidationError

from tests.helpers import NO_OUTLINE
from zhenggai.agent.chunking import Chunk, SegmentAnswer, align, chunks, heading_starts, ungrounded


@pytest.mark.parametrize(
    ("text", "lo", "hi", "size", "overlap", "expected"),
    [
        ("abc", 0, 3, 10, 2, [(0, 3)]),  # fits in one window
        ("abc", 2, 2, 10, 2, []),  # empty range
        ("abcdefghij", 0, 10, 4, 1, [(0, 4), (3, 7), (6, 10)]),  # no line break: cut at the size
        ("xxabcdefghij", 2, 12, 4, 1, [(2, 6), (5, 9), (8, 12)]),  # offsets are the text's, from lo
        # "aaa\nbbb\nccc\n": the first window of 6 ends after the break at 3, the second after the one at 7
        ("aaa\nbbb\nccc\n", 0, 12, 6, 2, [(0, 4), (2, 8), (6, 12)]),
        # a break in the first half of a window is not used: the window would shrink too much
        ("a\nbcdefgh", 0, 9, 6, 1, [(0, 6), (5, 9)]),
        # an overlap as big as the window still moves on by one character
        ("abcdef", 0, 6, 2, 5, [(0, 2), (1, 3), (2, 4), (3, 5), (4, 6)]),
    ],
)
def test_chunks(text: str, lo: int, hi: int, size: int, overlap: int, expected: list[tuple[int, int]]) -> None:
    assert chunks(text, lo, hi, size, overlap) == [Chunk(s, e) for s, e in expected]


ALIGN_TEXT = "xxABxxCDxxAB"  # AB at 2 and 10, CD at 6


@pytest.mark.parametrize(
    ("start", "end", "anchors", "expected"),
    [
        (0, 12, ["AB", "CD"], [2, 6]),
        (0, 12, ["CD", "AB"], [6, 10]),  # each anchor is looked for after the one before: the second AB
        (0, 12, ["AB", "AB"], [2, 10]),
        (0, 12, ["CD", "CD"], [6]),  # no second CD: found again from the chunk start, then merged
        (0, 11, ["CD", "AB"], [2, 6]),  # the AB at 10 runs past the chunk: the one at 2, offsets sorted
        (4, 12, ["AB"], [10]),  # only inside the chunk
        (0, 12, ["ZZ"], []),
    ],
)
def test_align(start: int, end: int, anchors: list[str], expected: list[int]) -> None:
    assert align(ALIGN_TEXT, Chunk(start, end), anchors) == expected


# "P1: head" is 0–7, a break at 8, "body" 9–12, a break at 13, "0123456789" 14–23, "head2" 24–28
STARTS_TEXT = "P1: head\nbody\n0123456789head2"


@pytest.mark.parametrize(
    ("offsets", "expected"),
    [
        ([4], [0]),  # a 4-character label before the anchor: the heading starts at its line
        ([22], [14]),  # 8 characters before it: still a label
        ([23], [23]),  # 9: the anchor is inside running text and stays
        ([24], [24]),
        ([9], [9]),  # already at a line start
        ([4, 0, 24, 24], [0, 24]),  # duplicates from overlapping chunks merged, sorted
        ([], []),
    ],
)
def test_heading_starts(offsets: list[int], expected: list[int]) -> None:
    assert heading_starts(STARTS_TEXT, offsets) == expected


@pytest.mark.parametrize(
    ("heading", "reason"),
    [
        ("关于学习贯彻不深入的问题", None),
        ("关于作风不实", None),  # six characters, a lead word: enough
        ("关于作风", "not found verbatim"),  # in the text, but too short to be an anchor
        ("关于纪律松弛的问题", "not found verbatim"),  # not in the text
        ("开展督查5次", "states no problem"),  # verbatim, but a measure
    ],
)
def test_ungrounded(heading: str, reason: str | None) -> None:
    bad = ungrounded([heading], NO_OUTLINE)
    if reason is None:
        assert bad == []
    else:
        [(h, msg)] = bad
        assert h == heading and reason in msg and repr(heading) in msg


def test_ungrounded_keeps_the_order_and_skips_good_ones() -> None:
    bad = ungrounded(["开展督查5次", "关于学习贯彻不深入的问题", "不在原文里的问题"], NO_OUTLINE)
    assert [h for h, _ in bad] == ["开展督查5次", "不在原文里的问题"]


def test_segment_answer_checks_anchors_only_against_a_chunk_in_its_context() -> None:
    answer = '{"headings": ["开展督查5次"]}'
    assert SegmentAnswer.model_validate_json(answer).headings == ["开展督查5次"]  # no chunk, no check
    with pytest.raises(ValidationError, match="states no problem"):
        SegmentAnswer.model_validate_json(answer, context={"chunk": NO_OUTLINE})
