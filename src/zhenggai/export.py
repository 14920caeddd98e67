"""Flat tables from a job's reports.jsonl — reports, progress, problems, measures, figures, dates, issues —
keyed so they join (report_id, problem_id), written as CSV files, Parquet files, or one XLSX rectification
ledger (整改台账) with a sheet per table.

A job's reports.jsonl may hold the same document more than once (a rerun with another engine appends a
second record of the same ``report.sha256``): only the LAST record of each document is exported, so no
table counts a document twice.

The ledger is for reading, the CSV and Parquet tables for programs. The ledger has Chinese headers, a
frozen header row and an autofilter on every sheet, real Excel dates and number formats, codes (a
measure's kind and status, a report's status, …) by their Chinese labels and booleans as 是/否, and no
character offsets. CSV and Parquet keep the offsets, ISO date strings, the machine codes of schemas.py and
true/false, which stay stable for a program to filter and join on when a label is reworded (one column
each rather than both: LABELS maps one to the other). Parquet columns have fixed types, empty table or not.
Figures, dates and progress counts carry the sentence they stand in (上下文), empty for a record extracted
with ``--no-text``."""

from __future__ import annotations

import contextlib
import csv
import json
import os
import re
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any, Literal, NamedTuple

from .io import current_reports
from .textspans import sentence_of, strip_span

# What a column holds, which fixes its Parquet type whether the table is empty or not. A "code" is a
# machine code of the schema (or several joined by 、), shown in the ledger by its Chinese label; a "date"
# an ISO date of day, month or year precision (2021-09-18, 2021-09, 2021), text outside the ledger since
# Parquet's date type has no month or year.
Kind = Literal["text", "code", "date", "int", "number", "bool", "offset"]
_ARROW_TYPES = {
    "text": "string",
    "code": "string",
    "date": "string",
    "int": "int64",
    "number": "float64",
    "bool": "bool",
    "offset": "int64",
}
# Code → the word the ledger shows, for every code of schemas.py a column here holds; a code not here (a
# newer schema's) is shown as it is.
LABELS = {
    # MeasureKind
    "meeting": "会议",
    "document": "发文",
    "system": "制度建设",
    "inspection": "督查检查",
    "accountability": "追责问责",
    "project": "项目推进",
    "training": "教育培训",
    "personnel": "干部人事",
    "other": "其他",
    # MeasureStatus
    "done": "已完成",
    "in_progress": "正在整改",
    "planned": "计划整改",
    "long_term": "长期坚持",
    "not_stated": "未说明",
    # Report.status
    "ok": "正常",
    "no_outline": "未识别提纲",
    "not_a_report": "非整改报告",
    "failed": "失败",
    # ValidationIssue.severity
    "error": "错误",
    "warning": "警告",
    # Precision
    "year": "年",
    "month": "月",
    "day": "日",
    # Provenance.extractor
    "rules": "规则",
    "llm": "大模型",
}
_YES_NO = {True: "是", False: "否"}
# A month or a year goes into the ledger as its first day, formatted to show only what the report said
# (2021-09): a column of real dates sorts and filters by year and month in Excel, where a mix of dates and
# text would sort the text apart; the 精度 column beside a mention says which precision it is.
_ISO_DATE = re.compile(r"\d{4}(?:-\d\d){0,2}")
_DATE_FORMATS = {len("2021"): "yyyy", len("2021-09"): "yyyy-mm", len("2021-09-18"): "yyyy-mm-dd"}


class Col(NamedTuple):
    """One column: its name in CSV/Parquet, its Chinese header in the ledger, its kind and its XLSX width."""

    name: str
    header: str
    kind: Kind = "text"
    width: int = 14  # 40 and wider wraps: long Chinese text reads better wrapped than cut off


