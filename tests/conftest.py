import pytest

from tests.helpers import DEV_GOLD, ROOT, SEEDS


@pytest.fixture(scope="session")
def seed_text() -> dict[str, str]:
    return {name: (DEV_GOLD / f"{name}.txt").read_text(encoding="utf-8") for name in SEEDS}


# Recorded LLM traffic: tests replay it offline (`record_mode` none unless --record-mode is given);
# a request with no recording fails loudly.
@pytest.fixture(scope="module")
def vcr_config() -> dict:  # type: ignore[type-arg]
    from zhenggai.agent import cassettes

    cfg = cassettes.config()
    del cfg["record_mode"]  # pytest-recording's --record-mode decides (default "none")
    return cfg


@pytest.fixture(scope="module")
def vcr_cassette_dir(request: pytest.FixtureRequest) -> str:
    return str(ROOT / "cassettes" / "tests" / request.module.__name__.split(".")[-1])


def pytest_recording_configure(config: pytest.Config, vcr) -> None:  # type: ignore[no-untyped-def]
    from zhenggai.agent import cassettes

    cassettes.register(vcr)
