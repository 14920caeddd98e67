"""An evaluation run over a tiny golden directory with a stub extractor whose mistakes are known, so every
count in the result is known; the gates and the metric check; grounding of offset-free predictions."""

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from zhenggai.errors import LoadError, UsageError
from zhenggai.eval.run import check_metrics, evaluate, gates, pred_grounding
from zhenggai.golden import FORMAT
from zhenggai.schemas import Figure, Measure, Meta, Problem, Provenance, Report, Span, Usage, ValidationIssue

SOURCES = {
    "a": "省委第一巡视组对某县进行了巡视。\n1.学习不够的问题。一是开会3次。\n中共某县委\n2021年9月1日\n",
    "b": "省委第一巡视组对某县进行了巡视。\n1.学习不够的问题。\n2.作风不实的问题。\n中共某县委\n2021年9月1日\n",
    "c": "省委第一巡视组对某县进行了巡视。\n1.制度缺失的问题。\n中共某县委\n2021年9月1日\n",
}
META_NONE: dict[str, Any] = {
    "issuer": "中共某县委",
    "inspected_unit": None,
    "inspection_kind": None,
    "inspection_team": None,
    "inspection_start": None,
    "inspection_end": None,
    "feedback_date": None,
    "published_date": None,
    "phones": [],
    "emails": [],
}


def gold_problem(label: str, title: str, measures: Sequence[str] = (), figures: Sequence[Any] = ()) -> dict[str, Any]:
    return {
        "label": label,
        "category": None,
        "group": None,
        "title": title,
        "finding": title,
        "measures": list(measures),
        "figures": list(figures),
        "dates": [],
    }


GOLD = {
    "a": [gold_problem("1.", "学习不够的问题", ["一是开会3次。"], [{"text": "3次", "value": 3, "unit": "次"}])],
    "b": [gold_problem("1.", "学习不够的问题"), gold_problem("2.", "作风不实的问题")],
    "c": [gold_problem("1.", "制度缺失的问题")],
}


