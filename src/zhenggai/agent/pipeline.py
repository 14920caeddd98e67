"""The one-way pipeline: load → segment → extract → validate → assemble."""

from __future__ import annotations

from pathlib import Path

from ..load import Document, load_path, load_text
from ..rules import extract_rules
from ..schemas import Report, ValidationIssue
from ..validate import validate_report
from .llm import LLMAgent


def load(source: str | Path) -> Document:
    """A path (str or Path) to a file, or the report's own text when it is a str that is no existing path."""
    if isinstance(source, Path) or ("\n" not in source and len(source) < 4096 and Path(source).exists()):
        return load_path(source)
    return load_text(source)


def validate(report: Report) -> list[ValidationIssue]:
    """Re-check every span, figure and date of a report against its own text."""
    return validate_report(report)


def extract(source: str | Path | Document, *, agent: LLMAgent | None = None) -> Report:
    """Rules engine always; with an ``agent``, the LLM adds its grounded notes to each problem. Either way
    the whole report is validated against its text at the end."""
    doc = source if isinstance(source, Document) else load(source)
    report = extract_rules(doc)
    report.issues = validate_report(report)
    if agent is not None and report.status == "no_outline":
        report = agent.segment(report)
    if agent is not None and report.problems:
        report = agent.annotate(report)
        report.issues = [i for i in report.issues if i.code.startswith("llm_")] + validate_report(report)
    return report
