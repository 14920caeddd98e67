"""What regex_shape reads off a pattern: the characters a match begins with, the words a text with a match
holds — each checked against what the pattern says, and the guard against the unguarded pattern's matches."""

from __future__ import annotations

import re
from itertools import product

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from zhenggai.regex_shape import (
    first_chars,
    guarded,
    holds_before,
    last_chars,
    max_width,
    required_sets,
    scan_guarded,
    skips_ahead,
)


@pytest.mark.parametrize(
    ("pattern", "chars"),
    [
        ("召开|会议", "[会召]"),  # sorted by code point: 会 U+4F1A, 召 U+53EC
        ("[东西南北]部|加强", "[东加北南西]"),
        ("a|b-c|[x-z]", "[a-bx-z]"),  # a run of code points is written as a range
        (r"(?:\([^()]{1,8}\))?委", r"[\(委]"),  # an optional head: its first or what follows
        ("(?<!x)[区县市](?<!全区)", "[区县市]"),  # a lookbehind consumes nothing
        ("(?>先后)|(?:多次)+", "[先多]"),
        ("-|]", r"[\-\]]"),  # what a class would read as syntax is escaped
        ("a?", None),  # can match empty
        ("(?=ab)", None),
        (".b", None),  # any character
        ("[^a]b", None),  # a negated class
        (r"\db", None),  # a category
        ("(?i:a)", None),  # a case-insensitive literal stands for more than itself
        ("(?i)a", None),
        (r"(a)\1", "[a]"),
        (r"(?P<x>a)?(?P=x)b", None),  # a back-reference where the group may be empty
    ],
)
def test_first_chars(pattern: str, chars: str | None) -> None:
    assert first_chars(pattern) == chars


GUARD_TEXTS = ("区委先后召开会议", "责成各镇,县纪委监委对", "多次多次,先后", "", "ab委(x)委")


@pytest.mark.parametrize("alternation", ["先后|多次|对", "[东西南北]部|加强|召开", r"(?:\([^()]{1,8}\))?委", "a?"])
def test_guarded_keeps_the_matches(alternation: str) -> None:
    plain, guard = re.compile(f"(?:{alternation})"), re.compile(guarded(alternation))
    for text in GUARD_TEXTS:
        assert [m.span() for m in guard.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_guarded_adds_a_lookahead_only_where_it_can() -> None:
    assert guarded("先后|多次") == "(?=[先多])(?:先后|多次)"
    assert guarded("a?") == "(?:a?)"


@pytest.mark.parametrize(
    ("pattern", "skips"),
    [
        ("召开|会议", True),  # alternatives each opening with a literal
        ("(建立|健全)[^,]{0,4}制度", True),  # inside a group
        ("[0-9](?<!每[0-9])", True),  # a class
        ("^(谋划|拟)", True),  # anchored: tried at the start only
        ("(?m)^拟", False),  # anchored at every line's start
        ("(?<!为)了", False),  # a lookbehind first
        ("调整|(?:干部|班子)调整", False),  # an alternative opening with a group
        ("“?监督", False),  # an optional first character
        ("(?i)a", False),
        ("a*", False),  # can match empty
    ],
)
def test_skips_ahead(pattern: str, skips: bool) -> None:
    assert skips_ahead(pattern) is skips


def test_scan_guarded_guards_only_where_re_does_not_skip() -> None:
    assert scan_guarded("召开|会议") == "召开|会议"
    assert scan_guarded("(?<!为)了") == "(?=[了])(?:(?<!为)了)"


@pytest.mark.parametrize(
    ("pattern", "sets"),
    [
        ("召开(?:[0-9]{4}年度?)?[^,]{2,14}?(?:常委会|党组)", (("党组", "常委会"), ("召开",))),  # sorted by code point
        # a word every branch holds (《), and the words before
        ("(?:印发|出台)(?:《[^》]*》)*(?:《(?P<b>[^》]*委)|(?P<c>[^,]{2}局)《)", (("《",), ("出台", "印发"))),
        ("(?:印发|出台)[^,]{0,4}《", (("《",), ("出台", "印发"))),
        ("(?:印发|出台)[^,]{0,4}", (("出台", "印发"),)),
        ("建章立制|长效机制", (("建章立制", "长效机制"),)),
        ("(?=[^,]{0,9}专题研究)[^,]{2}党组", (("专题研究",), ("党组",))),  # a lookahead's words are in the text too
        ("(?:x(?!abc))+y", (("x",), ("y",))),  # a negative lookaround holds nothing
        # no word common to the branches: of each its fewest words (委》, not one of 印发, 出台)
        ("(?:印发|出台)[^》]*委》|局《", (("委》", "局《"),)),
        ("a*b?", ()),  # nothing required
        ("(?i)ab", ()),
        ("[ab]c|d*", ()),  # a branch with no word
    ],
)
def test_required_sets_of_the_tables_shapes(pattern: str, sets: tuple[tuple[str, ...], ...]) -> None:
    assert required_sets(pattern) == sets


@pytest.mark.parametrize("text", ["召开区委常委会", "开会", "出台《方案》", "区委《", "", "x y"])
def test_a_text_with_a_match_holds_a_word_of_each_required_set(text: str) -> None:
    for pattern in ("召开[^,]{0,4}常委会", "(?:印发|出台)[^,]{0,4}《|区委《", "x(?!abc)"):
        if re.search(pattern, text):
            assert all(any(w in text for w in words) for words in required_sets(pattern))


# The cue tables' own fragments, on texts put together from their words, marks and digits: the guard keeps every
# match, every match begins with a character of its class, and holds a required word (its gate finds one).
def _fragments() -> list[str]:
    from zhenggai.labels import measures as m
    from zhenggai.labels.cues import NO_SKIP

    cues = m._body_cues(NO_SKIP)
    words = "|".join(w for w, _ in m.ACTING)
    return [
        words,
        "|".join(w for w, _ in m.NOT_START),
        f"{m.BODY_END}|{'|'.join(w for w, _ in m.BODY_END_MORE)}",
        m.OPENER,
        *(p for p, _, _ in m.KIND),
        "|".join(w for w, _ in m.NOT_KIND_CUES),
        *(p for _, p, _, _ in m.STATUS),
        *(p.pattern for p, _, _ in cues.named),
    ]


FRAGMENTS = _fragments()
PIECES = sorted({w for f in FRAGMENTS for w in re.findall("[\u4e00-\u9fff]+", f)} | set(",。;、(())《》的2021年8月"))
TEXTS = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=TEXTS)
# and texts that the named-body rows match (a meeting's body, a title's issuer, a body set up, a co-actor)
@example(text="一是召开区委常委会会议,区委理论学习中心组开展学习。")
@example(text="二是出台《郑州市惠济区财政局关于加强资金管理的通知》、《实施办法》。")
@example(text="三是成立督导组,县农业农村局会同县财政局开展检查。")
@example(text="四是印发相城区纪委监委《关于整改的意见》,厅党组每半年专题研究。")
def test_the_tables_fragments_on_texts_of_their_words(text: str) -> None:
    for fragment in FRAGMENTS:
        plain = re.compile(f"(?:{fragment})")
        spans = [m.span() for m in plain.finditer(text)]
        assert [m.span() for m in re.finditer(guarded(fragment), text)] == spans
        assert [m.span() for m in re.finditer(scan_guarded(fragment), text)] == spans
        first = first_chars(fragment)
        for s, _ in spans:  # a pattern with a class never matches empty
            assert first is None or re.fullmatch(first, text[s : s + 1])
        if spans:
            assert all(any(w in text for w in words) for words in required_sets(fragment))


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


