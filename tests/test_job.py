"""Extraction jobs: every kind of input, resume without loss, kill -9, duplicates, manifests, exports."""

from __future__ import annotations

import codecs
import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import docx
import pytest

from tests.helpers import DEV_GOLD, ROOT
from tests.helpers.corpus import chinese_pdf, scanned_pdf, seed_copies
from zhenggai.cli import main
from zhenggai.inputs import expand
from zhenggai.io import REPORTS
from zhenggai.job import run_job

SEED = (DEV_GOLD / "huiji_2021.txt").read_text(encoding="utf-8")
PDF_LINES = [
    "根据省委统一部署,省委第一巡视组对某县进行了巡视。",
    "一、整改工作",
    "县委高度重视。",
    "二、整改落实情况",
    "(一)党的领导方面",
    "(1)针对“学习不够”的问题。一是召开会议3次。二是培训1.4万余人次。",
]
NEWS = "本报讯 昨日,全市秋季运动会在体育中心开幕,3000余名运动员参赛,比赛将持续5天。"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("corpus")
    good = {
        "seed_utf8.txt": SEED.encode("utf-8"),
        "seed_gb18030.txt": (DEV_GOLD / "xuchang_2017.txt").read_text(encoding="utf-8").encode("gb18030"),
        "seed_utf16.txt": codecs.BOM_UTF16_LE
        + (DEV_GOLD / "xiangcheng_2020.txt").read_text(encoding="utf-8").encode("utf-16-le"),
        "page.html": (
            "<html><head><script>var x='巡视整改';</script></head><body><div class='nav'>首页 新闻 政务公开</div>"
            "<div id='main'>" + "".join(f"<p>{line}</p>" for line in PDF_LINES) + "</div>"
            "<div class='footer'>版权所有</div></body></html>"
        ).encode("utf-8"),
        "big.txt": ("\n".join([SEED] * 220)).encode("utf-8"),  # about 10 MB
        "truncated.txt": SEED.encode("utf-8")[:-1] + b"\xe5\xb7",  # cut inside its last character: kept, flagged
    }
    bad = {
        "empty.txt": b"",
        "binary.txt": bytes(range(256)) * 64,
        "news.txt": NEWS.encode("utf-8"),
    }
    for name, data in {**good, **bad}.items():
        (d / name).write_bytes(data)
    chinese_pdf(d / "text.pdf", PDF_LINES)
    scanned_pdf(d / "scan.pdf")
    document = docx.Document()
    for line in [*PDF_LINES, "(2)针对“作风不实”的问题。一是开展督查5次。"]:  # differs from the page: not a duplicate
        document.add_paragraph(line)
    document.save(str(d / "report.docx"))
    (d / "locked").mkdir()
    (d / "locked" / "x.txt").write_text(SEED.replace("30项", "31项"), encoding="utf-8")
    return {"dir": d}


GOOD = [
    "big.txt",
    "page.html",
    "report.docx",
    "seed_gb18030.txt",
    "seed_utf16.txt",
    "seed_utf8.txt",
    "text.pdf",
    "truncated.txt",
]
BAD = {
    "empty.txt": "empty",
    "binary.txt": "binary",
    "news.txt": "not_a_report",
    "scan.pdf": "no_text_layer",
    "locked": "unreadable",
}


