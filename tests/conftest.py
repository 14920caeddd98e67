from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEV_GOLD = ROOT / "golden" / "dev"
SEEDS = ("xuchang_2017", "huiji_2021", "xiangcheng_2020")


@pytest.fixture(scope="session")
def seed_text() -> dict[str, str]:
    return {name: (DEV_GOLD / f"{name}.txt").read_text(encoding="utf-8") for name in SEEDS}
