"""Endpoint configuration: flags over environment over config file; provider dialects; keys never shown."""

from pathlib import Path

import pytest

from zhenggai.agent.providers import PROVIDERS, ConfigError, resolve_endpoint


def test_no_endpoint_means_none(tmp_path: Path) -> None:
    assert resolve_endpoint({}, env={}, config_files=(tmp_path / "none.toml",)) is None


def test_precedence_flags_env_file(tmp_path: Path) -> None:
    cfg = tmp_path / "zhenggai.toml"
    cfg.write_text('[llm]\nbase_url = "https://api.example.com/v1"\nmodel = "file-model"\napi_key = "sk-file"\n')
    env = {"ZHENGGAI_MODEL": "env-model", "OPENAI_API_KEY": "sk-env"}
    ep = resolve_endpoint({"model": "flag-model"}, env=env, config_files=(cfg,))
    assert ep is not None
    assert (ep.base_url, ep.model, ep.api_key, ep.provider) == (
        "https://api.example.com/v1",
        "flag-model",
        "sk-env",
        "openai",
    )
    assert "sk-" not in repr(ep)


@pytest.mark.parametrize(
    ("url", "provider"),
    [
        ("http://127.0.0.1:8765/v1", "llamacpp"),
        ("http://localhost:8080/v1", "llamacpp"),
        ("https://api.openai.com/v1", "openai"),
    ],
)
def test_provider_defaults_by_host(url: str, provider: str) -> None:
    ep = resolve_endpoint({"base_url": url, "model": "m"}, env={}, config_files=())
    assert ep is not None and ep.provider == provider


def test_missing_model_and_unknown_provider_are_errors() -> None:
    with pytest.raises(ConfigError, match="model"):
        resolve_endpoint({"base_url": "http://127.0.0.1:1/v1"}, env={}, config_files=())
    with pytest.raises(ConfigError, match="unknown provider"):
        resolve_endpoint({"base_url": "http://x/v1", "model": "m", "provider": "nope"}, env={}, config_files=())


def test_response_format_dialects() -> None:
    rf = {"type": "json_schema", "json_schema": {"name": "A", "schema": {"type": "object"}}}
    assert PROVIDERS["openai"](rf) == rf
    assert PROVIDERS["llamacpp"](rf) == {"type": "json_object", "schema": {"type": "object"}}
