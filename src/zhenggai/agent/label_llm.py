"""The LLM's labels, one small decision per question: a measure's kind, status or responsible bodies, a figure's
subject or indicator, each asked on its own, field by field so that every call of a field shares its prefix.

Each label says where it came from. The LLM's answer is taken only for the fields where this model's
calibration record (:mod:`~zhenggai.agent.calibration`) measured it above the rules (or everywhere, under the
``llm`` policy an evaluation uses to measure it); elsewhere the rules' answer stays, marked ``both`` where the
two agree. A disagreement is kept visible as an ``llm_other_answer`` issue holding the answer not taken.
A run of identical answers the labels' spread makes implausible (a model stuck on one word) is not taken and
is recorded as ``llm_degenerate``.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any, Literal

from ..schemas import Figure, Measure, Report, Span, ValidationIssue
from ..settings import DEFAULT_ATTEMPTS, Endpoint
from . import calibration
from .label_ask import Asker, Reply
from .label_items import FIELDS, NONE, PROMPTS, WORDS, Field, Question, questions
from .label_prompts import load_prompt
from .llm import ClientFactory, LLMAgent
from .providers import ServerClock, make_client
from .throttle import UNBOUNDED, Budget, Throttle

Policy = Literal["calibrated", "llm"]

# The most any one label holds of a field's items on real reports (the dev gold's commonest label, rounded
# up): a run of one answer whose chance at that share is below RUN_CHANCE is a stuck model, not the text.
TOP_SHARE: dict[str, float] = {"kind": 0.35, "status": 0.9, "indicator": 0.7}
RUN_CHANCE = 1e-4


def longest_plausible_run(share: float) -> int:
    return math.ceil(math.log(RUN_CHANCE) / math.log(share)) - 1


def degenerate_runs(field: str, answers: Sequence[str | None]) -> list[tuple[int, int]]:
    """(start, end) of each run of one answer longer than :func:`longest_plausible_run` allows; spans fields
    (bodies, subjects) have no fixed labels and no such runs."""
    if field not in TOP_SHARE:
        return []
    limit = longest_plausible_run(TOP_SHARE[field])
    runs, start = [], 0
    for i in range(1, len(answers) + 1):
        if i == len(answers) or answers[i] != answers[start] or answers[start] is None:
            if answers[start] is not None and i - start > limit:
                runs.append((start, i))
            start = i
    return runs


def _value(q: Question, reply: Reply) -> Any:
    """The reply as the label's value: an English label, a located span (or None), a list of spans."""
    if q.field in WORDS:
        return WORDS[q.field][reply.value]
    spans = dict(zip(q.options, q.spans, strict=False))
    if q.many:
        return sorted((spans[v] for v in reply.value), key=lambda s: s.start)
    return None if reply.value == NONE else spans[reply.value]


def shown(value: Any) -> str:
    if isinstance(value, Span):
        return value.text
    if isinstance(value, list):
        return "、".join(s.text for s in value) or "(none)"
    return "(none)" if value is None else str(value)


def _key(value: Any) -> Any:
    return shown(value)


def settle(item: Measure | Figure, q: Question, value: Any, conf: float | None, take: bool) -> ValidationIssue | None:
    """Put the LLM's ``value`` for ``q.field`` on ``item`` where ``take``; mark agreement ``both``; return the
    issue that keeps the answer not taken where the two differ."""
    rules = getattr(item, q.field)
    if _key(rules) == _key(value):
        item.sources[q.field] = "both"
        return None
    other, kept = (rules, "llm") if take else (value, "rules")
    if take:
        setattr(item, q.field, value)
        item.sources[q.field] = "llm"
    sure = f" (confidence {conf:.2f})" if conf is not None else ""
    message = f"{q.field}: {kept} {shown(getattr(item, q.field))!r} kept; {'rules' if take else 'llm'} {shown(other)!r}"
    return ValidationIssue(
        code="llm_other_answer",
        path=q.path,
        message=message + (sure if not take else ""),
        severity="warning",
        start=q.start,
        end=q.end,
    )


