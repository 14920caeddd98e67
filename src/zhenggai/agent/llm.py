"""The LLM path: one instructor call per problem block fills what rules cannot give (each measure's kind,
status, responsible bodies and documents; what each figure counts), grounded by the validators.

Structure, figures and dates stay the rules engine's (grounded by construction); the LLM adds to them, and
anything it says that cannot be found in the source is reasked, then dropped and recorded.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import instructor
import openai
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
from pydantic import ValidationError

from .. import prompts
from ..schemas import Figure, Measure, Problem, Report, Span, Usage, ValidationIssue
from ..rules import build_problem
from ..segment import closing_start, heading_at, problem_block
from ..textspans import TitleIndex, sentence_of
from .answer import BlockContext, ProblemAnswer, answer_model, keep_grounded
from .chunking import SegmentAnswer, align, chunks, heading_starts, ungrounded
from .providers import Endpoint, ServerClock, make_client

DEFAULT_ATTEMPTS = 1  # instructor's max_retries: the first answer and one reask
MAX_TOKENS = 700  # a runaway answer is cut, and then reasked as incomplete


@dataclass
class Meter:
    """Usage accounting through instructor's hooks; one per document, safe across worker threads."""

    usage: Usage = field(default_factory=Usage)
    lock: threading.Lock = field(default_factory=threading.Lock)
    clock: ServerClock = field(default_factory=ServerClock)

    def attach(self, client: instructor.Instructor) -> None:
        client.on("completion:kwargs", self._call)
        client.on("completion:response", self._response)

    def _call(self, *args: Any, **kwargs: Any) -> None:
        with self.lock:
            self.usage.calls += 1

    def _response(self, response: Any) -> None:
        u = getattr(response, "usage", None)
        with self.lock:
            self.usage.prompt_tokens += getattr(u, "prompt_tokens", 0) or 0
            self.usage.completion_tokens += getattr(u, "completion_tokens", 0) or 0

    def close(self, started: float, questions: int) -> Usage:
        """Final usage; every call beyond the first for each question (block or chunk) was a reask."""
        self.usage.reasks = max(0, self.usage.calls - questions)
        self.usage.seconds = round(time.perf_counter() - started, 3)
        self.usage.server_seconds = round(self.clock.ms / 1000, 3)
        return self.usage


def block_context(text: str, p: Problem) -> BlockContext:
    lo = p.title.start
    hi = p.body.end if p.body else p.title.end
    return BlockContext(
        title=p.title.text,
        measures=[m.text for m in p.measures],
        figures=[f.text for f in p.figures],
        block=text[lo:hi],
        sentences={i + 1: text[slice(*sentence_of(text, f.start, f.end, lo, hi))] for i, f in enumerate(p.figures)},
    )


def render(ctx: BlockContext) -> str:
    lines = [f"问题:{ctx.title}"]
    lines += [f"[M{i + 1}] {m}" for i, m in enumerate(ctx.measures)]
    if ctx.figures:
        lines.append("数字:" + " ".join(f"[F{i + 1}]{f}" for i, f in enumerate(ctx.figures)))
    return "\n".join(lines)


def _anchor(text: str, anchor: str, lo: int, hi: int) -> Span | None:
    at = text.find(anchor, lo, hi)
    return Span(text=anchor, start=at, end=at + len(anchor)) if at >= 0 and anchor else None


def merge(text: str, p: Problem, answer: ProblemAnswer, ctx: BlockContext) -> Problem:
    """The problem with the LLM's grounded notes attached at exact offsets (the aligner)."""
    measures: list[Measure] = [m.model_copy() for m in p.measures]
    for note in answer.measures:
        m = measures[note.index - 1]
        m.kind, m.status = note.kind, note.status
        m.responsible = [s for s in (_anchor(text, b, m.start, m.end) for b in note.bodies) if s]
        m.documents = [s for s in (_anchor(text, d, m.start, m.end) for d in note.documents) if s]
    figures: list[Figure] = [f.model_copy() for f in p.figures]
    lo, hi = p.title.start, p.body.end if p.body else p.title.end
    for fnote in answer.figures:
        f = figures[fnote.index - 1]
        f.subject = _anchor(text, fnote.subject, *sentence_of(text, f.start, f.end, lo, hi))
    return p.model_copy(update={"measures": measures, "figures": figures})


