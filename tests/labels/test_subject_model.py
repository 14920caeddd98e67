"""The subject model (labels/subject_model.py): which words its counts drop at a subject's ends, how it trims a
subject, and its counts against the gold."""

import subprocess
import sys
from collections.abc import Iterator

import pytest

from tests.helpers import ROOT
from zhenggai.labels import subject_model as M

# made-up counts: (origin, where, word, count)
EXAMPLES = (
    ("a", "drop_open", "发现", 3),
    ("b", "drop_open", "发现", 2),
    ("a", "keep_open", "发现", 1),  # kept once in five: dropped
    ("a", "drop_open", "完成", 2),
    ("b", "drop_open", "完成", 1),
    ("b", "keep_open", "完成", 2),  # kept twice in three: not more than twice as often dropped
    ("a", "drop_open", "开展", 4),  # one report's only
    ("a", "drop_close", "较年初", 1),
    ("b", "drop_close", "较年初", 1),
    ("a", "start", "问题", 2),
    ("b", "start", "线索", 1),
    ("a", "inherit", "剩余", 2),
    ("b", "inherit", "剩余", 1),
    ("a", "inherit", "其中", 2),
    ("b", "inherit", "其中", 1),
    ("b", "own", "其中", 2),  # its own subject too often
    ("a", "inherit", "已盘活", 3),  # one report's only
)


@pytest.fixture
def made_up(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(M, "examples", lambda: EXAMPLES)
    M.dropped.cache_clear()
    yield
    M.dropped.cache_clear()


@pytest.mark.usefixtures("made_up")
def test_a_word_dropped_in_two_reports_more_than_twice_as_often_as_kept_is_dropped() -> None:
    assert M.dropped() == (frozenset({"发现"}), frozenset({"较年初"}), frozenset({"问题", "线索"}))
    # a report left out takes its counts: one report's word is none
    assert M.dropped(frozenset({"b"})) == (frozenset(), frozenset(), frozenset({"问题"}))


@pytest.mark.usefixtures("made_up")
@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("发现问题", "问题"),
        ("发现线索较年初", "线索"),
        ("发现问", "发现问"),  # one character would be left
        ("发现党组织", "发现党组织"),  # what is left opens as no gold subject does
        ("完成问题", "完成问题"),
    ],
)
def test_trimmed(text: str, kept: str) -> None:
    start, end = M.trimmed(text, 0, len(text))
    assert text[start:end] == kept


@pytest.mark.usefixtures("made_up")
def test_the_words_after_which_the_gold_takes_the_subject_before() -> None:
    M.inheriting.cache_clear()
    assert M.inheriting() == frozenset({"剩余"})
    assert M.inheriting(frozenset({"a"})) == frozenset()
    M.inheriting.cache_clear()


def test_the_shipped_counts_are_what_the_gold_gives() -> None:
    done = subprocess.run([sys.executable, "bench/subject_examples.py", "--check"], cwd=ROOT, capture_output=True)
    assert done.returncode == 0, "src/zhenggai/labels/subject_examples.json is stale: run bench/subject_examples.py"
