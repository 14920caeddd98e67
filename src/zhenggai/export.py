"""Flat tables from a job's reports.jsonl — reports, progress, indicators, problems, measures, responsible,
documents, figures, dates, issues — keyed so they join, written as CSV files, Parquet files, one SQLite or
DuckDB database, or one XLSX rectification ledger (整改台账) with a sheet per table. Every row carries the report's
key (``report_id``) and the indexes that place it (``problem_index``, ``measure_index``, ``figure_index``,
from 1 in the report's order); ``problem_id`` joins the two in one string.

A job's reports.jsonl may hold the same document more than once (a rerun with another engine appends a
second record of the same ``report.sha256``): only the LAST record of each document is exported, so no
table counts a document twice. Every format is written a report at a time: memory stays flat in corpus size.

The ledger is for reading, the other formats for programs. The ledger has Chinese headers, a
frozen header row and an autofilter on every sheet, real Excel dates and number formats, codes (a
measure's kind and status, a figure's indicator, a label's source, …) by their Chinese labels and booleans
as 是/否, and no character offsets. The tables for programs keep the offsets, ISO date strings, the machine
codes of schemas.py and true/false, which stay stable for a program to filter and join on when a label is
reworded (one column each rather than both: each code column's vocabulary maps one to the other). Parquet
columns have fixed types, empty table or not. Figures, dates and progress counts carry the sentence they
stand in (上下文), empty for a record extracted with ``--no-text``."""

from __future__ import annotations

import contextlib
import csv
import json
import os
import re
import sqlite3
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import Any, Literal, NamedTuple, get_args

from .errors import UsageError
from .io import current_reports
from .schemas import Indicator
from .textspans import strip_span

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
# Each vocabulary of schemas.py: code → the word the ledger shows. Per column, not one table, since one
# code means different things in two vocabularies (extractor "rules" is 规则, indicator "rules" 制度); a code
# not in its table (a newer schema's) is shown as it is.
MEASURE_KINDS = {
    "meeting": "会议",
    "document": "发文",
    "system": "制度建设",
    "inspection": "督查检查",
    "accountability": "追责问责",
    "project": "项目推进",
    "training": "教育培训",
    "personnel": "干部人事",
    "other": "其他",
}
MEASURE_STATUSES = {
    "done": "已完成",
    "in_progress": "正在整改",
    "planned": "计划整改",
    "long_term": "长期坚持",
    "not_stated": "未说明",
}
REPORT_STATUSES = {"ok": "正常", "no_outline": "未识别提纲", "not_a_report": "非整改报告", "failed": "失败"}
SEVERITIES = {"error": "错误", "warning": "警告"}
PRECISIONS = {"year": "年", "month": "月", "day": "日"}
EXTRACTORS = {"rules": "规则", "llm": "大模型"}
LABEL_SOURCES = {"rules": "规则", "learned": "统计模型", "llm": "大模型", "both": "规则与大模型一致"}
# the golden contract's fixed vocabulary (version 2), in its order, which is also the summary's row order
INDICATORS = {
    "problems": "整改问题",
    "problems_done": "已完成整改",
    "leads": "问题线索",
    "cases": "案件",
    "punished": "处分处理",
    "accountable": "问责",
    "funds_recovered": "追缴挽回资金",
    "funds_spent": "投入资金",
    "rules": "制度机制",
    "documents": "印发文件",
    "meetings": "会议学习",
    "training": "培训",
    "inspections": "督查检查",
    "people": "人员",
    "other": "其他",
}
_INDICATOR_ORDER = {code: i for i, code in enumerate(get_args(Indicator))}
_YES_NO = {True: "是", False: "否"}
# A month or a year goes into the ledger as its first day, formatted to show only what the report said
# (2021-09): a column of real dates sorts and filters by year and month in Excel, where a mix of dates and
# text would sort the text apart; the 精度 column beside a mention says which precision it is.
_ISO_DATE = re.compile(r"\d{4}(?:-\d\d){0,2}")
_NUMBER_FORMATS = ("#,##0", "#,##0.####")  # a whole number, a fraction
_DATE_FORMATS = {len("2021"): "yyyy", len("2021-09"): "yyyy-mm", len("2021-09-18"): "yyyy-mm-dd"}


