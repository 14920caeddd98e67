"""The scorer on hand-built predictions whose mistakes are known, so the metric values are known."""

import copy
from typing import Any

import pytest

from zhenggai.eval.score import match_problems, metric, score_document, summarise

GOLD: dict[str, Any] = {
    "format": "zhenggai-golden/1",
    "source": "t.txt",
    "meta": {
        "issuer": "中共某县委",
        "inspected_unit": "某县",
        "inspection_kind": "巡察",
        "inspection_team": "县委第一巡察组",
        "inspection_start": "2021-03-01",
        "inspection_end": "2021-04-30",
        "feedback_date": "2021-06-01",
        "published_date": "2021-10-09",
        "phones": ["0371-1234567"],
        "emails": [],
    },
    "problems": [
        {
            "label": "1.",
            "category": "党的领导方面",
            "group": None,
            "title": "学习不深入",
            "finding": "学习不深入",
            "measures": ["一是开会。", "二是发文。"],
            "figures": [{"text": "3次", "value": 3, "unit": "次"}, {"text": "1.2万人", "value": 12000, "unit": "人"}],
            "dates": [{"text": "3月", "start": "2021-03", "end": None}],
        },
        {
            "label": "2.",
            "category": "党的领导方面",
            "group": None,
            "title": "作风不实",
            "finding": "作风不实",
            "measures": ["一是督查。"],
            "figures": [{"text": "5家", "value": 5, "unit": "家"}],
            "dates": [
                {"text": "2021年", "start": "2021", "end": None},
                {"text": "1-7月", "start": "2021-01", "end": "2021-07"},
            ],
        },
        {
            "label": "3.",
            "category": "选人用人方面",
            "group": None,
            "title": "干部任用把关不严",
            "finding": "干部任用把关不严",
            "measures": ["一是把关。"],
            "figures": [],
            "dates": [],
        },
    ],
}


def test_perfect_prediction_scores_one() -> None:
    s = summarise([score_document("t", GOLD, copy.deepcopy(GOLD))])
    assert metric(s, "problems_f1") == metric(s, "figures_f1") == metric(s, "dates_f1") == 1.0
    assert all(v == 1.0 for v in s["meta"].values())


def test_known_mistakes_give_known_metrics() -> None:
    pred = copy.deepcopy(GOLD)
    pred["meta"]["issuer"] = "县委"  # 1 meta field wrong
    del pred["problems"][2]  # 1 problem missed
    pred["problems"].append(
        {
            "label": "9.",
            "category": None,
            "group": None,
            "title": "虚构的问题甲乙丙",
            "finding": "虚构的问题甲乙丙",
            "measures": [],
            "figures": [],
            "dates": [],
        }
    )  # 1 extra
    p0 = pred["problems"][0]
    p0["figures"][1]["value"] = 1.2  # text right, value wrong
    p0["figures"].append({"text": "7个", "value": 7, "unit": "个"})  # extra figure
    p0["measures"] = ["一是开会。"]  # one measure missed
    p1 = pred["problems"][1]
    p1["dates"][1]["end"] = None  # text right, range wrong
    p1["label"] = "(2)"  # label wrong
    s = summarise([score_document("t", GOLD, pred)])
    assert s["problems"] == {
        "precision": 2 / 3 and round(2 / 3, 4),
        "recall": round(2 / 3, 4),
        "f1": round(2 / 3, 4),
        "tp": 2,
        "fp": 1,
        "fn": 1,
    }
    assert s["meta"]["issuer"] == 0.0 and s["meta"]["inspection_team"] == 1.0
    assert s["fields"]["label"] == 0.5 and s["fields"]["title"] == 1.0
    assert s["measure_count_accuracy"] == 0.5
    assert (s["measures"]["tp"], s["measures"]["fp"], s["measures"]["fn"]) == (2, 0, 1)
    # figures, text: gold 3 (all in matched problems), pred 4 → tp 3, fp 1
    assert (s["figures"]["text"]["tp"], s["figures"]["text"]["fp"], s["figures"]["text"]["fn"]) == (3, 1, 0)
    # figures, (text, value, unit): the wrong value is both a miss and an extra
    assert (
        s["figures"]["text_value_unit"]["tp"],
        s["figures"]["text_value_unit"]["fp"],
        s["figures"]["text_value_unit"]["fn"],
    ) == (2, 2, 1)
    assert metric(s, "figures_f1") == pytest.approx(round(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3), 4))
    assert (s["dates"]["text_start_end"]["tp"], s["dates"]["text_start_end"]["fn"]) == (2, 1)
    assert s["dates"]["text"]["f1"] == 1.0


def test_matching_is_one_to_one_by_similarity() -> None:
    gold = [{"title": "学习不深入", "finding": "学习不深入"}, {"title": "作风不实", "finding": "作风不实"}]
    pred = [
        {"title": "作风不实问题", "finding": "作风不实问题"},
        {"title": "学习不深入", "finding": "学习不深入"},
        {"title": "学习不深入", "finding": "学习不深入"},
    ]
    assert match_problems(gold, pred) == [(0, 1), (1, 0)]


def test_unknown_metric_is_an_error() -> None:
    with pytest.raises(KeyError):
        metric(summarise([]), "nonsense_f1")


def test_document_score_keeps_the_pairs_and_where_each_miss_came_from() -> None:
    pred = copy.deepcopy(GOLD)
    del pred["problems"][0]  # gold 1 → 0, 2 → 1; gold 0 missed
    pred["problems"][0]["figures"] = []  # a figure missed under the pair (1, 0)
    pred["problems"].append({**GOLD["problems"][0], "title": "甲乙丙丁戊己", "finding": "甲乙丙丁戊己"})
    s = score_document("t", GOLD, pred)
    assert s.pairs == [(1, 0), (2, 1)]
    assert len(s.miss_origins) == len(s.misses) and len(s.extra_origins) == len(s.extras)
    origins = {(m["kind"], m.get("text") or m.get("title")): o for m, o in zip(s.misses, s.miss_origins, strict=True)}
    assert origins["problem", "学习不深入"] == (0, None)
    assert origins["figure", "5家"] == (1, 0)
    extras = {(x["kind"], x.get("title")): o for x, o in zip(s.extras, s.extra_origins, strict=True)}
    assert extras["problem", "甲乙丙丁戊己"] == (None, 2)
