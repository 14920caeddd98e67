"""Agreement measures on hand-worked cases (the kappa values computed on paper)."""

import json
from pathlib import Path

import pytest

from tests.helpers import DEV_GOLD
from zhenggai.errors import GoldError
from zhenggai.eval.agreement import agreement, char_f1, cohen_kappa, directory_agreement, keyed


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


def _second_dir(tmp_path: Path) -> Path:
    """A golden directory whose a.gold.json has a second annotation with the case above; b.json has no gold."""
    m = {"text": "一是召开会议。", "kind": "meeting", "status": "done", "responsible": ["区委"]}
    gold = {
        "format": "zhenggai-golden/2",
        "source": "a.txt",
        "meta": {},
        "problems": [{"label": "(1)", "measures": [m], "figures": []}],
    }
    second = {"problems": [{"label": "(1)", "measures": [{**m, "kind": "system"}], "figures": []}]}
    (tmp_path / "labels" / "second").mkdir(parents=True)
    (tmp_path / "a.gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "labels" / "second" / "a.json").write_text(json.dumps(second, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "labels" / "second" / "b.json").write_text("{}", encoding="utf-8")
    return tmp_path


def test_directory_agreement(tmp_path: Path) -> None:
    got = directory_agreement(_second_dir(tmp_path))
    assert got is not None
    assert got["documents"] == ["a"] and got["directory"] == "labels/second"
    assert got["labels"]["kind"] == {"items": 1, "agreement": 0.0, "kappa": 0.0}
    assert got["labels"]["indicator"] == {"items": 0, "agreement": None, "kappa": None}


def test_a_label_repeated_in_a_report_pairs_by_occurrence() -> None:
    # numbering that restarts in each category: both (1) are compared, each with its own counterpart
    m = {"text": "一是召开会议。", "kind": "meeting", "status": "done", "responsible": []}
    gold = {"problems": [{"label": "(1)", "measures": [m], "figures": []}] * 2}
    other = {"problems": [{"label": "(1)", "measures": [{**m, "kind": "system"}], "figures": []}, gold["problems"][1]]}
    assert agreement(gold, other)["kind"] == {"items": 2, "agreement": 0.5, "kappa": 0.0}


def test_pooled_documents_keep_their_labels_apart() -> None:
    first = [{"label": "(1)", "measures": [], "figures": []}]
    assert [p["label"] for p in keyed("a", first) + keyed("b", first)] == ["a:(1)", "b:(1)"]


def test_directory_agreement_without_a_second_annotation(tmp_path: Path) -> None:
    assert directory_agreement(tmp_path) is None


def test_directory_agreement_of_an_unreadable_second_annotation(tmp_path: Path) -> None:
    (_second_dir(tmp_path) / "labels" / "second" / "a.json").write_text("{", encoding="utf-8")
    with pytest.raises(GoldError, match=r"not a second annotation beside a\.gold\.json"):
        directory_agreement(tmp_path)


def test_the_shipped_dev_agreement_is_the_documented_one() -> None:
    got = directory_agreement(DEV_GOLD)
    assert got is not None and got["documents"] == ["huiji_2021", "xuchang_2017"]
    r = got["labels"]
    # golden/dev/labels/AGREEMENT.md, to its three decimals
    assert (r["kind"]["items"], r["subject"]["items"]) == (68, 206)
    assert (r["kind"]["agreement"], r["kind"]["kappa"]) == (
        pytest.approx(0.971, abs=5e-4),
        pytest.approx(0.961, abs=5e-4),
    )
    assert (r["subject"]["exact"], r["subject"]["char_f1"]) == (
        pytest.approx(0.869, abs=5e-4),
        pytest.approx(0.954, abs=5e-4),
    )
