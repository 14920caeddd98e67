"""Every setting that a flag, an environment variable or a config key can give, in one table.

The table feeds the CLI's ``--help``, the README's settings table (a test keeps the two equal) and the
resolver: a flag wins over the environment, the environment over the first config file found
(``./zhenggai.toml``, then ``~/.config/zhenggai/config.toml``, table ``[llm]``). This module is light (no
LLM client): the endpoint is resolved here, and only an agent built from it imports openai.
"""

from __future__ import annotations

import ipaddress
import math
import os
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from .errors import ConfigError

DEFAULT_ATTEMPTS = 1  # instructor's max_retries: the first answer and one reask
DEFAULT_CTX = 8192  # llama.cpp context for `zhenggai model serve`: the longest batch prompt and its answer, with room
CONFIG_FILES = (Path("zhenggai.toml"), Path.home() / ".config" / "zhenggai" / "config.toml")


@dataclass(frozen=True)
class Setting:
    key: str  # the argparse dest and the key in the config file's [llm] table
    flag: str
    env: tuple[str, ...]  # read in this order
    help: str
    default: str | None = None
    table: str = "llm"  # the config file's table that holds the key

    def describe(self) -> str:
        where = ", ".join(self.env) if self.env else "no env var"
        default = f"; default {self.default}" if self.default else ""
        return f"{self.help} (env {where}; config [{self.table}] {self.key}{default})"


SETTINGS: tuple[Setting, ...] = (
    Setting("base_url", "--base-url", ("ZHENGGAI_BASE_URL", "OPENAI_BASE_URL"), "OpenAI-compatible endpoint URL"),
    Setting("model", "--model", ("ZHENGGAI_MODEL",), "model name at the endpoint"),
    Setting(
        "provider",
        "--provider",
        ("ZHENGGAI_PROVIDER",),
        "structured-output dialect: openai or llamacpp",
        "llamacpp on loopback, else openai",
    ),
    Setting(
        "api_key", "--api-key", ("ZHENGGAI_API_KEY", "OPENAI_API_KEY"), "API key (never printed, logged or recorded)"
    ),
    Setting("timeout", "--timeout", ("ZHENGGAI_TIMEOUT",), "seconds to wait for one LLM call", "600"),
    Setting(
        "concurrency",
        "--concurrency",
        ("ZHENGGAI_CONCURRENCY",),
        "most LLM calls in flight at once, across a local job's processes (0: no bound)",
    ),
    Setting("rpm", "--rpm", ("ZHENGGAI_RPM",), "most LLM requests in any minute (0: no limit)"),
    Setting("tpm", "--tpm", ("ZHENGGAI_TPM",), "most LLM tokens (prompt and answer) in any minute (0: no limit)"),
    Setting(
        "model_dir",
        "--dir",
        ("ZHENGGAI_MODEL_DIR",),
        "where `zhenggai model` keeps the local model",
        "~/.cache/zhenggai",
    ),
)
# Per-document limits: a hostile or huge file ends with its own code instead of taking the machine.
LIMITS: tuple[Setting, ...] = (
    Setting("max_bytes", "--max-bytes", ("ZHENGGAI_MAX_BYTES",), "largest input file, in bytes", "50000000", "limits"),
    Setting(
        "max_inflated",
        "--max-inflated",
        ("ZHENGGAI_MAX_INFLATED",),
        "largest uncompressed size of a DOCX's parts, in bytes (read through a capped stream)",
        "200000000",
        "limits",
    ),
    Setting(
        "max_chars", "--max-chars", ("ZHENGGAI_MAX_CHARS",), "most characters of loaded text", "20000000", "limits"
    ),
    Setting("time_limit", "--time-limit", ("ZHENGGAI_TIME_LIMIT",), "seconds one document may take", "60", "limits"),
    Setting(
        "memory_limit",
        "--memory-limit",
        ("ZHENGGAI_MEMORY_LIMIT",),
        "address space of the worker process a document runs in, in MB (0: none)",
        "4096",
        "limits",
    ),
)
# Where the LLM's labels are taken: a user's calibration records (one JSON per model id, written by
# `zhenggai eval --engine llm`), read before the shipped ones.
LABELS: tuple[Setting, ...] = (
    Setting(
        "calibration_dir",
        "--calibration-dir",
        ("ZHENGGAI_CALIBRATION_DIR",),
        "your calibration records: which label source wins per model (written by `zhenggai eval --engine llm`)",
        "~/.config/zhenggai/calibration",
        "labels",
    ),
)
SETTINGS = SETTINGS + LIMITS + LABELS
BY_KEY = {s.key: s for s in SETTINGS}


