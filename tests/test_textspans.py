"""Where the document titles are: the lookups the scanners and the LLM batcher make."""

import pytest

from zhenggai.textspans import TitleIndex

TEXT = "ab《x》c《yy》d《z》"  # titles at [2, 5), [6, 10), [11, 14)


@pytest.mark.parametrize(
    ("lo", "hi", "expected"),
    [
        (0, len(TEXT), [(2, 5), (6, 10), (11, 14)]),
        (2, 5, [(2, 5)]),
        (3, 12, [(6, 10)]),
        (6, 10, [(6, 10)]),
        (7, 14, [(11, 14)]),
        (0, 2, []),
    ],
)
def test_titles_wholly_inside_a_span(lo: int, hi: int, expected: list[tuple[int, int]]) -> None:
    assert TitleIndex(TEXT).inside(lo, hi) == expected


@pytest.mark.parametrize(("pos", "expected"), [(3, (2, 5)), (2, None), (5, None), (8, (6, 10))])
def test_title_around_a_position(pos: int, expected: tuple[int, int] | None) -> None:
    assert TitleIndex(TEXT).around(pos) == expected
