"""A second reading of a figure's indicator where the rules' own is weak: naive Bayes over its unit and the
character pairs of the end of its subject and of the words before its number, trained on the figures labelled by reading in the gold
(``indicator_examples.json``, written by ``bench/indicator_examples.py``).

The rules' indicator is weak where no row of ``figures.INDICATOR`` matches and the unit's fallback decides it
(people for a count of people, else other). The model overrules only such a reading, and only where its best
indicator leads the next by more than ``MARGIN`` (natural log). It reads the figure's subject as the rules
find it (:func:`.figures.figure_subject`), not the gold's: that is all the pipeline has at run time, and
training on the same reading teaches the model the rules' subject, mistakes and all. Every example carries its
report as origin (:func:`.cues.kept`), so leave-one-out drops it like a cue row.
"""

from __future__ import annotations

import sys
from array import array
from collections import Counter, defaultdict
from functools import cache
from itertools import chain, repeat
from operator import add
from typing import cast

from ..schemas import Indicator
from .cues import NO_SKIP, Skip, kept, shipped
from .naive_bayes import SCALE, log_weights, pack

# What it reads, measured left out over the 33 pooled reports (each report's examples dropped), each at its best
# margin: the subject's last 3 characters (its head noun) 0.887, its last 2 0.888, its last 4 0.885, all of it
# 0.887 (but 0.884 a margin step either side); the segment's last 6 characters before the number beat 4 and 10;
# the first 4 after the number lowered every choice, so none are read.
SUBJECT_CHARS = 3
BEFORE_CHARS = 6
MARGIN = 6.0  # of 3, 4, 5, 6, 8 and 10: 0.872, 0.879, 0.885, 0.887, 0.885, 0.881 left out
ALPHA = 0.1  # additive smoothing of a feature's count

Example = tuple[str, Indicator, str, str, str]  # (origin, indicator, unit, subject, before)
Reading = tuple[str, str, str]  # (unit, subject, before)
Features = tuple[str, list[str], list[str]]  # the unit, and the pairs of the subject's end and of before


def reading(unit: str, subject: str, segment: str) -> Reading:
    """What the model reads of a figure, as an example stores it: ``segment`` is its comma segment up to the
    number."""
    return unit, subject, segment[-BEFORE_CHARS:]


def features(unit: str, subject: str, before: str) -> Features:
    """The unit and the character pairs of the subject's end and of the words before the number (``map(add, …)``
    builds them in C)."""
    end, before = subject[-SUBJECT_CHARS:], before[-BEFORE_CHARS:]
    return unit, list(map(add, end, end[1:])), list(map(add, before, before[1:]))


@cache
def examples() -> tuple[Example, ...]:
    return tuple((o, cast(Indicator, ind), u, s, b) for o, ind, u, s, b in shipped("indicator_examples.json"))


# As in the kind model: a feature's weights for the indicators are non-negative, so they are packed, in
# thousandths, into one integer of 32-bit fields, and a figure's sums are one C-level ``sum`` over its features.
# The priors and the weight of an unseen feature are packed too, each shifted by one constant for all
# indicators to be non-negative (a shift moves no indicator ahead of another), so that the fifteen scores are
# one sum unpacked by ``to_bytes`` into an array: no Python loop over the indicators (a third of the time).
_FIELD = 8 * array("I").itemsize  # 32 bits where the platform's C unsigned int has them
_PARTS = "USB"  # unit, subject, before: one table each


class IndicatorModel:
    """Naive Bayes counts turned into per-indicator log weights: a feature unseen with an indicator weighs
    ``unseen[k]``, a seen one that plus its packed weight, so a figure's score is a sum over its seen features."""

    def __init__(self, rows: list[tuple[Indicator, Features]]) -> None:
        counts: dict[Indicator, Counter[str]] = defaultdict(Counter)
        for indicator, (unit, *pairs) in rows:
            c = counts[indicator]
            c["U" + unit] += 1
            for part, ps in zip(_PARTS[1:], pairs, strict=True):
                c.update(part + p for p in ps)
        self.indicators, self.prior, self.unseen, seen = log_weights(counts, [i for i, _ in rows], ALPHA)
        self._prior = pack((p - min(self.prior) for p in self.prior), _FIELD)
        self._unseen = pack((u - min(self.unseen) for u in self.unseen), _FIELD)
        self._bytes = _FIELD // 8 * len(self.indicators)
        packed = {f: pack(ws, _FIELD) for f, ws in seen.items()}
        units, subjects, befores = ({f[1:]: w for f, w in packed.items() if f[0] == part} for part in _PARTS)
        self.tables = units, subjects, befores

    def best(self, feats: Features) -> tuple[Indicator, float]:
        """The likeliest indicator and by how much (log) it leads the next."""
        unit, subject, before = feats
        units, subjects, befores = self.tables
        total = sum(
            chain(map(subjects.get, subject, repeat(0)), map(befores.get, before, repeat(0))), units.get(unit, 0)
        )
        n = 1 + len(subject) + len(before)
        scores = array("I", (total + self._prior + n * self._unseen).to_bytes(self._bytes, sys.byteorder))
        top = max(scores)
        best = scores.index(top)
        scores[best] = 0
        return self.indicators[best], (top - max(scores)) / SCALE


@cache
def model(skip: Skip = NO_SKIP) -> IndicatorModel | None:
    """The model of the examples not from a report in ``skip`` (none without examples: the file's first build)."""
    rows = [(ind, features(u, s, b)) for o, ind, u, s, b in examples() if kept(o, skip)]
    return IndicatorModel(rows) if rows else None


def overrule(indicator: Indicator, unit: str, subject: str, segment: str, skip: Skip = NO_SKIP) -> Indicator | None:
    """The model's indicator of a figure where it differs from the rules' weak ``indicator`` by a wide margin,
    else None."""
    m = model(skip)
    if m is None:
        return None
    best, margin = m.best(features(*reading(unit, subject, segment)))
    return best if best != indicator and margin > MARGIN else None
