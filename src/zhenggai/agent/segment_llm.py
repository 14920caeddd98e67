"""Segmentation of a report whose outline was not found: the LLM names each problem's heading by a short
verbatim anchor, chunk by chunk (:mod:`~zhenggai.agent.chunking`), and each problem runs from its anchor to the
next; the rules engine then extracts each block as it would an outlined one."""

from __future__ import annotations

from pydantic import ValidationError

from .. import prompts
from ..rules import build_problem
from ..schemas import Report, ValidationIssue
from ..segment import closing_start, heading_at, problem_block
from ..textspans import TitleIndex
from .call import Caller
from .chunking import SegmentAnswer, align, chunks, heading_starts, ungrounded
from .meter import Meter

MAX_TOKENS = 700  # a runaway segmentation answer is cut, and then reasked as incomplete


def segment(report: Report, caller: Caller, meter: Meter) -> Report:
    """Problems of a report whose outline was not found, from the LLM's heading anchors."""
    text = report.text
    system = prompts.load(prompts.SEGMENT)
    offsets: list[int] = []
    issues: list[ValidationIssue] = []
    end = closing_start(text, 0)
    for ch in chunks(text, 0, end):
        piece = text[ch.start : ch.end]
        headings, dropped = chunk_headings(caller, system, piece)
        issues += [
            ValidationIssue(
                code="llm_dropped",
                path=f"segment[{ch.start}:{ch.end}]",
                severity="warning",
                start=ch.start,
                end=ch.end,
                message=msg,
            )
            for msg in dropped
        ]
        offsets += align(text, ch, headings)
    starts = heading_starts(text, offsets)
    bounds = [*starts[1:], end]
    ref = report.meta.reference_year
    titles = TitleIndex(text)
    problems = [
        build_problem(text, problem_block(text, heading_at(text, s, e)), ref, titles, report.meta)
        for s, e in zip(starts, bounds, strict=False)
    ]
    provenance = report.provenance.model_copy(
        update={"extractor": "llm", "model": caller.model, "prompt_version": prompts.SEGMENT, "usage": meter.close()}
    )
    detail = f"no outline found; {len(problems)} problems segmented from LLM heading anchors"
    return report.model_copy(
        update={
            "problems": problems,
            "status": "ok" if problems else report.status,
            "status_detail": detail,
            "issues": report.issues + issues,
            "provenance": provenance,
        }
    )


def chunk_headings(caller: Caller, system: str, piece: str) -> tuple[list[str], list[str]]:
    """Grounded heading anchors of one chunk, and the reasons for those dropped after the last attempt."""
    messages = [{"role": "system", "content": system}, {"role": "user", "content": piece}]
    out = caller.ask(SegmentAnswer, messages, max_tokens=MAX_TOKENS, context={"chunk": piece})
    if out.answer is not None:
        return out.answer.headings, []
    if out.failed:
        return [], [f"LLM call failed; no headings from this chunk: {out.reason}"]
    # the last answer, validated without the chunk: its well-formed anchors are kept where they are grounded
    try:
        headings = SegmentAnswer.model_validate_json(out.content).headings
    except ValidationError:
        return [], [f"no valid answer; no headings from this chunk: {out.reason}"]
    bad = ungrounded(headings, piece)
    dropped = {h for h, _ in bad}
    return [h for h in headings if h not in dropped], [f"dropped: {msg}" for _, msg in bad]
