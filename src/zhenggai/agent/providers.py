"""LLM endpoints: any OpenAI-compatible server, configured by flags, environment or a config file.

A small registry maps a provider kind to how structured output is asked for: hosted OpenAI-style APIs take
``response_format={"type": "json_schema", …}`` (instructor's JSON_SCHEMA mode); a llama.cpp server takes
``{"type": "json_object", "schema": …}`` and constrains decoding with a grammar built from the schema.
"""

from __future__ import annotations

import contextlib
import ipaddress
import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import httpx
import instructor
import openai

from .transport import resilient

ResponseFormat = Callable[[dict[str, Any]], dict[str, Any]]


def _openai_format(rf: dict[str, Any]) -> dict[str, Any]:
    return rf


def _llamacpp_format(rf: dict[str, Any]) -> dict[str, Any]:
    if rf.get("type") == "json_schema":
        return {"type": "json_object", "schema": rf["json_schema"]["schema"]}
    return rf


PROVIDERS: dict[str, ResponseFormat] = {"openai": _openai_format, "llamacpp": _llamacpp_format}
CONFIG_FILES = (Path("zhenggai.toml"), Path.home() / ".config" / "zhenggai" / "config.toml")


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


class ConfigError(ValueError):
    pass


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
    """Flags win over environment, environment over the first config file found; None when no base URL."""
    flags = {k: v for k, v in (flags or {}).items() if v is not None}
    env = os.environ if env is None else env
    file_cfg: dict[str, Any] = {}
    for path in config_files:
        if path.is_file():
            with path.open("rb") as f:
                file_cfg = tomllib.load(f).get("llm", {})
            break

    def pick(key: str, *env_keys: str) -> Any:
        if key in flags:
            return flags[key]
        for k in env_keys:
            if env.get(k):
                return env[k]
        return file_cfg.get(key)

    base_url = pick("base_url", "ZHENGGAI_BASE_URL", "OPENAI_BASE_URL")
    if not base_url:
        return None
    model = pick("model", "ZHENGGAI_MODEL")
    if not model:
        raise ConfigError("an LLM endpoint needs a model name (--model, ZHENGGAI_MODEL or [llm] model)")
    provider = pick("provider", "ZHENGGAI_PROVIDER") or ("llamacpp" if _is_loopback(base_url) else "openai")
    if provider not in PROVIDERS:
        raise ConfigError(f"unknown provider {provider!r}; choose one of {', '.join(PROVIDERS)}")
    return Endpoint(
        base_url=base_url,
        model=model,
        provider=provider,
        api_key=pick("api_key", "ZHENGGAI_API_KEY", "OPENAI_API_KEY") or "",
        timeout=float(pick("timeout", "ZHENGGAI_TIMEOUT") or 600.0),
    )


class ServerClock:
    """Server-side processing time, from the ``openai-processing-ms`` header OpenAI and llama.cpp send; a
    replayed cassette carries the recorded value, so a replay reports the seconds the model really took."""

    def __init__(self) -> None:
        self.ms = 0.0

    def __call__(self, response: httpx.Response) -> None:
        with contextlib.suppress(ValueError):
            self.ms += float(response.headers.get("openai-processing-ms", 0))


def make_client(
    endpoint: Endpoint, *, sleep: Callable[[float], None] | None = None, clock: ServerClock | None = None
) -> instructor.Instructor:
    """An instructor client whose raw calls adapt ``response_format`` to the provider and retry transport
    failures with tenacity; the openai client's own retries are off so that one policy applies."""
    http = httpx.Client(timeout=endpoint.timeout, event_hooks={"response": [clock]} if clock else None)
    raw = openai.OpenAI(
        base_url=endpoint.base_url,
        api_key=endpoint.api_key or "not-needed",
        timeout=endpoint.timeout,
        max_retries=0,
        http_client=http,
    )
    completions = raw.chat.completions
    create = completions.create
    adapt = PROVIDERS[endpoint.provider]

    def adapted(*args: Any, **kwargs: Any) -> Any:
        if "response_format" in kwargs:
            kwargs["response_format"] = adapt(kwargs["response_format"])
        return create(*args, **kwargs)

    completions.create = resilient(adapted, attempts=endpoint.transport_attempts, sleep=sleep)  # type: ignore[method-assign,assignment]
    return instructor.from_openai(raw, mode=instructor.Mode.JSON_SCHEMA)
