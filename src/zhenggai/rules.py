"""Stage 3 (rules engine) — from the outline and the scanners to the report model, every item grounded."""

from __future__ import annotations

import re
from collections.abc import Sequence

from pydantic import TypeAdapter

from .dates import DateHit, iso_year, scan_dates
from .labels import label_measures, label_problem, label_problems
from .load import Document
from .meta import extract_meta
from .quantities import FigureHit, scan_figures
from .schemas import DateMention, Figure, Meta, Problem, Provenance, Report, Section
from .segment import Heading, MarkerSpan, Outline, ProblemBlock, SectionBlock, segment
from .textspans import TitleIndex, strip_span
from .unwrap import Unwrapped, unwrap
from .validate import spans_in
from .version import __version__

_REPORT_WORDS = re.compile(r"巡视|巡察")
_RECTIFY_WORDS = re.compile(r"整改")
# The report's own word on a problem: a status line (完成情况:已完成) or a lead whose first clause is a
# status word alone (整改情况:已完成。…), at a line or sentence start. Not 整改情况:已完成对…的排查 (a measure).
_STATUS_LEADS = ("完成情况", "整改情况", "整改进展", "进展情况", "整改进度", "完成进度", "整改状态")
_STATUS_WORDS = (
    "已完成整改",
    "已整改到位",
    "已整改完成",
    "已基本完成",
    "已完成",
    "基本完成",
    "持续推进",
    "持续整改",
    "长期坚持",
    "正在推进",
    "正在整改",
    "整改中",
    "推进中",
    "未完成",
    "已销号",
)
_REPORTED_STATUS = re.compile(
    rf"(?:^|(?<=[。;]))[ \t]*(?:{'|'.join(_STATUS_LEADS)})[::][ \t]*"
    rf"(?P<s>{'|'.join(sorted(_STATUS_WORDS, key=len, reverse=True))})(?=[。;,!\s]|$)",
    re.M,
)
# ... or a status word alone on its line: a table's 完成情况 cell.
_STATUS_CELL = re.compile(rf"^[ \t]*(?P<s>{'|'.join(sorted(_STATUS_WORDS, key=len, reverse=True))})[ \t]*$", re.M)
# What the first needs, found fast (a pattern that starts with words skips to their first characters; one that
# starts with a line or sentence start tries every position): a body with no lead is searched no further.
_HAS_LEAD = re.compile("|".join(_STATUS_LEADS))


def _span_fields(text: str, s: int, e: int) -> dict[str, str | int]:
    return {"text": text[s:e], "start": s, "end": e}


# A window of the text to scan: its offsets and the item labels in it.
Window = tuple[int, int, Sequence[tuple[int, int]]]


def _hits(
    text: str, windows: Sequence[Window], ref_year: int | None, titles: TitleIndex, meta: Meta | None = None
) -> list[tuple[list[FigureHit], list[DateHit]]]:
    """Each window's figures and dates: the dates of every window, then their figures, each with its dates'
    digits (and its labels) blocked. Each scanner runs over all the windows in turn: back to back its loop stays
    in the processor's caches, where the two taking turns a window at a time took an eighth longer."""
    published = meta.published_date if meta else None
    since = iso_year(meta.inspection_start) if meta and meta.inspection_start else None
    ends = [frozenset(e for _, e in labels) for _, _, labels in windows]
    dates = [
        scan_dates(
            text, lo, hi, reference_year=ref_year, titles=titles, label_ends=le, published=published, since=since
        )
        for (lo, hi, _), le in zip(windows, ends, strict=True)
    ]
    figures = [
        scan_figures(text, lo, hi, blocked=[(d.start, d.end) for d in ds] + list(labels), titles=titles, label_ends=le)
        for (lo, hi, labels), ds, le in zip(windows, dates, ends, strict=True)
    ]
    return list(zip(figures, dates, strict=True))


def mentions(
    text: str,
    lo: int,
    hi: int,
    ref_year: int | None,
    titles: TitleIndex,
    labels: Sequence[tuple[int, int]] = (),
    meta: Meta | None = None,
) -> tuple[list[Figure], list[DateMention]]:
    """Dates first, then figures with the dates' digits (and item labels) blocked: a digit is never both.
    ``meta`` gives the report's timeline: its publication and the inspection's start year. With no
    ``ref_year`` (a report that gives no year), a yearless date stays yearless."""
    [(figures, dates)] = _hits(text, [(lo, hi, labels)], ref_year, titles, meta)
    return [Figure(**f._asdict()) for f in figures], [DateMention(**d._asdict()) for d in dates]


def _title(text: str, h: Heading | None) -> dict[str, str | int] | None:
    return _span_fields(text, h.title_start, h.title_end) if h else None


def _measures(text: str, ms: list[MarkerSpan]) -> list[dict[str, str | int]]:
    return [{"text": text[m.start : m.end], "start": m.start, "end": m.end, "marker": m.marker} for m in ms]


def build_problem(
    text: str, b: ProblemBlock, ref_year: int | None, titles: TitleIndex, meta: Meta | None = None
) -> Problem:
    """``meta`` gives the report's timeline: its publication and the inspection's start year. Labelled by the
    cue tables (zhenggai.labels)."""
    return label_problem(text, Problem.model_validate(_problems(text, [b], ref_year, titles, meta)[0]))


# The report's problems validated in one call: plain fields in, models out, every field checked as one at a
# time would be (a model constructor for each span cost more than all the rest; a call for each problem, more
# than one for all).
_PROBLEMS = TypeAdapter(list[Problem])


