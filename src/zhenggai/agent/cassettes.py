"""Recorded LLM traffic (vcrpy): one configuration for the tests (through pytest-recording) and for
``zhenggai eval --engine llm --replay/--record``.

Requests match on method, path and JSON body, so a changed prompt, schema or model misses its recording and
fails loudly instead of replaying a stale answer. Credentials and client fingerprint headers are never
written; Chinese stays readable in the YAML.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import vcr
import yaml
from vcr.request import Request

_SECRET_HEADERS = ("authorization", "api-key", "openai-organization", "openai-project", "cookie", "set-cookie")


def _body(r: Request) -> Any:
    raw = r.body or b""
    try:
        return json.loads(raw.decode("utf-8") if isinstance(raw, bytes) else raw)
    except (ValueError, UnicodeDecodeError):
        return raw


def json_body(r1: Request, r2: Request) -> None:
    if _body(r1) != _body(r2):
        raise AssertionError("request bodies differ")


def scrub_request(request: Request) -> Request:
    for name in list(request.headers):
        if name.lower().startswith("x-stainless") or name.lower() in _SECRET_HEADERS:
            del request.headers[name]
    return request


def scrub_response(response: dict[str, Any]) -> dict[str, Any]:
    headers = response.get("headers", {})
    for name in list(headers):
        if name.lower() in _SECRET_HEADERS:
            del headers[name]
    return response


class UnicodeYaml:
    """vcrpy's YAML serializer, with Chinese kept as written instead of \\u escapes."""

    @staticmethod
    def serialize(cassette_dict: dict[str, Any]) -> str:
        for interaction in cassette_dict.get("interactions", []):
            for part in ("request", "response"):
                body = interaction[part].get("body")
                if isinstance(body, dict) and isinstance(body.get("string"), bytes):
                    with suppress(UnicodeDecodeError):
                        body["string"] = body["string"].decode("utf-8")
        return str(yaml.dump(cassette_dict, Dumper=yaml.SafeDumper, allow_unicode=True, sort_keys=False, width=120))

    @staticmethod
    def deserialize(cassette_string: str) -> dict[str, Any]:
        return yaml.load(cassette_string, Loader=yaml.SafeLoader)  # type: ignore[no-any-return]


def config(record_mode: str = "none") -> dict[str, Any]:
    return {
        "record_mode": record_mode,
        "match_on": ["method", "path", "json_body"],
        "before_record_request": scrub_request,
        "before_record_response": scrub_response,
        "serializer": "yaml",
        "decode_compressed_response": True,
    }


def register(v: vcr.VCR) -> vcr.VCR:
    v.register_matcher("json_body", json_body)
    v.register_serializer("yaml", UnicodeYaml)  # replaces vcrpy's own, which escapes Chinese
    return v


@contextmanager
def use_cassette(path: Path, record_mode: str) -> Iterator[Any]:
    """Replay (record_mode "none": a request without a recording raises) or record one cassette file. Recording
    over an old file ("new_episodes") keeps what was asked again and adds what is new, and, once the run has
    ended well, drops what the code no longer asks (a changed prompt's old questions), so a cassette holds the
    traffic of one version of it; a run cut short (an error, Ctrl-C) keeps the recordings it did not reach."""
    drop = record_mode == "new_episodes"
    cfg = config(record_mode) | {"drop_unused_requests": drop}
    with register(vcr.VCR(**cfg)).use_cassette(str(path)) as cassette:
        try:
            yield cassette
        except BaseException:
            cassette.drop_unused_requests = False  # vcrpy saves on the way out, exception or not
            raise
