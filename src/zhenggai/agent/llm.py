"""The LLM path: one instructor call per batch of problem blocks fills what rules cannot give (each measure's
kind, status, responsible body and documents issued; what each figure counts), every value chosen from the source.

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
from instructor.core.exceptions import (
    IncompleteOutputException,
    InstructorRetryException,
)
from pydantic import BaseModel, ValidationError

from .. import prompts
from ..rules import build_problem
from ..schemas import Problem, Report, Span, Usage, ValidationIssue
from ..segment import closing_start, heading_at, problem_block
from ..textspans import TitleIndex
from .answer import answer_model, notes, salvage
from .blocks import Batch, batches, block_span
from .candidates import subject_span
from .chunking import SegmentAnswer, align, chunks, heading_starts, ungrounded
from .providers import Endpoint, ServerClock, make_client

DEFAULT_ATTEMPTS = 1  # instructor's max_retries: the first answer and one reask
MAX_TOKENS = 700  # a runaway segmentation answer is cut, and then reasked as incomplete


@dataclass
class Meter:
    """Usage accounting through instructor's hooks; one per document, safe across worker threads."""

    usage: Usage = field(default_factory=Usage)
    lock: threading.Lock = field(default_factory=threading.Lock)
    clock: ServerClock = field(default_factory=ServerClock)

    def attach(self, client: instructor.Instructor) -> None:
        client.on("completion:kwargs", self._call)
        client.on("completion:response", self._response)
        client.on("parse:error", self._parse_error)

    def _call(self, *args: Any, **kwargs: Any) -> None:
        with self.lock:
            self.usage.calls += 1

    def _response(self, response: Any) -> None:
        u = getattr(response, "usage", None)
        with self.lock:
            self.usage.prompt_tokens += getattr(u, "prompt_tokens", 0) or 0
            self.usage.completion_tokens += getattr(u, "completion_tokens", 0) or 0

    def _parse_error(self, error: Exception, *, is_last_attempt: bool = False, **_: Any) -> None:
        """An answer that did not validate is reasked, unless it was the last attempt."""
        if not is_last_attempt:
            with self.lock:
                self.usage.reasks += 1

    def close(self, started: float) -> Usage:
        self.usage.seconds = round(time.perf_counter() - started, 3)
        self.usage.server_seconds = round(self.clock.ms / 1000, 3)
        return self.usage


def max_tokens(batch: Batch) -> int:
    """Room for the longest answer the schema allows, so that a cut answer means a runaway model."""
    return 40 + 30 * len(batch.measures) + 4 * len(batch.titles) + 16 * len(batch.figures)


def merge(text: str, problems: list[Problem], notes: dict[str, Any], batch: Batch) -> None:
    """Attach a batch's notes (validated values by key) to ``problems`` — copies, changed in place — at exact
    offsets: a body where it stands in its measure, a subject next to its figure, a title where the segmenter
    found it."""
    for m, item in enumerate(batch.measures, 1):
        note = notes.get(f"M{m}")
        if note is None:
            continue
        measure = problems[item.problem].measures[item.index]
        measure.kind, measure.status = note.kind, note.status
        measure.responsible = [_at(b, measure.start + measure.text.index(b)) for b in getattr(note, "b", [])]
        issued = dict.fromkeys(getattr(note, "d", []))
        measure.documents = [_at(text[s:e], s) for s, e in (batch.titles[d - 1] for d in issued)]
    for f, item in enumerate(batch.figures, 1):
        figure = problems[item.problem].figures[item.index]
        at = subject_span(text, figure.start, figure.end, notes.get(f"F{f}", ""))
        figure.subject = _at(text[at[0] : at[1]], at[0]) if at else None


def _at(part: str, start: int) -> Span:
    return Span(text=part, start=start, end=start + len(part))