class Col(NamedTuple):
    """One column: its name for programs, its Chinese header in the ledger, its kind and its XLSX width; a
    code column also its vocabulary."""

    name: str
    header: str
    kind: Kind = "text"
    width: int = 14  # 40 and wider wraps: long Chinese text reads better wrapped than cut off
    labels: Mapping[str, str] | None = None


def _code(name: str, header: str, labels: Mapping[str, str], width: int = 12) -> Col:
    return Col(name, header, "code", width, labels)


# Which report a row is from, in words: beside report_id on the reports, the summary and the ledger of
# problems (the first sheet), so that a reader filters by unit or year without looking a hash up elsewhere.
_REPORT_NAMES = (
    Col("inspected_unit", "被巡视(巡察)单位", width=20),
    Col("issuer", "发布单位", width=24),
    Col("year", "年份", "int", width=8),
    Col("inspection_team", "巡视(巡察)组", width=18),
)
# The sentence a figure or a date stands in: 30次 alone says nothing of what was done thirty times.
_CONTEXT = Col("context", "上下文", width=60)
_PROBLEM_KEY = (
    Col("problem_id", "问题编号"),
    Col("report_id", "报告编号"),
    Col("problem_index", "问题序号", "int", width=8),
)
_MEASURE_INDEX = Col("measure_index", "措施序号", "int", width=8)
_OFFSETS = (Col("start", "起", "offset"), Col("end", "止", "offset"))
# a body or a document a measure names: one row each, with the source of the measure's label
_MEASURE_PART = (
    *_PROBLEM_KEY,
    _MEASURE_INDEX,
    Col("text", "原文", width=40),
    _code("source", "标注来源", LABEL_SOURCES),
    *_OFFSETS,
)
# Per table, in order: the ledger a Chinese office reads.
TABLES: dict[str, tuple[Col, ...]] = {
    "reports": (
        Col("report_id", "报告编号"),
        *_REPORT_NAMES,
        Col("source", "来源文件"),
        Col("path", "路径", width=40),
        _code("status", "状态", REPORT_STATUSES),
        Col("inspection_kind", "类型"),
        Col("inspection_start", "巡视开始", "date"),
        Col("inspection_end", "巡视结束", "date"),
        Col("feedback_date", "反馈日期", "date"),
        Col("published_date", "发布日期", "date"),
        Col("problems", "问题数", "int"),
        _code("extractor", "抽取方式", EXTRACTORS),
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
        *_OFFSETS,
    ),
    # beside them, what the report's figures add up to: values summed per indicator and unit
    "indicators": (
        Col("report_id", "报告编号"),
        *_REPORT_NAMES,
        _code("indicator", "指标", INDICATORS),
        Col("unit", "单位"),
        Col("value", "合计", "number"),
        Col("figures", "数字个数", "int"),
    ),
    "problems": (
        *_PROBLEM_KEY[:2],
        *_REPORT_NAMES,  # right after the report's id, as on the reports
        Col("label", "序号"),
        _PROBLEM_KEY[2],
        Col("category", "问题类别", width=30),
        Col("group", "问题分组", width=30),
        Col("finding", "反馈问题", width=48),
        Col("title", "标题", width=48),
        Col("measures", "措施数", "int"),
        Col("measures_text", "整改措施", width=80),
        _code("status", "整改状态", MEASURE_STATUSES),
        # verbatim (完成情况:已完成 → 已完成), null where the report gives none
        Col("reported_status", "报告所述完成情况"),
        Col("figures", "数字", width=40),
        Col("dates", "日期", width=30),
    ),
    "measures": (
        *_PROBLEM_KEY,
        _MEASURE_INDEX,
        Col("marker", "标记"),
        _code("kind", "措施类型", MEASURE_KINDS),
        _code("kind_source", "类型来源", LABEL_SOURCES),
        _code("status", "整改状态", MEASURE_STATUSES),
        _code("status_source", "状态来源", LABEL_SOURCES),
        Col("responsible", "责任主体", width=30),
        _code("responsible_source", "主体来源", LABEL_SOURCES),
        Col("documents", "印发文件", width=30),
        _code("documents_source", "文件来源", LABEL_SOURCES),
        Col("text", "措施内容", width=60),
        *_OFFSETS,
    ),
    "responsible": _MEASURE_PART,
    "documents": _MEASURE_PART,
    "figures": (
        *_PROBLEM_KEY,
        Col("figure_index", "数字序号", "int", width=8),
        _MEASURE_INDEX,  # the measure the figure stands in, null where it is outside every measure
        Col("text", "原文", width=24),
        Col("value", "数值", "number"),
        Col("unit", "单位"),
        Col("approximate", "约数", "bool"),
        Col("subject", "计数对象", width=24),
        _code("subject_source", "对象来源", LABEL_SOURCES),
        _code("indicator", "指标", INDICATORS),
        _code("indicator_source", "指标来源", LABEL_SOURCES),
        _CONTEXT,
        *_OFFSETS,
    ),
    "dates": (
        *_PROBLEM_KEY,
        _MEASURE_INDEX,
        Col("text", "原文", width=60),
        Col("start_iso", "开始", "date"),
        Col("end_iso", "结束", "date"),
        _code("precision", "精度", PRECISIONS),
        _CONTEXT,
        *_OFFSETS,
    ),
    "issues": (
        Col("report_id", "报告编号"),
        Col("code", "问题代码"),
        _code("severity", "级别", SEVERITIES),
        Col("path", "位置", width=40),
        Col("message", "说明", width=60),
        *_OFFSETS,
    ),
}
# Table → XLSX sheet, in sheet order: the ledger of problems first, the summary beside the progress counts.
SHEETS = {
    "problems": "整改台账",
    "reports": "报告",
    "progress": "整改进展",
    "indicators": "指标汇总",
    "measures": "整改措施",
    "responsible": "责任主体",
    "documents": "印发文件",
    "figures": "数字",
    "dates": "日期",
    "issues": "校验问题",
}
Rows = dict[str, list[dict[str, Any]]]


