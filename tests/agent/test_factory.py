"""The engine that travels to workers: its budget and shared folder reach the agent's throttle, its API key
does not travel; and the command line builds it (a job's processes share the budget through the job folder,
the workers of a remote Dask scheduler do not)."""

import pickle
from pathlib import Path

import pytest

from zhenggai.agent.factory import Engine
from zhenggai.agent.throttle import JOB_FOLDER, Budget, FileStore, MemoryStore
from zhenggai.cli import _engine, build_parser
from zhenggai.settings import Endpoint

SECRET = "sk-secret-key-0123"
ENDPOINT = Endpoint(base_url="http://127.0.0.1:9/v1", model="m", provider="llamacpp", api_key=SECRET)


def test_the_budget_travels_and_the_key_does_not(tmp_path: Path) -> None:
    engine = Engine(ENDPOINT, budget=Budget(concurrency=2, rpm=60), shared=str(tmp_path))
    keyless = engine.without_key()
    assert SECRET.encode() not in pickle.dumps(keyless)
    assert (keyless.budget, keyless.shared) == (Budget(concurrency=2, rpm=60), str(tmp_path))


@pytest.mark.parametrize("shared", [True, False])
def test_the_agent_throttles_with_the_engines_budget(shared: bool, tmp_path: Path) -> None:
    budget = Budget(concurrency=3, tpm=1000)
    agent = Engine(ENDPOINT, budget=budget, shared=str(tmp_path) if shared else None).agent()
    assert agent is not None and agent.throttle.budget == budget
    store = agent.throttle.store
    if shared:
        assert isinstance(store, FileStore) and store.path == tmp_path / "rate.json"
    else:
        assert isinstance(store, MemoryStore)


def test_one_throttle_per_endpoint_and_budget_in_a_process() -> None:
    a, b = Engine(ENDPOINT, budget=Budget(rpm=5)).agent(), Engine(ENDPOINT, budget=Budget(rpm=5)).agent()
    c = Engine(ENDPOINT, budget=Budget(rpm=6)).agent()
    assert a is not None and b is not None and c is not None
    assert a.throttle is b.throttle and a.throttle is not c.throttle


ENGINE = ["--engine", "llm", "--base-url", "http://127.0.0.1:9/v1", "--model", "m"]


@pytest.mark.parametrize(
    ("argv", "budget", "shared"),
    [
        ([*ENGINE, "--concurrency", "4", "--rpm", "100", "--tpm", "9000"], Budget(4, 100, 9000), None),
        ([*ENGINE, "--concurrency", "2", "--job", "J"], Budget(concurrency=2), "J"),
        ([*ENGINE, "--job", "J", "--dask"], Budget(), "J"),  # a local cluster: on this machine
        ([*ENGINE, "--job", "J", "--dask", "tcp://10.0.0.1:8786"], Budget(), None),  # other machines
        (["--engine", "rules", "--rpm", "many", "--job", "J"], Budget(), None),  # no endpoint: never read
    ],
)
def test_the_command_line_builds_the_engine(
    argv: list[str], budget: Budget, shared: str | None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("ZHENGGAI_CONCURRENCY", "ZHENGGAI_RPM", "ZHENGGAI_TPM"):
        monkeypatch.delenv(name, raising=False)
    engine = _engine(build_parser().parse_args(["extract", "a.txt", *argv]))
    assert engine.budget == budget
    assert engine.shared == (str(tmp_path / shared / JOB_FOLDER) if shared else None)
