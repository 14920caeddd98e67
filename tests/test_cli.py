"""The command line: formats, exit codes, one bad document never stops the batch."""

import json
from pathlib import Path

import pytest

from tests.helpers import DEV_GOLD
from zhenggai.cli import main


@pytest.fixture
def bad_inputs(tmp_path: Path) -> list[Path]:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.bin").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "english.txt").write_text("not a report at all", encoding="utf-8")
    (tmp_path / "news.txt").write_text("本市今日举行运动会,数千名市民参加。天气晴好。", encoding="utf-8")
    return [tmp_path / n for n in ("empty.txt", "binary.bin", "english.txt", "news.txt", "missing.txt")]


def test_golden_batch_with_bad_documents(
    tmp_path: Path, bad_inputs: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    seed = DEV_GOLD / "huiji_2021.txt"
    out = tmp_path / "pred"
    code = main(
        ["extract", str(bad_inputs[0]), str(seed), *map(str, bad_inputs[1:]), "--format", "golden", "-o", str(out)]
    )
    assert code == 1
    pred = json.loads((out / "huiji_2021.pred.json").read_text(encoding="utf-8"))
    assert pred["format"] == "zhenggai-golden/2" and len(pred["problems"]) == 35
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [Path(e["path"]).name for e in errors] == [
        "empty.txt",
        "binary.bin",
        "english.txt",
        "news.txt",
        "missing.txt",
    ]
    assert [e["code"] for e in errors] == ["empty", "binary", "no_chinese", "not_a_report", "not_found"]
    err = [line for line in capsys.readouterr().err.splitlines() if line.startswith("zhenggai: error")]
    assert len(err) == 5 and all(line.startswith("zhenggai: error: ") for line in err)
    assert "news.txt: not_a_report: no inspection" in err[3]


def test_jsonl_records_and_exit_zero(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(DEV_GOLD / "xiangcheng_2020.txt"), "--format", "jsonl", "-o", str(out)]) == 0
    (record,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert record["status"] == "ok" and len(record["problems"]) == 47
    assert (
        record["text"][record["problems"][0]["title"]["start"] : record["problems"][0]["title"]["end"]]
        == record["problems"][0]["title"]["text"]
    )


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract"]) == 2
    assert main(["extract", "x.txt", "--format", "golden"]) == 2
    assert main(["frobnicate"]) == 2


def test_schema_is_published(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert "Problem" in schema["$defs"] and "Figure" in schema["$defs"]


def test_report_without_outline_is_reported_not_guessed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "plain.txt"
    src.write_text(
        "根据省委统一部署,省委第一巡视组对某县进行了巡视。县委高度重视整改,召开会议3次,"
        "于2021年5月完成整改任务12项。\n中共某县委\n2021年9月1日\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(src), "--format", "jsonl", "-o", str(out), "--engine", "rules"]) == 1
    record = json.loads(out.read_text(encoding="utf-8"))
    assert record["status"] == "no_outline" and record["problems"] == []
    assert record["meta"]["inspection_team"]["text"] == "省委第一巡视组"
    assert "no numbered outline" in capsys.readouterr().err


def test_review_command_for_a_report_and_a_job(tmp_path: Path) -> None:
    page = tmp_path / "x.html"
    assert (
        main(
            [
                "review",
                str(DEV_GOLD / "huiji_2021.txt"),
                "-o",
                str(page),
                "--golden",
                str(DEV_GOLD),
                "--engine",
                "rules",
            ]
        )
        == 0
    )
    html = page.read_text(encoding="utf-8")
    assert (
        html.count('class="problem"') + html.count("class='problem'") >= 1 and "http://" not in html.split("<body")[1]
    )
    job = tmp_path / "job"
    sources = [str(p) for p in sorted(DEV_GOLD.glob("*.txt"))]
    assert main(["extract", *sources, "--job", str(job), "--engine", "rules", "--quiet"]) == 0
    assert main(["review", str(job)]) == 0
    assert sorted(p.name for p in (job / "review").iterdir()) == [
        "huiji_2021.html",
        "index.html",
        "xiangcheng_2020.html",
        "xuchang_2017.html",
    ]
