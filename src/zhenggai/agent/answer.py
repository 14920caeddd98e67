"""What the LLM answers for one problem block, and the checks that turn its mistakes into reasks.

The model points instead of retyping: measures and figures by the index the segmenter and the rules engine
gave them, text items as short verbatim anchors. With a validation context (the block and its indices) every
anchor must be found verbatim and every index must exist; each failure is one precise message, which
instructor sends back as the reask. After the last attempt, :func:`keep_grounded` drops what still fails.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationInfo, create_model, model_validator

from ..schemas import MeasureKind, MeasureStatus


class MeasureNote(BaseModel):
    index: int = Field(description="number of the measure, as in [M1], [M2] …")
    kind: MeasureKind
    status: MeasureStatus
    bodies: list[str] = Field(default_factory=list, description="responsible bodies, copied verbatim")
    documents: list[str] = Field(default_factory=list, description="《…》 titles issued, copied verbatim")


class FigureNote(BaseModel):
    index: int = Field(description="number of the figure, as in [F1], [F2] …")
    subject: str = Field(description="what the figure counts, copied verbatim from its sentence")


class ProblemAnswer(BaseModel):
    finding: str = Field(description="the inspection's finding, copied verbatim from the heading")
    measures: list[MeasureNote] = Field(default_factory=list)
    figures: list[FigureNote] = Field(default_factory=list)

    @model_validator(mode="after")
    def grounded(self, info: ValidationInfo) -> ProblemAnswer:
        ctx = info.context.get("block") if isinstance(info.context, dict) else None
        if isinstance(ctx, BlockContext):
            errors = problems_of(self, ctx)
            if errors:
                raise ValueError("; ".join(msg for _, msg in errors))
        return self


@dataclass(frozen=True)
class BlockContext:
    """What an answer is checked against: the block's text, its measures' texts and its figures' texts."""

    title: str
    measures: list[str]
    figures: list[str]
    block: str = ""
    sentences: dict[int, str] = field(default_factory=dict)  # figure index → its sentence


def answer_model(ctx: BlockContext) -> type[ProblemAnswer]:
    """The answer model for one block, its indices narrowed to those that exist: a grammar-constrained endpoint
    then cannot even emit a measure 5 of 4, and a hosted one is told so by the schema."""
    m_ids: Any = Literal[tuple(range(1, len(ctx.measures) + 1))] if ctx.measures else int  # type: ignore[valid-type]
    f_ids: Any = Literal[tuple(range(1, len(ctx.figures) + 1))] if ctx.figures else int  # type: ignore[valid-type]
    measure = create_model("MeasureNote", __base__=MeasureNote, index=(m_ids, Field(description="M number")))
    figure = create_model("FigureNote", __base__=FigureNote, index=(f_ids, Field(description="F number")))
    return create_model(
        "ProblemAnswer", __base__=ProblemAnswer,
        measures=(list[measure], Field(default_factory=list, max_length=len(ctx.measures))),  # type: ignore[valid-type]
        figures=(list[figure], Field(default_factory=list, max_length=len(ctx.figures))),  # type: ignore[valid-type]
    )


def problems_of(answer: ProblemAnswer, ctx: BlockContext) -> list[tuple[str, str]]:
    """(item path, message) for every item of the answer that is not grounded in the block."""
    out: list[tuple[str, str]] = []
    if not answer.finding or answer.finding not in ctx.title:
        out.append(("finding", f"finding {answer.finding!r} is not copied verbatim from the heading {ctx.title!r}"))
    seen: set[int] = set()
    for i, m in enumerate(answer.measures):
        path = f"measures[{i}]"
        if not 1 <= m.index <= len(ctx.measures):
            out.append((path, f"measure index {m.index} does not exist: use 1 to {len(ctx.measures)}"))
            continue
        if m.index in seen:
            out.append((path, f"measure index {m.index} is given twice"))
        seen.add(m.index)
        text = ctx.measures[m.index - 1]
        for j, b in enumerate(m.bodies):
            if not b or b not in text:
                out.append((f"{path}.bodies[{j}]", f"body {b!r} is not found verbatim in measure [M{m.index}]"))
        for j, d in enumerate(m.documents):
            if not (d.startswith("《") and d.endswith("》")) or d not in text:
                out.append((f"{path}.documents[{j}]",
                            f"document {d!r} is not a 《…》 title found verbatim in measure [M{m.index}]"))
    for i, f in enumerate(answer.figures):
        path = f"figures[{i}]"
        if not 1 <= f.index <= len(ctx.figures):
            out.append((path, f"figure index {f.index} does not exist: use 1 to {len(ctx.figures)}"))
            continue
        sentence = ctx.sentences.get(f.index, ctx.block)
        if ctx.figures[f.index - 1] in f.subject:
            out.append((path, f"subject of figure [F{f.index}] must name what {ctx.figures[f.index - 1]!r} counts, "
                              f"not repeat the figure"))
        elif not f.subject or f.subject not in sentence:
            out.append((path, f"subject {f.subject!r} of figure [F{f.index}] {ctx.figures[f.index - 1]!r} is not "
                              f"copied verbatim from its sentence"))
    return out


def keep_grounded(answer: ProblemAnswer, ctx: BlockContext) -> tuple[ProblemAnswer, list[tuple[str, str]]]:
    """The answer without the items that fail their checks, and what was dropped (path, reason)."""
    dropped = problems_of(answer, ctx)
    bad = {p for p, _ in dropped}
    data: dict[str, Any] = answer.model_dump()
    if "finding" in bad:
        data["finding"] = ""
    for key in ("measures", "figures"):
        kept = []
        for i, item in enumerate(data[key]):
            path = f"{key}[{i}]"
            if path in bad:
                continue
            for sub in ("bodies", "documents"):
                if sub in item:
                    item[sub] = [x for j, x in enumerate(item[sub]) if f"{path}.{sub}[{j}]" not in bad]
            kept.append(item)
        data[key] = kept
    return ProblemAnswer.model_validate(data), dropped
