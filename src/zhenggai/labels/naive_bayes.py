"""What the trained readings (:mod:`.kind_model`, :mod:`.indicator_model`) share: naive Bayes counts turned into
log weights, and a feature's weights for every label packed, in
thousandths, into one integer of fixed-width fields, so that an item's scores are one C-level ``sum`` over its
features (a tenth of summing tuples)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Generic, NamedTuple, TypeVar

SCALE = 1000  # a packed weight's unit: rounding moves a score by at most half a thousandth a feature

L = TypeVar("L", bound=str)


class LogWeights(NamedTuple, Generic[L]):
    labels: tuple[L, ...]  # sorted
    prior: list[float]  # log share of the rows, per label
    unseen: list[float]  # log weight of a feature never counted with the label
    seen: dict[str, list[float]]  # per feature counted, what it weighs per label over an unseen one (≥ 0)


def log_weights(counts: Mapping[L, Counter[str]], row_labels: Sequence[L], alpha: float) -> LogWeights[L]:
    """Naive Bayes with additive smoothing ``alpha`` from each label's feature ``counts`` and the label of each
    training row."""
    labels = tuple(sorted(counts))
    vocab = {f for c in counts.values() for f in c}
    totals = [sum(counts[k].values()) + alpha * len(vocab) for k in labels]
    rows = Counter(row_labels)
    prior = [math.log(rows[k] / len(row_labels)) for k in labels]
    unseen = [math.log(alpha / t) for t in totals]
    seen = {f: [math.log((counts[k][f] + alpha) / alpha) for k in labels] for f in vocab}
    return LogWeights(labels, prior, unseen, seen)


def pack(weights: Iterable[float], field: int) -> int:
    """Non-negative ``weights`` in thousandths, one ``field`` bits wide each, the first lowest."""
    return sum(round(w * SCALE) << (field * i) for i, w in enumerate(weights))