class LLMAgent:
    def __init__(
        self,
        endpoint: Endpoint,
        *,
        attempts: int = DEFAULT_ATTEMPTS,
        workers: int = 1,
        client_factory: Any = make_client,
    ) -> None:
        self.endpoint = endpoint
        self.attempts = attempts
        self.workers = max(1, workers)
        self.client_factory = client_factory
        self.system = prompts.load(prompts.PROBLEM)

    def annotate(self, report: Report) -> Report:
        meter, client = self._client()
        t0 = time.perf_counter()
        problems = [p.model_copy(deep=True) for p in report.problems]
        todo = batches(report)
        with ThreadPoolExecutor(self.workers) as pool:
            results = list(pool.map(lambda b: self._batch(client, report.text, problems, b), todo))
        usage = meter.close(t0)
        if report.provenance.usage is not None:  # the segmentation calls made before these
            usage += report.provenance.usage
        issues = [i for r in results for i in r]
        provenance = report.provenance.model_copy(
            update={
                "extractor": "llm",
                "model": self.endpoint.model,
                "usage": usage,
                "prompt_version": ",".join(filter(None, [report.provenance.prompt_version, prompts.PROBLEM])),
            }
        )
        return report.model_copy(
            update={"problems": problems, "issues": report.issues + issues, "provenance": provenance}
        )

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
            piece = text[ch.start : ch.end]
            headings, dropped = self._segment_chunk(client, system, piece)
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
        ref = report.meta.reference_year or 2000
        titles = TitleIndex(text)
        problems = [
            build_problem(text, problem_block(text, heading_at(text, s, e)), ref, titles)
            for s, e in zip(starts, bounds, strict=False)
        ]
        provenance = report.provenance.model_copy(
            update={
                "extractor": "llm",
                "model": self.endpoint.model,
                "prompt_version": prompts.SEGMENT,
                "usage": meter.close(t0),
            }
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

    def _segment_chunk(self, client: instructor.Instructor, system: str, piece: str) -> tuple[list[str], list[str]]:
        """Grounded heading anchors of one chunk, and the reasons for those dropped after the last attempt."""
        messages = [{"role": "system", "content": system}, {"role": "user", "content": piece}]
        try:
            answer = client.chat.completions.create(
                model=self.endpoint.model,
                response_model=SegmentAnswer,
                messages=messages,  # type: ignore[arg-type]
                max_retries=self.attempts,
                context={"chunk": piece},
                temperature=0,
                max_tokens=MAX_TOKENS,
            )
            return answer.headings, []
        except (InstructorRetryException, IncompleteOutputException) as exc:
            try:
                headings = SegmentAnswer.model_validate_json(_last_content(exc)).headings
            except ValidationError:
                return [], [f"no valid answer; no headings from this chunk: {str(exc)[:300]}"]
        except Exception as exc:
            return [], [f"LLM call failed; no headings from this chunk: {type(exc).__name__}: {exc}"]
        bad = ungrounded(headings, piece)
        dropped = {h for h, _ in bad}
        return [h for h in headings if h not in dropped], [f"dropped: {msg}" for _, msg in bad]

    def _batch(
        self, client: instructor.Instructor, text: str, problems: list[Problem], batch: Batch
    ) -> list[ValidationIssue]:
        """One call (and its reasks) for a batch; its grounded notes go into ``problems``, the rest into issues.
        Batches touch disjoint problems, so workers never write to the same one."""
        messages = [{"role": "system", "content": self.system}, {"role": "user", "content": batch.prompt}]
        model = answer_model(batch)
        try:
            answer = client.chat.completions.create(
                model=self.endpoint.model,
                response_model=model,
                messages=messages,  # type: ignore[arg-type]
                max_retries=self.attempts,
                temperature=0,
                max_tokens=max_tokens(batch),
            )
        except InstructorRetryException as exc:
            cause = exc.__cause__
            if isinstance(cause, openai.APIError) and not isinstance(cause, openai.APIResponseValidationError):
                return self._whole("llm_failed", problems, batch, f"LLM call failed, rules result kept: {cause}")
            return self._salvage(text, problems, batch, model, exc)
        except IncompleteOutputException as exc:  # the answer hit max_tokens: instructor does not reask it
            return self._salvage(text, problems, batch, model, exc)
        except Exception as exc:
            return self._whole(
                "llm_failed", problems, batch, f"LLM call failed, rules result kept: {type(exc).__name__}: {exc}"
            )
        merge(text, problems, notes(answer), batch)
        return []

    def _salvage(
        self,
        text: str,
        problems: list[Problem],
        batch: Batch,
        model: type[BaseModel],
        exc: InstructorRetryException | IncompleteOutputException,
    ) -> list[ValidationIssue]:
        """After the last attempt: keep the keys of the last answer that validate, record those dropped."""
        attempts = getattr(exc, "n_attempts", 1)
        kept, dropped = salvage(model, _last_content(exc))
        if not kept:
            return self._whole(
                "llm_dropped",
                problems,
                batch,
                f"no valid answer after {attempts} attempt(s); rules result kept: {str(exc)[:300]}",
            )
        merge(text, problems, kept, batch)
        return [_dropped(batch, key, f"dropped after {attempts} attempt(s): {msg}") for key, msg in dropped]

    @staticmethod
    def _whole(code: str, problems: list[Problem], batch: Batch, message: str) -> list[ValidationIssue]:
        """The same issue on every problem of a batch that got no usable answer."""
        out = []
        for i in batch.problems:
            start, end = block_span(problems[i])
            out.append(
                ValidationIssue(
                    code=code, path=f"problems[{i}]", message=message, severity="warning", start=start, end=end
                )
            )
        return out


def _last_content(exc: InstructorRetryException | IncompleteOutputException) -> str:
    """The text of the last answer instructor saw before giving up ("" if there was none)."""
    last = exc.last_completion
    return (last.choices[0].message.content or "") if last is not None and getattr(last, "choices", None) else ""


def _dropped(batch: Batch, key: str, message: str) -> ValidationIssue:
    """The issue for one dropped key of an answer (``M3`` or ``F2``), at the measure or figure it belongs to."""
    measure = key.startswith("M")
    item = (batch.measures if measure else batch.figures)[int(key[1:]) - 1]
    path = f"problems[{item.problem}].{'measures' if measure else 'figures'}[{item.index}]"
    return ValidationIssue(
        code="llm_dropped", path=path, message=f"{key}: {message}", severity="warning", start=item.start, end=item.end
    )
