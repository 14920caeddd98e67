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

import json
import math
import sys
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import cache
from importlib.resources import files
from itertools import chain, repeat
from operator import add
from typing import cast

from ..schemas import Indicator
from .cues import NO_SKIP, Skip, kept

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
    data = json.loads(files("zhenggai.labels").joinpath("indicator_examples.json").read_text(encoding="utf-8"))
    return tuple((o, cast(Indicator, ind), u, s, b) for o, ind, u, s, b in data["examples"])


# As in the kind model: a feature's weights for the indicators are non-negative, so they are packed, in
# thousandths, into one integer of 32-bit fields, and a figure's sums are one C-level ``sum`` over its features.
# The priors and the weight of an unseen feature are packed too, each shifted by one constant for all
# indicators to be non-negative (a shift moves no indicator ahead of another), so that the fifteen scores are
# one sum unpacked by ``to_bytes`` into an array: no Python loop over the indicators (a third of the time).
_FIELD = 8 * array("I").itemsize  # 32 bits where the platform's C unsigned int has them
_SCALE = 1000
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
        self.indicators: tuple[Indicator, ...] = tuple(sorted(counts))
        vocab = {f for c in counts.values() for f in c}
        totals = [sum(counts[k].values()) + ALPHA * len(vocab) for k in self.indicators]
        self.prior = [math.log(sum(1 for i, _ in rows if i == k) / len(rows)) for k in self.indicators]
        self.unseen = [math.log(ALPHA / t) for t in totals]
        self._prior = self._pack(p - min(self.prior) for p in self.prior)
        self._unseen = self._pack(u - min(self.unseen) for u in self.unseen)
        self._bytes = _FIELD // 8 * len(self.indicators)
        packed = {f: self._pack(math.log((counts[k][f] + ALPHA) / ALPHA) for k in self.indicators) for f in vocab}
        units, subjects, befores = ({f[1:]: w for f, w in packed.items() if f[0] == part} for part in _PARTS)
        self.tables = units, subjects, befores

    @staticmethod
    def _pack(weights: Iterable[float]) -> int:
        return sum(round(w * _SCALE) << (_FIELD * i) for i, w in enumerate(weights))

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
        return self.indicators[best], (top - max(scores)) / _SCALE


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