def markdown_table() -> str:
    """The README's table of settings, made from :data:`SETTINGS`."""
    rows = ["| flag | environment | config key | what | default |", "| --- | --- | --- | --- | --- |"]
    for s in SETTINGS:
        env = ", ".join(f"`{e}`" for e in s.env)
        rows.append(f"| `{s.flag}` | {env} | `[{s.table}] {s.key}` | {s.help} | {s.default or ''} |")
    return "\n".join(rows)


def read_config(config_files: tuple[Path, ...] = CONFIG_FILES) -> dict[str, dict[str, Any]]:
    """The tables of the first config file found ({} when none)."""
    for path in config_files:
        if path.is_file():
            try:
                with path.open("rb") as f:
                    tables = tomllib.load(f)
            except (OSError, tomllib.TOMLDecodeError) as exc:
                raise ConfigError(f"{path}: not a readable TOML file: {exc}") from exc
            for name in ("llm", "limits", "labels"):
                if not isinstance(tables.get(name, {}), dict):
                    raise ConfigError(f"{path}: [{name}] must be a table")
            return tables
    return {}


def resolver(
    flags: Mapping[str, Any] | None = None,
    env: Mapping[str, str] | None = None,
    config_files: tuple[Path, ...] = CONFIG_FILES,
) -> Callable[[str], Any]:
    """A function giving each setting's value by the table's precedence (None when nothing sets it)."""
    given = {k: v for k, v in (flags or {}).items() if v is not None}
    environ = os.environ if env is None else env
    file_cfg = read_config(config_files)

    def pick(key: str) -> Any:
        if key in given:
            return given[key]
        for name in BY_KEY[key].env:
            if environ.get(name):
                return environ[name]
        return file_cfg.get(BY_KEY[key].table, {}).get(key)

    return pick


def read_numbers(
    keys: Iterable[str],
    flags: Mapping[str, Any] | None,
    env: Mapping[str, str] | None,
    config_files: tuple[Path, ...],
    *,
    fractional: frozenset[str] = frozenset(),
    most: Mapping[str, float] | None = None,
) -> dict[str, Any]:
    """The number each of ``keys`` is set to by the table's precedence (keys nothing sets are left out): a whole
    number unless the key is ``fractional``, between 0 and ``most[key]``. Read from its text, so a config file's
    1.5 or true for a whole number is refused, not cut to 1; nan and inf are refused too."""
    pick = resolver(flags, env, config_files)
    values: dict[str, Any] = {}
    for key in keys:
        raw = pick(key)
        if raw is None or raw == "":
            continue
        s = BY_KEY[key]
        kind = "number" if key in fractional else "whole number"
        try:
            value = float(str(raw)) if key in fractional else int(str(raw))
        except ValueError:
            raise ConfigError(f"{key} {raw!r} is not a {kind} ({s.flag}, {s.env[0]})") from None
        top = (most or {}).get(key, math.inf)
        if value < 0:
            raise ConfigError(f"{key} {raw!r} is negative (0 is no limit)")
        if not value <= top or math.isinf(value):
            raise ConfigError(f"{key} {raw!r} is not between 0 and {top:g}")
        values[key] = value
    return values