# Which report a row is from, in words: beside report_id on the reports and on the ledger of problems (the
# first sheet), so that a reader filters by unit or year without looking a hash up in another sheet.
_REPORT_NAMES = (
    Col("inspected_unit", "被巡视(巡察)单位", width=20),
    Col("issuer", "发布单位", width=24),
    Col("year", "年份", "int", width=8),
    Col("inspection_team", "巡视(巡察)组", width=18),
)
# The sentence a figure or a date stands in: 30次 alone says nothing of what was done thirty times.
_CONTEXT = Col("context", "上下文", width=60)
# Per table, in order: the ledger a Chinese office reads.
TABLES: dict[str, tuple[Col, ...]] = {
    "reports": (
        Col("report_id", "报告编号"),
        *_REPORT_NAMES,
        Col("source", "来源文件"),
        Col("path", "路径", width=40),
        Col("status", "状态", "code"),
        Col("inspection_kind", "类型"),
        Col("inspection_start", "巡视开始", "date"),
        Col("inspection_end", "巡视结束", "date"),
        Col("feedback_date", "反馈日期", "date"),
        Col("published_date", "发布日期", "date"),
        Col("problems", "问题数", "int"),
        Col("extractor", "抽取方式", "code"),
        Col("metadata", "附加信息", width=40),
    ),
    # the report's own counts of its rectification (已完成整改30项, 整改率85.7%)
    "progress": (
        Col("report_id", "报告编号"),
        Col("label", "进展类别"),
        Col("text", "原文", width=24),
        Col("value", "数值", "number"),
        Col("unit", "单位"),
        _CONTEXT,
        Col("start", "起", "offset"),
        Col("end", "止", "offset"),
    ),
    "problems": (
        Col("problem_id", "问题编号"),
        Col("report_id", "报告编号"),
        *_REPORT_NAMES,
        Col("label", "序号"),
        Col("category", "问题类别", width=30),
        Col("group", "问题分组", width=30),
        Col("finding", "反馈问题", width=48),
        Col("title", "标题", width=48),
        Col("measures", "措施数", "int"),
        Col("measures_text", "整改措施", width=80),
        Col("status", "整改状态", "code"),
        Col("figures", "数字", width=40),
        Col("dates", "日期", width=30),
    ),
    "measures": (
        Col("problem_id", "问题编号"),
        Col("report_id", "报告编号"),
        Col("index", "措施序号", "int"),
        Col("marker", "标记"),
        Col("kind", "措施类型", "code"),
        Col("status", "整改状态", "code"),
        Col("text", "措施内容", width=60),
        Col("start", "起", "offset"),
        Col("end", "止", "offset"),
    ),
    "figures": (
        Col("problem_id", "问题编号"),
        Col("report_id", "报告编号"),
        Col("text", "原文", width=60),
        Col("value", "数值", "number"),
        Col("unit", "单位"),
        Col("approximate", "约数", "bool"),
        Col("subject", "计数对象"),
        _CONTEXT,
        Col("start", "起", "offset"),
        Col("end", "止", "offset"),
    ),
    "dates": (
        Col("problem_id", "问题编号"),
        Col("report_id", "报告编号"),
        Col("text", "原文", width=60),
        Col("start_iso", "开始", "date"),
        Col("end_iso", "结束", "date"),
        Col("precision", "精度", "code"),
        _CONTEXT,
        Col("start", "起", "offset"),
        Col("end", "止", "offset"),
    ),
    "issues": (
        Col("report_id", "报告编号"),
        Col("code", "问题代码"),
        Col("severity", "级别", "code"),
        Col("path", "位置", width=40),
        Col("message", "说明", width=60),
        Col("start", "起", "offset"),
        Col("end", "止", "offset"),
    ),
}
# Table → XLSX sheet, in sheet order: the ledger of problems first.
SHEETS = {
    "problems": "整改台账",
    "reports": "报告",
    "progress": "整改进展",
    "measures": "整改措施",
    "figures": "数字",
    "dates": "日期",
    "issues": "校验问题",
}


def _text(span: dict[str, Any] | None) -> str:
    return span["text"] if span else ""


def _sentence(text: str | None, span: dict[str, Any]) -> str:
    """The sentence around ``span``, or "" for a record written without its text (``--no-text``)."""
    if not text:
        return ""
    start, end = strip_span(text, *sentence_of(text, span["start"], span["end"]))
    return text[start:end]


def rows(job_dir: Path) -> dict[str, list[dict[str, Any]]]:
    """Every table's rows, from the current (last) record of each document only (:func:`io.current_reports`)."""
    tables: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    for rec in current_reports(job_dir):
        for name, part in _report_rows(rec).items():
            tables[name] += part
    return tables


