"""A second reading of a measure's kind where the rules' own is weak: naive Bayes over the characters of its
lead phrase and its opening, trained on the measures labelled by reading in the gold (``kind_examples.json``,
written by ``bench/kind_examples.py``).

The rules' kind is strong where a cue row hits the lead phrase (the contract's rule: the lead decides) and
weak where only the count of cue hits over the whole text decides it; there they were right 61 % of the time
left out. The model overrules only such a weak kind, and only where its best kind leads the next by more than
``MARGIN`` (natural log). Measured leave one report out over the 33 pooled reports (each report's examples
dropped while it is scored, as its cue rows are): kind 0.773 → 0.816 (``bench/rules_labels.py --wild2``). Why naive Bayes: it is exact to train from counts (no iterations to tune), its
counts are a table a report's rows can be taken out of, and scoring a measure is a sum over its characters.
Every example carries its report as origin (:func:`.cues.kept`), so leave-one-out drops it like a cue row.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import cache
from itertools import chain, repeat
from operator import add

from ..schemas import MeasureKind
from .cues import NO_SKIP, Skip, kept, shipped
from .measures import after_marker, lead
from .naive_bayes import SCALE, log_weights, pack

HEAD_CHARS = 40  # the measure's opening read (after its marker): 40 read best left out of 30, 40, 60 and 100
MARGIN = 20.0
ALPHA = 0.1  # additive smoothing of a character pair's count

Example = tuple[str, MeasureKind, str, str]  # (origin, kind, lead phrase, opening)


def opening(text: str, marker: str = "") -> tuple[str, str]:
    """What the model reads of a measure, as an example stores it: its lead phrase and its opening."""
    return lead(text, marker), after_marker(text, marker)[:HEAD_CHARS]


def features(lead_phrase: str, head: str) -> tuple[list[str], list[str]]:
    """The character pairs of the lead phrase and of the opening (``map(add, …)`` builds them in C)."""
    head = head[:HEAD_CHARS]
    return list(map(add, lead_phrase, lead_phrase[1:])), list(map(add, head, head[1:]))


@cache
def examples() -> tuple[Example, ...]:
    return tuple((origin, kind, ld, head) for origin, kind, ld, head in shipped("kind_examples.json"))


# A pair's weights for the nine kinds are packed into one integer of 24-bit fields (:func:`.naive_bayes.pack`):
# a measure's nine sums are one C-level ``sum`` over its pairs. Rounding stays far inside MARGIN.
_FIELD = 24
_MASK = (1 << _FIELD) - 1


class KindModel:
    """Naive Bayes counts turned into per-kind log weights: a pair unseen with a kind weighs ``unseen[k]``, a
    seen one that plus its weight for the kind (one table for the lead's pairs, one for the opening's), so a
    measure's score is a sum over its seen pairs only."""

    def __init__(self, rows: list[tuple[MeasureKind, tuple[list[str], list[str]]]]) -> None:
        counts: dict[MeasureKind, Counter[str]] = defaultdict(Counter)
        for kind, (lead_pairs, head_pairs) in rows:
            counts[kind].update("L" + p for p in lead_pairs)
            counts[kind].update("T" + p for p in head_pairs)
        self.kinds, self.prior, self.unseen, seen = log_weights(counts, [kind for kind, _ in rows], ALPHA)
        packed = {f: pack(ws, _FIELD) for f, ws in seen.items()}
        self.lead = {f[1:]: w for f, w in packed.items() if f[0] == "L"}
        self.head = {f[1:]: w for f, w in packed.items() if f[0] == "T"}
        # a pair's weights as a lead's and as an opening's at once, for the pairs the two share (:meth:`best`)
        self.both = {p: self.lead.get(p, 0) + self.head.get(p, 0) for p in self.lead.keys() | self.head.keys()}

    def best(self, lead_phrase: str, head: str) -> tuple[MeasureKind, float]:
        """The likeliest kind of a measure whose lead phrase and opening these are, and by how much (log) it
        leads the next. Where one of the two opens the other, as a measure's lead opens its opening
        (:func:`opening`), the longer's pairs are built once and those the two share weighed with one look-up
        (``both``): the same integers summed as over :func:`features`, 7 % less time."""
        head = head[:HEAD_CHARS]
        longer, shorter, table = (
            (lead_phrase, head, self.lead) if len(lead_phrase) > len(head) else (head, lead_phrase, self.head)
        )
        if longer.startswith(shorter):
            pairs = list(map(add, longer, longer[1:]))
            shared = max(len(shorter) - 1, 0)
            weights = chain(map(self.both.get, pairs[:shared], repeat(0)), map(table.get, pairs[shared:], repeat(0)))
            n = shared + len(pairs)
        else:
            lead_pairs, head_pairs = features(lead_phrase, head)
            weights = chain(map(self.lead.get, lead_pairs, repeat(0)), map(self.head.get, head_pairs, repeat(0)))
            n = len(lead_pairs) + len(head_pairs)
        total = sum(weights)
        scores = sorted(
            (p + n * u + ((total >> (_FIELD * i)) & _MASK) / SCALE, k)
            for i, (p, u, k) in enumerate(zip(self.prior, self.unseen, self.kinds, strict=True))
        )
        return scores[-1][1], scores[-1][0] - scores[-2][0]


@cache
def model(skip: Skip = NO_SKIP) -> KindModel:
    """The model of the examples not from a report in ``skip``."""
    return KindModel([(kind, features(ld, head)) for origin, kind, ld, head in examples() if kept(origin, skip)])


def overrule(kind: MeasureKind, text: str, marker: str = "", skip: Skip = NO_SKIP) -> MeasureKind | None:
    """The model's kind of the measure ``text`` where it differs from the rules' weak ``kind`` by a wide margin,
    else None."""
    best, margin = model(skip).best(*opening(text, marker))
    return best if best != kind and margin > MARGIN else None
