"""Inputs built to be slow: each must finish far inside a bound that only a super-linear algorithm can break
(the quadratic code they caught took 30 s to minutes at these sizes; linear code takes well under a second).
Timing lives in bench/bench_scaling.py; these only guard the order of growth, by this process's CPU time
(the wall clock of a shared CI machine also counts other jobs)."""

import time

import pytest

from zhenggai import extract
from zhenggai.io import report_json

HEAD = "根据省委统一部署,省委第一巡视组对某县进行了巡视。\n一、整改落实情况\n(一)党的领导方面\n1.针对“学习不够”的问题。一是"
TAIL = "。\n中共某县委\n2021年9月1日\n"
BOUND_S = 20.0  # CPU seconds


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("a 5,000-digit number (int() overflowed at 4,300)", "共" + "7" * 5000 + "个"),
        ("200,000 ASCII characters with no @ (the e-mail pattern was quadratic)", "1." * 100_000),
        ("5,000 date ranges on one line (each re-derived to the line's end)", "3月5日至6日、" * 5000),
        ("1,000,000 characters of one line", "开展督查5次," * 125_000),
    ],
)
def test_hostile_input_is_linear(name: str, body: str) -> None:
    t0 = time.process_time()
    report = extract(text=HEAD + body + TAIL)
    report_json(report)  # serialising must not overflow either
    elapsed = time.process_time() - t0
    assert report.problems, name
    assert elapsed < BOUND_S, f"{name}: {elapsed:.1f} s"
