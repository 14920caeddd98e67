"""A label recording of a sample (the first problems of a report) is scored on that sample only."""

from zhenggai.eval.llm import sampled_gold

GOLD = {
    "problems": [
        {"title": "一", "measures": [{"text": "a", "kind": "meeting", "status": "done"}], "figures": []},
        {
            "title": "二",
            "measures": ["b", {"text": "c", "kind": "system", "responsible": []}],
            "figures": [{"text": "3次", "subject": "会议", "indicator": "meetings"}],
        },
    ]
}


def test_the_labels_after_the_sample_are_taken_out() -> None:
    view = sampled_gold({"doc": 1}, "doc", GOLD)
    assert view["problems"][0] == GOLD["problems"][0]
    assert view["problems"][1]["measures"] == ["b", {"text": "c"}]
    assert view["problems"][1]["figures"] == [{"text": "3次"}]
    assert GOLD["problems"][1]["measures"][1]["kind"] == "system"  # the gold read is not changed


def test_a_document_recorded_whole_keeps_its_gold() -> None:
    assert sampled_gold({"other": 1}, "doc", GOLD) is GOLD