def test_mixed_corpus(corpus: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    d = corpus["dir"]
    real_scandir = os.scandir

    def scandir(path):  # type: ignore[no-untyped-def]
        # As root every directory is readable, so a permission failure is simulated where os.walk meets it.
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    out = tmp_path / "job"
    summary = run_job(expand([str(d)]), out, quiet=True)
    lines = (out / REPORTS).read_text(encoding="utf-8").splitlines()
    done = {Path(json.loads(line)["path"]).name: json.loads(line) for line in lines}
    assert sorted(done) == GOOD
    errors = {Path(e["path"]).name: e for e in map(json.loads, (out / "errors.jsonl").read_text().splitlines())}
    assert {k: v["code"] for k, v in errors.items()} == BAD
    assert all(e["message"] for e in errors.values())
    assert summary.counts["done"] == len(GOOD) and summary.counts["failed"] == len(BAD)
    assert done["text.pdf"]["report"]["problems"][0]["figures"][1]["text"] == "1.4万余人次"
    assert (len(done["report.docx"]["report"]["problems"]), len(done["page.html"]["report"]["problems"])) == (2, 1)
    [torn] = [i for i in done["truncated.txt"]["report"]["issues"] if i["code"] == "input_truncated"]
    assert "last 2 byte(s)" in torn["message"]
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["counts"] == {"done": len(GOOD), "failed": len(BAD)} and manifest["engine"] == "rules"
    # Good documents match their single-file output byte for byte.
    for name in ("seed_utf8.txt", "text.pdf", "page.html"):
        single = tmp_path / f"{name}.jsonl"
        assert main(["extract", str(d / name), "--format", "jsonl", "-o", str(single), "--engine", "rules"]) == 0
        line = next(x for x in lines if f'"path": "{d / name}"' in x)
        assert line.endswith(', "report": ' + single.read_text(encoding="utf-8").rstrip("\n") + "}")


def test_resume_duplicates_and_manifest_metadata(tmp_path: Path) -> None:
    docs = seed_copies(tmp_path / "docs", 4)
    (tmp_path / "docs" / "copy_of_r0000.txt").write_bytes(docs[0].read_bytes())
    manifest = tmp_path / "list.csv"
    with manifest.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["path", "url", "title"])
        w.writerow(["docs/r0001.txt", "http://example.gov.cn/a.html", "某县整改通报"])
    out = tmp_path / "job"
    first = run_job(expand([str(tmp_path / "docs")]), out, quiet=True)
    assert (first.counts["done"], first.counts["duplicate"]) == (4, 1)
    dup = json.loads((out / "duplicates.jsonl").read_text())
    assert Path(dup["path"]).name == "r0000.txt" and Path(dup["same_as"]).name == "copy_of_r0000.txt"
    second = run_job(expand([str(manifest), str(tmp_path / "docs")]), out, quiet=True)
    # the copy is still a duplicate on a resume, and duplicates.jsonl keeps it
    assert (second.counts["done"], second.counts["skipped"], second.counts["duplicate"]) == (0, 5, 1)
    assert len((out / REPORTS).read_text().splitlines()) == 4
    assert len((out / "duplicates.jsonl").read_text().splitlines()) == 1
    # metadata rides along when the document is first extracted through the manifest
    out2 = tmp_path / "job2"
    run_job(expand([str(manifest)]), out2, quiet=True)
    rec = json.loads((out2 / REPORTS).read_text())
    assert rec["metadata"] == {"url": "http://example.gov.cn/a.html", "title": "某县整改通报"}


def test_kill_9_then_rerun_ends_with_each_document_once(tmp_path: Path) -> None:
    docs = seed_copies(tmp_path / "docs", 60)
    out = tmp_path / "job"
    cmd = [
        sys.executable,
        "-m",
        "zhenggai.cli",
        "extract",
        str(tmp_path / "docs"),
        "--out",
        str(out),
        "--quiet",
        "--engine",
        "rules",
    ]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # kill once some, but not all, documents are written
        if (out / REPORTS).exists() and (out / REPORTS).read_bytes().count(b"\n") >= 5:
            break
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    written = (out / REPORTS).read_bytes()
    assert 5 <= written.count(b"\n") < len(docs)
    # a torn last line, as a kill in the middle of a write would leave
    (out / REPORTS).write_bytes(written + b'{"key": "torn')
    assert subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0
    lines = (out / REPORTS).read_text(encoding="utf-8").splitlines()
    keys = [json.loads(line)["key"] for line in lines]
    assert len(keys) == len(set(keys)) == len(docs)


