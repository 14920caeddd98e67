"""The golden contract: normalising text for comparison, predictions in the gold shape, reading gold files and
pairing them with their sources."""

import json
from pathlib import Path
from typing import Any

import pytest

from zhenggai.golden import (
    FORMAT,
    GoldError,
    gold_pairs,
    match_items,
    measure_labels,
    measure_text,
    norm,
    read_golden,
    to_golden,
)
from zhenggai.schemas import DateMention, Figure, Measure, Meta, Precision, Problem, Provenance, Report, Span


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        (None, None),
        ("", ""),
        ("学习 不够\t的问\n题", "学习不够的问题"),  # every white space character goes
        ("整改\u3000到位\xa0了", "整改到位了"),  # ideographic and no-break spaces too
        ("ＡＢＣ１２３", "ABC123"),  # NFKC: full-width forms
        ("（一）党的领导，", "(一)党的领导,"),
        ("完成率９５％", "完成率95%"),
        ("①", "1"),
        ("“学习不够”", "“学习不够”"),  # quotation marks kept as written
        ("‘两个维护’", "‘两个维护’"),
    ],
)
def test_norm(raw: str | None, normalised: str | None) -> None:
    assert norm(raw) == normalised


def sp(text: str, s: str) -> Span:
    i = text.index(s)
    return Span(text=s, start=i, end=i + len(s))


TEXT = "省委第一巡视组对某县进行了巡视。(1)学习不够的问题。一是开会3次。2021年5月整改。\n中共某县委\n2021年9月1日"


def report() -> Report:
    t = TEXT
    i = t.index("3次")
    j = t.index("2021年5月")
    return Report(
        source="dir/某县.txt",
        sha256="0" * 64,
        status="ok",
        text=t,
        meta=Meta(
            issuer=sp(t, "中共某县委"),
            inspected_unit=sp(t, "某县"),
            inspection_kind="巡视",
            inspection_team=sp(t, "省委第一巡视组"),
            inspection_start="2021-03-01",
            inspection_end=None,
            feedback_date="2021-06-01",
            published_date="2021-09-01",
            reference_year=2021,
            phones=[Span(text="0371-1234567", start=0, end=12)],
            emails=[],
        ),
        problems=[
            Problem(
                label="(1)",
                category=None,
                group=sp(t, "巡视"),
                title=sp(t, "学习不够的问题"),
                finding=sp(t, "学习不够"),
                measures=[Measure(text="一是开会3次。", start=t.index("一是"), end=t.index("一是") + 7, marker="一是")],
                figures=[Figure(text="3次", start=i, end=i + 2, value=3, unit="次", approximate=True)],
                dates=[
                    DateMention(text="2021年5月", start=j, end=j + 7, start_iso="2021-05", precision=Precision.month)
                ],
            )
        ],
        provenance=Provenance(extractor="rules", version="0"),
    )


def test_to_golden_shape() -> None:
    assert to_golden(report()) == {
        "format": "zhenggai-golden/2",
        "source": "dir/某县.txt",
        "meta": {
            "issuer": "中共某县委",
            "inspected_unit": "某县",
            "inspection_kind": "巡视",
            "inspection_team": "省委第一巡视组",
            "inspection_start": "2021-03-01",
            "inspection_end": None,
            "feedback_date": "2021-06-01",
            "published_date": "2021-09-01",
            "phones": ["0371-1234567"],
            "emails": [],
        },
        "problems": [
            {
                "label": "(1)",
                "category": None,
                "group": "巡视",
                "title": "学习不够的问题",
                "finding": "学习不够",
                # version 2: measures are objects; labels the report has no value for are left out
                "measures": [{"text": "一是开会3次。"}],
                # no offsets, no approximate flag: the contract has neither
                "figures": [{"text": "3次", "value": 3, "unit": "次"}],
                "dates": [{"text": "2021年5月", "start": "2021-05", "end": None}],
            }
        ],
    }


