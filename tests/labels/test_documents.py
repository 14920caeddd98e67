"""The documents a measure issues: titles an issuing verb heads in its clause, verbatim with their marks."""

from __future__ import annotations

import pytest

from zhenggai.labels.documents import documents


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("二是印发《惠济区2021年优化营商环境工作要点》,明确全年工作任务。", ["《惠济区2021年优化营商环境工作要点》"]),
        # a chain of titles after one verb, joined by nothing, 和 or 、; a (试行) after a title stays outside it
        ("出台《甲办法》《乙规程》,专人督办。", ["《甲办法》", "《乙规程》"]),
        ("制定下发《甲决定》、《乙清单》和《丙清单》,明确责任。", ["《甲决定》", "《乙清单》", "《丙清单》"]),
        ("完善并印发《甲实施办法》(试行)和《乙通知》,强化担当。", ["《甲实施办法》", "《乙通知》"]),
        # a few words of the clause may stand between the verb and the title
        ("研究制定了《关于“四风”问题的意见》,充分发挥作用。", ["《关于“四风”问题的意见》"]),
        ("协助市委制订《甲实施办法(试行)》,建立12项机制。", ["《甲实施办法(试行)》"]),
        # titles followed, studied or cited are not issued
        ("严格落实《党委(党组)落实全面从严治党主体责任规定》,增强意识。", []),
        ("按照《甲意见》要求,认真学习《乙条例》。", []),
        ("持续办好《党风政风热线》栏目。", []),
        # a verb in another clause does not reach the title
        ("制定工作方案,认真贯彻《甲纲要》。", []),
        # each title once, in order
        ("印发《甲方案》,年底再次印发《甲方案》和《乙方案》。", ["《甲方案》", "《乙方案》"]),
        ("召开会议研究部署。", []),
    ],
)
def test_documents(text: str, expected: list[str]) -> None:
    found = documents(text, 100)
    assert [d.text for d in found] == expected
    assert all(text[d.start - 100 : d.end - 100] == d.text for d in found)  # verbatim at its offsets