_LIMIT_MAX = {"max_bytes": 2**50, "max_inflated": 2**50, "max_chars": 2**50, "time_limit": 1e6, "memory_limit": 2**30}


@dataclass(frozen=True)
class Limits:
    """What one document may cost; every field from :data:`LIMITS` (0 turns a limit off)."""

    max_bytes: int = 50_000_000
    max_inflated: int = 200_000_000
    max_chars: int = 20_000_000
    time_limit: float = 60.0
    memory_limit: int = 4096  # MB

    @classmethod
    def resolve(
        cls,
        flags: Mapping[str, Any] | None = None,
        env: Mapping[str, str] | None = None,
        config_files: tuple[Path, ...] = CONFIG_FILES,
    ) -> Limits:
        keys = [s.key for s in LIMITS]
        return cls(
            **read_numbers(keys, flags, env, config_files, fractional=frozenset({"time_limit"}), most=_LIMIT_MAX)
        )


def calibration_dir(flag: str | None = None, env: Mapping[str, str] | None = None) -> Path:
    value = resolver({"calibration_dir": flag}, env)("calibration_dir")
    return Path(value).expanduser() if value else Path.home() / ".config" / "zhenggai" / "calibration"


def model_dir(flag: str | None = None, env: Mapping[str, str] | None = None) -> Path:
    value = resolver({"model_dir": flag}, env)("model_dir")
    return Path(value).expanduser() if value else Path.home() / ".cache" / "zhenggai"


# How structured output is asked of each provider kind: hosted OpenAI-style APIs take
# ``response_format={"type": "json_schema", …}``; a llama.cpp server takes ``{"type": "json_object", "schema": …}``
# and constrains decoding with a grammar built from the schema. Pure dict transforms, so the registry is light.
ResponseFormat = Callable[[dict[str, Any]], dict[str, Any]]


def _openai_format(rf: dict[str, Any]) -> dict[str, Any]:
    return rf


def _llamacpp_format(rf: dict[str, Any]) -> dict[str, Any]:
    if rf.get("type") == "json_schema":
        return {"type": "json_object", "schema": rf["json_schema"]["schema"]}
    return rf


PROVIDERS: dict[str, ResponseFormat] = {"openai": _openai_format, "llamacpp": _llamacpp_format}


@dataclass(frozen=True)
class Endpoint:
    base_url: str
    model: str
    provider: str  # a key of PROVIDERS
    api_key: str = ""
    timeout: float = 600.0
    transport_attempts: int = 5

    def __repr__(self) -> str:  # the key is never shown
        return f"Endpoint(base_url={self.base_url!r}, model={self.model!r}, provider={self.provider!r})"


def _is_loopback(url: str) -> bool:
    host = urlparse(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def resolve_endpoint(
    flags: Mapping[str, Any] | None = None,
    env: Mapping[str, str] | None = None,
    config_files: tuple[Path, ...] = CONFIG_FILES,
) -> Endpoint | None:
    """The endpoint the settings give; None when no base URL is set anywhere."""
    pick = resolver(flags, env, config_files)
    base_url = pick("base_url")
    if not base_url:
        return None
    model = pick("model")
    if not model:
        raise ConfigError(f"the LLM endpoint {base_url} needs a model name (--model, ZHENGGAI_MODEL or [llm] model)")
    provider = pick("provider") or ("llamacpp" if _is_loopback(base_url) else "openai")
    if provider not in PROVIDERS:
        raise ConfigError(f"unknown provider {provider!r}; choose one of {', '.join(PROVIDERS)}")
    try:
        timeout = float(pick("timeout") or 600.0)
    except ValueError:
        raise ConfigError(f"timeout {pick('timeout')!r} is not a number of seconds") from None
    return Endpoint(base_url=base_url, model=model, provider=provider, api_key=pick("api_key") or "", timeout=timeout)
