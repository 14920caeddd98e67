"""The Python API: a path is a path, text is explicit, and the package imports no LLM client."""

import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import TEXT
from zhenggai import extract, load_text
from zhenggai.errors import LoadError, UsageError


def test_a_mistyped_path_is_not_found_not_taken_as_report_text() -> None:
    with pytest.raises(LoadError) as caught:
        extract("报告/许昌巡视整改.txt")
    assert caught.value.code == "not_found"
    with pytest.raises(LoadError):
        extract(Path("no/such/report.txt"))


def test_text_is_passed_explicitly() -> None:
    assert len(extract(text=TEXT).problems) == 1
    assert extract(load_text(TEXT)).sha256 == extract(text=TEXT).sha256
    with pytest.raises(UsageError):
        extract()
    with pytest.raises(UsageError):
        extract("a.txt", text=TEXT)


def test_import_and_the_rules_engine_load_no_llm_client() -> None:
    code = (
        "import sys, zhenggai\n"
        "from zhenggai.cli import main\n"
        "zhenggai.extract(text=" + repr(TEXT) + ")\n"
        "print(sorted(m for m in ('openai', 'instructor', 'tenacity', 'httpx') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
