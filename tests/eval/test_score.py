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


# --- version 2 labels -------------------------------------------------------------------------------------

V2_META = {f: None for f in GOLD["meta"]} | {"phones": [], "emails": []}


def _v2(measures: list[Any], figures: list[Any]) -> dict[str, Any]:
    problem = {"label": "1.", "category": None, "group": None, "title": "学习不深入", "finding": "学习不深入"}
    problem |= {"measures": measures, "figures": figures, "dates": []}
    return {"format": "zhenggai-golden/2", "source": "t.txt", "meta": V2_META, "problems": [problem]}


def fig(text: str, value: int, unit: str, **labels: Any) -> dict[str, Any]:
    return {"text": text, "value": value, "unit": unit, **labels}


V2_GOLD = _v2(
    [
        {"text": "一是开会。", "kind": "meeting", "status": "done", "responsible": ["市委", "市政府"]},
        {"text": "二是发文。", "kind": "document", "status": "done", "responsible": []},
        {"text": "三是督查。", "kind": "inspection", "status": "planned", "responsible": ["市纪委"]},  # not predicted
        "四是学习。",  # a version 1 string: no labels
        {"text": "五是培训。", "kind": "meeting", "responsible": []},  # no status key
    ],
    [
        fig("3次", 3, "次", subject="会议", indicator="meetings"),
        fig("5家", 5, "家", subject=None, indicator="other"),
        fig("2人", 2, "人", subject="处分", indicator="punished"),
        fig("9个", 9, "个"),  # no labels
        fig("4家", 4, "家", subject=None, indicator="other"),
    ],
)
V2_PRED = _v2(
    [
        {"text": "一是开会。", "kind": "meeting", "status": "in_progress", "responsible": ["市委"]},
        {"text": "二是发文。", "kind": "system", "status": "done", "responsible": ["市政府"]},
        "四是学习。",
        {"text": "五是培训。", "kind": "training"},  # no responsible key: no bodies named
        {"text": "六是宣传。", "kind": "other", "status": "done"},  # matches no gold measure: not scored
    ],
    [
        fig("3次", 3, "次", subject="会议", indicator="meetings"),
        fig("5家", 5, "家", subject=None, indicator="other"),
        fig("2人", 2, "人", subject="党纪处分", indicator="accountable"),
        fig("4家", 4, "家", subject=None, indicator="other"),
    ],
)


def test_v2_labels_known_scores_and_baselines() -> None:
    # the rules engine found the measures and figures but labelled only the first measure's kind
    rules = _v2(
        [{"text": "一是开会。", "kind": "meeting"}, "二是发文。", "五是培训。"],
        [fig("3次", 3, "次"), fig("5家", 5, "家"), fig("4家", 4, "家")],
    )
    labels = summarise([score_document("t", V2_GOLD, V2_PRED, rules)])["labels"]
    # kind: 一是 meeting=meeting, 二是 document≠system, 五是 meeting≠training (三是 unmatched, 四是 unlabelled).
    # Gold labels meeting (2), document (1): F1 meeting 2·1/(2·1+0+1) = 2/3, document 0 → macro 1/3.
    # Commonest meeting: 2 of 3 right; F1 meeting 2·2/(4+1+0) = 0.8, document 0 → macro 0.4.
    # Rules: meeting on 一是 only → as the prediction.
    assert labels["kind"] == {
        "items": 3,
        "accuracy": 0.3333,
        "macro_f1": 0.3333,
        "baselines": {
            "commonest": {"answer": "meeting", "accuracy": 0.6667, "macro_f1": 0.4},
            "rules": {"accuracy": 0.3333, "macro_f1": 0.3333},
        },
    }
    # status: 一是 done≠in_progress, 二是 done=done; only "done" occurs in gold: F1 2/(2+0+1) = 2/3
    assert labels["status"] == {
        "items": 2,
        "accuracy": 0.5,
        "macro_f1": 0.6667,
        "baselines": {
            "commonest": {"answer": "done", "accuracy": 1.0, "macro_f1": 1.0},
            "rules": {"accuracy": 0.0, "macro_f1": 0.0},
        },
    }
    # responsible: gold {市委, 市政府}, {}, {}; predicted {市委}, {市政府}, {} → tp 1, fp 1, fn 1
    r = labels["responsible"]
    assert (r["items"], r["precision"], r["recall"], r["f1"], r["tp"], r["fp"], r["fn"]) == (3, 0.5, 0.5, 0.5, 1, 1, 1)
    # commonest is [] (2 of 3): nothing predicted → precision 1 by convention, recall 0; rules named nobody
    common = r["baselines"]["commonest"]
    assert (common["answer"], common["precision"], common["recall"], common["f1"], common["fn"]) == ([], 1.0, 0, 0, 2)
    assert r["baselines"]["rules"]["f1"] == 0.0
    # indicator: right, right, punished≠accountable, right → 3/4; macro over meetings, other, punished = (1+1+0)/3.
    # Commonest other (2 of 4): F1 other 2·2/(4+2+0) = 2/3, meetings 0, punished 0 → macro 2/9.
    # Rules: no indicator anywhere (and 2人 not found) → no answer on every item.
    assert labels["indicator"] == {
        "items": 4,
        "accuracy": 0.75,
        "macro_f1": 0.6667,
        "baselines": {
            "commonest": {"answer": "other", "accuracy": 0.5, "macro_f1": 0.2222},
            "rules": {"accuracy": 0.0, "macro_f1": 0.0},
        },
    }
    # subject: 会议 exact, null/null exact (twice), 处分 vs 党纪处分 char F1 2·(2/4)·(2/2)/(2/4+2/2) = 2/3
    # → exact 3/4, char F1 (1+1+2/3+1)/4 = 0.9167. Commonest null (2 of 4): exact on the two nulls only.
    # Rules: no subject key → no answer, not even where gold is null.
    assert labels["subject"] == {
        "items": 4,
        "exact": 0.75,
        "char_f1": 0.9167,
        "baselines": {
            "commonest": {"answer": None, "exact": 0.5, "char_f1": 0.5},
            "rules": {"exact": 0.0, "char_f1": 0.0},
        },
    }