def test_to_golden_of_an_empty_report() -> None:
    r = Report(
        source="x.txt",
        sha256="0" * 64,
        status="not_a_report",
        text="天气",
        meta=Meta(),
        provenance=Provenance(extractor="rules", version="0"),
    )
    g = to_golden(r)
    assert g["problems"] == []
    assert g["meta"] == {
        "issuer": None,
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


def test_to_golden_reads_back(tmp_path: Path) -> None:
    p = tmp_path / "x.gold.json"
    p.write_text(json.dumps(to_golden(report()), ensure_ascii=False), encoding="utf-8")
    assert read_golden(p) == to_golden(report())


def labelled() -> Report:
    """The report with a labeler's answers: the measure's kind, status and bodies; the figure's subject and
    indicator; a second figure whose subject a labeler found to be none (null, not left out)."""
    r = report()
    t = r.text
    p = r.problems[0]
    m = p.measures[0].model_copy(
        update={"kind": "meeting", "status": "done", "responsible": [sp(t, "某县")], "sources": {"kind": "rules"}}
    )
    f = p.figures[0].model_copy(update={"subject": sp(t, "开会"), "indicator": "meetings"})
    none = p.figures[0].model_copy(update={"sources": {"subject": "llm"}})
    return r.model_copy(update={"problems": [p.model_copy(update={"measures": [m], "figures": [f, none]})]})


def test_to_golden_writes_the_labels_the_report_has() -> None:
    p = to_golden(labelled())["problems"][0]
    assert p["measures"] == [{"text": "一是开会3次。", "kind": "meeting", "status": "done", "responsible": ["某县"]}]
    assert p["figures"] == [
        {"text": "3次", "value": 3, "unit": "次", "subject": "开会", "indicator": "meetings"},
        {"text": "3次", "value": 3, "unit": "次", "subject": None},  # a labeler's null; no indicator: left out
    ]


def test_to_golden_writes_an_empty_responsible_only_where_a_labeler_gave_it() -> None:
    r = report()
    p = r.problems[0]
    m = p.measures[0].model_copy(update={"sources": {"responsible": "rules"}})
    r = r.model_copy(update={"problems": [p.model_copy(update={"measures": [m]})]})
    assert to_golden(r)["problems"][0]["measures"] == [{"text": "一是开会3次。", "responsible": []}]


def test_labelled_prediction_reads_back(tmp_path: Path) -> None:
    p = tmp_path / "x.gold.json"
    p.write_text(json.dumps(to_golden(labelled()), ensure_ascii=False), encoding="utf-8")
    assert read_golden(p) == to_golden(labelled())


V1_FILE: dict[str, Any] = {
    "format": "zhenggai-golden/1",
    "source": "a.txt",
    "meta": {},
    "problems": [{"label": "1.", "measures": ["一是开会。"], "figures": [{"text": "3次", "value": 3, "unit": "次"}]}],
}
V2_FILE: dict[str, Any] = {
    "format": "zhenggai-golden/2",
    "source": "a.txt",
    "meta": {},
    "problems": [
        {
            "label": "1.",
            "measures": ["一是开会。", {"text": "二是发文。", "kind": "document"}],  # strings and objects mix
            "figures": [{"text": "3次", "value": 3, "unit": "次", "subject": None, "indicator": "meetings"}],
        }
    ],
}


@pytest.mark.parametrize("data", [V1_FILE, V2_FILE])
def test_read_golden_reads_both_versions_as_written(tmp_path: Path, data: dict[str, Any]) -> None:
    p = tmp_path / "a.gold.json"
    p.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert read_golden(p) == data


@pytest.mark.parametrize(
    ("item", "text", "labels"),
    [
        ("一是开会。", "一是开会。", {}),
        ({"text": "二是发文。"}, "二是发文。", {}),
        (
            {"text": "三是督查。", "kind": "inspection", "status": "done", "responsible": ["市纪委"], "x": 1},
            "三是督查。",
            {"kind": "inspection", "status": "done", "responsible": ["市纪委"]},
        ),
        ({"text": "四是", "status": "planned"}, "四是", {"status": "planned"}),
    ],
)
def test_measure_text_and_labels_of_either_version(item: Any, text: str, labels: dict[str, Any]) -> None:
    assert measure_text(item) == text
    assert measure_labels(item) == labels


@pytest.mark.parametrize("bad", [3, None, {"kind": "meeting"}, {"text": 3}])
def test_read_golden_rejects_a_measure_of_neither_shape(tmp_path: Path, bad: Any) -> None:
    data = {**V2_FILE, "problems": [{"label": "1.", "measures": ["一是开会。", bad]}]}
    p = tmp_path / "a.gold.json"
    p.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(GoldError, match=r"problems\[0\]\.measures\[1\]: neither a string nor an object"):
        read_golden(p)


GOOD: dict[str, Any] = {"format": FORMAT, "source": "a.txt", "meta": {}, "problems": []}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{", "a.gold.json: not readable JSON: "),
        (b"\xff\xfe\x00{", "a.gold.json: not readable JSON: "),  # not UTF-8
        (b"[]", "a.gold.json: format is not 'zhenggai-golden/1'"),
        (json.dumps({**GOOD, "format": "zhenggai-golden/0"}).encode(), "a.gold.json: format is not"),
        (json.dumps({k: v for k, v in GOOD.items() if k != "format"}).encode(), "a.gold.json: format is not"),
        (json.dumps({**GOOD, "problems": {}}).encode(), "a.gold.json: needs 'meta' (object) and 'problems' (list)"),
        (json.dumps({k: v for k, v in GOOD.items() if k != "problems"}).encode(), "a.gold.json: needs 'meta'"),
        (json.dumps({**GOOD, "meta": []}).encode(), "a.gold.json: needs 'meta'"),
    ],
)
def test_read_golden_errors(tmp_path: Path, content: bytes, message: str) -> None:
    p = tmp_path / "a.gold.json"
    p.write_bytes(content)
    with pytest.raises(GoldError) as exc:
        read_golden(p)
    assert exc.value.code == "gold"
    assert str(exc.value).startswith(message)


