"""RowGate over a made-up table: every row that plain ``re`` finds a match for in a text (or in a part of it) is
among the rows the gate lists for the text, and a row whose every required word is absent is not."""

from __future__ import annotations

import re
import threading

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from zhenggai.regex_shape import required_sets
from zhenggai.row_gate import RowGate

# rows of the shapes the cue tables hold: literal alternations, words around a gap, look-arounds, a word shared
# by two rows, a row no word is required for, a case-insensitive one, named groups, an anchor, a set of words
# two rows' combinations share (scanned for once)
TABLE = (
    "召开|会议",
    "(建立|健全)[^。]{0,4}?(制度|机制)",
    "(?<!党)组织(?!建设)",
    "制度",
    "[0-9](?<!每[0-9])",
    "(?i)ab",
    "(?P<b>[区县]委)(?=召开)",
    "^(拟|计划)",
    "会(?:议|同)|x+y",
    "(健全|建立)[^。]{0,8}?办法",
)
ALPHABET = "召开会议建立健全制度机制办法党组织设每0区县委拟计划同xyAaBb。,"
# texts made of the rows' words, in any order and number (a set found again after its row was reported, a row's
# sets found in the order opposite to its pattern's)
WORDS = st.lists(
    st.sampled_from(["召开", "会议", "建立", "健全", "制度", "机制", "办法", "组织", "区委", "计划", "x", "。"]),
    max_size=12,
)


@pytest.fixture(scope="module")
def gate() -> RowGate:
    return RowGate.of(TABLE)


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        ("", [4, 5]),  # only the rows that require no word
        ("区委召开会议", [0, 4, 5, 6, 8]),  # 会议 is a word of row 0 and of row 8; 委 and 召开 of row 6
        ("建立了机制", [1, 4, 5]),  # row 1 requires one of 建立, 健全 and one of 制度, 机制
        ("建立", [4, 5]),  # one set's word is not enough
        ("建立。制度", [1, 3, 4, 5]),  # a row listed need not match: the text only holds its words
        ("党组织建设制度", [2, 3, 4, 5]),  # 组织 is there, though not where row 2 could match it
        ("计划", [4, 5, 7]),
        ("xy", [4, 5, 8]),
        ("健全办法和机制", [1, 4, 5, 9]),  # 健全 completes both rows whose combinations share its set
        ("建立办法", [4, 5, 9]),
    ],
)
def test_lists_the_rows_whose_words_are_present(gate: RowGate, text: str, rows: list[int]) -> None:
    assert gate(text) == rows


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=24), st.integers(0, 24), st.integers(0, 24))
def test_every_row_that_matches_is_listed(text: str, lo: int, hi: int) -> None:
    may = RowGate.of(TABLE)(text)
    assert may == sorted(set(may))
    for i, pattern in enumerate(TABLE):
        p = re.compile(pattern)
        if p.search(text) or p.search(text[lo:hi]) or p.search(text, lo, hi):
            assert i in may, (pattern, text)


@settings(max_examples=400, deadline=None)
@given(WORDS.map("".join))
@example("会议制度建立建立")  # a combination completed, then one of its sets found again
def test_lists_exactly_the_rows_with_a_word_of_each_set(text: str) -> None:
    expected = [i for i, p in enumerate(TABLE) if all(any(w in text for w in words) for words in required_sets(p))]
    assert RowGate.of(TABLE)(text) == expected


def test_a_table_without_words() -> None:
    assert RowGate.of(("a*", "(?i)b")).__call__("xyz") == [0, 1]
    assert RowGate.of(()).__call__("xyz") == []


def test_each_thread_scans_with_its_own_scratch(gate: RowGate) -> None:
    found: list[list[int]] = []

    def scan() -> None:
        found.extend(gate("区委召开会议") for _ in range(200))

    threads = [threading.Thread(target=scan) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert found == [[0, 4, 5, 6, 8]] * 800


def test_holds_tells_the_words_characters(gate: RowGate) -> None:
    assert gate.holds("召") and gate.holds("x")
    assert not gate.holds("_") and not gate.holds("每")  # 每 is in a look-behind only: no word


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=24), st.lists(st.integers(0, 23), max_size=6))
def test_a_text_blanked_with_a_character_no_word_holds_gains_no_row(text: str, at: list[int]) -> None:
    gate = RowGate.of(TABLE)
    blanked = "".join("_" if i in at else ch for i, ch in enumerate(text))
    assert set(gate(blanked)) <= set(gate(text))