def test_v2_rules_baseline_is_the_prediction_itself_by_default() -> None:
    labels = summarise([score_document("t", V2_GOLD, V2_PRED)])["labels"]
    for label in ("kind", "status", "indicator"):
        r = labels[label]
        assert r["baselines"]["rules"] == {"accuracy": r["accuracy"], "macro_f1": r["macro_f1"]}
    assert labels["subject"]["baselines"]["rules"] == {"exact": 0.75, "char_f1": 0.9167}
    assert labels["responsible"]["baselines"]["rules"]["f1"] == 0.5


def test_v2_perfect_labels_score_one() -> None:
    labels = summarise([score_document("t", V2_GOLD, copy.deepcopy(V2_GOLD))])["labels"]
    assert [labels[k]["accuracy"] for k in ("kind", "status", "indicator")] == [1.0, 1.0, 1.0]
    assert [labels[k]["macro_f1"] for k in ("kind", "status", "indicator")] == [1.0, 1.0, 1.0]
    assert labels["responsible"]["f1"] == 1.0 and labels["subject"]["exact"] == labels["subject"]["char_f1"] == 1.0
    assert (labels["kind"]["items"], labels["responsible"]["items"], labels["subject"]["items"]) == (4, 4, 4)


def test_v2_labels_leave_every_v1_metric_as_it_was() -> None:
    def v1(doc: dict[str, Any]) -> dict[str, Any]:
        out = copy.deepcopy(doc)
        for p in out["problems"]:
            p["measures"] = [m if isinstance(m, str) else m["text"] for m in p["measures"]]
            p["figures"] = [{k: f[k] for k in ("text", "value", "unit")} for f in p["figures"]]
        return out

    labelled, plain = score_document("t", V2_GOLD, V2_PRED), score_document("t", v1(V2_GOLD), v1(V2_PRED))
    assert labelled.misses == plain.misses and labelled.extras == plain.extras
    a, b = summarise([labelled]), summarise([plain])
    assert {k: v for k, v in a.items() if k != "labels"} == {k: v for k, v in b.items() if k != "labels"}
    assert {"kind": "figure", "label": "1.", "text": "9个", "value": 9, "unit": "个"} in labelled.misses


def test_v1_gold_has_no_label_items_and_label_gates_have_no_value() -> None:
    s = summarise([score_document("t", GOLD, copy.deepcopy(GOLD))])
    assert all(r["items"] == 0 for r in s["labels"].values())
    assert s["labels"]["kind"] == {
        "items": 0,
        "accuracy": None,
        "macro_f1": None,
        "baselines": {
            "commonest": {"answer": None, "accuracy": None, "macro_f1": None},
            "rules": {"accuracy": None, "macro_f1": None},
        },
    }
    with pytest.raises(ValueError, match="no value"):
        metric(s, "labels.kind.accuracy")
    with pytest.raises(TypeError):
        metric(s, "labels.kind")


def test_label_metric_by_dotted_path() -> None:
    s = summarise([score_document("t", V2_GOLD, V2_PRED)])
    assert metric(s, "labels.kind.accuracy") == 0.3333
    assert metric(s, "labels.subject.baselines.commonest.exact") == 0.5


def test_a_yearless_date_scores_as_written() -> None:
    gold = copy.deepcopy(GOLD)
    gold["problems"][0]["dates"] = [{"text": "3月", "start": "--03", "end": None}]  # a report that gives no year
    right, wrong = copy.deepcopy(gold), copy.deepcopy(gold)
    wrong["problems"][0]["dates"][0]["start"] = "2000-03"  # a made-up year
    assert metric(summarise([score_document("t", gold, right)]), "dates_f1") == 1.0
    assert metric(summarise([score_document("t", gold, wrong)]), "dates_f1") < 1.0
