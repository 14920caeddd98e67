"""The one-way pipeline: load → segment → extract → validate → assemble.

Light by design: the rules engine and ``import zhenggai`` never import openai, instructor or tenacity; the
LLM agent is only named for typing, and arrives built by whoever has an endpoint (``agent/factory.py``).
"""

from __future__ import annotations

import gc
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import UsageError
from .load import Document, load_path, load_text
from .rules import extract_rules
from .schemas import Report, ValidationIssue
from .unwrap import unwrap
from .validate import validate_report

if TYPE_CHECKING:
    from .agent.llm import LLMAgent


def load(source: str | Path) -> Document:
    """The document at a path. A path that does not exist is a ``not_found`` error, never report text:
    give text to :func:`load_text` or ``extract(text=…)``."""
    if isinstance(source, str) and "\n" in source:  # no path has a line break: this was report text
        warnings.warn("pass report text as extract(text=…) or load_text(…)", DeprecationWarning, stacklevel=3)
        return load_text(source)
    return load_path(source)


def validate(report: Report) -> list[ValidationIssue]:
    """Re-check every span, figure and date of a report against its own text."""
    return validate_report(report)


def _document(source: str | Path | Document | None, text: str | None) -> Document:
    if isinstance(source, Document):
        return source
    if text is not None:
        return load_text(text)
    assert source is not None
    return load(source)


def extract(
    source: str | Path | Document | None = None, *, text: str | None = None, agent: LLMAgent | None = None
) -> Report:
    """Extract one report from a path, a loaded Document, or ``text=``. Rules engine always; with an
    ``agent``, the LLM adds its grounded notes to each problem. Either way the whole report is validated
    against its text at the end."""
    if (source is None) == (text is None):
        raise UsageError("extract() takes a path or Document, or text=…, not both and not neither")
    doc = _document(source, text)
    with _collector_paused():
        view = unwrap(doc.text)  # read by the rules and again by the validator
        report = extract_rules(doc, view)
        loaded = [ValidationIssue(code=c, message=m, path="source", severity="warning") for c, m in doc.notes]
        report.issues = loaded + validate_report(report, view)
    return add_llm(report, agent) if agent is not None else report


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cycle collector held off while one document is extracted: the rules engine makes objects by the
    hundred thousand and next to no reference cycles, and the collector's full passes over a large document's
    live objects made the time per byte grow with the size (1.46x at 64 copies of a report; 1.22x paused,
    bench/bench_scaling.py). What little cyclic garbage there is goes at the next collection."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def add_llm(report: Report, agent: LLMAgent) -> Report:
    """The LLM pass over a rules report: segmentation where no outline was found, then its notes on each
    problem; validated again. Bounded by the endpoint's timeout and attempts, not by the document time limit
    (a model on two cores takes minutes a report)."""
    loaded = [i for i in report.issues if i.path == "source"]
    if report.status == "no_outline":
        report = agent.segment(report)
    if report.problems:
        report = agent.annotate(report)
        report.issues = loaded + [i for i in report.issues if i.code.startswith("llm_")] + validate_report(report)
    return report