def _report_rows(rec: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    tables: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    r = rec["report"]
    rid = r["sha256"][:16]
    m = r["meta"]
    text = r.get("text")
    names = {
        "inspected_unit": _text(m["inspected_unit"]),
        "issuer": _text(m["issuer"]),
        "year": m["reference_year"],
        "inspection_team": _text(m["inspection_team"]),
    }
    tables["reports"].append(
        {
            "report_id": rid,
            **names,
            "source": r["source"],
            "path": rec["path"],
            "status": r["status"],
            "inspection_kind": m["inspection_kind"] or "",
            "inspection_start": m["inspection_start"] or "",
            "inspection_end": m["inspection_end"] or "",
            "feedback_date": m["feedback_date"] or "",
            "published_date": m["published_date"] or "",
            "problems": len(r["problems"]),
            "extractor": r["provenance"]["extractor"],
            "metadata": json.dumps(rec.get("metadata") or {}, ensure_ascii=False),
        }
    )
    for g in m["progress"]:
        tables["progress"].append(
            {
                "report_id": rid,
                "label": g["label"],
                "text": g["text"],
                "value": float(g["value"]),
                "unit": g["unit"],
                "context": _sentence(text, g),
                "start": g["start"],
                "end": g["end"],
            }
        )
    for i, p in enumerate(r["problems"], 1):
        pid = f"{rid}-{i:03d}"
        statuses = sorted({x["status"] for x in p["measures"] if x.get("status")})
        tables["problems"].append(
            {
                "problem_id": pid,
                "report_id": rid,
                **names,
                "label": p["label"],
                "category": _text(p["category"]),
                "group": _text(p["group"]),
                "finding": p["finding"]["text"],
                "title": p["title"]["text"],
                "measures": len(p["measures"]),
                "measures_text": "\n".join(x["text"] for x in p["measures"]),
                "status": "、".join(statuses),
                "figures": "、".join(f["text"] for f in p["figures"]),
                "dates": "、".join(d["text"] for d in p["dates"]),
            }
        )
        for j, x in enumerate(p["measures"], 1):
            tables["measures"].append(
                {
                    "problem_id": pid,
                    "report_id": rid,
                    "index": j,
                    "marker": x["marker"],
                    "kind": x.get("kind") or "",
                    "status": x.get("status") or "",
                    "text": x["text"],
                    "start": x["start"],
                    "end": x["end"],
                }
            )
        for f in p["figures"]:
            tables["figures"].append(
                {
                    "problem_id": pid,
                    "report_id": rid,
                    "text": f["text"],
                    "value": float(f["value"]),
                    "unit": f["unit"],
                    "approximate": f["approximate"],
                    "subject": _text(f.get("subject")),
                    "context": _sentence(text, f),
                    "start": f["start"],
                    "end": f["end"],
                }
            )
        for d in p["dates"]:
            tables["dates"].append(
                {
                    "problem_id": pid,
                    "report_id": rid,
                    "text": d["text"],
                    "start_iso": d["start_iso"],
                    "end_iso": d["end_iso"] or "",
                    "precision": d["precision"],
                    "context": _sentence(text, d),
                    "start": d["start"],
                    "end": d["end"],
                }
            )
    for issue in r["issues"]:
        tables["issues"].append(
            {
                "report_id": rid,
                "code": issue["code"],
                "severity": issue["severity"],
                "path": issue["path"],
                "message": issue["message"],
                "start": issue.get("start"),
                "end": issue.get("end"),
            }
        )
    return tables


FORMATS = ("csv", "parquet", "sqlite", "xlsx")
_BATCH = 5000  # rows per table held before a Parquet row group is written: memory stays flat in corpus size
_SQL_TYPES = {"int": "INTEGER", "offset": "INTEGER", "number": "REAL", "bool": "INTEGER"}


def report_rows(job_dir: Path) -> Iterator[dict[str, list[dict[str, Any]]]]:
    """Each current report's rows of every table, one report at a time."""
    for rec in current_reports(job_dir):
        yield _report_rows(rec)


def export(job_dir: Path, to: str, out: Path | None = None) -> list[Path]:
    """Write the tables of ``job_dir`` in format ``to`` under ``out`` (default ``job_dir/export``). CSV,
    Parquet and SQLite are streamed, a report at a time; the XLSX ledger is built in openpyxl's write-only mode."""
    out = out or job_dir / "export"
    out.mkdir(parents=True, exist_ok=True)
    if to == "csv":
        return _csv(out, report_rows(job_dir))
    if to == "parquet":
        return _parquet(out, report_rows(job_dir))
    if to == "sqlite":
        return [_sqlite(out / "ledger.sqlite", report_rows(job_dir))]
    if to == "xlsx":
        return [_xlsx(out / "整改台账.xlsx", rows(job_dir))]
    raise ValueError(f"unknown export format {to!r}")


# A CSV cell that starts with one of these is a formula to a spreadsheet that opens the file (the CSV is
# written for Excel, with a BOM); a quote in front keeps it text. Offsets and numbers are never strings.
_FORMULA_START = ("=", "+", "@", "-", "\t", "\r")


def _inert(row: dict[str, Any]) -> dict[str, Any]:
    return {k: "'" + v if isinstance(v, str) and v.startswith(_FORMULA_START) else v for k, v in row.items()}


def _csv(out: Path, reports: Iterator[dict[str, list[dict[str, Any]]]]) -> list[Path]:
    paths = {name: out / f"{name}.csv" for name in TABLES}
    with contextlib.ExitStack() as stack:
        writers = {}
        for name, path in paths.items():
            f = stack.enter_context(path.open("w", encoding="utf-8-sig", newline=""))  # BOM: Excel reads the Chinese
            writers[name] = csv.DictWriter(f, fieldnames=[c.name for c in TABLES[name]])
            writers[name].writeheader()
        for tables in reports:
            for name, data in tables.items():
                writers[name].writerows(_inert(row) for row in data)
    return list(paths.values())


def _parquet(out: Path, reports: Iterator[dict[str, list[dict[str, Any]]]]) -> list[Path]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    paths = {name: out / f"{name}.parquet" for name in TABLES}
    schemas = {
        n: pa.schema([(c.name, pa.type_for_alias(_ARROW_TYPES[c.kind])) for c in cols]) for n, cols in TABLES.items()
    }
    buffers: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    with contextlib.ExitStack() as stack:
        writers = {n: stack.enter_context(pq.ParquetWriter(paths[n], schemas[n])) for n in TABLES}

        def flush(name: str) -> None:
            writers[name].write_table(pa.Table.from_pylist(buffers[name], schema=schemas[name]))
            buffers[name].clear()

        for tables in reports:
            for name, data in tables.items():
                buffers[name] += data
                if len(buffers[name]) >= _BATCH:
                    flush(name)
        for name in TABLES:
            flush(name)  # an empty table still gets its schema
    return list(paths.values())


def _sqlite(path: Path, reports: Iterator[dict[str, list[dict[str, Any]]]]) -> Path:
    """One SQLite database (Python's own sqlite3, nothing to install), a table per table keyed to join; an
    existing file is replaced as a whole once the new one is complete."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    try:
        for name, cols in TABLES.items():
            columns = ", ".join(f'"{c.name}" {_SQL_TYPES.get(c.kind, "TEXT")}' for c in cols)  # "group" is SQL
            db.execute(f'CREATE TABLE "{name}" ({columns})')
        for tables in reports:
            for name, data in tables.items():
                cols = TABLES[name]
                marks = ", ".join("?" for _ in cols)
                db.executemany(
                    f'INSERT INTO "{name}" VALUES ({marks})', ([row.get(c.name) for c in cols] for row in data)
                )
        for name, cols in TABLES.items():
            for key in ("report_id", "problem_id"):
                if any(c.name == key for c in cols):
                    db.execute(f'CREATE INDEX "{name}_{key}" ON "{name}" ("{key}")')
        db.commit()
    finally:
        db.close()
    os.replace(tmp, path)
    return path


def _shown(col: Col, value: Any) -> tuple[Any, str]:
    """A value as the ledger shows it, and its number format: codes by their Chinese labels, booleans as
    是/否, ISO dates as Excel dates, figures as numbers with thousands separators (the unit is its own
    column and the text as written another)."""
    if value is None or value == "":
        return None, "General"
    if col.kind == "code":
        return "、".join(LABELS.get(code, code) for code in value.split("、")), "General"
    if col.kind == "bool":
        return _YES_NO[value], "General"
    if col.kind == "number":
        return value, "#,##0" if float(value).is_integer() else "#,##0.####"
    if col.kind == "date" and _ISO_DATE.fullmatch(value):
        try:
            day = date(int(value[:4]), int(value[5:7] or 1), int(value[8:10] or 1))
        except ValueError:  # no such day (2021-02-30): the text as extracted
            return value, "General"
        return day, _DATE_FORMATS[len(value)]
    return value, "General"


def _xlsx(path: Path, tables: dict[str, list[dict[str, Any]]]) -> Path:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    # write-only: rows go to the file as they are appended instead of into a grid of cells in memory, which
    # is why widths and the frozen header are set before the rows
    wb = Workbook(write_only=True)
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for name, title in SHEETS.items():
        ws = wb.create_sheet(title)
        # offsets serve programs that join on them (CSV, Parquet); in a spreadsheet they mean nothing
        cols = [c for c in TABLES[name] if c.kind != "offset"]
        for i, c in enumerate(cols, 1):
            ws.column_dimensions[get_column_letter(i)].width = c.width
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = f"A1:{get_column_letter(len(cols))}{len(tables[name]) + 1}"
        header = [WriteOnlyCell(ws, c.header) for c in cols]
        for cell in header:
            cell.font = bold
        ws.append(header)
        for row in tables[name]:
            cells = []
            for c in cols:
                value, number_format = _shown(c, row[c.name])
                cell = WriteOnlyCell(ws, value)
                if isinstance(value, str):
                    cell.data_type = "s"  # report text is never a formula (＝HYPERLINK(…) normalises to =…)
                cell.number_format = number_format
                if c.width >= 40:
                    cell.alignment = wrap
                cells.append(cell)
            ws.append(cells)
    wb.save(path)
    return path
