"""What a regex's own parse tells of how its matches end: the characters a match can end with and how long a
match can be. For a test of whether a text *ends* with a match (``(?:…)$``), which ``re`` answers by trying
every start position in turn: a look at the text's last character rules most texts out, and a search from the
last few positions only finds the same matches.

Read off ``re._parser`` (as :mod:`zhenggai.labels.regex_shape` does for how matches begin); where the parse holds
anything this does not know, the answer is the safe one (None: no guard)."""

from __future__ import annotations

from functools import cache
from re import _constants as op  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

_IGNORECASE = 2  # re.IGNORECASE: a literal stands for its other cases too, which the parse does not list
_ZERO_WIDTH = (op.ASSERT, op.ASSERT_NOT, op.AT)
_REPEATS = (op.MAX_REPEAT, op.MIN_REPEAT, op.POSSESSIVE_REPEAT)
_UNBOUNDED = op.MAXREPEAT  # getwidth's "no limit" is at least this


def _lasts(items: Any) -> tuple[frozenset[str], bool] | None:
    """The characters a match of the parsed sequence ``items`` can end with and whether it can match empty;
    None where unknown."""
    chars: set[str] = set()
    for kind, arg in reversed(list(items)):
        if kind in _ZERO_WIDTH:
            continue  # consumes nothing: the item before ends the match
        if kind is op.LITERAL:
            item: tuple[frozenset[str], bool] | None = frozenset(chr(arg)), False
        elif kind is op.IN:
            item = _class(arg)
        elif kind is op.BRANCH:
            branches = [_lasts(b) for b in arg[1]]
            known = [b for b in branches if b is not None]
            item = None
            if len(known) == len(branches):
                item = frozenset[str]().union(*(b[0] for b in known)), any(b[1] for b in known)
        elif kind is op.SUBPATTERN:
            item = _lasts(arg[3]) if not arg[1] & _IGNORECASE else None
        elif kind is op.ATOMIC_GROUP:
            item = _lasts(arg)
        elif kind in _REPEATS:
            sub = _lasts(arg[2])
            item = None if sub is None else (sub[0], sub[1] or arg[0] == 0)
        else:
            item = None  # any character, a negated literal, a back-reference …
        if item is None:
            return None
        chars |= item[0]
        if not item[1]:
            return frozenset(chars), False
    return frozenset(chars), True


def _class(members: Any) -> tuple[frozenset[str], bool] | None:
    chars: set[str] = set()
    for kind, arg in members:
        if kind is op.LITERAL:
            chars.add(chr(arg))
        elif kind is op.RANGE:
            chars.update(map(chr, range(arg[0], arg[1] + 1)))
        else:
            return None  # a negation or a category (\d, \w): not listed
    return frozenset(chars), False


@cache
def last_chars(pattern: str) -> frozenset[str] | None:
    """Every character a match of ``pattern`` can end with; None where a match can be empty or end with what
    the parse does not list."""
    parsed = _parser.parse(pattern)
    found = None if parsed.state.flags & _IGNORECASE else _lasts(parsed.data)
    if found is None or found[1] or not found[0]:
        return None
    return found[0]


@cache
def max_width(pattern: str) -> int | None:
    """The most characters a match of ``pattern`` consumes (lookarounds read more but consume none); None where
    a repeat has no limit."""
    width = _parser.parse(pattern).getwidth()[1]
    return None if width >= _UNBOUNDED else int(width)
