"""The README's settings and error-code tables are the code's own tables, so neither can drift."""

import pytest

from tests.helpers import ROOT
from zhenggai import errors, settings

README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("table", [settings.markdown_table, errors.markdown_table], ids=["settings", "errors"])
def test_readme_holds_the_table(table) -> None:  # type: ignore[no-untyped-def]
    assert table() in README


def test_every_env_var_the_code_reads_is_in_the_table() -> None:
    documented = {e for s in settings.SETTINGS for e in s.env}
    assert {"OPENAI_BASE_URL", "ZHENGGAI_PROVIDER", "ZHENGGAI_TIMEOUT", "ZHENGGAI_MODEL_DIR"} <= documented