def label(
    report: Report,
    asker: Asker,
    fields: Sequence[Field],
    taken: Callable[[Field], bool],
    problems: int | None = None,
    workers: int = 1,
) -> tuple[Report, list[ValidationIssue]]:
    """``report`` (a copy) with the LLM's answers settled field by field (over its first ``problems`` only,
    where given: a sample), and the issues of the pass. A field's questions go out ``workers`` at a time (the
    endpoint's throttle bounds what is in flight); their answers are settled in the items' order."""
    report = report.model_copy(deep=True)
    issues: list[ValidationIssue] = []
    for f in fields:
        prompt = load_prompt(PROMPTS[f])
        asked = list(questions(report, f, problems))
        with ThreadPoolExecutor(max(1, workers)) as pool:
            answered = list(pool.map(partial(asker.ask, prompt), asked))
        replies: list[Reply | None] = []
        for q, (reply, why) in zip(asked, answered, strict=True):
            replies.append(reply)
            if reply is None:
                issues.append(
                    ValidationIssue(
                        code="llm_dropped",
                        path=q.path,
                        message=f"{f}: {why}",
                        severity="warning",
                        start=q.start,
                        end=q.end,
                    )
                )
        words = [str(r.value) if r is not None else None for r in replies]
        for a, b in degenerate_runs(f, words):
            issues.append(
                ValidationIssue(
                    code="llm_degenerate",
                    path=asked[a].path,
                    severity="warning",
                    start=asked[a].start,
                    end=asked[b - 1].end,
                    message=f"{f}: {b - a} answers in a row {words[a]!r}, beyond what the labels' spread allows; not taken",
                )
            )
            replies[a:b] = [None] * (b - a)
        for q, reply in zip(asked, replies, strict=True):
            if reply is None:
                continue
            p = report.problems[q.problem]
            item: Measure | Figure = (p.measures if f in ("kind", "status", "responsible") else p.figures)[q.index]
            issue = settle(item, q, _value(q, reply), reply.confidence, taken(f))
            if issue is not None:
                issues.append(issue)
    return report, issues


class LabelAgent(LLMAgent):
    """The LLM path with per-item labelers instead of the batch annotation: segmentation where no outline was
    found (inherited), then :func:`label` over ``fields``."""

    def __init__(
        self,
        endpoint: Endpoint,
        *,
        attempts: int = DEFAULT_ATTEMPTS,
        workers: int = 1,
        client_factory: ClientFactory = make_client,
        fields: Sequence[Field] | None = None,
        policy: Policy = "calibrated",
        calibration_dir: Path | None = None,
        problems: int | None = None,
        budget: Budget = UNBOUNDED,
        shared: Path | None = None,
        throttle: Throttle | None = None,
    ) -> None:
        """``fields`` None: with a calibration record, only the fields it gives the LLM (a field the rules win
        would cost calls for nothing taken); without one, every field, so that its answers are shown beside
        the rules' until it is calibrated."""
        super().__init__(
            endpoint,
            attempts=attempts,
            workers=workers,
            client_factory=client_factory,
            budget=budget,
            shared=shared,
            throttle=throttle,
        )
        record = calibration.load(endpoint.model, calibration_dir)
        self.wins = calibration.llm_fields(record)
        if fields is None:
            fields = [f for f in FIELDS if f in self.wins] if record is not None else FIELDS
        self.fields = tuple(fields)
        self.policy = policy
        self.problems = problems  # a sample: only the first problems of each report are asked

    def takes(self, field: Field) -> bool:
        return self.policy == "llm" or field in self.wins

    def annotate(self, report: Report) -> Report:
        clock, started = ServerClock(), time.perf_counter()
        client = self.client_factory(self.endpoint, clock=clock, throttle=self.throttle)
        asker = Asker(client.client, self.endpoint.model, clock)  # the raw client: adapted, with retries
        labelled, issues = label(report, asker, self.fields, self.takes, self.problems, self.workers)
        usage = asker.usage
        usage.server_seconds = round(clock.ms / 1000, 3)
        usage.seconds = round(time.perf_counter() - started, 3)
        if report.provenance.usage is not None:  # the segmentation calls made before these
            usage += report.provenance.usage
        versions = ",".join(PROMPTS[f] for f in self.fields)
        provenance = report.provenance.model_copy(
            update={
                "extractor": "llm",
                "model": self.endpoint.model,
                "usage": usage,
                "prompt_version": ",".join(filter(None, [report.provenance.prompt_version, versions])),
            }
        )
        return labelled.model_copy(update={"issues": report.issues + issues, "provenance": provenance})
