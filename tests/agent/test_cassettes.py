"""Recorded traffic is clean: no credentials or client fingerprints, Chinese readable, and a request that was
never recorded fails loudly instead of reaching a network."""

import re
from pathlib import Path

import httpx
import pytest
import vcr.errors
import yaml

from tests.helpers import ROOT
from tests.helpers.fake_llm import Reply, fake_endpoint
from zhenggai.agent import cassettes

FILES = sorted((ROOT / "cassettes").rglob("*.yaml"))


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(ROOT)) for p in FILES])
def test_cassette_has_no_secrets_and_readable_chinese(path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    lowered = raw.lower()
    assert "authorization" not in lowered and "bearer" not in lowered and "x-stainless" not in lowered
    assert re.search("[\u4e00-\u9fff]{4}", raw) and "\\u" not in raw  # Chinese as itself, never escaped
    data = yaml.safe_load(raw)
    assert data["interactions"] and all(i["response"]["status"]["code"] == 200 for i in data["interactions"])


def test_unrecorded_request_fails_loudly(tmp_path: Path) -> None:
    with (
        cassettes.use_cassette(tmp_path / "none.yaml", "none"),
        pytest.raises(vcr.errors.CannotOverwriteExistingCassetteException),
    ):
        httpx.post("http://127.0.0.1:9/v1/chat/completions", json={"messages": []})


def _ask(url: str, questions: list[str]) -> None:
    for q in questions:
        httpx.post(f"{url}/v1/chat/completions", json={"messages": [{"role": "user", "content": q}]}).raise_for_status()


def _recorded(path: Path) -> list[str]:
    interactions = yaml.safe_load(path.read_text(encoding="utf-8"))["interactions"]
    return [yaml.safe_load(i["request"]["body"])["messages"][0]["content"] for i in interactions]


def test_recording_again_keeps_what_is_asked_again_and_drops_what_is_no_longer_asked(tmp_path: Path) -> None:
    path = tmp_path / "labels.yaml"
    with fake_endpoint([Reply(content="{}")]) as (url, received):
        with cassettes.use_cassette(path, "new_episodes"):
            _ask(url, ["问一", "问二"])
        with cassettes.use_cassette(path, "new_episodes"):  # the prompt of 问二 changed to 问三
            _ask(url, ["问一", "问三"])
    assert len(received) == 3  # 问一 replayed the second time
    assert _recorded(path) == ["问一", "问三"]


def test_a_recording_cut_short_keeps_what_it_did_not_reach(tmp_path: Path) -> None:
    path = tmp_path / "labels.yaml"
    with fake_endpoint([Reply(content="{}")]) as (url, _):
        with cassettes.use_cassette(path, "new_episodes"):
            _ask(url, ["问一", "问二", "问三"])
        with pytest.raises(KeyboardInterrupt), cassettes.use_cassette(path, "new_episodes"):
            _ask(url, ["问一"])
            raise KeyboardInterrupt  # the run stops before 问二 and 问三 are asked again
    assert _recorded(path) == ["问一", "问二", "问三"]