def _text(span: dict[str, Any] | None) -> str:
    return span["text"] if span else ""


# A sentence ends at 。;!? (full-width or not) or a line break, which it includes.
_SENTENCE_END = re.compile(r"[。;；!！?？\n]")


class Sentences:
    """The sentence around any span of one report's text: from after the previous sentence end (or the
    text's start) to the next one, found by bisection over the ends listed once, so a report with many
    figures costs linear time."""

    def __init__(self, text: str | None) -> None:
        self.text = text or ""
        self._ends = [m.start() for m in _SENTENCE_END.finditer(self.text)]

    def around(self, span: dict[str, Any]) -> str:
        """The sentence, white space stripped; "" for a record written without its text (``--no-text``)."""
        if not self.text:
            return ""
        before = bisect_left(self._ends, span["start"])
        after = bisect_left(self._ends, span["end"])
        start = self._ends[before - 1] + 1 if before else 0
        end = self._ends[after] + 1 if after < len(self._ends) else len(self.text)
        start, end = strip_span(self.text, start, end)
        return self.text[start:end]


def _measure_at(measures: list[dict[str, Any]], starts: list[int], pos: int) -> int | None:
    """The index (from 1) of the measure that holds offset ``pos``, None outside every measure."""
    i = bisect_right(starts, pos) - 1
    return i + 1 if i >= 0 and pos < measures[i]["end"] else None


def rows(job_dir: Path) -> Rows:
    """Every table's rows at once, for a small job (tests, a notebook); the writers use :func:`report_rows`."""
    tables: Rows = {t: [] for t in TABLES}
    for part in report_rows(job_dir):
        for name, data in part.items():
            tables[name] += data
    return tables


def report_rows(job_dir: Path) -> Iterator[Rows]:
    """Each current report's rows of every table (:func:`io.current_reports`), one report at a time."""
    for rec in current_reports(job_dir):
        yield _report_rows(rec)