class LLMAgent:
    def __init__(self, endpoint: Endpoint, *, attempts: int = DEFAULT_ATTEMPTS, workers: int = 1,
                 client_factory: Any = make_client) -> None:
        self.endpoint = endpoint
        self.attempts = attempts
        self.workers = max(1, workers)
        self.client_factory = client_factory
        self.system = prompts.load(prompts.PROBLEM)

    def annotate(self, report: Report) -> Report:
        meter, client = self._client()
        t0 = time.perf_counter()
        with ThreadPoolExecutor(self.workers) as pool:
            results = list(pool.map(lambda ip: self._problem(client, report.text, *ip), enumerate(report.problems)))
        usage = meter.close(t0, len(report.problems))
        if report.provenance.usage is not None:  # the segmentation calls made before these
            prior = report.provenance.usage
            for key in type(usage).model_fields:
                setattr(usage, key, getattr(usage, key) + getattr(prior, key))
        problems = [r[0] for r in results]
        issues = [i for r in results for i in r[1]]
        provenance = report.provenance.model_copy(update={
            "extractor": "llm", "model": self.endpoint.model, "usage": usage,
            "prompt_version": ",".join(filter(None, [report.provenance.prompt_version, prompts.PROBLEM]))})
        return report.model_copy(update={"problems": problems, "issues": report.issues + issues,
                                         "provenance": provenance})

    def _client(self) -> tuple[Meter, instructor.Instructor]:
        meter = Meter()
        client = self.client_factory(self.endpoint, clock=meter.clock)
        meter.attach(client)
        return meter, client

    def segment(self, report: Report) -> Report:
        """Problems of a report whose outline was not found, from the LLM's heading anchors."""
        meter, client = self._client()
        t0 = time.perf_counter()
        text = report.text
        system = prompts.load(prompts.SEGMENT)
        offsets: list[int] = []
        issues: list[ValidationIssue] = []
        end = closing_start(text, 0)
        pieces = chunks(text, 0, end)
        for ch in pieces:
            piece = text[ch.start:ch.end]
            headings, dropped = self._segment_chunk(client, system, piece)
            issues += [ValidationIssue(code="llm_dropped", path=f"segment[{ch.start}:{ch.end}]", severity="warning",
                                       start=ch.start, end=ch.end, message=msg) for msg in dropped]
            offsets += align(text, ch, headings)
        starts = heading_starts(text, offsets)
        bounds = starts[1:] + [end]
        ref = report.meta.reference_year or 2000
        titles = TitleIndex(text)
        problems = [build_problem(text, problem_block(text, heading_at(text, s, e)), ref, titles)
                    for s, e in zip(starts, bounds)]
        provenance = report.provenance.model_copy(update={
            "extractor": "llm", "model": self.endpoint.model, "prompt_version": prompts.SEGMENT, "usage": meter.close(t0, len(pieces))})
        detail = f"no outline found; {len(problems)} problems segmented from LLM heading anchors"
        return report.model_copy(update={"problems": problems, "status": "ok" if problems else report.status,
                                         "status_detail": detail, "issues": report.issues + issues,
                                         "provenance": provenance})

    def _segment_chunk(self, client: instructor.Instructor, system: str, piece: str) -> tuple[list[str], list[str]]:
        """Grounded heading anchors of one chunk, and the reasons for those dropped after the last attempt."""
        messages = [{"role": "system", "content": system}, {"role": "user", "content": piece}]
        try:
            answer = client.chat.completions.create(
                model=self.endpoint.model, response_model=SegmentAnswer, messages=messages,  # type: ignore[arg-type]
                max_retries=self.attempts, context={"chunk": piece}, temperature=0, max_tokens=MAX_TOKENS)
            return answer.headings, []
        except (InstructorRetryException, IncompleteOutputException) as exc:
            try:
                headings = SegmentAnswer.model_validate_json(_last_content(exc)).headings
            except ValidationError:
                return [], [f"no valid answer; no headings from this chunk: {str(exc)[:300]}"]
        except Exception as exc:  # noqa: BLE001 — a chunk the LLM cannot segment yields no problems
            return [], [f"LLM call failed; no headings from this chunk: {type(exc).__name__}: {exc}"]
        bad = ungrounded(headings, piece)
        dropped = {h for h, _ in bad}
        return [h for h in headings if h not in dropped], [f"dropped: {msg}" for _, msg in bad]

    def _problem(self, client: instructor.Instructor, text: str, i: int, p: Problem) -> tuple[Problem, list[ValidationIssue]]:
        ctx = block_context(text, p)
        messages = [{"role": "system", "content": self.system}, {"role": "user", "content": render(ctx)}]
        where = f"problems[{i}]"
        try:
            answer = client.chat.completions.create(
                model=self.endpoint.model, response_model=answer_model(ctx), messages=messages,  # type: ignore[arg-type]
                max_retries=self.attempts, context={"block": ctx}, temperature=0, max_tokens=MAX_TOKENS)
        except InstructorRetryException as exc:
            cause = exc.__cause__
            if isinstance(cause, openai.APIError) and not isinstance(cause, openai.APIResponseValidationError):
                return p, [_issue("llm_failed", where, p, f"LLM call failed, rules result kept: {cause}")]
            return self._salvage(text, p, ctx, exc, where)
        except IncompleteOutputException as exc:  # the answer hit max_tokens: instructor does not reask it
            return self._salvage(text, p, ctx, exc, where)
        except Exception as exc:  # noqa: BLE001 — whatever else the client raises, the rules result stands
            return p, [_issue("llm_failed", where, p, f"LLM call failed, rules result kept: {type(exc).__name__}: {exc}")]
        return merge(text, p, answer, ctx), []

    def _salvage(self, text: str, p: Problem, ctx: BlockContext,
                 exc: InstructorRetryException | IncompleteOutputException,
                 where: str) -> tuple[Problem, list[ValidationIssue]]:
        """After the last attempt: keep the grounded part of the last answer, record what is dropped."""
        attempts = getattr(exc, "n_attempts", 1)
        content = _last_content(exc)
        try:
            answer = ProblemAnswer.model_validate_json(content)
        except ValidationError:
            reason = f"no valid answer after {attempts} attempt(s); rules result kept: {str(exc)[:300]}"
            return p, [_issue("llm_dropped", where, p, reason)]
        kept, dropped = keep_grounded(answer, ctx)
        issues = [_issue("llm_dropped", f"{where}.llm.{path}", p, f"dropped after {attempts} attempt(s): {msg}")
                  for path, msg in dropped]
        return merge(text, p, kept, ctx), issues


def _last_content(exc: InstructorRetryException | IncompleteOutputException) -> str:
    """The text of the last answer instructor saw before giving up ("" if there was none)."""
    last = exc.last_completion
    return (last.choices[0].message.content or "") if last is not None and getattr(last, "choices", None) else ""


def _issue(code: str, path: str, p: Problem, message: str) -> ValidationIssue:
    return ValidationIssue(code=code, path=path, message=message, severity="warning", start=p.title.start,
                           end=p.body.end if p.body else p.title.end)
