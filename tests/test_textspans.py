"""Where the document titles and digit runs are: the lookups the scanners and the LLM batcher make."""

import pytest

from zhenggai.schemas import Figure, Problem, Span
from zhenggai.textspans import TitleIndex, field_lines, problem_extent

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


DIGITS = "共12个,2019年3月,١٢和３项"  # runs at 1, 5, 10, 13 (Arabic-Indic digits) and 16 (a full-width digit)


@pytest.mark.parametrize(
    ("lo", "hi", "expected"),
    [
        (0, len(DIGITS), [1, 5, 10, 13, 16]),
        (2, len(DIGITS), [2, 5, 10, 13, 16]),  # a window that cuts a run starts one there
        (5, 10, [5]),
        (6, 11, [6, 10]),
        (11, 13, []),
        (14, len(DIGITS), [14, 16]),
        (0, 0, []),
    ],
)
def test_digit_runs_in_a_window(lo: int, hi: int, expected: list[int]) -> None:
    assert TitleIndex(DIGITS).digit_runs(lo, hi) == expected


@pytest.mark.parametrize(
    ("lo", "hi", "expected"),
    [
        (0, len(DIGITS), [(1, 3), (5, 9), (10, 11), (13, 15), (16, 17)]),
        (2, 6, [(2, 3), (5, 9)]),  # a run cut by the window's start starts there, one cut by its end runs on
        (6, 11, [(6, 9), (10, 11)]),
        (11, 13, []),
    ],
)
def test_digit_spans_end_where_the_run_ends(lo: int, hi: int, expected: list[tuple[int, int]]) -> None:
    index = TitleIndex(DIGITS)
    assert list(index.digit_spans(lo, hi)) == expected
    assert [s for s, _ in expected] == index.digit_runs(lo, hi)


def test_problem_extent_is_its_body_else_its_spans() -> None:
    title = Span(text="t", start=5, end=6)
    p = Problem(
        label="1.", title=title, finding=title, figures=[Figure(text="3次", start=9, end=11, value=3, unit="次")]
    )
    assert problem_extent(p) == (5, 11)
    assert problem_extent(p.model_copy(update={"body": Span(text="b", start=4, end=20)})) == (4, 20)


def test_field_lines_leave_out_empty_values() -> None:
    assert field_lines(("a", 1), ("b", None), ("c", ""), ("d", []), ("e", 0)) == "a: 1\ne: 0"
