"""What the LLM answers for one batch of problem blocks, as a Pydantic model built from that batch's source.

The model points instead of retyping. The answer has one key per numbered item of the batch — ``M1``… for
the measures, ``F1``… for the figures — so an index can be neither missing, repeated nor out of range. Every
value it may hold is cut from the source: a measure's kind and status from fixed lists, its body from the
candidates found in that measure, its ``d`` from the ``[D]`` titles inside it, a figure's subject from the
candidates around that figure (:mod:`~zhenggai.agent.candidates`). The JSON schema says so, a
grammar-constrained endpoint cannot emit anything else, and from any other endpoint pydantic rejects what is not
in the source with a message naming the key and the allowed values: that message is the reask. After the last
attempt, :func:`salvage` keeps the keys that validate and drops the rest. Short keys keep the answer small;
what they mean is in the prompt.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel, Field, TypeAdapter, ValidationError, create_model

from ..schemas import MeasureKind, MeasureStatus
from .blocks import Batch

MAX_BODIES = 1  # one body per measure: a small model asked for more repeated the first


# The model answers kind and status in Chinese words, which it matches against the Chinese text; with the
# English names it listed them in schema order, measure after measure, whatever the text said.
KINDS: dict[str, MeasureKind] = {
    "会议": "meeting",
    "发文": "document",
    "制度": "system",
    "督查": "inspection",
    "问责": "accountability",
    "项目": "project",
    "培训": "training",
    "人事": "personnel",
    "其他": "other",
}
STATUSES: dict[str, MeasureStatus] = {
    "已完成": "done",
    "推进中": "in_progress",
    "计划": "planned",
    "长期": "long_term",
    "未说明": "not_stated",
}


class MeasureNote(BaseModel):
    """``b`` (bodies) and ``d`` (D numbers) are added per measure by :func:`answer_model` when it has some."""

    k: Literal[tuple(KINDS)] = Field(description="kind of measure")  # type: ignore[valid-type]
    s: Literal[tuple(STATUSES)] = Field(description="status")  # type: ignore[valid-type]

    @property
    def kind(self) -> MeasureKind:
        return KINDS[self.k]

    @property
    def status(self) -> MeasureStatus:
        return STATUSES[self.s]


def answer_model(batch: Batch) -> type[BaseModel]:
    """The answer model for one batch: every measure a required key; every figure with candidate subjects too."""
    fields: dict[str, Any] = {}
    for m, item in enumerate(batch.measures, 1):
        extra: dict[str, Any] = {}
        if item.options:
            bodies: Any = Literal[item.options]
            extra["b"] = (
                list[bodies],
                Field(default_factory=list, max_length=MAX_BODIES, description="responsible body, verbatim"),
            )
        own = batch.titles_of(m)
        if own:
            ids: Any = Literal[tuple(own)]
            extra["d"] = (
                list[ids],
                Field(
                    default_factory=list, max_length=len(own), description="D numbers of the titles this measure issued"
                ),
            )
        fields[f"M{m}"] = (create_model(f"Measure{m}Note", __base__=MeasureNote, **extra), ...)
    for f, item in enumerate(batch.figures, 1):
        if item.options:
            subjects: Any = Literal[(*item.options, "")]
            fields[f"F{f}"] = (subjects, Field(description=f"what [F{f}] counts; empty if not stated"))
    return create_model("BatchAnswer", **fields)


def notes(answer: BaseModel) -> dict[str, Any]:
    """The answer's values by key (``M1`` → its :class:`MeasureNote`, ``F1`` → a subject)."""
    return dict(answer)


def salvage(model: type[BaseModel], content: str) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """The keys of a last, invalid answer that validate on their own, and (key, reason) for each one dropped;
    an answer that is no JSON object at all is dropped whole under the key ``""``."""
    try:
        raw = json.loads(content)
    except json.JSONDecodeError as exc:
        return {}, [("", f"no JSON answer: {exc}")]
    if not isinstance(raw, dict):
        return {}, [("", f"no JSON object: {content[:80]!r}")]
    kept: dict[str, Any] = {}
    dropped: list[tuple[str, str]] = []
    for key, field in model.model_fields.items():
        if key not in raw:
            dropped.append((key, "missing"))
            continue
        try:
            kept[key] = TypeAdapter[Any](field.annotation).validate_python(raw[key])  # type: ignore[arg-type]
        except ValidationError as exc:
            dropped.append((key, "; ".join(e["msg"] for e in exc.errors())))
    return kept, dropped