def test_exports_open_with_expected_rows(tmp_path: Path) -> None:
    import openpyxl
    import pyarrow.parquet as pq

    out = tmp_path / "job"
    run_job(expand([str(p) for p in sorted(DEV_GOLD.glob("*.txt"))]), out, quiet=True)
    recs = [json.loads(x)["report"] for x in (out / REPORTS).read_text(encoding="utf-8").splitlines()]
    expected = {
        "reports": len(recs),
        "progress": sum(len(r["meta"]["progress"]) for r in recs),
        "problems": sum(len(r["problems"]) for r in recs),
        "measures": sum(len(p["measures"]) for r in recs for p in r["problems"]),
        "figures": sum(len(p["figures"]) for r in recs for p in r["problems"]),
        "dates": sum(len(p["dates"]) for r in recs for p in r["problems"]),
        "issues": sum(len(r["issues"]) for r in recs),
        "indicators": sum(
            len({(f["indicator"], f["unit"]) for p in r["problems"] for f in p["figures"]}) for r in recs
        ),
        "responsible": sum(len(m["responsible"]) for r in recs for p in r["problems"] for m in p["measures"]),
        "documents": sum(len(m["documents"]) for r in recs for p in r["problems"] for m in p["measures"]),
    }
    assert expected["problems"] == 127
    assert main(["export", str(out), "--to", "parquet"]) == 0
    assert {t: pq.read_table(out / "export" / f"{t}.parquet").num_rows for t in expected} == expected
    assert main(["export", str(out), "--to", "xlsx"]) == 0
    wb = openpyxl.load_workbook(out / "export" / "整改台账.xlsx")
    sheets = {
        "整改台账": "problems",
        "报告": "reports",
        "整改进展": "progress",
        "指标汇总": "indicators",
        "整改措施": "measures",
        "责任主体": "responsible",
        "印发文件": "documents",
        "数字": "figures",
        "日期": "dates",
        "校验问题": "issues",
    }
    assert wb.sheetnames == list(sheets)
    assert {sheets[ws.title]: ws.max_row - 1 for ws in wb} == expected
    ledger = wb["整改台账"]
    assert [c.value for c in ledger[1]][:7] == [
        "问题编号",
        "报告编号",
        "被巡视(巡察)单位",
        "发布单位",
        "年份",
        "巡视(巡察)组",
        "序号",
    ]
    assert ledger.freeze_panes == "A2"
    assert main(["export", str(out), "--to", "csv"]) == 0
    with (out / "export" / "figures.csv").open(encoding="utf-8-sig") as f:
        assert sum(1 for _ in csv.DictReader(f)) == expected["figures"]


SQL_QUERIES = {  # the README's three researcher questions, across reports
    "problems per category": "SELECT category, COUNT(*) FROM problems GROUP BY category ORDER BY 2 DESC",
    "figures summed per unit": "SELECT unit, SUM(value), COUNT(*) FROM figures GROUP BY unit ORDER BY 3 DESC",
    "reports per team": "SELECT inspection_team, COUNT(*) FROM reports GROUP BY inspection_team",
}


def test_the_ledger_as_a_sqlite_database(tmp_path: Path) -> None:
    import sqlite3

    import pyarrow.parquet as pq

    out = tmp_path / "job"
    run_job(expand([str(p) for p in sorted(DEV_GOLD.glob("*.txt"))]), out, quiet=True)
    assert main(["export", str(out), "--to", "sqlite"]) == 0
    assert main(["export", str(out), "--to", "parquet"]) == 0
    db = sqlite3.connect(out / "export" / "ledger.sqlite")
    for table in ("reports", "problems", "measures", "figures", "dates", "issues", "progress"):
        [(n,)] = db.execute(f'SELECT COUNT(*) FROM "{table}"').fetchall()
        assert n == pq.read_table(out / "export" / f"{table}.parquet").num_rows, table
    answers = {name: db.execute(q).fetchall() for name, q in SQL_QUERIES.items()}
    assert sum(n for _, n in answers["problems per category"]) == 127
    assert sorted(team for team, _ in answers["reports per team"]) == [
        "省委第一巡视组",
        "省委第八巡视组",
        "省委第四巡视组",
    ]  # gold
    units = {unit: (total, n) for unit, total, n in answers["figures summed per unit"]}
    assert units["次"][1] > 0 and units["次"][0] >= units["次"][1]