@pytest.fixture
def golden(tmp_path: Path) -> Path:
    d = tmp_path / "golden"
    d.mkdir()
    for name, text in SOURCES.items():
        (d / f"{name}.txt").write_text(text, encoding="utf-8")
        gold = {"format": FORMAT, "source": f"{name}.txt", "meta": META_NONE, "problems": GOLD[name]}
        (d / f"{name}.gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    return d


def sp(text: str, s: str) -> Span:
    i = text.index(s)
    return Span(text=s, start=i, end=i + len(s))


def problem(text: str, label: str, title: str, **kw: Any) -> Problem:
    return Problem(label=label, title=sp(text, title), finding=sp(text, title), **kw)


def stub(src: Path) -> Report:
    """a: everything right (an LLM pass with one dropped item, one figure failing validation);
    b: the second problem and the issuer missed; c: the file cannot be loaded."""
    name = src.stem
    text = src.read_text(encoding="utf-8")
    if name == "c":
        raise LoadError("boom", code="empty")
    meta = Meta()
    issues: list[ValidationIssue] = []
    usage: Usage | None = None
    if name == "a":
        meta = Meta(issuer=sp(text, "中共某县委"))
        m = sp(text, "一是开会3次。")
        f = sp(text, "3次")
        problems = [
            problem(
                text,
                "1.",
                "学习不够的问题",
                measures=[Measure(**m.model_dump(), marker="一是", kind="meeting", sources={"kind": "llm"})],
                figures=[Figure(**f.model_dump(), value=3, unit="次")],
            )
        ]
        issues = [
            ValidationIssue(code="value_mismatch", message="x", path="problems[0].figures[0]"),
            ValidationIssue(code="llm_dropped", message="x", path="problems[0]", severity="warning"),
        ]
        usage = Usage(calls=2, prompt_tokens=100, completion_tokens=20, reasks=1, server_seconds=1.5)
    else:
        problems = [problem(text, "1.", "学习不够的问题")]
    return Report(
        source=str(src),
        sha256="0" * 64,
        status="ok",
        text=text,
        meta=meta,
        problems=problems,
        issues=issues,
        provenance=Provenance(extractor="llm", version="0", usage=usage),
    )


def test_evaluate_with_a_stub_extractor(golden: Path) -> None:
    result = evaluate(golden, extractor=stub, engine="llm")
    assert result["golden"] == str(golden)
    assert result["engine"] == "llm"
    s = result["summary"]
    assert s["documents"] == 3
    # a: 1 of 1; b: 1 of 2; c: 0 of 1 (not loaded)
    assert s["problems"] == {"precision": 1.0, "recall": 0.5, "f1": 0.6667, "tp": 2, "fp": 0, "fn": 2}
    assert s["meta"]["issuer"] == 0.3333  # right in a only
    assert s["meta"]["inspected_unit"] == 1.0 and s["meta"]["phones"] == 1.0
    assert s["fields"] == {"label": 1.0, "category": 1.0, "group": 1.0, "title": 1.0, "finding": 1.0}
    assert s["measures"]["tp"] == 1 and s["measures"]["f1"] == 1.0
    assert s["figures"]["text_value_unit"]["tp"] == 1
    # spans of the problems: a has title, finding, a measure and a figure, the figure failed; b title, finding
    assert s["grounding"] == {"verified": 5, "total": 6, "share": 0.8333}
    cost = s["cost"]
    assert {k: v for k, v in cost.items() if k != "seconds"} == {
        "llm_seconds": 1.5,
        "calls": 2,
        "prompt_tokens": 100,
        "completion_tokens": 20,
        "reasks": 1,
        "llm_items_kept": 1,  # the measure's kind, which the LLM gave
        "llm_items_dropped": 1,
    }
    assert cost["seconds"] >= 0
    assert s["llm_survival"] == 0.5


def test_evaluate_rows(golden: Path) -> None:
    rows = {r["name"]: r for r in evaluate(golden, extractor=stub)["documents"]}
    assert list(rows) == ["a", "b", "c"]
    a, b, c = rows["a"], rows["b"], rows["c"]
    assert (a["status"], b["status"]) == ("ok", "ok")
    assert "status" not in c and c["error"] == "boom"
    assert (a["grounding"], b["grounding"], c["grounding"]) == (0.75, 1.0, 1.0)  # c: nothing to ground
    assert a["calls"] == 2 and a["llm_items_dropped"] == 1 and "calls" not in b
    assert a["misses"] == [] and a["extras"] == []
    issuer_miss = {"kind": "meta", "field": "issuer", "gold": "中共某县委", "pred": None}
    assert b["misses"] == [issuer_miss, {"kind": "problem", "label": "2.", "title": "作风不实的问题"}]
    assert c["misses"] == [issuer_miss, {"kind": "problem", "label": "1.", "title": "制度缺失的问题"}]
    assert b["summary"]["problems"]["fn"] == 1 and c["summary"]["problems"]["tp"] == 0


def test_evaluate_without_llm_usage_has_no_survival(golden: Path) -> None:
    def plain(src: Path) -> Report:
        return stub(src).model_copy(update={"provenance": Provenance(extractor="rules", version="0")})

    result = evaluate(golden, extractor=plain)
    assert result["engine"] == "rules"
    assert result["summary"]["llm_survival"] is None
    assert result["summary"]["cost"]["calls"] == 0


def test_evaluate_predictions(golden: Path, tmp_path: Path) -> None:
    preds = tmp_path / "preds"
    preds.mkdir()
    pred = {"format": FORMAT, "source": "a.txt", "meta": META_NONE, "problems": GOLD["a"]}
    (preds / "a.pred.json").write_text(json.dumps(pred, ensure_ascii=False), encoding="utf-8")
    warnings: list[str] = []
    result = evaluate(golden, pred_dir=preds, warn=warnings.append)
    assert result["engine"] == "pred"
    rows = {r["name"]: r for r in result["documents"]}
    assert [rows[n]["missing_prediction"] for n in "abc"] == [False, True, True]
    assert warnings == [
        f"warning: {preds / n}.pred.json: no prediction; {n} scores as if nothing was found" for n in "bc"
    ]
    s = result["summary"]
    assert (s["problems"]["tp"], s["problems"]["fp"], s["problems"]["fn"]) == (1, 0, 3)
    assert s["meta"]["issuer"] == 0.3333
    # a's title, finding, measure and figure text all occur in a's source
    assert s["grounding"] == {"verified": 4, "total": 4, "share": 1.0}


def test_evaluate_bad_prediction_file_is_a_row_error(golden: Path, tmp_path: Path) -> None:
    preds = tmp_path / "preds"
    preds.mkdir()
    (preds / "a.pred.json").write_text("{", encoding="utf-8")
    rows = {r["name"]: r for r in evaluate(golden, pred_dir=preds)["documents"]}
    assert rows["a"]["error"].startswith("a.pred.json: not readable JSON")
    assert rows["a"]["summary"]["problems"]["fn"] == 1


SUMMARY: dict[str, Any] = {
    "problems": {"f1": 0.6667, "recall": 0.5},
    "figures": {"text": {"f1": 0.9}, "text_value_unit": {"f1": 0.8}},
    "grounding": {"share": 1.0},
    "labels": {"kind": {"items": 2, "accuracy": 0.5}, "status": {"items": 0, "accuracy": None}},
}


@pytest.mark.parametrize(
    ("fail_under", "failed"),
    [
        ([], []),
        ([("problems_f1", 0.9)], ["problems_f1 = 0.6667 < 0.9000"]),
        ([("problems_f1", 0.6667)], []),  # equal passes
        ([("grounding", 1.0), ("problems.recall", 0.4)], []),
        ([("figures_f1", 0.85), ("figures_text_f1", 0.85)], ["figures_f1 = 0.8000 < 0.8500"]),
        ([("labels.kind.accuracy", 0.8)], ["labels.kind.accuracy = 0.5000 < 0.8000"]),
        (
            [("labels.status.accuracy", 0.8)],
            ["labels.status.accuracy has no value (nothing was scored on it) < 0.8000"],
        ),
        (
            [("problems.recall", 0.75), ("grounding", 0.5), ("figures.text.f1", 0.95)],
            ["problems.recall = 0.5000 < 0.7500", "figures.text.f1 = 0.9000 < 0.9500"],
        ),
    ],
)
def test_gates(fail_under: list[tuple[str, float]], failed: list[str]) -> None:
    assert gates({"summary": SUMMARY}, fail_under) == failed


@pytest.mark.parametrize(
    "names",
    [
        [],
        ["problems_f1", "figures_f1", "figures_text_f1", "dates_f1", "dates_text_f1", "measures_f1", "grounding"],
        ["problems.recall", "meta.issuer", "fields.title", "measure_count_accuracy", "dates.text.precision"],
        ["labels.kind.accuracy", "labels.responsible.f1", "labels.subject.baselines.rules.char_f1"],
    ],
)
def test_check_metrics_known(names: list[str]) -> None:
    check_metrics(names)  # no error


@pytest.mark.parametrize(
    "bad",
    ["nope", "problems.f2", "problems_F1", "meta", "figures.text", "grounding.share.x", "labels.kind", "labels.x.f1"],
)
def test_check_metrics_unknown(bad: str) -> None:
    with pytest.raises(UsageError) as exc:
        check_metrics(["problems_f1", bad])
    assert exc.value.code == "usage"
    assert repr(bad) in str(exc.value)


@pytest.mark.parametrize(
    ("pred", "grounded"),
    [
        ({"problems": []}, (0, 0)),
        ({}, (0, 0)),
        ({"problems": None}, (0, 0)),
        (
            {
                "problems": [
                    {
                        "title": None,  # a missing text counts, unverified
                        "finding": "学习不够",  # white space in the source is no obstacle
                        "measures": ["一是开会。"],
                        "figures": [{"text": "３次"}],  # NFKC on both sides
                        "dates": [{"text": "2099年"}],  # not in the source
                    }
                ]
            },
            (3, 5),
        ),
        ({"problems": [{"title": "学习不够", "finding": "学习", "measures": [], "figures": [], "dates": []}]}, (2, 2)),
    ],
)
def test_pred_grounding(pred: dict[str, Any], grounded: tuple[int, int]) -> None:
    assert pred_grounding(pred, "学习 不够。\n一是开会。开了3次。") == grounded


def _label_golden(golden: Path) -> None:
    """Gold a in version 2: its measure labelled meeting, done, 县委; its figure's subject and indicator."""
    gold = json.loads((golden / "a.gold.json").read_text(encoding="utf-8"))
    p = gold["problems"][0]
    p["measures"] = [{"text": "一是开会3次。", "kind": "meeting", "status": "done", "responsible": []}]
    p["figures"][0] |= {"subject": "开会", "indicator": "meetings"}
    (golden / "a.gold.json").write_text(json.dumps({**gold, "format": "zhenggai-golden/2"}), encoding="utf-8")


def _rules_stub(src: Path) -> Report:
    """A rules engine that labels a's measure ``other`` and its figure's subject ``会``."""
    report = stub(src)
    problems = [
        p.model_copy(
            update={
                "measures": [m.model_copy(update={"kind": "other"}) for m in p.measures],
                "figures": [f.model_copy(update={"subject": sp(report.text, "会")}) for f in p.figures],
            }
        )
        for p in report.problems
    ]
    return report.model_copy(update={"problems": problems})


def test_evaluate_labels_beside_the_rules_engine(golden: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _label_golden(golden)
    monkeypatch.setattr("zhenggai.eval.run.rules_engine", _rules_stub)
    labels = evaluate(golden, extractor=stub, engine="llm")["summary"]["labels"]
    # the stub says meeting (right), the rules engine other (wrong); neither gives a status
    assert labels["kind"]["items"] == 1 and labels["kind"]["accuracy"] == 1.0
    assert labels["kind"]["baselines"] == {
        "commonest": {"answer": "meeting", "accuracy": 1.0, "macro_f1": 1.0},
        "rules": {"accuracy": 0.0, "macro_f1": 0.0},
    }
    assert labels["status"]["accuracy"] == 0.0 and labels["indicator"]["accuracy"] == 0.0
    # subject 开会: the stub gives none, the rules engine 会 (char F1 2·1·0.5/1.5 = 2/3)
    assert labels["subject"]["exact"] == 0.0 and labels["subject"]["baselines"]["rules"] == {
        "exact": 0.0,
        "char_f1": 0.6667,
    }


def test_evaluate_predictions_get_the_rules_baseline_too(
    golden: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _label_golden(golden)
    monkeypatch.setattr("zhenggai.eval.run.rules_engine", _rules_stub)
    preds = tmp_path / "preds"
    preds.mkdir()
    (preds / "a.pred.json").write_text((golden / "a.gold.json").read_text(encoding="utf-8"), encoding="utf-8")
    labels = evaluate(golden, pred_dir=preds)["summary"]["labels"]
    assert labels["kind"]["accuracy"] == 1.0 and labels["kind"]["baselines"]["rules"]["accuracy"] == 0.0


def test_evaluate_with_the_rules_engine_is_its_own_rules_baseline(golden: Path) -> None:
    _label_golden(golden)
    result = evaluate(golden)
    for label, r in result["summary"]["labels"].items():
        score = {k: v for k, v in r.items() if k not in ("items", "baselines")}
        assert r["baselines"]["rules"] == score, label


def test_evaluate_v1_gold_has_an_empty_labels_section(golden: Path) -> None:
    labels = evaluate(golden, extractor=stub)["summary"]["labels"]
    assert {k: r["items"] for k, r in labels.items()} == dict.fromkeys(labels, 0)


def test_evaluate_prints_the_human_agreement_where_there_is_a_second_annotation(golden: Path) -> None:
    from zhenggai.eval.markdown import render

    _label_golden(golden)
    assert "agreement" not in evaluate(golden, extractor=stub)
    (golden / "labels" / "second").mkdir(parents=True)
    gold = json.loads((golden / "a.gold.json").read_text(encoding="utf-8"))
    (golden / "labels" / "second" / "a.json").write_text(json.dumps(gold), encoding="utf-8")  # agrees fully
    result = evaluate(golden, extractor=stub)
    assert result["agreement"]["labels"]["kind"] == {"items": 1, "agreement": 1.0, "kappa": 1.0}
    md = render(result)
    assert "## Human agreement on the labels" in md
    assert "| kind | 1 | 1.000 | kappa 1.000 |" in md and "| subject | 1 | exact 1.000 | char F1 1.000 |" in md
    assert '| kind | 1 | accuracy 1.000, macro F1 1.000 | accuracy 1.000, macro F1 1.000 (always "meeting")' in md


def test_markdown_says_so_where_gold_has_no_labels(golden: Path) -> None:
    from zhenggai.eval.markdown import render

    md = render(evaluate(golden, extractor=stub))
    assert "No gold item carries a label (version 1 gold, or version 2 without labels): 0 items scored." in md
    assert "Human agreement" not in md
