"""What one LLM call is shown: problem blocks packed in order, items numbered in place."""

from tests.helpers import BLOCKS_TEXT as TEXT
from zhenggai import extract
from zhenggai.agent.blocks import batches


def test_blocks_are_packed_in_order_and_numbered_in_place() -> None:
    report = extract(text=TEXT)
    assert len(report.problems) == 3
    [batch] = batches(report)
    assert batch.problems == [0, 1]  # the third has neither measures nor figures: nothing to ask
    assert [m.text for m in batch.measures] == [
        "一是市委召开会议3次。",
        "二是印发《学习方案》和《考核办法》。",
        "一是区纪委监委开展督查5次,查处问题12个。",
    ]
    assert [(m.problem, m.index) for m in batch.measures] == [(0, 0), (0, 1), (1, 0)]
    assert [f.text for f in batch.figures] == ["3次", "5次", "12个"]
    assert [report.text[s:e] for s, e in batch.titles] == ["《学习方案》", "《考核办法》"]
    assert batch.titles_of(2) == [1, 2] and batch.titles_of(1) == batch.titles_of(3) == []
    assert "[M1]一是市委召开会议3次[F1]。[M2]二是印发《学习方案》[D1]和《考核办法》[D2]。" in batch.prompt
    assert "[M3]一是区纪委监委开展督查5次[F2],查处问题12个[F3]。" in batch.prompt
    assert batch.measures[2].options and "区纪委监委" in batch.measures[2].options
    assert "查处问题" in batch.figures[2].options and "开展督查" in batch.figures[1].options


def test_a_block_over_the_limit_opens_a_new_batch() -> None:
    report = extract(text=TEXT)
    split = batches(report, limit=10)
    assert [b.problems for b in split] == [[0], [1]]
    assert [m.text for m in split[1].measures] == ["一是区纪委监委开展督查5次,查处问题12个。"]
    assert "[M1]" in split[1].prompt and "[F1]" in split[1].prompt  # numbering restarts per batch