@pytest.mark.parametrize(
    ("pattern", "sets"),
    [
        (
            "(建立|健全)[^。]{0,4}?(制度|机制)",
            (("健全", "建立"), ("制度", "机制")),
        ),  # one of each, sorted by code point
        ("召开(?:[0-9]{4}年)?会议", (("会议",), ("召开",))),  # an optional part holds nothing required
        ("(?:文明|社会)建设|规划(?=许可)", (("建设", "规划"),)),  # a word of each branch
        ("会议|会议", (("会议",),)),  # a set once
        ("a*", ()),
        ("(?i)ab", ()),  # a case-insensitive literal stands for more than itself
    ],
)
def test_required_sets(pattern: str, sets: tuple[tuple[str, ...], ...]) -> None:
    assert required_sets(pattern) == sets


# (pattern, whether a match can hold a comma before its first "("): a bracket's inside may hold anything
HOLDS = {
    "abc": False,
    "a,b": True,
    "a(?=,)|(?<!,)b": False,  # a lookaround consumes nothing
    r"\([^()]*\)": False,  # the comma only after the bracket opens
    r"(?:\([^()]*\)|[^,(])+": False,  # a run of units, each a bracket or no comma
    r"[^()]": True,  # a negated class holds what it does not name
    r"[^,(]x,": True,
    r"(?:\(|b)[^x]": True,  # one branch has not opened the bracket
    r"\(?[^x]": True,  # nor has an optional one
    r"(?:\(x)+,": False,  # a repeat done once at least has
    r"(?:\(x)*,": True,
    ".": True,  # any character
    r"\w": True,  # a category
    "(?i)a": True,  # unknown: the safe answer
}


@pytest.mark.parametrize(("pattern", "holds"), HOLDS.items(), ids=list(HOLDS))
def test_holds_before(pattern: str, holds: bool) -> None:
    assert holds_before(pattern, ",", "(") is holds


@pytest.mark.parametrize("pattern", [p for p, holds in HOLDS.items() if not holds])
def test_no_match_holds_what_holds_before_denies(pattern: str) -> None:
    """Against re itself, over every text of up to five characters of a comma, brackets and the pattern's own."""
    matched = 0
    for n in range(1, 6):
        for letters in product("abcx,()", repeat=n):
            for m in re.finditer(pattern, "".join(letters)):
                matched += 1
                assert "," not in m.group().split("(")[0], (pattern, letters)
    assert matched
