"""settings: numbers read from flags, env vars and the config file, and the per-document limits built on them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from zhenggai.errors import ConfigError
from zhenggai.settings import Limits, read_numbers


@pytest.mark.parametrize(
    ("flags", "env", "expected"),
    [
        ({}, {}, Limits()),
        ({"max_bytes": "1000"}, {"ZHENGGAI_MAX_BYTES": "5"}, Limits(max_bytes=1000)),  # the flag wins
        ({}, {"ZHENGGAI_TIME_LIMIT": "2.5"}, Limits(time_limit=2.5)),  # seconds may be a fraction
        ({"memory_limit": "0"}, {}, Limits(memory_limit=0)),  # 0 turns the limit off
    ],
)
def test_limits_resolve(flags: dict[str, str], env: dict[str, str], expected: Limits) -> None:
    assert Limits.resolve(flags, env, config_files=()) == expected


def test_limits_from_the_config_file(tmp_path: Path) -> None:
    config = tmp_path / "zhenggai.toml"
    config.write_text("[limits]\nmax_chars = 300\ntime_limit = 9\n", encoding="utf-8")
    assert Limits.resolve({}, {}, config_files=(config,)) == Limits(max_chars=300, time_limit=9.0)


@pytest.mark.parametrize(
    ("key", "raw", "message"),
    [
        ("max_bytes", "1.5", "not a whole number"),  # cut to 1 it would silently refuse every file
        ("max_bytes", True, "not a whole number"),  # a config file's `true`
        ("memory_limit", "lots", "not a whole number"),
        ("time_limit", "soon", "not a number"),
        ("time_limit", "-1", "negative"),
        ("time_limit", "nan", "not between 0 and 1e"),
        ("time_limit", "inf", "not between 0 and 1e"),
        ("max_chars", str(2**51), "not between 0 and"),
    ],
)
def test_limits_refuse(key: str, raw: Any, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Limits.resolve({key: raw}, {}, config_files=())


def test_read_numbers_leaves_out_what_nothing_sets_and_names_the_flag() -> None:
    assert read_numbers(("rpm", "tpm"), {"rpm": "60"}, {"ZHENGGAI_TPM": ""}, ()) == {"rpm": 60}
    with pytest.raises(ConfigError, match=r"--rpm, ZHENGGAI_RPM"):
        read_numbers(("rpm",), {}, {"ZHENGGAI_RPM": "fast"}, ())
