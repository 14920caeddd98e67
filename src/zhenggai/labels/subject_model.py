"""A second reading of a figure subject's ends: the words the gold leaves out right before or right after a
subject (verbs whose noun says what is counted, scope and time words, a comparison's base), counted over the
gold's subjects (``subject_examples.json``, written by ``bench/subject_examples.py``); and the words before a
figure after which the gold gives it the subject of the figure before (剩余2个: the contract takes the subject
from the sentence "where that segment leaves the counted thing out").

The contract keeps a verb "only where the noun alone would not say what is counted", and the shortest span
naming the counted thing; the cut tables of :mod:`.figures` list such words, but a row suggested by a report's
misses is left out when that report is scored, so a word its gold drops is kept there. The counts carry their
report too (:func:`.cues.kept`): a word is dropped from a subject's end where the gold of at least
``MIN_REPORTS`` reports other than those left out drops it more than ``ODDS`` times as often as it keeps it at
that end. Why counts: they are exact to train, a report's rows are taken out of them, and reading a subject is a
few set look-ups. Measured leave one report out over the 33 pooled reports (``bench/rules_labels.py --wild2``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import cache

from .cues import NO_SKIP, Skip, kept, shipped

LENGTHS = (2, 3, 4)  # the words read, in characters: one character alone cuts too much (规范性文件 → 性文件)
MIN_REPORTS = 2  # a word dropped in one report's gold only is that report's phrase
ODDS = 2.0  # left out more than twice as often as kept at that end
SHORTEST = 2  # what is left of a subject, in characters
INHERITED_CHARS = 8  # the longest words before a figure read as saying it counts what the figure before does

Example = tuple[str, str, str, int]  # (origin, where, word, count): where is drop_/keep_ open/close, or start


@cache
def examples() -> tuple[Example, ...]:
    return tuple((origin, where, w, c) for origin, where, w, c in shipped("subject_examples.json"))


@cache
def dropped(skip: Skip = NO_SKIP) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The words left out at a subject's opening and at its close, and the first two characters of the subjects,
    from the counts not of a report in ``skip``."""
    count: dict[str, Counter[str]] = defaultdict(Counter)
    reports: dict[tuple[str, str], set[str]] = defaultdict(set)
    for origin, where, w, c in examples():
        if kept(origin, skip):
            count[where][w] += c
            reports[where, w].add(origin)

    def left_out(end: str) -> frozenset[str]:
        drop, keep = count[f"drop_{end}"], count[f"keep_{end}"]
        return frozenset(
            w for w, c in drop.items() if len(reports[f"drop_{end}", w]) >= MIN_REPORTS and c > ODDS * keep[w]
        )

    return left_out("open"), left_out("close"), frozenset(count["start"])


@cache
def inheriting(skip: Skip = NO_SKIP) -> frozenset[str]:
    """The words before a figure (after the one before it, in its comma segment) with which the gold of at least
    ``MIN_REPORTS`` reports not in ``skip`` gives it the subject of the figure before, more than ``ODDS`` times as
    often as its own (剩余2个, 其余4个: the rest of the things counted before)."""
    count: Counter[tuple[str, str]] = Counter()
    reports: dict[str, set[str]] = defaultdict(set)
    for origin, where, w, c in examples():
        if where in ("inherit", "own") and kept(origin, skip):
            count[where, w] += c
            if where == "inherit":
                reports[w].add(origin)
    return frozenset(
        w for w, r in reports.items() if len(r) >= MIN_REPORTS and count["inherit", w] > ODDS * count["own", w]
    )


def trimmed(text: str, start: int, end: int, skip: Skip = NO_SKIP) -> tuple[int, int]:
    """``[start, end)`` of a subject in ``text`` without the words the gold leaves out at its opening and its
    close, longest first, as long as ``SHORTEST`` characters are left and, at the opening, what
    is left opens as a gold subject does (a cut inside a word would not: 规范|性文件, 会议|数量)."""
    opening, closing, starts = dropped(skip)
    cut = True
    while cut:
        cut = False
        for n in reversed(LENGTHS):
            if (
                end - start - n >= SHORTEST
                and text[start : start + n] in opening
                and text[start + n : start + n + SHORTEST] in starts
            ):
                start, cut = start + n, True
                break
            if end - start - n >= SHORTEST and text[end - n : end] in closing:
                end, cut = end - n, True
                break
    return start, end
