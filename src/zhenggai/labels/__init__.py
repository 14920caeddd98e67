"""Rules labelers for the golden contract's version-2 labels: each measure's ``kind``, ``status`` and
``responsible`` bodies (``measures``), each figure's ``subject`` and ``indicator`` (``figures``) — from cue
tables (``cues``: a row's origin, for leave-one-report-out scoring), every span verbatim; where the rules'
kind is weak, a model trained on the gold's kinds may overrule it (``kind_model``, source ``learned``), and so
where its indicator is (``indicator_model``)."""

from __future__ import annotations

from collections.abc import Sequence

from ..schemas import Figure, LabelSource, Measure, Problem, Span
from .cues import NO_SKIP, XC, XU, H, Skip, set_labels
from .documents import documents
from .figures import (
    CLAUSE_CHARS,
    SENTENCE_MARKS,
    SPAN_CHARS,
    back_to,
    bound_only,
    comma_segment,
    figure_indicator,
    figure_subject,
    indicator_reading,
    sentence_end,
)
from .indicator_model import overrule as overrule_indicator
from .kind_model import overrule
from .measures import kind_reading, lead, measure_gate, measure_kind, measure_status, responsible

__all__ = [
    "NO_SKIP",
    "XC",
    "XU",
    "H",
    "Skip",
    "documents",
    "figure_indicator",
    "figure_subject",
    "label_figure_windows",
    "label_figures",
    "label_measures",
    "label_problem",
    "label_problems",
    "lead",
    "measure_kind",
    "measure_status",
    "responsible",
]


MEASURE_RULES: dict[str, LabelSource] = {
    "kind": "rules",
    "status": "rules",
    "responsible": "rules",
    "documents": "rules",
}


def label_measures(measures: Sequence[Measure], skip: Skip = NO_SKIP) -> None:
    """Set kind, status, responsible and the documents issued of each measure in place, each marked as the
    rules' answer (a kind the kind model gave as ``learned``): one labeler over all the measures, then the next (not the four on each measure in turn),
    so that a labeler's compiled tables stay in the processor's caches (about a tenth of their time)."""
    gated = [measure_gate(m.text, skip) for m in measures]  # one scan of each serves kind and responsible
    kinds = []
    for m, g in zip(measures, gated, strict=True):
        kind, weak = kind_reading(m.text, m.marker, skip, g)
        kinds.append((kind, overrule(kind, m.text, m.marker, skip) if weak else None))
    statuses = [measure_status(m.text, m.marker, skip, g) for m, g in zip(measures, gated, strict=True)]
    bodies = [responsible(m.text, m.start, skip, g) for m, g in zip(measures, gated, strict=True)]
    for m, (kind, second), status, body in zip(measures, kinds, statuses, bodies, strict=True):
        set_labels(m, kind=second or kind, status=status, responsible=body, documents=documents(m.text, m.start))
        m.sources.update(MEASURE_RULES)
        if second is not None:
            m.sources["kind"] = "learned"


RULES: dict[str, LabelSource] = {"subject": "rules", "indicator": "rules"}


def label_figures(text: str, figures: Sequence[Figure], lo: int, hi: int, skip: Skip = NO_SKIP) -> None:
    """Set subject and indicator of each figure (inside ``[lo, hi)`` of ``text``) in place."""
    label_figure_windows(text, ((figures, lo, hi),), skip)


Window = tuple[Sequence[Figure], int, int]  # a problem's figures and the bounds of its text


def label_figure_windows(text: str, windows: Sequence[Window], skip: Skip = NO_SKIP) -> None:
    """:func:`label_figures` of each window: the subjects of all of them, then the indicators (an indicator reads
    its figure's subject, a subject the figure's before it), so that a labeler's compiled tables stay in the
    processor's caches (taking turns a figure at a time took a tenth longer)."""
    read: list[tuple[Figure, Span | None, str, str, str, str]] = []  # what each indicator reads
    for figures, lo, hi in windows:
        c = d = d_hi = lo  # the sentence of the figure before, and the bound its end was looked for within
        for i, f in enumerate(figures):
            start, end = f.start, f.end  # a model's fields are slower to read than locals
            s, e = comma_segment(text, start, end, max(lo, start - SPAN_CHARS), min(hi, end + SPAN_CHARS))
            after = figures[i + 1] if i + 1 < len(figures) else None
            before = figures[i - 1] if i else None
            f.subject = subject = figure_subject(text, f, lo, hi, skip, before, (s, e), after)
            # the same sentence, found the same way (its ends are marks, or bounds that hold for this figure too)
            same = c < start and e <= d and (c == lo or c >= start - CLAUSE_CHARS) and (d < d_hi or d_hi == hi)
            if not same:
                c = back_to(text, SENTENCE_MARKS, max(lo, start - CLAUSE_CHARS), start)
                d_hi = min(hi, end + CLAUSE_CHARS)
                d = sentence_end(text, e, d_hi)
            read.append((f, subject, text[s:start], text[c:e], text[end:e], text[c:d]))
    for f, subject, segment, clause, rest, sentence in read:
        if subject and bound_only(text, f):  # read by the figure after it, now left out (figures.AGE_BOUND)
            f.subject = subject = None
        indicator, weak = indicator_reading(f, subject, segment, clause, skip, rest, sentence)
        second = overrule_indicator(indicator, f.unit, subject.text if subject else "", segment, skip) if weak else None
        f.indicator = second or indicator
        f.sources.update(RULES)
        if second is not None:
            f.sources["indicator"] = "learned"


def label_problems(text: str, problems: Sequence[Problem], skip: Skip = NO_SKIP) -> None:
    """Every measure and figure of ``problems`` labelled by the tables (in place); the measures of all of them
    in one batch (:func:`label_measures`)."""
    label_measures([m for p in problems for m in p.measures], skip)
    label_figure_windows(
        text, [(p.figures, p.title.start, p.body.end if p.body else p.finding.end) for p in problems], skip
    )


def label_problem(text: str, p: Problem, skip: Skip = NO_SKIP) -> Problem:
    """``p`` with every measure and figure labelled by the tables (in place)."""
    label_problems(text, (p,), skip)
    return p
