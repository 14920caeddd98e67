"""What a regex's own parse tells of every string it matches, for cheap tests before a slow scan: the characters a
match can begin with (a guard that fails an alternation of many words at one step, where ``re`` would try each
word in turn), the sets of words of each of which a text must hold one for the pattern to match anywhere in it
(a row skipped without a scan: ``row_gate``), and the characters a match can end with and its widest match (a
test of whether a text *ends* with a match, which ``re`` answers by trying every start position: a look at the
last character rules most texts out, and a search from the last few positions finds the same matches).

Read off ``re._parser``, the stdlib's own parse (private and untyped, but what ``re.compile`` itself runs); where
the parse holds anything this does not know, the answer is the safe one (no guard, no word)."""

from __future__ import annotations

import re
from functools import cache
from re import _constants as op  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

Chars = frozenset[int]
_IGNORECASE = 2  # re.IGNORECASE: a literal stands for its other cases too, which the parse does not list
_ZERO_WIDTH = (op.ASSERT, op.ASSERT_NOT, op.AT)
_REPEATS = (op.MAX_REPEAT, op.MIN_REPEAT, op.POSSESSIVE_REPEAT)


def _edge(items: Any, last: bool = False) -> tuple[Chars, bool] | None:
    """The characters a match of the parsed sequence ``items`` can begin with (``last``: end with) and whether
    it can match empty; None where unknown."""
    chars: set[int] = set()
    for kind, arg in reversed(list(items)) if last else items:
        if kind in _ZERO_WIDTH:
            continue  # consumes nothing: the next item begins (the one before ends) the match
        if kind is op.LITERAL:
            item: tuple[Chars, bool] | None = frozenset((arg,)), False
        elif kind is op.IN:
            item = _class(arg)
        elif kind is op.BRANCH:
            branches = [_edge(b, last) for b in arg[1]]
            known = [b for b in branches if b is not None]
            item = None
            if len(known) == len(branches):
                item = frozenset().union(*(b[0] for b in known)), any(b[1] for b in known)
        elif kind is op.SUBPATTERN:
            item = _edge(arg[3], last) if not arg[1] & _IGNORECASE else None
        elif kind is op.ATOMIC_GROUP:
            item = _edge(arg, last)
        elif kind in _REPEATS:
            sub = _edge(arg[2], last)
            item = None if sub is None else (sub[0], sub[1] or arg[0] == 0)
        else:
            item = None  # any character, a negated literal, a back-reference …
        if item is None:
            return None
        chars |= item[0]
        if not item[1]:
            return frozenset(chars), False
    return frozenset(chars), True


def _class(members: Any) -> tuple[Chars, bool] | None:
    chars: set[int] = set()
    for kind, arg in members:
        if kind is op.LITERAL:
            chars.add(arg)
        elif kind is op.RANGE:
            chars.update(range(arg[0], arg[1] + 1))
        else:
            return None  # a negation or a category (\d, \w): not listed
    return frozenset(chars), False


def _escaped(chars: Chars) -> str:
    """``chars`` as the inside of a character class, in runs (``一-龥``)."""
    out, points = [], sorted(chars)
    i = 0
    while i < len(points):
        j = i
        while j + 1 < len(points) and points[j + 1] == points[j] + 1:
            j += 1
        lo, hi = (re.escape(chr(points[k])) for k in (i, j))
        out.append(lo if i == j else f"{lo}-{hi}")
        i = j + 1
    return "".join(out)


@cache
def first_chars(pattern: str) -> str | None:
    """A character class (``[…]``) holding every character a match of ``pattern`` begins with; None where a
    match can be empty or begin with what the parse does not list."""
    parsed = _parser.parse(pattern)
    found = None if parsed.state.flags & _IGNORECASE else _edge(parsed.data)
    if found is None or found[1] or not found[0]:
        return None
    return f"[{_escaped(found[0])}]"


def guarded(alternation: str) -> str:
    """``alternation`` as a group that fails at one look where no match can begin: the same matches, the same
    groups, found in the same order (the guard is a lookahead, it neither consumes nor captures)."""
    first = first_chars(alternation)
    return f"(?:{alternation})" if first is None else f"(?={first})(?:{alternation})"


def _needs(items: Any) -> list[frozenset[str]]:
    """What a match of the parsed sequence ``items`` holds: sets of words, one of each set in every match."""
    out: list[frozenset[str]] = []
    run: list[str] = []
    for kind, arg in [*items, (None, None)]:
        if kind is op.LITERAL:
            run.append(chr(arg))
            continue
        if run:
            out.append(frozenset(("".join(run),)))
            run = []
        if kind is op.SUBPATTERN and not arg[1] & _IGNORECASE:
            out += _needs(arg[3])
        elif kind is op.ATOMIC_GROUP:
            out += _needs(arg)
        elif kind is op.ASSERT:  # a lookaround's match is in the text too
            out += _needs(arg[1])
        elif kind in _REPEATS and arg[0] > 0:
            out += _needs(arg[2])
        elif kind is op.BRANCH:
            each = [_needs(b) for b in arg[1]]
            common = [words for words in each[0] if all(words in b for b in each[1:])]
            if common:  # what every branch holds
                out += common
            elif all(each):  # else a word of each branch: one of them is in every match
                out.append(frozenset().union(*(_best(b) for b in each)))
    return out


