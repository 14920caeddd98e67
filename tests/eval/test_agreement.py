"""Agreement measures on hand-worked cases (the kappa values computed on paper)."""

import pytest

from zhenggai.eval.agreement import agreement, char_f1, cohen_kappa


@pytest.mark.parametrize(
    ("a", "b", "kappa"),
    [
        (["x", "x", "y", "y"], ["x", "x", "y", "y"], 1.0),  # p_o 1, p_e 0.5
        (["x", "x", "y", "y"], ["x", "y", "x", "y"], 0.0),  # p_o 0.5 = p_e 0.5
        (["x", "y"], ["y", "x"], -1.0),  # p_o 0, p_e 0.5
        (["x", "x", "x", "y"], ["x", "x", "y", "y"], 0.5),  # p_o 0.75, p_e (3·2 + 1·2)/16 = 0.5
        (["x", "x"], ["x", "x"], 1.0),  # one label only: chance agreement total
    ],
)
def test_cohen_kappa(a: list[str], b: list[str], kappa: float) -> None:
    assert cohen_kappa(a, b) == pytest.approx(kappa)


@pytest.mark.parametrize(
    ("a", "b", "f1"),
    [
        ("追缴资金", "追缴资金", 1.0),
        ("资金", "追缴资金", 2 * 1 * 0.5 / 1.5),
        ("会议", "督查", 0.0),
        (None, None, 1.0),
        (None, "x", 0.0),
    ],
)
def test_char_f1(a: str | None, b: str | None, f1: float) -> None:
    assert char_f1(a, b) == pytest.approx(f1)


def test_agreement_over_matched_items() -> None:
    m = {"text": "一是召开会议。", "kind": "meeting", "status": "done", "responsible": ["区委"]}
    f = {"text": "3次", "subject": "会议", "indicator": "meetings"}
    first = {"problems": [{"label": "(1)", "measures": [m, {**m, "text": "二是", "kind": "system"}], "figures": [f]}]}
    second = {
        "problems": [
            {
                "label": "(1)",
                "measures": [{**m, "responsible": ["区委", "区政府"]}, {**m, "text": "二是"}],
                "figures": [{**f, "subject": "召开会议"}],
            }
        ]
    }
    got = agreement(first, second)
    assert got["kind"] == {"items": 2, "agreement": 0.5, "kappa": 0.0}
    assert got["status"]["agreement"] == 1.0
    assert got["responsible"] == {"items": 2, "precision": 0.6667, "recall": 1.0, "f1": 0.8}
    assert got["subject"] == {"items": 1, "exact": 0.0, "char_f1": round(2 * 0.5 * 1 / 1.5, 4)}
