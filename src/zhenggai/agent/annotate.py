"""Annotation: one question per batch of problem blocks fills what rules cannot give (each measure's kind,
status, responsible body and documents issued; what each figure counts), every value chosen from the source.

Structure, figures and dates stay the rules engine's (grounded by construction); the LLM adds to them, and
anything it says that cannot be found in the source is reasked, then dropped and recorded.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from .. import prompts
from ..schemas import Figure, Measure, Problem, Report, Span, ValidationIssue
from .answer import answer_model, notes, salvage
from .blocks import Batch, batches, block_span
from .call import Caller
from .candidates import subject_span
from .meter import Meter


def annotate(report: Report, caller: Caller, meter: Meter, *, workers: int = 1) -> Report:
    """``report`` with the grounded notes of the LLM on copies of its problems, and an issue for each thing
    dropped; its usage adds to that of any LLM pass before (segmentation)."""
    system = prompts.load(prompts.PROBLEM)
    problems = [p.model_copy(deep=True) for p in report.problems]
    with ThreadPoolExecutor(workers) as pool:
        results = list(pool.map(lambda b: annotate_batch(caller, system, report.text, problems, b), batches(report)))
    usage = meter.close()
    if report.provenance.usage is not None:  # the segmentation calls made before these
        usage += report.provenance.usage
    issues = [i for r in results for i in r]
    provenance = report.provenance.model_copy(
        update={
            "extractor": "llm",
            "model": caller.model,
            "usage": usage,
            "prompt_version": ",".join(filter(None, [report.provenance.prompt_version, prompts.PROBLEM])),
        }
    )
    return report.model_copy(update={"problems": problems, "issues": report.issues + issues, "provenance": provenance})


def annotate_batch(
    caller: Caller, system: str, text: str, problems: list[Problem], batch: Batch
) -> list[ValidationIssue]:
    """One question (and its reasks) for a batch; its grounded notes go into ``problems``, the rest into issues.
    Batches touch disjoint problems, so workers never write to the same one."""
    model = answer_model(batch)
    messages = [{"role": "system", "content": system}, {"role": "user", "content": batch.prompt}]
    out = caller.ask(model, messages, max_tokens=max_tokens(batch))
    if out.answer is not None:
        merge(text, problems, notes(out.answer), batch)
        return []
    if out.failed:
        return whole("llm_failed", problems, batch, f"LLM call failed, rules result kept: {out.reason}")
    # after the last attempt: keep the keys of the last answer that validate, record those dropped
    kept, dropped = salvage(model, out.content)
    if not kept:
        message = f"no valid answer after {out.attempts} attempt(s); rules result kept: {out.reason}"
        return whole("llm_dropped", problems, batch, message)
    merge(text, problems, kept, batch)
    return [dropped_issue(batch, key, f"dropped after {out.attempts} attempt(s): {msg}") for key, msg in dropped]


def max_tokens(batch: Batch) -> int:
    """Room for the longest answer the schema allows, so that a cut answer means a runaway model."""
    return 40 + 30 * len(batch.measures) + 4 * len(batch.titles) + 16 * len(batch.figures)


def merge(text: str, problems: list[Problem], notes: dict[str, Any], batch: Batch) -> None:
    """Attach a batch's notes (validated values by key) to ``problems`` — copies, changed in place — at exact
    offsets: a body where it stands in its measure, a subject next to its figure, a title where the segmenter
    found it. A label the rules already gave stays (the measured local model labels worse than a constant):
    where the LLM agrees its source becomes ``both``, where it differs the rules' answer is kept."""
    for m, item in enumerate(batch.measures, 1):
        note = notes.get(f"M{m}")
        if note is None:
            continue
        measure = problems[item.problem].measures[item.index]
        bodies = [_at(b, measure.start + measure.text.index(b)) for b in getattr(note, "b", [])]
        _settle(measure, "kind", note.kind)
        _settle(measure, "status", note.status)
        _settle(measure, "responsible", bodies, key=lambda spans: [s.text for s in spans])
        issued = dict.fromkeys(getattr(note, "d", []))
        measure.documents = [_at(text[s:e], s) for s, e in (batch.titles[d - 1] for d in issued)]
    for f, item in enumerate(batch.figures, 1):
        figure = problems[item.problem].figures[item.index]
        at = subject_span(text, figure.start, figure.end, notes.get(f"F{f}", ""))
        _settle(figure, "subject", _at(text[at[0] : at[1]], at[0]) if at else None)


def _settle(item: Measure | Figure, label: str, answer: Any, key: Callable[[Any], Any] = lambda v: v) -> None:
    """The LLM's ``answer`` for ``label`` of ``item``: taken where the rules gave none, else only noted as
    agreeing (source ``both``)."""
    if item.sources.get(label) != "rules":
        setattr(item, label, answer)
        item.sources[label] = "llm"
    elif key(getattr(item, label)) == key(answer):
        item.sources[label] = "both"


def whole(code: str, problems: list[Problem], batch: Batch, message: str) -> list[ValidationIssue]:
    """The same issue on every problem of a batch that got no usable answer."""
    out = []
    for i in batch.problems:
        start, end = block_span(problems[i])
        out.append(
            ValidationIssue(code=code, path=f"problems[{i}]", message=message, severity="warning", start=start, end=end)
        )
    return out


def dropped_issue(batch: Batch, key: str, message: str) -> ValidationIssue:
    """The issue for one dropped key of an answer (``M3`` or ``F2``), at the measure or figure it belongs to."""
    measure = key.startswith("M")
    item = (batch.measures if measure else batch.figures)[int(key[1:]) - 1]
    path = f"problems[{item.problem}].{'measures' if measure else 'figures'}[{item.index}]"
    return ValidationIssue(
        code="llm_dropped", path=path, message=f"{key}: {message}", severity="warning", start=item.start, end=item.end
    )


def _at(part: str, start: int) -> Span:
    return Span(text=part, start=start, end=start + len(part))
