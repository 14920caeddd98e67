"""How a pattern's matches end, read off its parse: the characters a match can end with and its widest match."""

import re
from itertools import product

import pytest

from zhenggai.regex_tail import last_chars, max_width

# pattern: (the characters a match can end with, or None where unknown or empty; the widest match, or None)
CASES: dict[str, tuple[frozenset[str] | None, int | None]] = {
    "abc": (frozenset("c"), 3),
    "a|bc": (frozenset("ac"), 2),
    "0[-—–]": (frozenset("-—–"), 2),
    "(?:邮编|电话):?": (frozenset("编话:"), 3),  # the optional colon or the word before it
    "(?:第|全市第)$": (frozenset("第"), 3),  # $ consumes nothing
    "a(?=bcd)": (frozenset("a"), 1),  # nor does a lookahead
    r"(?<!\d)0\d{2,3}-": (frozenset("-"), 5),
    "ab+": (frozenset("b"), None),  # no limit on the repeat
    "a*": (None, None),  # may match empty
    r"a\d": (None, 2),  # \d is Unicode's digits: not listed
    "a[^b]": (None, 2),
    "(?i)a": (None, 1),  # a literal stands for its other case too
    "(?i:a)b": (frozenset("b"), 2),
    "(?i:a)": (None, 1),
    "x(a|b*)": (frozenset("abx"), None),  # the group may match empty: then the x ends the match
}


@pytest.mark.parametrize(("pattern", "expected"), CASES.items(), ids=list(CASES))
def test_last_chars_and_width(pattern: str, expected: tuple[frozenset[str] | None, int | None]) -> None:
    assert (last_chars(pattern), max_width(pattern)) == expected


def test_the_group_before_an_optional_one_may_end_the_match() -> None:
    assert last_chars("[ab]c?") == frozenset("abc")
    assert last_chars("(?:x|y)z{0,2}") == frozenset("xyz")


@pytest.mark.parametrize("pattern", [p for p, (chars, _) in CASES.items() if chars is not None])
def test_every_match_ends_so(pattern: str) -> None:
    """Against re itself, over every text of up to five characters drawn from the pattern's own."""
    chars, width = last_chars(pattern), max_width(pattern)
    assert chars is not None
    alphabet = sorted(set(re.sub(r"[^\w\u4e00-\u9fff:—–-]", "", pattern)) | {"x"})
    matched = 0
    for n in range(1, 6):
        for letters in product(alphabet, repeat=n):
            for m in re.finditer(pattern, "".join(letters)):
                matched += 1
                assert m.group()[-1:] in chars, (pattern, letters)
                assert width is None or len(m.group()) <= width
    assert matched