def _summary(rid: str, names: dict[str, Any], figures: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The report's figures summed per indicator and unit, in the vocabulary's order (unlabelled last)."""
    sums: dict[tuple[str, str], list[float]] = {}  # (indicator, "" where unlabelled; unit) → values
    for f in figures:
        sums.setdefault((f["indicator"], f["unit"]), []).append(f["value"])
    keys = sorted(sums, key=lambda k: _INDICATOR_ORDER.get(k[0], len(_INDICATOR_ORDER)))
    return [
        {
            "report_id": rid,
            **names,
            "indicator": ind,
            "unit": unit,
            "value": sum(sums[ind, unit]),
            "figures": len(sums[ind, unit]),
        }
        for ind, unit in keys
    ]


def _joined(spans: list[dict[str, Any]]) -> str:
    return "、".join(s["text"] for s in spans)


def _report_rows(rec: dict[str, Any]) -> Rows:
    tables: Rows = {t: [] for t in TABLES}
    r = rec["report"]
    rid = r["sha256"][:16]
    m = r["meta"]
    sentences = Sentences(r.get("text"))
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
                "context": sentences.around(g),
                "start": g["start"],
                "end": g["end"],
            }
        )
    for i, p in enumerate(r["problems"], 1):
        key = {"problem_id": f"{rid}-{i:03d}", "report_id": rid, "problem_index": i}
        statuses = sorted({x["status"] for x in p["measures"] if x.get("status")})
        reported = p.get("reported_status")
        tables["problems"].append(
            {
                **key,
                **names,
                "label": p["label"],
                "category": _text(p["category"]),
                "group": _text(p["group"]),
                "finding": p["finding"]["text"],
                "title": p["title"]["text"],
                "measures": len(p["measures"]),
                "measures_text": "\n".join(x["text"] for x in p["measures"]),
                "status": "、".join(statuses),
                "reported_status": reported["text"] if reported else None,
                "figures": _joined(p["figures"]),
                "dates": _joined(p["dates"]),
            }
        )
        for j, x in enumerate(p["measures"], 1):
            sources = x.get("sources") or {}
            responsible, documents = x.get("responsible") or [], x.get("documents") or []
            tables["measures"].append(
                {
                    **key,
                    "measure_index": j,
                    "marker": x["marker"],
                    "kind": x.get("kind") or "",
                    "kind_source": sources.get("kind", ""),
                    "status": x.get("status") or "",
                    "status_source": sources.get("status", ""),
                    "responsible": _joined(responsible),
                    "responsible_source": sources.get("responsible", ""),
                    "documents": _joined(documents),
                    "documents_source": sources.get("documents", ""),
                    "text": x["text"],
                    "start": x["start"],
                    "end": x["end"],
                }
            )
            for table, spans in (("responsible", responsible), ("documents", documents)):
                tables[table] += (
                    {
                        **key,
                        "measure_index": j,
                        "text": s["text"],
                        "source": sources.get(table, ""),
                        "start": s["start"],
                        "end": s["end"],
                    }
                    for s in spans
                )
        starts = [x["start"] for x in p["measures"]]
        for j, f in enumerate(p["figures"], 1):
            sources = f.get("sources") or {}
            tables["figures"].append(
                {
                    **key,
                    "figure_index": j,
                    "measure_index": _measure_at(p["measures"], starts, f["start"]),
                    "text": f["text"],
                    "value": float(f["value"]),
                    "unit": f["unit"],
                    "approximate": f["approximate"],
                    "subject": _text(f.get("subject")),
                    "subject_source": sources.get("subject", ""),
                    "indicator": f.get("indicator") or "",
                    "indicator_source": sources.get("indicator", ""),
                    "context": sentences.around(f),
                    "start": f["start"],
                    "end": f["end"],
                }
            )
        for d in p["dates"]:
            tables["dates"].append(
                {
                    **key,
                    "measure_index": _measure_at(p["measures"], starts, d["start"]),
                    "text": d["text"],
                    "start_iso": d["start_iso"],
                    "end_iso": d["end_iso"] or "",
                    "precision": d["precision"],
                    "context": sentences.around(d),
                    "start": d["start"],
                    "end": d["end"],
                }
            )
    tables["indicators"] = _summary(rid, names, tables["figures"])
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


FORMATS = ("csv", "parquet", "sqlite", "duckdb", "xlsx")
_BATCH = 5000  # rows per table held before a Parquet row group or a DuckDB insert: flat in corpus size
_SQL_TYPES = {"int": "INTEGER", "offset": "INTEGER", "number": "REAL", "bool": "INTEGER"}


def export(job_dir: Path, to: str, out: Path | None = None) -> list[Path]:
    """Write the tables of ``job_dir`` in format ``to`` under ``out`` (default ``job_dir/export``), a report
    at a time in every format."""
    out = out or job_dir / "export"
    out.mkdir(parents=True, exist_ok=True)
    if to == "csv":
        return _csv(out, report_rows(job_dir))
    if to == "parquet":
        return _parquet(out, report_rows(job_dir))
    if to == "sqlite":
        return [_sqlite(out / "ledger.sqlite", report_rows(job_dir))]
    if to == "duckdb":
        return [_duckdb(out / "ledger.duckdb", report_rows(job_dir))]
    if to == "xlsx":
        return [_xlsx(out / "整改台账.xlsx", report_rows(job_dir))]
    raise ValueError(f"unknown export format {to!r}")


# A CSV cell that starts with one of these is a formula to a spreadsheet that opens the file (the CSV is
# written for Excel, with a BOM); a quote in front keeps it text. Offsets and numbers are never strings.
_FORMULA_START = ("=", "+", "@", "-", "\t", "\r")


def _inert(row: dict[str, Any]) -> dict[str, Any]:
    return {k: "'" + v if isinstance(v, str) and v.startswith(_FORMULA_START) else v for k, v in row.items()}


def _csv(out: Path, reports: Iterator[Rows]) -> list[Path]:
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


def _arrow_schemas() -> dict[str, Any]:
    import pyarrow as pa

    return {
        n: pa.schema([(c.name, pa.type_for_alias(_ARROW_TYPES[c.kind])) for c in cols]) for n, cols in TABLES.items()
    }


def _batches(reports: Iterator[Rows], schemas: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    """(table, Arrow table of up to a few thousand rows) as the reports stream by; every table last gets one
    more, possibly empty, so an empty table still has its schema."""
    import pyarrow as pa

    buffers: Rows = {name: [] for name in TABLES}
    for tables in reports:
        for name, data in tables.items():
            buffers[name] += data
            if len(buffers[name]) >= _BATCH:
                yield name, pa.Table.from_pylist(buffers[name], schema=schemas[name])
                buffers[name].clear()
    for name, data in buffers.items():
        yield name, pa.Table.from_pylist(data, schema=schemas[name])


def _parquet(out: Path, reports: Iterator[Rows]) -> list[Path]:
    import pyarrow.parquet as pq

    paths = {name: out / f"{name}.parquet" for name in TABLES}
    schemas = _arrow_schemas()
    with contextlib.ExitStack() as stack:
        writers = {n: stack.enter_context(pq.ParquetWriter(paths[n], schemas[n])) for n in TABLES}
        for name, batch in _batches(reports, schemas):
            writers[name].write_table(batch)
    return list(paths.values())


def _duckdb(path: Path, reports: Iterator[Rows]) -> Path:
    """One DuckDB database (``pip install 'zhenggai[duckdb]'``), the Parquet tables' types and rows inserted a
    batch at a time from Arrow; an existing file is replaced as a whole once the new one is complete."""
    try:
        import duckdb
    except ImportError:
        raise UsageError("--to duckdb needs the duckdb package: pip install 'zhenggai[duckdb]'") from None
    tmp = path.with_name(path.name + ".tmp")
    tmp.unlink(missing_ok=True)
    db = duckdb.connect(str(tmp), config={"memory_limit": "512MB", "threads": 1})
    try:
        schemas = _arrow_schemas()
        for name, schema in schemas.items():
            db.register("empty", schema.empty_table())
            db.execute(f'CREATE TABLE "{name}" AS SELECT * FROM empty')  # the Arrow types, as in Parquet
            db.unregister("empty")
        for name, batch in _batches(reports, schemas):
            db.register("batch", batch)
            db.execute(f'INSERT INTO "{name}" SELECT * FROM batch')
            db.unregister("batch")
    finally:
        db.close()
    os.replace(tmp, path)
    return path


def _sqlite(path: Path, reports: Iterator[Rows]) -> Path:
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
        labels = col.labels or {}
        return "、".join(labels.get(code, code) for code in value.split("、")), "General"
    if col.kind == "bool":
        return _YES_NO[value], "General"
    if col.kind == "number":
        return value, _NUMBER_FORMATS[0] if float(value).is_integer() else _NUMBER_FORMATS[1]
    if col.kind == "date" and _ISO_DATE.fullmatch(value):
        try:
            day = date(int(value[:4]), int(value[5:7] or 1), int(value[8:10] or 1))
        except ValueError:  # no such day (2021-02-30): the text as extracted
            return value, "General"
        return day, _DATE_FORMATS[len(value)]
    return value, "General"


# Excel's last row: a sheet that would run past it goes on in a sheet of the same name and a number (数字 2)
XLSX_MAX_ROWS = 1_048_576
_WRAP = "wrapped"  # the named style of a long text's cells


class _Sheet:
    """One table's sheets of the ledger, written in openpyxl's write-only mode: each row goes to a temporary
    file as it is appended instead of into a grid of cells in memory, which is why widths and the frozen
    header are set before the rows; the autofilter, written when the sheet is saved, is set last."""

    def __init__(self, wb: Any, title: str, cols: tuple[Col, ...], max_rows: int) -> None:
        from openpyxl.styles import Font

        self.wb, self.title, self.cols, self.max_rows = wb, title, cols, max_rows
        self.bold = Font(bold=True)
        self.parts: list[Any] = []
        self._start()

    def _start(self) -> None:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.utils import get_column_letter

        if self.parts:
            self.finish()
        title = f"{self.title} {len(self.parts) + 1}" if self.parts else self.title
        self.ws = self.wb.create_sheet(title)
        self.parts.append(self.ws)
        for i, c in enumerate(self.cols, 1):
            self.ws.column_dimensions[get_column_letter(i)].width = c.width
        self.ws.freeze_panes = "A2"
        header = [WriteOnlyCell(self.ws, c.header) for c in self.cols]
        for cell in header:
            cell.font = self.bold
        self.ws.append(header)
        self.rows = 1

    def append(self, row: dict[str, Any]) -> None:
        from openpyxl.cell import WriteOnlyCell

        if self.rows == self.max_rows:
            self._start()
        cells: list[Any] = []
        for c in self.cols:
            value, number_format = _shown(c, row[c.name])
            wraps = c.width >= 40
            if number_format == "General" and not wraps and not (isinstance(value, str) and value.startswith("=")):
                cells.append(value)  # a plain value is bound as a cell by openpyxl, at a third of the cost
                continue
            cell = WriteOnlyCell(self.ws, value)
            if isinstance(value, str):
                cell.data_type = "s"  # report text is never a formula (＝HYPERLINK(…) normalises to =…)
            if number_format != "General" or wraps:
                # a named style, registered once: cheaper per cell than a number format and an alignment
                cell.style = _WRAP if wraps else number_format
            cells.append(cell)
        self.ws.append(cells)
        self.rows += 1

    def finish(self) -> None:
        from openpyxl.utils import get_column_letter

        self.ws.auto_filter.ref = f"A1:{get_column_letter(len(self.cols))}{self.rows}"


def _xlsx(path: Path, reports: Iterator[Rows]) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, NamedStyle

    wb = Workbook(write_only=True)
    wb.add_named_style(NamedStyle(_WRAP, alignment=Alignment(wrap_text=True, vertical="top")))
    for number_format in (*_NUMBER_FORMATS, *_DATE_FORMATS.values()):
        wb.add_named_style(NamedStyle(number_format, number_format=number_format))
    # offsets serve programs that join on them; in a spreadsheet they mean nothing
    sheets = {
        name: _Sheet(wb, title, tuple(c for c in TABLES[name] if c.kind != "offset"), XLSX_MAX_ROWS)
        for name, title in SHEETS.items()
    }
    for tables in reports:
        for name, data in tables.items():
            for row in data:
                sheets[name].append(row)
    # a table's further sheets were created after all the first ones: each goes after its first
    for position, ws in enumerate(ws for sheet in sheets.values() for ws in sheet.parts):
        wb.move_sheet(ws.title, position - wb.index(ws))  # by title: a write-only sheet is no Worksheet
    for sheet in sheets.values():
        sheet.finish()
    wb.save(path)
    return path