def test_read_golden_missing_file(tmp_path: Path) -> None:
    with pytest.raises(GoldError, match=r"^a\.gold\.json: not readable JSON") as exc:
        read_golden(tmp_path / "a.gold.json")
    assert exc.value.code == "gold"


def test_read_golden_keeps_everything(tmp_path: Path) -> None:
    data = {**GOOD, "notes": "extra keys are the reader's business"}
    p = tmp_path / "a.gold.json"
    p.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert read_golden(p) == data


def test_gold_pairs_in_name_order_and_by_source_suffix(tmp_path: Path) -> None:
    for name in ("b.gold.json", "b.docx", "a.gold.json", "a.html", "a.txt", "c.pdf", "notes.md", "x.pred.json"):
        (tmp_path / name).write_text("{}", encoding="utf-8")
    # c.pdf has no gold: not a pair; a.txt comes before a.html in the order of source suffixes
    assert gold_pairs(tmp_path) == [
        (tmp_path / "a.txt", tmp_path / "a.gold.json"),
        (tmp_path / "b.docx", tmp_path / "b.gold.json"),
    ]


def test_gold_pairs_of_an_empty_directory(tmp_path: Path) -> None:
    assert gold_pairs(tmp_path) == []


@pytest.mark.parametrize("kind", ["missing", "file"])
def test_gold_pairs_needs_a_directory(tmp_path: Path, kind: str) -> None:
    d = tmp_path / "golden"
    if kind == "file":
        d.write_text("", encoding="utf-8")
    with pytest.raises(GoldError, match="not a directory") as exc:
        gold_pairs(d)
    assert exc.value.code == "gold"


def test_gold_pairs_gold_without_source(tmp_path: Path) -> None:
    (tmp_path / "a.gold.json").write_text("{}", encoding="utf-8")
    (tmp_path / "a.txt").write_text("正文", encoding="utf-8")
    (tmp_path / "b.gold.json").write_text("{}", encoding="utf-8")
    (tmp_path / "b.doc").write_text("正文", encoding="utf-8")  # not a source suffix
    with pytest.raises(GoldError) as exc:
        gold_pairs(tmp_path)
    assert exc.value.code == "gold"
    assert str(exc.value) == "b.gold.json: no source file b.txt/.html/.htm/.pdf/.docx beside it"


def test_match_items_pairs_repeated_keys_in_order() -> None:
    gold = ["甲", "乙", "甲", "丙"]
    pred = ["甲", "丁", "甲", "甲", "乙"]
    assert match_items(gold, pred, lambda x: x) == [(0, 0), (1, 4), (2, 2)]
