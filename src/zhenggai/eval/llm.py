"""The LLM engine over a golden set, each document inside its cassette: replayed offline (``replay``),
recorded against a live endpoint (``record``), or live with no cassette (``live``).

A replay uses the endpoint and settings the recording was made with (``endpoint.json`` beside the
cassettes), so that its requests match the recorded ones byte for byte. With ``labels`` (the fields asked of
the per-item labelers, by document in ``endpoint.json``) the labelers run instead of the batch annotation, their
answers taken wherever they answered, so that the scores are the LLM's; the calibration record of the model
is made from them (:mod:`~zhenggai.agent.calibration`).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any, Literal

from ..errors import ConfigError
from ..golden import gold_pairs
from ..load import load_path
from ..pipeline import extract
from ..schemas import Report
from ..settings import DEFAULT_ATTEMPTS, Endpoint
from .run import Extractor
from .score import Json

Mode = Literal["replay", "record", "live"]
GoldView = Callable[[str, Json], Json]
RECORDING = "endpoint.json"


def recorded_endpoint(cassettes: Path) -> tuple[Endpoint, int]:
    """(endpoint, attempts) a recording was made with."""
    saved = _saved(cassettes)
    return Endpoint(base_url=saved["base_url"], model=saved["model"], provider=saved["provider"]), int(
        saved["attempts"]
    )


def _saved(cassettes: Path) -> dict[str, Any]:
    path = cassettes / RECORDING
    if not path.exists():
        raise ConfigError(f"{path}: no recording to replay; record with --record first")
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def recorded_labels(cassettes: Path) -> dict[str, list[str]] | None:
    """The label fields recorded per document, or None for a recording of the batch annotation."""
    return _saved(cassettes).get("labels")


def evaluate_llm(
    golden: Path,
    *,
    mode: Mode,
    endpoint: Endpoint | None = None,
    attempts: int = DEFAULT_ATTEMPTS,
    cassettes: Path | None = None,
    labels: Sequence[str] | None = None,
    problems: int | None = None,
) -> Json:
    from ..agent.cassettes import use_cassette
    from ..agent.label_items import FIELDS
    from ..agent.label_llm import LabelAgent
    from ..agent.llm import LLMAgent
    from .run import evaluate

    cassettes = cassettes or Path("cassettes") / "eval" / golden.name
    by_doc: dict[str, list[str]] | None = None
    sample: dict[str, int] = {}  # documents recorded for their first problems only
    if mode == "replay":
        endpoint, attempts = recorded_endpoint(cassettes)
        by_doc = recorded_labels(cassettes)
        sample = _saved(cassettes).get("problems", {})
    elif labels is not None:
        here = [src.stem for src, _ in gold_pairs(golden)]
        by_doc = {name: list(labels) for name in here}
        sample = dict.fromkeys(here, problems) if problems is not None else {}
    if endpoint is None:
        raise ConfigError("--engine llm needs an endpoint (--base-url/--model) unless it replays (--replay)")
    saved: dict[str, Any] = {
        "base_url": endpoint.base_url,
        "model": endpoint.model,
        "provider": endpoint.provider,
        "attempts": attempts,
    }
    if mode == "record":
        cassettes.mkdir(parents=True, exist_ok=True)
        if by_doc is not None and (cassettes / RECORDING).exists():  # what was recorded before stays recorded
            before = recorded_labels(cassettes) or {}
            by_doc = {d: sorted({*before.get(d, []), *fs}, key=FIELDS.index) for d, fs in {**before, **by_doc}.items()}
            others = {d: k for d, k in _saved(cassettes).get("problems", {}).items() if d not in here}
            sample = {**others, **sample}
        if by_doc is not None:
            saved["labels"] = by_doc
            if sample:
                saved["problems"] = sample

    def agent_for(name: str) -> LLMAgent:
        if by_doc is None:
            return LLMAgent(endpoint, attempts=attempts)
        asked = [f for f in FIELDS if f in by_doc.get(name, [])]
        return LabelAgent(endpoint, attempts=attempts, fields=asked, policy="llm", problems=sample.get(name))

    def run(path: Path) -> Report:
        agent = agent_for(path.stem)
        if mode == "live":
            return extract(load_path(path), agent=agent)
        # a label recording grows field by field: what is recorded replays, what is new is recorded
        record = "none" if mode == "replay" else "new_episodes" if by_doc is not None else "once"
        with use_cassette(cassettes / f"{path.stem}.yaml", record):
            report = extract(load_path(path), agent=agent)
        if mode == "replay":
            _all_recorded(cassettes / f"{path.stem}.yaml", report)
        if mode == "record":
            (cassettes / RECORDING).write_text(json.dumps(saved, indent=1) + "\n", encoding="utf-8")
        return report

    # a label recording that covers part of the set is scored on the documents it covers
    names = set(by_doc) if mode == "replay" and by_doc is not None else None
    view = partial(sampled_gold, sample)
    result = evaluate(golden, extractor=run, engine="llm", names=names, gold_view=view)
    if by_doc is not None:
        result["calibration"] = calibrate(result, endpoint.model, golden, by_doc, run, view)
        for entry in result["calibration"]["fields"].values():
            entry["problems"] = {d: sample[d] for d in entry["documents"] if d in sample}
    return result


def _all_recorded(cassette: Path, report: Report) -> None:
    """A replayed question with no recording fails the replay: the cassette refused the request (the client saw a
    connection error, which no recorded response gives), and the agent, as it must against a live endpoint, went
    on without the answer, which would score the rules' label as the model's."""
    missing = [
        i for i in report.issues if i.code in ("llm_dropped", "llm_failed") and "APIConnectionError" in i.message
    ]
    if missing:
        raise ConfigError(
            f"{cassette}: {len(missing)} questions have no recording (the first at {missing[0].path}): the "
            "prompts, candidates or rules changed since it was recorded; record the new ones with --record"
        )


LABEL_KEYS = {"measures": ("kind", "status", "responsible"), "figures": ("subject", "indicator")}


def sampled_gold(sample: dict[str, int], name: str, gold: Json) -> Json:
    """The gold of a document recorded for its first problems only, with the labels of the rest taken out
    (an item without a label is not scored on it): the LLM and both baselines are scored on the sample."""
    if name not in sample:
        return gold
    out = copy.deepcopy(gold)
    for problem in out.get("problems", [])[sample[name] :]:
        for key, labels in LABEL_KEYS.items():
            for item in problem.get(key) or []:
                if isinstance(item, dict):
                    for label in labels:
                        item.pop(label, None)
    return out


def calibrate(
    result: Json, model: str, golden: Path, by_doc: dict[str, list[str]], run: Extractor, view: GoldView
) -> Json:
    """The model's calibration record: each field scored on the documents it was asked of (scored again on
    just those where that is not every document of ``result``; a replay costs no model time)."""
    from ..agent import calibration
    from ..agent.label_items import FIELDS
    from .run import evaluate

    scored = {d["name"] for d in result["documents"]}
    labels: dict[str, Any] = {}
    documents: dict[str, list[str]] = {}
    for f in FIELDS:
        docs = {d for d in scored if f in by_doc.get(d, [])}
        if not docs:
            continue
        part = result if docs == scored else evaluate(golden, extractor=run, engine="llm", names=docs, gold_view=view)
        labels[f], documents[f] = part["summary"]["labels"][f], sorted(docs)
    record = calibration.from_eval(labels, model, [f for f in FIELDS if f in labels], golden.as_posix())
    for f, entry in record["fields"].items():
        entry["documents"] = documents[f]
    return record