def _problems(
    text: str, blocks: Sequence[ProblemBlock], ref_year: int | None, titles: TitleIndex, meta: Meta | None
) -> list[dict[str, object]]:
    """The fields of each problem unlabelled, plain: its spans, measures, figures and dates with it (each stage
    over all the blocks in turn, as :func:`_hits` runs its scanners)."""
    hits = _hits(text, [(b.heading.title_start, b.body[1], b.labels) for b in blocks], ref_year, titles, meta)
    statuses = [reported_status(text, *b.body) for b in blocks]
    return [_problem(text, b, *found, status) for b, found, status in zip(blocks, hits, statuses, strict=True)]


def _problem(
    text: str, b: ProblemBlock, figures: list[FigureHit], dates: list[DateHit], status: tuple[int, int] | None
) -> dict[str, object]:
    """The plain fields of one problem: its block's spans and measures, and what was found in it."""
    return {
        "label": b.heading.label,
        "category": _title(text, b.category),
        "group": _title(text, b.group),
        "title": _span_fields(text, b.heading.title_start, b.heading.title_end),
        "finding": _span_fields(text, *b.finding),
        "body": _span_fields(text, *b.body),
        "measures": _measures(text, b.measures),
        # a NamedTuple unpacked into a dict display: a third of what zipping it with its names takes (its
        # _asdict(), a Python method, takes more), and a hit of more fields or fewer fails to unpack
        "figures": [
            {"start": s, "end": e, "text": t, "value": v, "unit": u, "approximate": a} for s, e, t, v, u, a in figures
        ],
        "dates": [
            {"start": s, "end": e, "text": t, "start_iso": si, "end_iso": ei, "precision": p}
            for s, e, t, si, ei, p in dates
        ],
        "sub_findings": [_span_fields(text, s, e) for s, e in b.sub_findings],
        "reported_status": _span_fields(text, *status) if status else None,
    }


def reported_status(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """Where the report's own status word for the problem in ``text[lo:hi]`` is (``完成情况:已完成`` →
    ``已完成``)."""
    m = (_HAS_LEAD.search(text, lo, hi) and _REPORTED_STATUS.search(text, lo, hi)) or (
        _ends_a_line(text, lo, hi) and _STATUS_CELL.search(text, lo, hi)
    )
    return (m.start("s"), m.end("s")) if m else None


def _ends_a_line(text: str, lo: int, hi: int) -> bool:
    """Whether a status word ends a line of ``text[lo:hi]`` (blanks after it; ``hi`` ends a line), which
    :data:`_STATUS_CELL` needs: read at each line's end, not searched for at every 整 and 已 of the body."""
    start = lo
    while True:
        brk = text.find("\n", start, hi)
        end = hi if brk < 0 else brk
        while end > lo and text[end - 1] in " \t":
            end -= 1
        if text.endswith(_STATUS_WORDS, lo, end):
            return True
        if brk < 0:
            return False
        start = brk + 1


def _section(text: str, s: SectionBlock | None) -> Section | None:
    """The section unlabelled (its measures are labelled with the problems')."""
    if s is None:
        return None
    lo, hi = strip_span(text, s.heading.line_end if s.heading else s.start, s.end)
    return Section.model_validate(
        {
            "heading": _title(text, s.heading),
            "body": _span_fields(text, lo, hi),
            "measures": _measures(text, s.measures),
        }
    )


def classify(text: str, outline: Outline) -> tuple[str, str | None]:
    head = text[:2000]
    if not (_REPORT_WORDS.search(head) and _RECTIFY_WORDS.search(text)):
        return "not_a_report", "no inspection (巡视/巡察) and rectification (整改) wording: not a rectification report"
    if not outline.problems:
        return "no_outline", "no numbered outline of problems found; problems were not guessed"
    return "ok", None


def extract_rules(doc: Document, view: Unwrapped | None = None) -> Report:
    """The report of a loaded document. The stages read its text with the soft line breaks joined
    (:mod:`zhenggai.unwrap`; ``view``: that view where the caller has it); every span is then mapped back to
    the loaded text."""
    view = view or unwrap(doc.text)
    report = _extract(doc, view.text)
    return _restore(report, doc.text, view) if view.cuts else report


def _restore(report: Report, loaded: str, view: Unwrapped) -> Report:
    """The report with every span moved from the view to its offsets in the loaded text. A span that ends
    before the first cut stands where it stood, and is left as it is."""
    first = view.cuts[0][0]  # the same offset in the view and the loaded text
    seen: set[int] = set()  # a span object held in two places moves once
    for s in spans_in(report):
        if (s.start < first and s.end <= first) or id(s) in seen:
            continue
        seen.add(id(s))
        start = view.to_loaded(s.start)
        s.start, s.end = start, max(start, view.end_to_loaded(s.end))
        s.text = loaded[s.start : s.end]
    report.text = loaded
    return report


def _extract(doc: Document, text: str) -> Report:
    outline = segment(text)
    titles = TitleIndex(text)
    status, detail = classify(text, outline)
    meta = (
        extract_meta(text, outline.preamble, outline.closing, titles, doc.page_date)
        if status != "not_a_report"
        else Meta()
    )
    ref = meta.reference_year
    blocks = outline.problems if status == "ok" else []
    problems = _PROBLEMS.validate_python(_problems(text, blocks, ref, titles, meta))
    organisation, next_steps = _section(text, outline.organisation), _section(text, outline.next_steps)
    # the cue tables' labels (zhenggai.labels): the problems' measures in one batch, the sections' in another
    label_problems(text, problems)
    label_measures([m for section in (organisation, next_steps) if section for m in section.measures])
    return Report(
        source=doc.source,
        sha256=doc.sha256,
        status=status,  # type: ignore[arg-type]
        status_detail=detail,
        text=text,
        meta=meta,
        organisation=organisation,
        problems=problems,
        next_steps=next_steps,
        provenance=Provenance(extractor="rules", version=__version__),
    )
