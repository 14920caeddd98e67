"""Calibration records: made from an evaluation's label scores, found per model (the user's before the
shipped), and read as the fields where the LLM measured above the rules."""

from pathlib import Path

from zhenggai.agent import calibration

LABELS = {
    "kind": {
        "items": 10,
        "accuracy": 0.7,
        "macro_f1": 0.5,
        "baselines": {"commonest": {"accuracy": 0.3, "macro_f1": 0.1}, "rules": {"accuracy": 0.6, "macro_f1": 0.6}},
    },
    "status": {
        "items": 10,
        "accuracy": 0.95,
        "macro_f1": 0.4,
        "baselines": {"commonest": {"accuracy": 0.9, "macro_f1": 0.2}, "rules": {"accuracy": 0.9, "macro_f1": 0.7}},
    },
}


def test_a_record_holds_each_fields_decisive_scores() -> None:
    record = calibration.from_eval(LABELS, "some/model:7b", ["kind", "status"], "golden/dev")
    assert record["fields"] == {
        "kind": {"metric": "accuracy", "rules": 0.6, "llm": 0.7, "commonest": 0.3, "items": 10, "gold": "golden/dev"},
        "status": {"metric": "macro_f1", "rules": 0.7, "llm": 0.4, "commonest": 0.2, "items": 10, "gold": "golden/dev"},
    }
    assert record["prompts"] == {"kind": "label_kind_v1", "status": "label_status_v1"}
    assert record["model"] == "some/model:7b"
    # kind is won on accuracy (0.7 > 0.6); status is lost on macro F1 although its accuracy is higher
    assert calibration.llm_fields(record) == {"kind"}


def test_a_field_not_asked_is_not_recorded() -> None:
    assert set(calibration.from_eval(LABELS, "m", ["kind"], "g")["fields"]) == {"kind"}


def test_the_users_record_comes_first(tmp_path: Path) -> None:
    record = calibration.from_eval(LABELS, "some/model:7b", ["kind"], "golden/dev")
    path = calibration.write(record, tmp_path)
    assert path.name == "some_model_7b.json"
    assert calibration.load("some/model:7b", tmp_path) == record
    assert calibration.load("some/model:7b", tmp_path / "none") is None  # nothing shipped for it


def test_a_record_written_again_keeps_the_fields_it_does_not_measure(tmp_path: Path) -> None:
    calibration.write(calibration.from_eval(LABELS, "m", ["kind", "status"], "golden/dev"), tmp_path)
    wild = {"status": {**LABELS["status"], "macro_f1": 0.8}}  # status measured again, on other gold
    calibration.write(calibration.from_eval(wild, "m", ["status"], "golden/wild"), tmp_path)
    record = calibration.load("m", tmp_path)
    assert record is not None and list(record["fields"]) == ["kind", "status"]
    assert (record["fields"]["kind"]["gold"], record["fields"]["kind"]["llm"]) == ("golden/dev", 0.7)
    assert (record["fields"]["status"]["gold"], record["fields"]["status"]["llm"]) == ("golden/wild", 0.8)
    assert record["prompts"] == {"kind": "label_kind_v1", "status": "label_status_v1"}
    assert calibration.llm_fields(record) == {"kind", "status"}  # 0.8 > 0.7 on wild; kind still from dev


def test_another_models_record_in_the_same_file_is_not_merged_in(tmp_path: Path) -> None:
    calibration.write(calibration.from_eval(LABELS, "a/b", ["kind"], "g"), tmp_path)
    path = calibration.write(calibration.from_eval(LABELS, "a_b", ["status"], "g"), tmp_path)  # same file name
    assert path.name == "a_b.json" and set(calibration.load("a_b", tmp_path)["fields"]) == {"status"}  # type: ignore[index]


def test_a_record_from_before_fields_held_their_gold_lends_them_its_own() -> None:
    before = calibration.from_eval(LABELS, "m", ["kind"], "golden/dev")
    before["gold"] = before["fields"]["kind"].pop("gold")
    record = calibration.merged(calibration.from_eval(LABELS, "m", ["status"], "golden/wild"), before)
    assert {f: s["gold"] for f, s in record["fields"].items()} == {"kind": "golden/dev", "status": "golden/wild"}


def test_no_record_or_another_prompt_gives_the_llm_nothing() -> None:
    assert calibration.llm_fields(None) == frozenset()
    record = calibration.from_eval(LABELS, "m", ["kind"], "g")
    record["prompts"]["kind"] = "label_kind_v0"  # measured with another prompt: not this labeler
    assert calibration.llm_fields(record) == frozenset()


def test_the_table_says_which_source_the_default_takes() -> None:
    record = calibration.from_eval(LABELS, "m", ["kind", "status"], "g")
    record["fields"]["kind"]["documents"] = ["a", "b"]
    table = calibration.markdown(record)
    assert "| kind | a, b | 10 | accuracy | 0.700 | 0.600 | 0.300 | llm |" in table
    assert "| status |  | 10 | macro_f1 | 0.400 | 0.700 | 0.200 | rules |" in table
