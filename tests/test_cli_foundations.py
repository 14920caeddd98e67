"""The bugs a new user hit, each pinned: the command says what went wrong in one line with a code, decides the
engine before any endpoint, never overwrites an input or an earlier output, and checks its flags up front."""

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from tests.helpers import DEV_GOLD, ROOT
from zhenggai.cli import main
from zhenggai.errors import CODES

HUIJI = DEV_GOLD / "huiji_2021.txt"


def _errors(capsys: pytest.CaptureFixture[str]) -> list[str]:
    return [line for line in capsys.readouterr().err.splitlines() if line.startswith("zhenggai: error")]


def test_openai_base_url_in_the_environment_does_not_break_the_rules_engine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", "https://api.example.com/v1")
    monkeypatch.delenv("ZHENGGAI_MODEL", raising=False)
    monkeypatch.chdir(tmp_path)  # no zhenggai.toml here
    out = tmp_path / "r.json"
    assert main(["extract", str(HUIJI), "--engine", "rules", "-o", str(out)]) == 0
    assert main(["extract", str(HUIJI), "-o", str(out)]) == 0  # auto: a URL without a model is no endpoint


def test_eval_on_gold_without_its_source_is_a_usage_error_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "lonely.gold.json").write_text((DEV_GOLD / "huiji_2021.gold.json").read_text(encoding="utf-8"))
    assert main(["eval", "--golden", str(tmp_path)]) == 2
    [line] = _errors(capsys)
    assert line.startswith("zhenggai: error: gold: lonely.gold.json: no source file")


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["extract", str(HUIJI), "--jobs", "2"], "--jobs and --dask need a job folder"),
        (["extract", str(HUIJI), "--dask"], "--jobs and --dask need a job folder"),
        (["extract", str(HUIJI), "--job", "J", "-o", "x.json"], "-o and --format are for single-run outputs"),
        (["extract", str(HUIJI), "--job", "J", "--format", "golden"], "-o and --format are for single-run outputs"),
        (["extract", str(HUIJI), "--format", "golden"], "--format golden needs -o DIR"),
        (["eval", "--golden", str(DEV_GOLD), "--fail-under", "no_such_metric=1"], "unknown metric"),
        (["eval", "check-gold", "/no/such/dir"], "gold: /no/such/dir: not a directory"),
    ],
)
def test_flags_that_do_not_fit_are_refused_before_any_work(
    argv: list[str], says: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    assert says in capsys.readouterr().err
    assert not (tmp_path / "J").exists()


@pytest.mark.parametrize(
    "argv",
    [
        ["extract", str(HUIJI), "--job", "J", "--jobs", "-3"],
        ["eval", "--golden", str(DEV_GOLD), "--fail-under", "problems_f1"],
        ["eval", "--golden", str(DEV_GOLD), "--fail-under", "problems_f1=abc"],
    ],
)
def test_malformed_flag_values_are_usage_errors(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_an_output_never_overwrites_its_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "self.txt"
    src.write_text(HUIJI.read_text(encoding="utf-8"), encoding="utf-8")
    before = src.read_bytes()
    assert main(["extract", str(src), "-o", str(src)]) == 2
    assert src.read_bytes() == before
    assert "output_clash" in capsys.readouterr().err


@pytest.mark.parametrize("listed", ["glob", "directory"])
def test_an_output_listed_by_a_glob_or_a_walk_is_never_overwritten(tmp_path: Path, listed: str) -> None:
    (tmp_path / "c").mkdir()
    src = tmp_path / "c" / "huiji_2021.txt"
    src.write_bytes(HUIJI.read_bytes())
    pattern = str(tmp_path / "c" / "*.txt") if listed == "glob" else str(tmp_path / "c")
    assert main(["extract", pattern, "-o", str(src)]) == 2
    assert src.read_bytes() == HUIJI.read_bytes()
    assert not list((tmp_path / "c").glob("*.tmp"))


def test_two_reports_of_one_name_in_two_folders(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for folder, seed in (("a", "huiji_2021"), ("b", "xiangcheng_2020")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_bytes((DEV_GOLD / f"{seed}.txt").read_bytes())
    records = tmp_path / "r.jsonl"
    a, b = str(tmp_path / "a" / "report.txt"), str(tmp_path / "b" / "report.txt")
    assert main(["extract", a, b, "--format", "jsonl", "-o", str(records)]) == 0
    assert [json.loads(line)["source"] for line in records.read_text(encoding="utf-8").splitlines()] == [a, b]
    pred = tmp_path / "pred"
    assert main(["extract", a, b, "--format", "golden", "-o", str(pred)]) == 1
    kept = json.loads((pred / "report.pred.json").read_text(encoding="utf-8"))
    assert len(kept["problems"]) == 35  # huiji's, the first: not overwritten by xiangcheng's 47
    assert "output_clash" in capsys.readouterr().err
    assert "output_clash" in (pred / "errors.jsonl").read_text(encoding="utf-8")


def test_strict_counts_warnings_too(tmp_path: Path) -> None:
    torn = tmp_path / "torn.txt"
    torn.write_bytes(HUIJI.read_bytes() + "问".encode()[:2])  # cut inside its last character: a warning
    assert main(["extract", str(torn), "-o", str(tmp_path / "a.json")]) == 0
    assert main(["extract", str(torn), "-o", str(tmp_path / "b.json"), "--strict"]) == 1


def test_every_record_shape_validates_against_the_published_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    out = tmp_path / "r.jsonl"
    main(["extract", str(HUIJI), str(tmp_path / "missing.txt"), "--format", "jsonl", "--no-text", "-o", str(out)])
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [("text" in r, r["status"]) for r in records] == [(False, "ok"), (False, "failed")]
    for record in records:
        jsonschema.validate(record, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"path": "x", "status": "failed"}, schema)  # the check can fail


def test_failed_files_in_a_job_are_named_on_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    assert main(["extract", str(HUIJI), str(tmp_path / "empty.txt"), "--job", str(tmp_path / "j"), "--quiet"]) == 1
    assert f"zhenggai: error: {tmp_path / 'empty.txt'}: empty: empty document" in _errors(capsys)


def test_the_deprecated_out_flag_still_makes_a_job(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(HUIJI), "--out", str(tmp_path / "j"), "--quiet"]) == 0
    assert (tmp_path / "j" / "reports.jsonl").exists()
    assert "--out DIR is deprecated; use --job DIR" in capsys.readouterr().err


def test_pred_with_missing_files_warns(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "--golden", str(DEV_GOLD), "--pred", str(tmp_path)]) == 0
    err = capsys.readouterr().err
    assert err.count("no prediction;") == 3


def test_version_and_python_m() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "ZHENGGAI_"))}
    done = subprocess.run(
        [sys.executable, "-m", "zhenggai", "--version"], capture_output=True, text=True, env=env, cwd=ROOT, check=True
    )
    assert done.stdout.strip().startswith("zhenggai 0.")


def test_every_code_has_a_meaning_and_an_exit_code() -> None:
    assert all(meaning and exit_code in (1, 2) for meaning, exit_code in CODES.values())
