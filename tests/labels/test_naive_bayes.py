import math
from collections import Counter

import pytest

from zhenggai.labels.naive_bayes import SCALE, log_weights, pack


def test_log_weights_are_smoothed_naive_bayes() -> None:
    # two labels: a seen twice with feature x over two rows, b once with y over one; alpha 0.1 over a vocabulary
    # of two: totals 2 + 0.2 and 1 + 0.2
    w = log_weights({"b": Counter({"y": 1}), "a": Counter({"x": 2})}, ["a", "b", "a"], 0.1)
    assert w.labels == ("a", "b")
    assert w.prior == pytest.approx([math.log(2 / 3), math.log(1 / 3)])
    assert w.unseen == pytest.approx([math.log(0.1 / 2.2), math.log(0.1 / 1.2)])
    assert w.seen["x"] == pytest.approx([math.log(21), 0.0])  # (2 + 0.1) / 0.1 with a, never with b
    assert w.seen["y"] == pytest.approx([0.0, math.log(11)])
    assert set(w.seen) == {"x", "y"}


@pytest.mark.parametrize(
    ("weights", "field", "packed"),
    [
        ([1.0, 2.5], 16, 1000 + (2500 << 16)),
        ([0.0, 0.0, 0.001], 12, 1 << 24),
        ([0.0004], 24, 0),  # below half a thousandth: rounds to nothing
        ([], 24, 0),
    ],
)
def test_pack_puts_thousandths_in_fields_first_lowest(weights: list[float], field: int, packed: int) -> None:
    assert SCALE == 1000
    assert pack(weights, field) == packed
