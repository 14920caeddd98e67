"""Stage 4 — validate: every span is re-found verbatim at its offsets and every value re-derived from its text.

It runs after extraction, over the finished report (again once the LLM has added its notes), and records each
failure as an issue in the report: nothing is corrected or dropped here, and any failure is an extractor bug.
The LLM's reasks come from its answer models' own checks (agent/answer.py), not from these.
"""

from __future__ import annotations

import math
import re
from functools import cache
from typing import Any, cast, get_args

from pydantic import BaseModel

from .dates import date_at, iso_year
from .quantities import read_figure
from .schemas import DateMention, Figure, Report, Span, ValidationIssue
from .textspans import TitleIndex, sentence_of
from .unwrap import Unwrapped, unwrap

_PLANNED = re.compile(r"计划|预计|力争|将|拟|争取|确保|前完成|之前|目标|到\d{4}年|规划|方案|纲要|以前")
_LIST_SEP = "、至到-—–~～或和"


def _holds_models(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_holds_models(a) for a in get_args(annotation))


@cache
def _model_fields(cls: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a model class that can hold models (and so spans); the walk skips strings and numbers."""
    return tuple(n for n, f in cls.model_fields.items() if n != "provenance" and _holds_models(f.annotation))


def walk_spans(model: BaseModel, path: str = "") -> list[tuple[str, Span]]:
    """Every Span inside a model, with a readable path (``problems[3].figures[2]``), in document order of the
    fields. A list, filled by plain recursion: a generator per model cost more than the checks themselves."""
    out: list[tuple[str, Span]] = []
    _collect(model, path, out)
    return out


def spans_in(model: BaseModel) -> list[Span]:
    """The spans of :func:`walk_spans`, in its order, without their paths: formatting a path for each of a
    long report's hundred thousand spans cost more than the callers that need none (only a failure names one)."""
    out: list[Span] = []
    _gather(model, out)
    return out


def _collect(model: BaseModel, path: str, out: list[tuple[str, Span]]) -> None:
    for name in _model_fields(type(model)):
        value = getattr(model, name)
        if not value:  # None or an empty list: no path to format
            continue
        here = f"{path}.{name}" if path else name
        if isinstance(value, list):  # of models, by the field's annotation: read in one loop, no list of pairs
            items: list[BaseModel] = value
            for i, item in enumerate(items):
                p = f"{here}[{i}]"
                if isinstance(item, Span):
                    out.append((p, item))
                if _model_fields(type(item)):  # a bare Span holds nothing more
                    _collect(item, p, out)
        else:
            if isinstance(value, Span):
                out.append((here, value))
            if isinstance(value, BaseModel) and _model_fields(type(value)):
                _collect(value, here, out)


@cache
def _shape(cls: type) -> tuple[bool, tuple[str, ...]]:
    """Whether a value of this class is a Span, and its fields that can hold models (none for a non-model)."""
    if not issubclass(cls, BaseModel):
        return False, ()
    model: type[BaseModel] = cls
    return issubclass(model, Span), _model_fields(model)


def _gather(model: BaseModel, out: list[Span]) -> None:
    """:func:`_collect` without paths, each value's class read once (one cached look-up) for what it is and
    holds: the walk over a long report's spans was a sixth of the validator's time."""
    fields = model.__dict__  # the field values, read without attribute look-ups
    for name in _shape(type(model))[1]:
        value = fields[name]
        if not value:  # None or an empty list
            continue
        if type(value) is not list:
            value = (value,)
        for item in value:
            kind: type = type(item)
            is_span, nested = _shape(kind)
            if is_span:
                out.append(item)
            if nested:
                _gather(item, out)


def check_span(text: str, s: Span) -> str | None:
    if not 0 <= s.start <= s.end <= len(text):
        return f"offsets [{s.start}, {s.end}) fall outside the source ({len(text)} characters)"
    if text[s.start : s.end] != s.text:
        return f"text {s.text!r} is not at [{s.start}, {s.end}); the source there reads {text[s.start : s.end]!r}"
    return None


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def check_figure(text: str, f: Figure, at: tuple[int, int] | None = None) -> str | None:
    """``at``: where the figure stands in ``text`` if not at its own offsets (the view of a wrapped text)."""
    start, end = at or (f.start, f.end)
    written = text[start:end]
    read = read_figure(written, 0, len(written))
    if read is None or read[0] != len(written):
        return f"figure text {written!r} is not a quantity"
    _, value, unit, _, _ = read
    if not unit and f.unit:  # a bare number sharing the unit of the next one: 2至4个
        nxt = end + 1
        if not (end < len(text) and text[end] in _LIST_SEP and nxt < len(text) and text[nxt].isdigit()):
            return f"figure {written!r} has no unit of its own and no shared unit follows it"
        shared = read_figure(text, nxt, min(len(text), nxt + 40))
        unit = shared[2] if shared else ""
    if value != f.value and not _same(float(value), float(f.value)):  # equal values are close: no float math
        return f"figure {written!r} has value {f.value}, but its text gives {value}"
    if unit != f.unit:
        return f"figure {written!r} has unit {f.unit!r}, but its text gives {unit!r}"
    return None


def check_date(
    text: str, d: DateMention, titles: TitleIndex | None = None, at: tuple[int, int] | None = None
) -> str | None:
    """``at``: as for :func:`check_figure`."""
    start, end = at or (d.start, d.end)
    written = text[start:end]
    hit = date_at(text, start, iso_year(d.start_iso), titles)
    if hit is None or hit.end != end:
        return f"date text {written!r} is not a date there"
    if (hit.start_iso, hit.end_iso) != (d.start_iso, d.end_iso):
        return (
            f"date {written!r} is given as {d.start_iso}…{d.end_iso}, but its text gives {hit.start_iso}…{hit.end_iso}"
        )
    return None


def _after_publication(text: str, d: DateMention, at: tuple[int, int], published: str) -> bool:
    iso = d.start_iso
    if iso_year(iso) is None or iso[: len(published)] <= published[: len(iso)]:
        return False
    return not _PLANNED.search(text, *sentence_of(text, *at))


def _in_view(view: Unwrapped, s: Span) -> tuple[int, int]:
    """Where a span of the loaded text stands in the view the extractor read (soft line breaks joined): plain
    offsets, not a model copy of the span, which cost more than the check itself."""
    return (view.to_view(s.start), view.to_view(s.end)) if view.cuts else (s.start, s.end)


@cache
def _rederived(cls: type[Span]) -> tuple[bool, bool]:
    """Whether a span of this class is a figure, and whether a date, whose values are re-derived: read once a
    class, not tested twice a span."""
    return issubclass(cls, Figure), issubclass(cls, DateMention)


def validate_report(report: Report, view: Unwrapped | None = None) -> list[ValidationIssue]:
    """``view``: ``unwrap(report.text)`` where the caller has it (the pipeline, which extracted from it)."""
    text = report.text
    issues: list[ValidationIssue] = []
    published = report.meta.published_date
    view = view or unwrap(text)  # values are re-derived from the text as the extractor read it
    titles = TitleIndex(view.text)  # once per report, not once per date
    spans = spans_in(report)
    paths: list[str] = []  # walked only when an issue names a span's place

    def path(i: int) -> str:
        if not paths:
            paths.extend(p for p, _ in walk_spans(report))
        return paths[i]

    vtext, size = view.text, len(text)
    # Each check runs over all the spans it applies to in turn, as the scanners do (back to back, a check's
    # loop stays in the processor's caches); the issues then follow the spans' order.
    failed: dict[int, tuple[str, str]] = {}  # a span's index → the code and message of its error
    figures: list[int] = []
    dates: list[int] = []
    for i, s in enumerate(spans):
        start, end = s.start, s.end
        # check_span's test inline, its message formatted only for a span that fails it (next to none)
        if not (0 <= start <= end <= size and text[start:end] == s.text):
            failed[i] = ("not_verbatim", cast(str, check_span(text, s)))
            continue
        is_figure, is_date = _rederived(type(s))
        if is_figure:
            figures.append(i)
        if is_date:
            dates.append(i)
    for i in figures:
        f = cast(Figure, spans[i])
        msg = check_figure(vtext, f, _in_view(view, f))
        if msg is not None:
            failed[i] = ("value_mismatch", msg)
    warned: dict[int, list[tuple[str, str]]] = {}  # a span's index → the codes and messages of its warnings
    for i in dates:
        if i in failed:
            continue
        d = cast(DateMention, spans[i])
        seen = _in_view(view, d)
        msg = check_date(vtext, d, titles, seen)
        if msg is not None:
            failed[i] = ("date_mismatch", msg)
            continue
        warnings = []
        if iso_year(d.start_iso) is None:
            warnings.append(
                ("date_without_year", f"date {d.text!r} has no year in reach: the report gives none ({d.start_iso})")
            )
        if published and _after_publication(vtext, d, seen, published):
            warnings.append(("date_after_publication", f"date {d.text!r} is after publication ({published})"))
        if warnings:
            warned[i] = warnings
    for i in sorted(failed.keys() | warned.keys()):
        s = spans[i]
        issues += [
            ValidationIssue(code=c, message=m, path=path(i), start=s.start, end=s.end, severity="warning")
            for c, m in warned.get(i, ())
        ]
        if i in failed:
            code, msg = failed[i]
            issues.append(ValidationIssue(code=code, message=msg, path=path(i), start=s.start, end=s.end))
    return issues + _yearless_meta(report)


def _yearless_meta(report: Report) -> list[ValidationIssue]:
    """The meta's dates that the report gives without a year (``--05-10``)."""
    return [
        ValidationIssue(
            code="date_without_year",
            path=f"meta.{name}",
            severity="warning",
            message=f"meta {name} has no year in reach: the report gives none ({iso})",
        )
        for name in ("inspection_start", "inspection_end", "feedback_date", "published_date")
        if (iso := getattr(report.meta, name)) and iso_year(iso) is None
    ]