def _best(needs: list[frozenset[str]]) -> frozenset[str]:
    """The set of words least likely all absent: the fewest words, the shortest of them the longest."""
    return min(needs, key=lambda words: (len(words), -min(map(len, words))))


@cache
def required_sets(pattern: str) -> tuple[tuple[str, ...], ...]:
    """Every set of words of which a text holds at least one wherever ``pattern`` matches in it (a text must hold
    a word of each set); none where none is known."""
    parsed = _parser.parse(pattern)
    needs = [] if parsed.state.flags & _IGNORECASE else _needs(parsed.data)
    return tuple(sorted({tuple(sorted(words)) for words in needs}))


def _opens_with_literal(items: Any) -> bool:
    return bool(items) and items[0][0] is op.LITERAL


@cache
def skips_ahead(pattern: str) -> bool:
    """Whether ``re``'s compiler finds by itself where a match can begin (its search skips to them): a pattern
    that opens, inside any groups, with a literal, a class, or alternatives each opening with a literal; or
    one anchored at the start."""
    parsed = _parser.parse(pattern)
    if parsed.state.flags & _IGNORECASE or parsed.getwidth()[0] == 0:
        return False
    items = parsed.data
    while items and items[0][0] is op.SUBPATTERN and not items[0][1][1] & _IGNORECASE:
        items = items[0][1][3].data
    if not items:
        return False
    kind, arg = items[0]
    if kind is op.AT:  # anchored at the start (not at every line's, as under re.MULTILINE): tried there only
        return arg is op.AT_BEGINNING_STRING or (arg is op.AT_BEGINNING and not parsed.state.flags & re.MULTILINE)
    return kind in (op.LITERAL, op.IN) or (kind is op.BRANCH and all(map(_opens_with_literal, arg[1])))


def scan_guarded(pattern: str) -> str:
    """``pattern`` as it is where ``re`` skips to where a match can begin (:func:`skips_ahead`), else
    :func:`guarded`: a guard there would hide the skip, and ``re`` would try the pattern at every position."""
    return pattern if skips_ahead(pattern) else guarded(pattern)


_UNBOUNDED = op.MAXREPEAT  # getwidth's "no limit" is at least this


@cache
def last_chars(pattern: str) -> frozenset[str] | None:
    """Every character a match of ``pattern`` can end with; None where a match can be empty or end with what
    the parse does not list."""
    parsed = _parser.parse(pattern)
    found = None if parsed.state.flags & _IGNORECASE else _edge(parsed.data, last=True)
    if found is None or found[1] or not found[0]:
        return None
    return frozenset(map(chr, found[0]))


@cache
def max_width(pattern: str) -> int | None:
    """The most characters a match of ``pattern`` consumes (lookarounds read more but consume none); None where
    a repeat has no limit."""
    width = _parser.parse(pattern).getwidth()[1]
    return None if width >= _UNBOUNDED else int(width)


def _holds(items: Any, chars: Chars, opener: int, opened: bool) -> tuple[bool, bool]:
    """Whether a match of the parsed sequence ``items`` can consume a character of ``chars`` before it has consumed
    ``opener`` (``opened``: it has, before ``items``), and whether every match of it has consumed ``opener`` by its
    end. Where the parse holds what this does not know, the safe answer: it can."""
    for kind, arg in items:
        if kind in _ZERO_WIDTH:
            continue  # a lookaround consumes nothing
        if kind is op.LITERAL:
            consumed: tuple[Chars, bool] | None = frozenset((arg,)), False
        elif kind is op.IN:
            consumed = _class(arg)
            if consumed is None and arg and arg[0] == (op.NEGATE, None):  # [^…]: all but its members
                excluded = _class(arg[1:])
                if excluded is not None and not opened and chars - excluded[0]:
                    return True, opened
                continue
        elif kind is op.BRANCH:
            each = [_holds(b, chars, opener, opened) for b in arg[1]]
            if any(h for h, _ in each):
                return True, opened
            opened = all(o for _, o in each)
            continue
        elif kind is op.SUBPATTERN and not arg[1] & _IGNORECASE:
            held, opened = _holds(arg[3], chars, opener, opened)
            if held:
                return True, opened
            continue
        elif kind is op.ATOMIC_GROUP:
            held, opened = _holds(arg, chars, opener, opened)
            if held:
                return True, opened
            continue
        elif kind in _REPEATS:  # a later round starts where an earlier one left: opened then, if ever
            held, after = _holds(arg[2], chars, opener, opened)
            if held:
                return True, opened
            opened = after if arg[0] > 0 else opened
            continue
        else:
            consumed = None  # any character, a negated literal, a category, a back-reference …
        if consumed is None:
            if not opened:
                return True, opened
            continue
        if not opened and consumed[0] & chars:
            return True, opened
        opened = opened or consumed[0] == {opener}
    return False, opened


@cache
def holds_before(pattern: str, chars: str, opener: str) -> bool:
    """Whether a match of ``pattern`` can hold a character of ``chars`` before the first ``opener`` in it (``\\(``
    before a bracket's inside); True where unknown. Where it cannot, a match that holds no ``opener`` holds none of
    ``chars``."""
    parsed = _parser.parse(pattern)
    if parsed.state.flags & _IGNORECASE:
        return True
    return _holds(parsed.data, frozenset(map(ord, chars)), ord(opener), False)[0]
