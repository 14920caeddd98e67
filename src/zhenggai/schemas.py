"""Pydantic models of an extracted report: the single source of truth for the output.

Every string taken from the source carries ``start``/``end`` offsets (``[start, end)``) into the *loaded*
text (see :mod:`zhenggai.load`), which travels with the report so that any reader can re-check a span.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(Model):
    """A verbatim piece of the loaded source text."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


# What a figure counts, in the golden contract's fixed vocabulary (version 2), so figures of many reports add up.
Indicator = Literal[
    "problems",
    "problems_done",
    "leads",
    "cases",
    "punished",
    "accountable",
    "funds_recovered",
    "funds_spent",
    "rules",
    "documents",
    "meetings",
    "training",
    "inspections",
    "people",
    "other",
]
# Where a label came from: the rules labeler, the model trained on the gold's labels where the rules were weak
# (labels.kind_model), the LLM, or the LLM giving the answer the labeler without it gave.
LabelSource = Literal["rules", "learned", "llm", "both"]


class Figure(Span):
    """A quantity written with Arabic digits (``1.4万余人次`` → value 14000, unit ``人次``, approximate)."""

    value: float | int
    unit: str
    approximate: bool = False
    subject: Span | None = None  # what it counts, verbatim
    indicator: Indicator | None = None
    sources: dict[str, LabelSource] = Field(default_factory=dict)  # label name (subject, indicator) → source


class Precision(StrEnum):
    year = "year"
    month = "month"
    day = "day"


class DateMention(Span):
    """A calendar date, month or year (``8月10日至16日`` → 2017-08-10 … 2017-08-16)."""

    start_iso: str
    end_iso: str | None = None
    precision: Precision


MeasureKind = Literal[
    "meeting", "document", "system", "inspection", "accountability", "project", "training", "personnel", "other"
]
MeasureStatus = Literal["done", "in_progress", "planned", "long_term", "not_stated"]


class Measure(Span):
    """One rectification item, from its marker (``一是``) to the next marker of its level."""

    marker: str = ""
    kind: MeasureKind | None = None
    status: MeasureStatus | None = None
    responsible: list[Span] = Field(default_factory=list)
    documents: list[Span] = Field(default_factory=list)
    sources: dict[str, LabelSource] = Field(default_factory=dict)  # label name (kind, status, …) → source


class Problem(Model):
    label: str
    category: Span | None = None
    group: Span | None = None
    title: Span
    finding: Span
    body: Span | None = None  # heading line plus body, up to the next heading
    measures: list[Measure] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)
    sub_findings: list[Span] = Field(default_factory=list)
    # the report's own word on this problem where it gives one (``完成情况:已完成`` → ``已完成``), verbatim
    reported_status: Span | None = None


class Progress(Span):
    """A progress count in the report's own words (``已完成整改30项``)."""

    label: str
    value: float | int
    unit: str


class Meta(Model):
    issuer: Span | None = None
    inspected_unit: Span | None = None
    inspection_kind: str | None = None
    inspection_team: Span | None = None
    inspection_start: str | None = None
    inspection_end: str | None = None
    feedback_date: str | None = None
    published_date: str | None = None
    reference_year: int | None = None
    phones: list[Span] = Field(default_factory=list)
    emails: list[Span] = Field(default_factory=list)
    progress: list[Progress] = Field(default_factory=list)


class Section(Model):
    """A top-level part of the report (``一、…``): how the rectification was organised, or next steps."""

    heading: Span | None
    body: Span
    measures: list[Measure] = Field(default_factory=list)


class ValidationIssue(Model):
    code: str  # e.g. not_verbatim, value_mismatch, date_mismatch, date_after_publication, llm_dropped
    message: str
    path: str  # where in the report, e.g. problems[3].figures[2]
    start: int | None = None
    end: int | None = None
    severity: Literal["error", "warning"] = "error"


class Usage(Model):
    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    reasks: int = 0
    seconds: float = 0.0  # wall time of the LLM pass here (a replay takes almost none)
    server_seconds: float = 0.0  # processing time the endpoint reported (recorded in cassettes)

    def __add__(self, other: Usage) -> Usage:
        """Field by field: the usage of two passes over one document (segmentation, then annotation)."""
        return Usage(**{key: getattr(self, key) + getattr(other, key) for key in type(self).model_fields})


class Provenance(Model):
    extractor: str  # "rules" or "llm"
    version: str
    model: str | None = None
    prompt_version: str | None = None
    usage: Usage | None = None


Status = Literal["ok", "no_outline", "not_a_report", "failed"]


class Report(Model):
    source: str
    sha256: str
    status: Status
    status_detail: str | None = None
    text: str  # the loaded text all offsets refer to
    meta: Meta
    organisation: Section | None = None
    problems: list[Problem] = Field(default_factory=list)
    next_steps: Section | None = None
    issues: list[ValidationIssue] = Field(default_factory=list)
    provenance: Provenance


Stage = Literal["input", "load", "extract", "classify", "segment"]


class FailedRecord(Model):
    """An input that gave no report, or a report whose outline was not found: one shape for ``errors.jsonl``
    of jobs and of ``--format golden``, and for the failed records of ``--format json|jsonl``."""

    path: str  # as given (or the manifest row, ``list.csv:3``)
    status: Literal["failed", "no_outline"] = "failed"
    stage: Stage
    code: str  # a key of zhenggai.errors.CODES
    message: str
